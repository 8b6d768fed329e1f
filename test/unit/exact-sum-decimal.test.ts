/**
 * The exact sum's Decimals made without text (src/runtime/exact-sum.ts `decimalOfLimbs`) against
 * decimal.js's own parser, field by field (sign, exponent of the leading digit, base-10^7 words):
 * limbs of every size (zeros, single digits, all nines, words ending in zeros) at exponents of every
 * residue modulo 7, above and below 1. And `ExactSum.exceeds` (a capped score told without its
 * Decimal) against `toDecimal().gt(cap)`, with totals equal to the cap, one unit of the 40th digit
 * either side, and caps of other magnitudes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { ExactSum, SumTerms, decimalOfLimbs } from '../../src/runtime/exact-sum.js';

const fields = (d: Decimal) => {
  const x = d as unknown as { s: number; e: number; d: number[] };
  return { s: x.s, e: x.e, d: [...x.d] };
};

/** The same value written out and parsed: (c·10^28 + b·10^14 + a) × 10^exp. */
function parsed(c: number, b: number, a: number, exp: number): Decimal {
  const digits = (BigInt(c) * 10n ** 28n + BigInt(b) * 10n ** 14n + BigInt(a)).toString();
  return new Decimal(`${digits}e${exp}`);
}

/** A limb below `max`: often an edge (0, 1, a power of ten, all nines, trailing zeros). */
const limb = (max: number) =>
  fc.oneof(
    fc.constantFrom(0, 1, 9, 10, 1e7, 1e7 - 1, max - 1, max / 10, 5e6, 1234567e7),
    fc.integer({ min: 0, max: max - 1 }),
    fc.integer({ min: 0, max: 9999999 }).map((x) => x * 1e7),
  ).filter((x) => x < max);

describe('decimalOfLimbs: a Decimal from limbs without parsing text', () => {
  it('equals decimal.js parsing the same digits, field by field', () => {
    fc.assert(
      fc.property(limb(1e15), limb(1e14), limb(1e14), fc.integer({ min: -80, max: 30 }), (c, b, a, exp) => {
        const fast = decimalOfLimbs(c, b, a, exp);
        const slow = parsed(c, b, a, exp);
        expect(fields(fast)).toEqual(fields(slow));
        expect(fast.toString()).toBe(slow.toString());
      }),
      { numRuns: 3000 },
    );
  });

  it('by hand: 12 × 10^-3 is 0.012 (one word, e = −2) and 10^28 × 10^-40 is 10^-12', () => {
    expect(fields(decimalOfLimbs(0, 0, 12, -3))).toEqual({ s: 1, e: -2, d: [120000] });
    expect(decimalOfLimbs(1, 0, 0, -40).toString()).toBe('0.000000000001'); // 10^28 × 10^-40
    expect(decimalOfLimbs(0, 0, 0, 5).isZero()).toBe(true);
  });
});

describe('ExactSum.exceeds: a total above a term without making its Decimal', () => {
  const sumOf = (terms: SumTerms, values: Decimal[]) => {
    const sum = new ExactSum(terms);
    for (const v of values) sum.add(terms.of(v));
    return sum;
  };

  it('agrees with toDecimal().gt(cap) on random sums and caps', () => {
    const value = fc.oneof(
      fc.constantFrom('0', '100', '99.99999999999999999999999999999999999999', '0.5', '50', '1e-30'),
      fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 12 })).map(([u, s]) => `${u}e-${s}`),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), value, (values, cap) => {
        const terms = new SumTerms();
        const capTerm = terms.of(new Decimal(cap));
        const sum = sumOf(terms, values.map((v) => new Decimal(v)));
        expect(sum.exceeds(capTerm)).toBe(sum.toDecimal().gt(new Decimal(cap)));
      }),
      { numRuns: 2000 },
    );
  });

  it('at the cap, one unit of the 40th digit above it, and just below it', () => {
    const terms = new SumTerms();
    const cap = terms.of(new Decimal(100));
    expect(sumOf(terms, [new Decimal(60), new Decimal(40)]).exceeds(cap)).toBe(false); // exactly 100
    expect(sumOf(terms, [new Decimal(60), new Decimal(`40.${'0'.repeat(36)}1`)]).exceeds(cap)).toBe(true); // 100.000…01 (40 digits)
    expect(sumOf(terms, [new Decimal(60), new Decimal(`39.${'9'.repeat(38)}`)]).exceeds(cap)).toBe(false);
    expect(sumOf(terms, [new Decimal(1000)]).exceeds(cap)).toBe(true); // a higher magnitude
    expect(sumOf(terms, []).exceeds(cap)).toBe(false); // zero
    expect(sumOf(terms, [new Decimal('0.1')]).exceeds(terms.of(new Decimal(0)))).toBe(true); // any total above a zero cap
  });
});
