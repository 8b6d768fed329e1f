/** Reliability table by score decile: hand-built groups and a reference grouping. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reliabilityByDecile } from '../../src/simulate/stats/index.js';

type Outcome = 0 | 1;

describe('reliabilityByDecile', () => {
  it('20 deals: two per decile, sorted by score', () => {
    // scores given in reverse, 20 … 1; after sorting ascending, decile k holds scores 2k−1 and 2k.
    const scores = Array.from({ length: 20 }, (_, i) => 20 - i);
    // p = score / 20, y = 1 for even scores
    const p = scores.map((s) => s / 20);
    const y = scores.map((s) => (s % 2 === 0 ? 1 : 0) as Outcome);
    const rows = reliabilityByDecile(scores, p, y);
    expect(rows).toHaveLength(10);
    // decile 1: scores 1, 2 → mean p = (0.05 + 0.10) / 2 = 0.075, one win of two
    expect(rows[0]).toEqual({ decile: 1, from: 1, to: 2, n: 2, meanPredicted: expect.closeTo(0.075, 12), winRate: 0.5 });
    // decile 10: scores 19, 20 → mean p = (0.95 + 1.00) / 2 = 0.975
    expect(rows[9]).toEqual({ decile: 10, from: 19, to: 20, n: 2, meanPredicted: expect.closeTo(0.975, 12), winRate: 0.5 });
  });

  it('3 deals: groups k = 3, 6, 9 (deciles 4, 7, 10) are the only non-empty ones', () => {
    // floor(k·3/10) for k = 0…10: 0 0 0 0 1 1 1 2 2 2 3
    // group 3: [0, 1), group 6: [1, 2), group 9: [2, 3); all others empty
    const rows = reliabilityByDecile([30, 10, 20], [0.9, 0.1, 0.5], [1, 0, 0]);
    expect(rows).toEqual([
      { decile: 4, from: 10, to: 10, n: 1, meanPredicted: 0.1, winRate: 0 },
      { decile: 7, from: 20, to: 20, n: 1, meanPredicted: 0.5, winRate: 0 },
      { decile: 10, from: 30, to: 30, n: 1, meanPredicted: 0.9, winRate: 1 },
    ]);
  });

  it('25 deals: group sizes 2,3,2,3,… from floor(k·25/10) = 0 2 5 7 10 12 15 17 20 22 25', () => {
    const scores = Array.from({ length: 25 }, (_, i) => i);
    const rows = reliabilityByDecile(scores, scores.map(() => 0.5), scores.map(() => 1 as Outcome));
    expect(rows.map((r) => r.n)).toEqual([2, 3, 2, 3, 2, 3, 2, 3, 2, 3]);
    expect(rows.map((r) => [r.from, r.to])).toEqual([
      [0, 1], [2, 4], [5, 6], [7, 9], [10, 11], [12, 14], [15, 16], [17, 19], [20, 21], [22, 24],
    ]);
  });

  it('ties are broken by input index, so equal scores split deterministically', () => {
    // all scores equal: the sorted order is the input order; 10 deals → one per decile
    const p = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    const rows = reliabilityByDecile(p.map(() => 1), p, p.map((_, i) => (i % 2) as Outcome));
    expect(rows.map((r) => r.meanPredicted)).toEqual(p);
    expect(rows.map((r) => r.winRate)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('agrees with a reference grouping on random inputs', () => {
    const deals = fc
      .integer({ min: 1, max: 120 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
          fc.array(fc.constantFrom<Outcome>(0, 1), { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(deals, ([scores, p, y]) => {
        const n = scores.length;
        // Reference: a deal's position r = number of deals that sort before it
        // (lower score, or same score and lower index); its decile is the k with
        // floor(k·n/10) ≤ r < floor((k+1)·n/10), found by scanning k.
        const groups = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
          let r = 0;
          for (let j = 0; j < n; j++) if (scores[j] < scores[i] || (scores[j] === scores[i] && j < i)) r++;
          let k = 0;
          while (!(Math.floor((k * n) / 10) <= r && r < Math.floor(((k + 1) * n) / 10))) k++;
          groups.set(k + 1, [...(groups.get(k + 1) ?? []), i]);
        }
        const rows = reliabilityByDecile(scores, p, y);
        expect(rows.map((row) => row.decile)).toEqual([...groups.keys()].sort((a, b) => a - b));
        expect(rows.reduce((s, row) => s + row.n, 0)).toBe(n);
        for (const row of rows) {
          const members = groups.get(row.decile)!;
          expect(row.n).toBe(members.length);
          expect(row.from).toBe(Math.min(...members.map((i) => scores[i])));
          expect(row.to).toBe(Math.max(...members.map((i) => scores[i])));
          expect(row.meanPredicted).toBeCloseTo(members.reduce((s, i) => s + p[i], 0) / members.length, 12);
          expect(row.winRate).toBeCloseTo(members.filter((i) => y[i] === 1).length / members.length, 12);
        }
        const sizes = rows.map((row) => row.n);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects empty and mismatched inputs with a RangeError', () => {
    expect(() => reliabilityByDecile([], [], [])).toThrow(RangeError);
    expect(() => reliabilityByDecile([1, 2], [0.5], [1, 0])).toThrow(
      'reliabilityByDecile: inputs must have the same length (scores has 2, p has 1, y has 2)',
    );
    expect(() => reliabilityByDecile([1], [1.5], [1])).toThrow(RangeError);
    expect(() => reliabilityByDecile([Number.NaN], [0.5], [1])).toThrow(RangeError);
  });
});
