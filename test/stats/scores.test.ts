/** Brier score and log loss: hand values, a naive reference on random inputs, edge cases. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brierScore, logLoss } from '../../src/simulate/stats/index.js';

type Outcome = 0 | 1;

/** Naive reference, written independently: squared error summed with reduce. */
function naiveBrier(p: number[], y: Outcome[]): number {
  return p.map((pi, i) => (pi - y[i]) ** 2).reduce((a, b) => a + b, 0) / p.length;
}

/** Naive reference: the textbook formula with both terms, p clipped first. */
function naiveLogLoss(p: number[], y: Outcome[], eps = 1e-15): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i] < eps ? eps : p[i] > 1 - eps ? 1 - eps : p[i];
    total += -(y[i] * Math.log(c) + (1 - y[i]) * Math.log(1 - c));
  }
  return total / p.length;
}

const deals = fc
  .integer({ min: 1, max: 60 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.constantFrom<Outcome>(0, 1), { minLength: n, maxLength: n }),
    ),
  );

describe('brierScore', () => {
  it('hand example', () => {
    // (0.8 − 1)² = 0.04, (0.3 − 0)² = 0.09, (0.5 − 1)² = 0.25; mean = 0.38 / 3 = 0.126666…
    expect(brierScore([0.8, 0.3, 0.5], [1, 0, 1])).toBeCloseTo(0.38 / 3, 15);
  });

  it('perfect, coin-flip and worst forecasts', () => {
    expect(brierScore([1, 0, 1], [1, 0, 1])).toBe(0);
    expect(brierScore([0.5, 0.5], [1, 0])).toBe(0.25);
    expect(brierScore([0, 1], [1, 0])).toBe(1);
  });

  it('equals the naive reference on random inputs', () => {
    fc.assert(
      fc.property(deals, ([p, y]) => {
        expect(brierScore(p, y)).toBeCloseTo(naiveBrier(p, y), 12);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects empty, mismatched and out-of-range inputs with a RangeError', () => {
    expect(() => brierScore([], [])).toThrow(RangeError);
    expect(() => brierScore([], [])).toThrow('brierScore: p is empty; there are no deals to measure');
    expect(() => brierScore([0.5], [1, 0])).toThrow('brierScore: inputs must have the same length (p has 1, y has 2)');
    expect(() => brierScore([1.2], [1])).toThrow(RangeError);
    expect(() => brierScore([Number.NaN], [1])).toThrow(RangeError);
    expect(() => brierScore([0.5], [2 as Outcome])).toThrow('brierScore: y[0] must be 0 (lost) or 1 (won), got 2');
  });
});

describe('logLoss', () => {
  it('hand example', () => {
    // −(ln 0.8 + ln 0.7) / 2 = (0.22314355131421 + 0.35667494393873) / 2 = 0.28990924762647
    expect(logLoss([0.8, 0.3], [1, 0])).toBeCloseTo(0.28990924762647, 12);
  });

  it('always saying 50% scores ln 2', () => {
    expect(logLoss([0.5, 0.5, 0.5], [1, 0, 1])).toBeCloseTo(0.69314718055995, 12);
  });

  it('p exactly 0 or 1: near zero when right, −ln(eps) when wrong, never Infinity/NaN', () => {
    // right: −ln(1 − 1e-15) ≈ 1e-15
    expect(logLoss([0, 1], [0, 1])).toBeLessThan(1e-14);
    expect(logLoss([0, 1], [0, 1])).toBeGreaterThanOrEqual(0);
    // wrong: −ln(1e-15) = 15 · ln 10 = 34.538776394910684
    expect(logLoss([0], [1])).toBeCloseTo(34.538776394910684, 9);
    // 1 − (1 − 1e-15) is not exactly 1e-15 in floating point (it is ≈ 9.992e-16), so ≈ 34.5396
    expect(logLoss([1], [0])).toBeCloseTo(34.5396, 3);
    expect(Number.isFinite(logLoss([0, 1], [1, 0]))).toBe(true);
  });

  it('a larger eps caps the penalty lower', () => {
    // −ln(0.01) = 4.60517018598809
    expect(logLoss([0], [1], 0.01)).toBeCloseTo(4.60517018598809, 12);
  });

  it('equals the naive reference on random inputs (including exact 0 and 1)', () => {
    const withEnds = fc
      .integer({ min: 1, max: 60 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)), {
            minLength: n,
            maxLength: n,
          }),
          fc.array(fc.constantFrom<Outcome>(0, 1), { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(withEnds, ([p, y]) => {
        expect(logLoss(p, y)).toBeCloseTo(naiveLogLoss(p, y), 10);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects empty inputs and bad eps with a RangeError', () => {
    expect(() => logLoss([], [])).toThrow(RangeError);
    expect(() => logLoss([0.5], [1], 0)).toThrow(RangeError);
    expect(() => logLoss([0.5], [1], 0.5)).toThrow(RangeError);
    expect(() => logLoss([-0.1], [1])).toThrow(RangeError);
  });
});
