/** Winners, losers and unchanged as groups, merged below a minimum size; verdicts by threshold. */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { type RepComparison, type Verdict, verdictOf } from '../../src/simulate/compare/compare.js';
import { groupReps } from '../../src/simulate/compare/groups.js';

/** A rep paid `a` under A and `b` under B, with its verdict. */
function rep(name: string, a: number, b: number, verdict: Verdict): RepComparison {
  const side = (x: number) => ({ present: true, credited: new Decimal(0), dealsCredited: 0, payout: new Decimal(x), forfeited: new Decimal(0), attainment: [], costOfSales: null, components: new Map() });
  return { rep: name, a: side(a), b: side(b), difference: new Decimal(b - a), percent: null, verdict, attribution: [] };
}

describe('verdictOf', () => {
  it('needs the change to reach the threshold, as a share of A or as an amount', () => {
    const pct = { kind: 'percent', ratio: new Decimal('0.05') } as const;
    expect(verdictOf(new Decimal(1000), new Decimal(50), pct)).toBe('winner');
    expect(verdictOf(new Decimal(1000), new Decimal('49.99'), pct)).toBe('unchanged');
    expect(verdictOf(new Decimal(1000), new Decimal(-50), pct)).toBe('loser');
    expect(verdictOf(new Decimal(0), new Decimal('0.01'), pct)).toBe('winner');
    const amount = { kind: 'amount', amount: new Decimal(100) } as const;
    expect(verdictOf(new Decimal(5), new Decimal(99), amount)).toBe('unchanged');
    expect(verdictOf(new Decimal(5), new Decimal(-100), amount)).toBe('loser');
    expect(verdictOf(new Decimal(5), new Decimal(0), { kind: 'amount', amount: new Decimal(0) })).toBe('unchanged');
  });
});

describe('groupReps', () => {
  const reps = [
    rep('l1', 100, 50, 'loser'),
    rep('u1', 10, 10, 'unchanged'),
    rep('u2', 20, 20, 'unchanged'),
    rep('u3', 30, 31, 'unchanged'),
    rep('w1', 10, 40, 'winner'),
    rep('w2', 10, 40, 'winner'),
  ];

  it('without a minimum: the non-empty groups with their totals', () => {
    expect(groupReps(reps, null).map((g) => [g.label, g.reps.length, g.a.toNumber(), g.b.toNumber(), g.difference.toNumber()])).toEqual([
      ['losers', 1, 100, 50, -50],
      ['unchanged', 3, 60, 61, 1],
      ['winners', 2, 20, 80, 60],
    ]);
  });

  it('merges the smallest group below the minimum into its neighbour, until all are big enough', () => {
    expect(groupReps(reps, 2).map((g) => [g.label, g.reps.length])).toEqual([
      ['losers + unchanged', 4],
      ['winners', 2],
    ]);
    expect(groupReps(reps, 3).map((g) => [g.label, g.reps.length])).toEqual([['losers + unchanged + winners', 6]]);
    // One group left, still too small: it stays (there is nothing to merge it with).
    expect(groupReps(reps.slice(0, 2), 5).map((g) => g.reps.length)).toEqual([2]);
  });
});
