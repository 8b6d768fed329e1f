/** AUC as Mann–Whitney U / (n1·n0): hand values and an O(n²) pairwise reference. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc } from '../../src/simulate/stats/index.js';

type Outcome = 0 | 1;

/** Brute-force reference: every (won, lost) pair, 1 if the won deal scores higher, ½ if tied. */
function pairwiseAuc(scores: number[], y: Outcome[]): number | null {
  let pairs = 0;
  let u = 0;
  for (let i = 0; i < scores.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      if (scores[i] > scores[j]) u += 1;
      else if (scores[i] === scores[j]) u += 0.5;
    }
  }
  return pairs === 0 ? null : u / pairs;
}

describe('auc', () => {
  it('hand example without ties', () => {
    // won scores {2, 4}, lost scores {1, 3}; pairs: 2>1 ✓, 2<3 ✗, 4>1 ✓, 4>3 ✓ → 3/4
    expect(auc([1, 2, 3, 4], [0, 1, 0, 1])).toBe(0.75);
  });

  it('hand example with a tie', () => {
    // won {2, 3}, lost {1, 2}; pairs: 2>1 → 1, 2=2 → ½, 3>1 → 1, 3>2 → 1 → 3.5/4
    expect(auc([1, 2, 2, 3], [0, 1, 0, 1])).toBe(0.875);
  });

  it('perfect, inverted and chance rankings', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
    expect(auc([7, 7, 7, 7, 7], [1, 0, 1, 0, 0])).toBe(0.5);
  });

  it('only the order of scores matters (negative and unsorted scores are fine)', () => {
    expect(auc([-3, 10, -50, 4], [0, 1, 0, 1])).toBe(1);
  });

  it('is null when all deals were won or all lost', () => {
    expect(auc([1, 2, 3], [1, 1, 1])).toBeNull();
    expect(auc([1, 2, 3], [0, 0, 0])).toBeNull();
    expect(auc([5], [1])).toBeNull();
  });

  it('equals the O(n²) pairwise count on random inputs with many ties', () => {
    const deals = fc
      .integer({ min: 1, max: 80 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }),
          fc.array(fc.constantFrom<Outcome>(0, 1), { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(deals, ([scores, y]) => {
        // Both sides compute U exactly (whole and half numbers) and divide by the same count.
        expect(auc(scores, y)).toBe(pairwiseAuc(scores, y));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('equals the O(n²) pairwise count on random real-valued scores', () => {
    const deals = fc
      .integer({ min: 1, max: 80 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: n, maxLength: n }),
          fc.array(fc.constantFrom<Outcome>(0, 1), { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(deals, ([scores, y]) => {
        expect(auc(scores, y)).toBe(pairwiseAuc(scores, y));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects empty, mismatched and non-finite inputs with a RangeError', () => {
    expect(() => auc([], [])).toThrow('auc: scores is empty; there are no deals to measure');
    expect(() => auc([1, 2], [1])).toThrow(RangeError);
    expect(() => auc([Number.NaN, 1], [1, 0])).toThrow('auc: scores[0] must be a finite number, got NaN');
    expect(() => auc([1, Number.POSITIVE_INFINITY], [1, 0])).toThrow(RangeError);
  });
});
