/** Reliability table by score group: tie-aware cuts, hand-built groups and a reference grouping. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reliabilityByScoreGroup } from '../../src/simulate/stats/index.js';

type Outcome = 0 | 1;

describe('reliabilityByScoreGroup', () => {
  it('20 distinct scores: two per group, sorted by score', () => {
    // scores given in reverse, 20 … 1; after sorting ascending, group k holds scores 2k−1 and 2k.
    const scores = Array.from({ length: 20 }, (_, i) => 20 - i);
    const p = scores.map((s) => s / 20);
    const y = scores.map((s) => (s % 2 === 0 ? 1 : 0) as Outcome);
    const rows = reliabilityByScoreGroup(scores, p, y);
    expect(rows).toHaveLength(10);
    // group 1: scores 1, 2 → mean p = (0.05 + 0.10) / 2 = 0.075, one win of two
    expect(rows[0]).toEqual({ group: 1, from: 1, to: 2, n: 2, wins: 1, meanPredicted: expect.closeTo(0.075, 12), winRate: 0.5 });
    expect(rows[9]).toEqual({ group: 10, from: 19, to: 20, n: 2, wins: 1, meanPredicted: expect.closeTo(0.975, 12), winRate: 0.5 });
  });

  it('3 deals and 10 bins: cuts at ⌊k·3/10⌋ = 0,0,0,1,1,1,2,2,2 give three groups of one, numbered 1–3', () => {
    const rows = reliabilityByScoreGroup([30, 10, 20], [0.9, 0.1, 0.5], [1, 0, 0]);
    expect(rows).toEqual([
      { group: 1, from: 10, to: 10, n: 1, wins: 0, meanPredicted: 0.1, winRate: 0 },
      { group: 2, from: 20, to: 20, n: 1, wins: 0, meanPredicted: 0.5, winRate: 0 },
      { group: 3, from: 30, to: 30, n: 1, wins: 1, meanPredicted: 0.9, winRate: 1 },
    ]);
  });

  it('many tied scores: a cut inside a tie moves to the nearer end of the run', () => {
    // 20 deals sorted: 0 0 | 5 ×12 (positions 2–13) | 7 7 7 | 9 9 9  — bins 5 aims at positions 4, 8, 12, 16.
    // 4: inside the run of 5s [2, 14): 2 from the lower end, 10 from the upper → 2.
    // 8: 6 from the lower end, 6 from the upper → upper end, 14.
    // 12: 10 vs 2 → 14 (already a cut, dropped). 16: inside the 7s [14, 17): 2 vs 1 → 17.
    // Groups: [0,2) scores 0; [2,14) scores 5; [14,17) scores 7; [17,20) scores 9.
    const scores = [9, 0, 5, 5, 7, 5, 5, 5, 9, 5, 5, 5, 7, 5, 0, 5, 5, 9, 5, 7];
    const y = scores.map((s, i) => (s === 5 ? i % 3 === 0 ? 1 : 0 : s > 5 ? 1 : 0) as Outcome);
    const rows = reliabilityByScoreGroup(scores, scores.map(() => 0.5), y, 5);
    // wins among the 5s: input positions 3, 6, 9, 15, 18 are multiples of 3 → 5 of 12.
    expect(rows.map((r) => [r.group, r.from, r.to, r.n, r.wins])).toEqual([
      [1, 0, 0, 2, 0],
      [2, 5, 5, 12, 5],
      [3, 7, 7, 3, 3],
      [4, 9, 9, 3, 3],
    ]);
  });

  it('the table does not depend on the order of tied deals', () => {
    // 10 deals with one score: a single group, whatever the order.
    const p = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    const y = p.map((_, i) => (i % 2) as Outcome);
    const rows = reliabilityByScoreGroup(p.map(() => 1), p, y);
    expect(rows).toEqual([{ group: 1, from: 1, to: 1, n: 10, wins: 5, meanPredicted: expect.closeTo(0.45, 12), winRate: 0.5 }]);
    const reversed = reliabilityByScoreGroup(p.map(() => 1), [...p].reverse(), [...y].reverse());
    expect(reversed.map((r) => [r.n, r.wins])).toEqual([[10, 5]]);
  });

  it('on random inputs: groups partition the deals, no score spans two groups, sizes and rates add up', () => {
    const deals = fc
      .integer({ min: 1, max: 120 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
          fc.array(fc.constantFrom<Outcome>(0, 1), { minLength: n, maxLength: n }),
          fc.integer({ min: 1, max: 12 }),
        ),
      );
    fc.assert(
      fc.property(deals, ([scores, y, bins]) => {
        const rows = reliabilityByScoreGroup(scores, scores.map(() => 0.5), y, bins);
        expect(rows.length).toBeLessThanOrEqual(bins);
        expect(rows.map((r) => r.group)).toEqual(rows.map((_, i) => i + 1));
        for (let g = 0; g < rows.length; g++) {
          const members = scores.map((s, i) => i).filter((i) => scores[i] >= rows[g].from && scores[i] <= rows[g].to);
          expect(rows[g].n).toBe(members.length);
          expect(rows[g].wins).toBe(members.filter((i) => y[i] === 1).length);
          if (g > 0) expect(rows[g].from).toBeGreaterThan(rows[g - 1].to);
        }
        expect(rows.reduce((s, r) => s + r.n, 0)).toBe(scores.length);
        // With distinct scores the groups are the plain equal-count split.
        if (new Set(scores).size === scores.length && scores.length >= bins) expect(rows).toHaveLength(bins);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects empty and mismatched inputs and a bad bin count with a RangeError', () => {
    expect(() => reliabilityByScoreGroup([], [], [])).toThrow(RangeError);
    expect(() => reliabilityByScoreGroup([1, 2], [0.5], [1, 0])).toThrow(
      'reliabilityByScoreGroup: inputs must have the same length (scores has 2, p has 1, y has 2)',
    );
    expect(() => reliabilityByScoreGroup([1], [1.5], [1])).toThrow(RangeError);
    expect(() => reliabilityByScoreGroup([Number.NaN], [0.5], [1])).toThrow(RangeError);
    expect(() => reliabilityByScoreGroup([1], [0.5], [1], 0)).toThrow('bins must be a whole number of 1 or more');
  });
});
