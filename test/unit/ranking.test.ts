import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { groupSize, rankPeriod } from '../../src/runtime/ranking.js';

describe('ranking', () => {
  it('group sizes are rounded up: ceil(35 × 30%) = 11, ceil(35 × 15%) = 6, ceil(3 × 30%) = 1', () => {
    expect(groupSize(35, new Decimal('0.3'))).toBe(11);
    expect(groupSize(35, new Decimal('0.15'))).toBe(6);
    expect(groupSize(3, new Decimal('0.3'))).toBe(1);
    expect(groupSize(20, new Decimal('0.15'))).toBe(3);
  });
  it('ranks by metric, ties by the declared key ascending, top rewarded, bottom flagged', () => {
    const rule = { name: 'm', tieDescending: false, top: { ratio: new Decimal('0.3'), reward: new Decimal(200) }, bottom: { ratio: new Decimal('0.15'), reward: new Decimal(0) } };
    const entries = rankPeriod(rule, '2017-03', [
      { rep: 'r1', metric: new Decimal(10), tieValue: 'Cole' },
      { rep: 'r2', metric: new Decimal(50), tieValue: 'Bea' },
      { rep: 'r3', metric: new Decimal(10), tieValue: 'Abe' },
      { rep: 'r4', metric: null, tieValue: 'Aaa' },
    ]);
    // 4 reps: top ceil(1.2) = 2, bottom ceil(0.6) = 1. Abe beats Cole on the tie; a missing metric ranks last.
    expect(entries.map((e) => [e.rep, e.rank, e.band, e.reward.toString()])).toEqual([
      ['r2', 1, 'top', '200'],
      ['r3', 2, 'top', '200'],
      ['r1', 3, 'middle', '0'],
      ['r4', 4, 'bottom', '0'],
    ]);
  });
});
