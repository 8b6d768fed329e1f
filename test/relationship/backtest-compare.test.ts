/**
 * `backtest A B`: two tier designs on the hand-made history of backtest-fixture.ts.
 * B differs from A only in the cold tier: it states 0% instead of 10%.
 */
import { describe, expect, it } from 'vitest';
import { compareBacktests } from '../../src/simulate/backtest/compare.js';
import { PLAYBOOK, setup } from './backtest-fixture.js';

const B = PLAYBOOK.replace('tier cold otherwise win probability 10%', 'tier cold otherwise win probability 0%');

describe('compareBacktests', () => {
  const c = compareBacktests(setup(), setup(false, B), { seed: 1 });

  it('both designs on the same 20 deals, with their own Brier scores', () => {
    expect([c.a.deals, c.b.deals, c.onlyA, c.onlyB]).toEqual([20, 20, 0, 0]);
    // A: (10·0.25 + 10·0.01) / 20 = 0.13; B: (10·0.25 + 10·0) / 20 = 0.125
    expect(c.a.brier).toBeCloseTo(0.13, 15);
    expect(c.b.brier).toBeCloseTo(0.125, 15);
  });

  it('the paired difference: hot deals cancel, each cold deal gives 0.01', () => {
    // Per-deal differences: ten 0s (hot) and ten 0.01s (cold) → mean 0.005.
    expect(c.difference.mean).toBeCloseTo(0.005, 15);
    // A resample's mean is 0.01·k/20 with k ~ Binomial(20, ½) cold draws: its 2.5% and 97.5% points lie
    // strictly between 0 (k = 0 has probability 1e-6) and 0.01, so the interval excludes 0: B is better.
    expect(c.difference.low).toBeGreaterThan(0);
    expect(c.difference.high).toBeLessThan(0.01);
    expect(c.difference.low).toBeLessThan(0.005);
    expect(c.difference.high).toBeGreaterThan(0.005);
    // seeded: the same seed gives the same interval
    expect(compareBacktests(setup(), setup(false, B), { seed: 1 }).difference).toEqual(c.difference);
  });

  it('deals one design leaves without a tier are left out of both', () => {
    // B': hot deals only get a tier (no "otherwise"), so the 10 cold deals are unscored in B'.
    const partial = PLAYBOOK.replace('tier cold otherwise win probability 10%\n', '');
    const p = compareBacktests(setup(), setup(false, partial), { seed: 1 });
    expect([p.a.deals, p.onlyA, p.onlyB]).toEqual([10, 10, 0]);
    expect(p.difference.mean).toBe(0); // same 50% on the same hot deals
  });

  it('a design without tiers is named as A or B with its file, not "this playbook"', () => {
    const noTiers = PLAYBOOK.replace('tier hot when score >= 5 win probability 50%\n', '').replace('tier cold otherwise win probability 10%\n', '');
    const sim = setup(false, noTiers);
    expect(() => compareBacktests(setup(), sim, { seed: 1 })).toThrow(`design B (${sim.playbookFile}): the playbook declares no relationship tiers to test`);
  });
});
