/**
 * `minorOfUnits` (src/runtime/minor-units.ts): a number as the data loader holds it, units and a
 * scale, in whole minor units without a Decimal — checked against the Decimal path computed
 * independently (units × 10^(digits − scale) in decimal.js: an integer within ±(2^53 − 1), else NaN).
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minorOfUnits } from '../../src/runtime/minor-units.js';

/** The reference, in decimal.js: whole minor units within ±(2^53 − 1), else NaN. */
function reference(units: number, scale: number, digits: number): number {
  const minor = new Decimal(units).mul(new Decimal(10).pow(digits - scale));
  return minor.isInteger() && minor.abs().lte(Number.MAX_SAFE_INTEGER) ? Number(minor.toFixed(0)) : NaN;
}

describe('minor units from units and a scale', () => {
  it('by hand: cents, a third decimal, trailing zeros, negatives, zero and 2^53', () => {
    expect(minorOfUnits(605077, 2, 2)).toBe(605077); // 6,050.77
    expect(minorOfUnits(15, 1, 2)).toBe(150); // 1.5
    expect(minorOfUnits(1505, 3, 2)).toBeNaN(); // 1.505
    expect(minorOfUnits(1500, 3, 2)).toBe(150); // 1.500
    expect(minorOfUnits(-5, 2, 2)).toBe(-5);
    expect(minorOfUnits(0, 7, 2)).toBe(0);
    expect(Object.is(minorOfUnits(-0, 2, 2), 0)).toBe(true);
    expect(minorOfUnits(90071992547409, 0, 2)).toBe(9007199254740900); // below 2^53 − 1
    expect(minorOfUnits(90071992547410, 0, 2)).toBeNaN(); // 9,007,199,254,741,000 cents: past 2^53
    expect(minorOfUnits(9007199254740991, 2, 2)).toBe(9007199254740991);
    expect(minorOfUnits(1, 0, 0)).toBe(1);
    expect(minorOfUnits(1, 39, 2)).toBeNaN();
  });

  it('agrees with the Decimal path for any units below 2^53, scale 0–39 and 0–4 digits', () => {
    const units = fc.oneof(
      fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
      fc.bigInt({ min: -(2n ** 53n - 1n), max: 2n ** 53n - 1n }).map(Number),
      fc.tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 10 })).map(([m, z]) => m * 10 ** z),
    );
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 4 }), (u, scale, digits) => {
        const r = reference(u, scale, digits);
        expect(minorOfUnits(u, scale, digits)).toBe(r === 0 ? 0 : r);
      }),
      { numRuns: 3000 },
    );
  });
});
