/** The channel plant of the example generator (examples/generator/channel.ts): Bayes' rule by hand. */
import { describe, expect, it } from 'vitest';
import { partnerGiven, plantedProbability } from '../../examples/generator/channel.js';

describe('channel plant', () => {
  it('P(partner | tier, outcome) from a 25% partner share and the planted per-channel win rates', () => {
    // champion: P(won) = 0.25 × 0.5 + 0.75 × 0.9 = 0.8; P(partner | won) = 0.125 / 0.8; P(partner | lost) = 0.125 / 0.2.
    expect(partnerGiven('champion', true)).toBeCloseTo(0.15625, 12);
    expect(partnerGiven('champion', false)).toBeCloseTo(0.625, 12);
    // Other tiers win at the same rate in both channels, so the outcome says nothing about the channel.
    for (const tier of ['supporter', 'neutral', 'opposed'] as const) {
      expect(partnerGiven(tier, true)).toBeCloseTo(0.25, 12);
      expect(partnerGiven(tier, false)).toBeCloseTo(0.25, 12);
    }
    expect([plantedProbability('champion', 'partner'), plantedProbability('champion', 'direct'), plantedProbability('supporter', 'partner')]).toEqual([0.5, 0.9, 0.45]);
  });
});
