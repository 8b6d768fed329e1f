/**
 * Exact sums of scores (src/runtime/exact-sum.ts): scaled BigInts added term by term must give
 * exactly the Decimal that adding the same Decimals one by one gives (40 significant digits,
 * half-up — the project's setting), including sums that cross a power of ten and roundings that
 * reach one (99.99…95 → 100).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { ExactSum, termOf } from '../../src/runtime/exact-sum.js';

function both(values: Decimal[]): [string, string] {
  let total = new Decimal(0);
  const sum = new ExactSum();
  for (const v of values) {
    total = total.plus(v);
    sum.add(termOf(v)!);
  }
  return [sum.toDecimal().toString(), total.toString()];
}

describe('exact sums of 40-digit decimals', () => {
  it('rounds as decimal.js does when the total crosses 10: 9.99…9 (40 nines) + 0.05…5 rounds at the 38th decimal', () => {
    const nines = new Decimal(`9.${'9'.repeat(39)}`);
    const small = new Decimal(`0.0${'5'.repeat(39)}`);
    const [fast, slow] = both([nines, small]);
    expect(fast).toBe(slow);
    // By hand: 9.999…9 + 0.0555…5 = 10.0555…54 (41 significant digits) → 10.0555…5 with 38 decimals.
    expect(slow).toBe(`10.0${'5'.repeat(37)}`);
  });

  it('holds a rounding that reaches the next power of ten exactly', () => {
    const a = new Decimal(`99.${'9'.repeat(38)}`);
    const b = new Decimal(`0.${'0'.repeat(38)}5`);
    const [fast, slow] = both([a, b]);
    expect(slow).toBe('100');
    expect(fast).toBe(slow);
  });

  it('refuses negative terms (the caller adds Decimals then)', () => {
    expect(termOf(new Decimal('-1'))).toBeNull();
  });

  it('agrees with Decimal plus on random scores: points × weight × 0.5^(age/180)', () => {
    const half = new Decimal('0.5');
    const value = fc.tuple(fc.constantFrom('0.1', '1', '4', '5', '6', '8', '10', '0.05', '15', '7.5'), fc.integer({ min: 0, max: 364 })).map(([p, age]) => new Decimal(p).mul(half.pow(new Decimal(age).div(180))));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (values) => {
        const [fast, slow] = both(values);
        expect(fast).toBe(slow);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with Decimal plus on random decimals of any size and precision (zeros included)', () => {
    const digits = fc.stringMatching(/^[1-9][0-9]{0,39}$/);
    const value = fc.oneof(fc.constant(new Decimal(0)), fc.tuple(digits, fc.integer({ min: -12, max: 6 })).map(([d, e]) => new Decimal(`${d}e${e - d.length}`)));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), (values) => {
        const [fast, slow] = both(values);
        expect(fast).toBe(slow);
      }),
      { numRuns: 300 },
    );
  });
});
