import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/graph/decimal.js';
import { decimalOfUnits } from '../../src/graph/decimal-units.js';

/** decimal.js's own fields for the value, made the slow way: by parsing its text. */
const parsed = (units: number, scale: number) => {
  const d = new Decimal(`${units}e-${scale}`) as unknown as { s: number; e: number; d: number[] };
  return { s: d.s, e: d.e, d: [...d.d] };
};
const fields = (x: Decimal) => {
  const d = x as unknown as { s: number; e: number; d: number[] };
  return { s: d.s, e: d.e, d: [...d.d] };
};

describe('decimalOfUnits', () => {
  it('makes the same Decimal as parsing the text, worked cases', () => {
    // 1234.50 → 123450 × 10^-2: e = 3, words [1234, 5000000] (the 7-digit word after the point).
    expect(fields(decimalOfUnits(123450, 2))).toEqual({ s: 1, e: 3, d: [1234, 5000000] });
    expect(decimalOfUnits(123450, 2).toString()).toBe('1234.5');
    // −0.0000001 → e = −7, one word: 1000000 (digits counted from the point).
    expect(fields(decimalOfUnits(-1, 7))).toEqual({ s: -1, e: -7, d: [1] });
    expect(fields(decimalOfUnits(12345678, 0))).toEqual({ s: 1, e: 7, d: [1, 2345678] });
    expect(fields(decimalOfUnits(0, 2))).toEqual({ s: 1, e: 0, d: [0] });
    expect(decimalOfUnits(9007199254740991, 10).toString()).toBe('900719.9254740991');
    for (const [u, s] of [[123450, 2], [-1, 7], [12345678, 0], [100, 2], [5, 0], [-9007199254740991, 0], [10000000, 3]] as const) {
      expect(fields(decimalOfUnits(u, s))).toEqual(parsed(u, s));
    }
  });

  it('makes the same Decimal as parsing the text, any units below 2^53 and scale 0–39', () => {
    const units = fc.oneof(
      fc.maxSafeInteger(),
      fc.integer({ min: -99_999_999, max: 99_999_999 }),
      // Trailing zeros: a value times a power of ten.
      fc.tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 10 })).map(([v, k]) => v * 10 ** k),
    );
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 39 }), (u, scale) => {
        const made = decimalOfUnits(u, scale);
        expect(fields(made)).toEqual(parsed(u, scale));
        // And it behaves as the parsed one in arithmetic and in text.
        const other = new Decimal(`${u}e-${scale}`);
        expect(made.plus(1).eq(other.plus(1))).toBe(true);
        expect(made.toFixed(scale)).toBe(other.toFixed(scale));
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses a value that is not a whole number of units below 2^53', () => {
    expect(() => decimalOfUnits(2 ** 53, 0)).toThrow(/not a whole number of units below 2\^53/);
    expect(() => decimalOfUnits(1.5, 0)).toThrow(/not a whole number/);
  });
});
