/** Wilson score interval: hand calculations, textbook values, symmetry and edge cases. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Z_95, wilsonInterval } from '../../src/simulate/stats/index.js';

describe('wilsonInterval', () => {
  it('8 wins of 10, worked by hand', () => {
    // z = 1.959963984540054, z² = 3.8414588206941254, n = 10, p̂ = 0.8
    // z²/n = 0.38414588…  → denominator 1 + z²/n = 1.38414588206941
    // centre = (p̂ + z²/(2n)) / denom = (0.8 + 0.19207294103471) / 1.38414588206941
    //        = 0.99207294103471 / 1.38414588206941 = 0.71674016004113
    // under the root: p̂(1−p̂)/n + z²/(4n²) = 0.16/10 + 3.84145882069413/400
    //        = 0.016 + 0.00960364705174 = 0.02560364705174;  √ = 0.16001139663079
    // half-width = z / denom · √ = 1.95996398454005 / 1.38414588206941 · 0.16001139663079
    //        = 1.41600520… · 0.16001139663079 = 0.22657768850449
    // interval = 0.71674016004113 ∓ 0.22657768850449 = (0.49016247153664, 0.94331784854562)
    const { low, high } = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.49016247153664, 12);
    expect(high).toBeCloseTo(0.94331784854562, 12);
    expect((low + high) / 2).toBeCloseTo(0.71674016004113, 12);
    expect((high - low) / 2).toBeCloseTo(0.22657768850449, 12);
  });

  it('1 win of 3, worked by hand', () => {
    // p̂ = 1/3, z²/n = 1.28048627356471, denom = 2.28048627356471
    // centre = (0.33333333333333 + 0.64024313678235) / 2.28048627356471 = 0.42691617195917
    // root: (1/3)(2/3)/3 + 3.84145882069413/36 = 0.07407407407407 + 0.10670718946373
    //       = 0.18078126353780; √ = 0.42518379971231
    // half = 1.95996398454005 / 2.28048627356471 · 0.42518379971231 = 0.36542422723878
    // interval = (0.06149194472040, 0.79234039919795)
    const { low, high } = wilsonInterval(1, 3);
    expect(low).toBeCloseTo(0.0614919447204, 12);
    expect(high).toBeCloseTo(0.79234039919795, 12);
  });

  it('matches the textbook 95% values for n = 10 (4 decimals)', () => {
    const r = (x: number) => Math.round(x * 1e4) / 1e4;
    expect([r(wilsonInterval(0, 10).low), r(wilsonInterval(0, 10).high)]).toEqual([0, 0.2775]);
    expect([r(wilsonInterval(10, 10).low), r(wilsonInterval(10, 10).high)]).toEqual([0.7225, 1]);
    expect([r(wilsonInterval(5, 10).low), r(wilsonInterval(5, 10).high)]).toEqual([0.2366, 0.7634]);
  });

  it('gives exactly 0 at 0 wins and exactly 1 at n wins (no 0.9999999999999999)', () => {
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(10, 10).high).toBe(1);
    expect(wilsonInterval(1, 1).high).toBe(1);
  });

  it('n = 0 gives the whole range', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('the default z is the 95% quantile and a larger z widens the interval', () => {
    expect(Z_95).toBe(1.959963984540054);
    expect(wilsonInterval(8, 10, Z_95)).toEqual(wilsonInterval(8, 10));
    const w95 = wilsonInterval(8, 10);
    const w99 = wilsonInterval(8, 10, 2.5758293035489);
    expect(w99.low).toBeLessThan(w95.low);
    expect(w99.high).toBeGreaterThan(w95.high);
  });

  it('properties: inside [0,1], contains p̂, mirror-symmetric in wins ↔ losses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const wins = Math.min(n, Math.floor(f * (n + 1)));
        const a = wilsonInterval(wins, n);
        const b = wilsonInterval(n - wins, n);
        expect(a.low).toBeGreaterThanOrEqual(0);
        expect(a.high).toBeLessThanOrEqual(1);
        expect(a.low).toBeLessThanOrEqual(wins / n + 1e-12);
        expect(a.high).toBeGreaterThanOrEqual(wins / n - 1e-12);
        expect(a.low).toBeCloseTo(1 - b.high, 12);
        expect(a.high).toBeCloseTo(1 - b.low, 12);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects impossible counts and z with a RangeError', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow('wins (11) cannot exceed n (10)');
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
