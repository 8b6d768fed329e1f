/**
 * Exact sums of scores (src/runtime/exact-sum.ts): scaled BigInts added term by term must give
 * exactly the Decimal that adding the same Decimals one by one gives (40 significant digits,
 * half-up — the project's setting), including sums that cross a power of ten and roundings that
 * reach one (99.99…95 → 100).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { ExactSum, SumTerms } from '../../src/runtime/exact-sum.js';

/**
 * The exact sum of `values` added one by one (`add`) and the Decimal sum; the same terms added in
 * runs (`addMany`, split where `cuts` say) must give the first exactly: checked here, so every
 * property below pins the run path too.
 */
function both(values: Decimal[], cuts: number[] = [0.5]): [string, string] {
  let total = new Decimal(0);
  const terms = new SumTerms();
  const sum = new ExactSum(terms);
  const ids = new Int32Array(values.length);
  values.forEach((v, i) => {
    total = total.plus(v);
    ids[i] = terms.of(v);
    sum.add(ids[i]);
  });
  const runs = new ExactSum(terms);
  let from = 0;
  for (const cut of [...cuts.map((c) => Math.floor(c * values.length)), values.length].sort((a, b) => a - b)) {
    runs.addMany(ids, from, Math.max(from, cut));
    from = Math.max(from, cut);
  }
  expect(runs.toDecimal().toString()).toBe(sum.toDecimal().toString());
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
    expect(new SumTerms().of(new Decimal('-1'))).toBe(-1);
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

  // The total is held as plain-number limbs while its magnitude stays put (issue 10): long sums
  // of terms of one magnitude carry across the limbs; tiny totals (grid finer than the scale) and
  // huge terms take the exact BigInt path. All must still agree with Decimal plus.
  it('agrees with Decimal plus on long sums of full 40-digit terms of one magnitude (limb carries)', () => {
    const digits = fc.stringMatching(/^[1-9][0-9]{39}$/);
    const value = fc.tuple(digits, fc.integer({ min: -3, max: 0 })).map(([d, e]) => new Decimal(`${d}e${e - d.length}`));
    fc.assert(
      fc.property(fc.array(value, { minLength: 50, maxLength: 400 }), (values) => {
        const [fast, slow] = both(values);
        expect(fast).toBe(slow);
      }),
      { numRuns: 100 },
    );
  });

  it('agrees with Decimal plus on tiny and huge decimals (totals below 10^-20, terms up to 10^12)', () => {
    const digits = fc.stringMatching(/^[1-9][0-9]{0,39}$/);
    const value = fc.tuple(digits, fc.integer({ min: -30, max: 12 })).map(([d, e]) => new Decimal(`${d}e${e - d.length}`)).filter((d) => d.decimalPlaces() <= 60);
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 80 }), (values) => {
        const [fast, slow] = both(values);
        expect(fast).toBe(slow);
      }),
      { numRuns: 300 },
    );
  });

  it('adds the same term at many magnitudes (its rounding at each is kept per magnitude)', () => {
    // 1/3 to 40 digits, ten times: the total moves from 0.33… through 1 to 3.33…, each addition
    // rounded at the total's grid (38 or 39 decimals), so the last digit drifts: decimal.js's own sum is the reference.
    const third = new Decimal(1).div(3);
    const terms = new SumTerms();
    const term = terms.of(third);
    const sum = new ExactSum(terms);
    let total = new Decimal(0);
    for (let i = 0; i < 10; i++) {
      sum.add(term);
      total = total.plus(third);
    }
    expect(sum.toDecimal().toString()).toBe(total.toString());
    expect(total.toString()).toBe(`3.${'3'.repeat(38)}1`);
  });
  // A total crossing a power of ten is rounded at the next grid from the cut (not the rounded)
  // term, in plain numbers (issue 10): totals just below 1, 10 or 100 with full 40-digit tails,
  // plus terms of every digit (half-way cases: a last kept digit of 4 or 5, tails of 5000…).
  it('agrees with Decimal plus when totals of full 40-digit tails cross a power of ten', () => {
    const tail = fc.stringMatching(/^[0-9]{38}$/);
    const start = fc.tuple(fc.constantFrom('0.9', '9.9', '99.9', '0.09'), tail).map(([head, t]) => new Decimal(`${head}9${t}`.slice(0, head.length + 39)));
    const term = fc.tuple(fc.stringMatching(/^[1-9][0-9]{0,39}$/), fc.constantFrom('', '5', '50', '49', '4999', '5000', '9999'), fc.integer({ min: -4, max: 0 })).map(([d, t, e]) => {
      const digits = `${d}${t}`.slice(0, 40);
      return new Decimal(`${digits}e${e - digits.length}`);
    });
    fc.assert(
      fc.property(start, fc.array(term, { minLength: 1, maxLength: 30 }), (first, rest) => {
        const [fast, slow] = both([first, ...rest]);
        expect(fast).toBe(slow);
      }),
      { numRuns: 1000 },
    );
  });

  // addMany (issue 10, compute2) keeps the total's limbs in locals and hands every other case to
  // `add`: runs that start on a zero total, meet zeros, terms of a higher magnitude, carries past a
  // power of ten and totals below the scale's grid, cut anywhere, must give what one by one gives.
  it('adds runs of terms exactly as one by one (any cuts, zeros, magnitudes, carries)', () => {
    const digits = fc.stringMatching(/^[1-9][0-9]{0,39}$/);
    const value = fc.oneof(fc.constant(new Decimal(0)), fc.tuple(digits, fc.integer({ min: -25, max: 4 })).map(([d, e]) => new Decimal(`${d}e${e - d.length}`)));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), (values, cuts) => {
        const [fast, slow] = both(values, cuts);
        expect(fast).toBe(slow);
      }),
      { numRuns: 500 },
    );
  });

  it('adds a run that crosses 10 and 100 half-way (…5 tails) as decimal.js does', () => {
    // By hand: 9.99…9 (40 digits) + 0.0…05 (a 5 at the 40th decimal) is 9.99…95, 41 digits, rounded
    // half-up to 40: exactly 10 (a carry past a power of ten); then + 90 reaches 100, + 0.5 is 100.5.
    const values = [new Decimal(`9.${'9'.repeat(39)}`), new Decimal(`0.${'0'.repeat(39)}5`), new Decimal(90), new Decimal('0.5')];
    const [fast, slow] = both(values, [0]);
    expect(slow).toBe('100.5');
    expect(fast).toBe(slow);
  });

  // A term of a higher magnitude than the total (issue 10, compute2: worked out on limbs, not
  // BigInts): totals of full 40-digit tails, terms 1 to 45 powers of ten above them, terms of nines
  // (the sum reaches the next power of ten, or its rounding does) and cut digits of 4, 5 and 9.
  it('agrees with Decimal plus when a term of a higher magnitude meets a total of full tails', () => {
    const total = fc.tuple(fc.stringMatching(/^[1-9][0-9]{39}$/), fc.constantFrom('', '4', '5', '49', '50', '99'), fc.integer({ min: -20, max: 0 })).map(([d, t, e]) => {
      const digits = `${d.slice(0, 40 - t.length)}${t}`;
      return new Decimal(`${digits}e${e - digits.length}`);
    });
    const head = fc.oneof(fc.stringMatching(/^[1-9][0-9]{0,39}$/), fc.integer({ min: 1, max: 40 }).map((n) => '9'.repeat(n)));
    const term = fc.tuple(head, fc.integer({ min: 1, max: 45 })).map(([d, up]) => [d, up] as const);
    fc.assert(
      fc.property(total, fc.array(term, { minLength: 1, maxLength: 4 }), (first, rest) => {
        // Each term's leading digit sits `up` powers of ten above the total's so far (its magnitude is higher).
        const values = [first];
        let running = first;
        for (const [d, up] of rest) {
          const magnitude = running.e + 1 + up;
          const v = new Decimal(`${d}e${magnitude - d.length}`);
          if (v.decimalPlaces() > 60 || magnitude > 40) continue; // scores stay far below 10^40
          values.push(v);
          running = running.plus(v);
        }
        const [fast, slow] = both(values);
        expect(fast).toBe(slow);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds a total cut by a higher term half-up at the cut digit (hand-computed)', () => {
    // 0.12345…(40 digits) + 100: the exact sum 100.1234… has 3 integer digits, so 37 decimals are
    // kept; the first digit cut is the 38th decimal of the total.
    const tail = '1234567890123456789012345678901234567895';
    const [fast, slow] = both([new Decimal(`0.${tail}`), new Decimal(100)], [0]);
    expect(slow).toBe(`100.${tail.slice(0, 36)}8`); // 37th decimal 7, the cut one (38th) 8: rounds up to 8
    expect(fast).toBe(slow);
    // 9.99…95 (40 digits) + 90: 99.99…995 keeps 38 decimals; the cut 5 rounds up to exactly 100.
    const [fast2, slow2] = both([new Decimal(`9.${'9'.repeat(38)}5`), new Decimal(90)]);
    expect(slow2).toBe('100');
    expect(fast2).toBe(slow2);
  });
});
