/**
 * The integer split of stages/split-units.ts against splitExact (runtime/money.ts), the Decimal
 * path it stands in for: whenever it gives parts, they are splitExact's parts, value for value —
 * over random lines and weights (deals' credited amounts, credit notes among them, and stage
 * shares), every rounding mode, steps 1 to 0.000001, half-way cases, exact ties and totals past
 * 2^53. Where it gives up (null), splitExact decides; the cases it must not give up on are pinned.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { type RoundingMode, splitExact } from '../../src/runtime/money.js';
import { roundQuotient, splitUnits, stepPlaces } from '../../src/runtime/stages/split-units.js';

const MODES: RoundingMode[] = ['half-up', 'half-even', 'half-down', 'up', 'down'];
const STEPS = ['1', '0.1', '0.01', '0.001', '0.000001'];
const unitsOf = (units: number | bigint, places: number) => new Decimal(units.toString()).div(new Decimal(10).pow(places));

/** splitExact's parts as the integer path sees a line shared among deals (weights = a ÷ Σa). */
function decimalDealSplit(whole: number, amounts: (number | bigint)[], step: string, mode: RoundingMode, places: number, amountPlaces: number): string[] {
  const ds = amounts.map((a) => unitsOf(a, amountPlaces));
  const total = ds.reduce((s, d) => s.plus(d), new Decimal(0));
  return splitExact(unitsOf(whole, places), ds.map((d) => d.div(total)), step, mode).map((d) => d.toString());
}

const big = fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n });
const safe = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const cents = fc.oneof(fc.integer({ min: -100_000, max: 10_000_000_000 }), fc.integer({ min: 1, max: 1000 }), safe);

describe('stepPlaces', () => {
  it('reads the decimal places of 1, 0.1, … 0.000001 and refuses other steps', () => {
    expect(['1', '0.1', '0.01', '0.000001'].map(stepPlaces)).toEqual([0, 1, 2, 6]);
    expect(['0.05', '5', '10', '0.0000001', '0.010'].map(stepPlaces)).toEqual([-1, -1, -1, -1, -1]);
  });
});

describe('roundQuotient', () => {
  it('rounds exact ties by the mode, half-up and up away from zero', () => {
    // 5 ÷ 2 = 2.5; −5 ÷ 2 = −2.5; 7 ÷ 2 = 3.5.
    expect(MODES.map((m) => roundQuotient(5, 2, m))).toEqual([3, 2, 2, 3, 2]);
    expect(MODES.map((m) => roundQuotient(-5, 2, m))).toEqual([-3, -2, -2, -3, -2]);
    expect(MODES.map((m) => roundQuotient(7, 2, m))).toEqual([4, 4, 3, 4, 3]);
    expect(MODES.map((m) => roundQuotient(7n, 2n, m))).toEqual([4, 4, 3, 4, 3]);
  });
  it('gives up within 1e-9 of a rounding point that is not exactly reached', () => {
    // 0.5 + 1e-10 and 1 − 1e-10.
    expect(roundQuotient(5_000_000_001, 10_000_000_000, 'half-even')).toBeNaN();
    expect(roundQuotient(9_999_999_999, 10_000_000_000, 'up')).toBeNaN();
    expect(roundQuotient(5_000_000_001n * 10n ** 10n, 10n ** 20n, 'half-even')).toBeNaN();
    // 0.5 + 1e-8: far enough.
    expect(roundQuotient(50_000_001, 100_000_000, 'half-even')).toBe(1);
  });
  it('equals the exact rational rounding (BigInt and number paths agree) wherever it answers', () => {
    fc.assert(
      fc.property(big, fc.bigInt({ min: 1n, max: 2n ** 60n }), fc.constantFrom(...MODES), (num, den, mode) => {
        const q = roundQuotient(num, den, mode);
        const viaDecimal = new Decimal(num.toString()).div(new Decimal(den.toString()));
        if (!Number.isNaN(q) && viaDecimal.abs().lt(2 ** 52)) {
          const exact = new Decimal(num.toString()).div(new Decimal(den.toString())).toDecimalPlaces(0, { 'half-up': Decimal.ROUND_HALF_UP, 'half-even': Decimal.ROUND_HALF_EVEN, 'half-down': Decimal.ROUND_HALF_DOWN, up: Decimal.ROUND_UP, down: Decimal.ROUND_DOWN }[mode]);
          expect(String(q)).toBe(exact.toString());
          if (Number.isSafeInteger(Number(num)) && Number.isSafeInteger(Number(den)) && BigInt(Number(num)) === num) expect(roundQuotient(Number(num), Number(den), mode)).toBe(q);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('splitUnits against splitExact', () => {
  it('shares a line among its deals as splitExact does (credit notes, ties, totals past 2^53)', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        cents.filter((w) => w !== 0),
        fc.array(fc.oneof(cents, fc.constant(0), fc.constant(1), fc.constant(2), fc.constant(3)), { minLength: 1, maxLength: 7 }),
        fc.constantFrom(...MODES),
        fc.constantFrom(...STEPS),
        fc.constantFrom(0, 2, 4),
        (whole, amounts, mode, step, amountPlaces) => {
          const total = amounts.reduce((s, a) => s + BigInt(a), 0n);
          fc.pre(total !== 0n);
          const places = stepPlaces(step);
          const fast = splitUnits(whole, amounts, Number(total), mode);
          if (fast === null) return;
          answered++;
          expect(Number.isSafeInteger(Number(total))).toBe(true);
          expect(fast.map((u) => unitsOf(u, places).toString())).toEqual(decimalDealSplit(whole, amounts, step, mode, places, amountPlaces));
        },
      ),
      { numRuns: 4000 },
    );
    expect(answered).toBeGreaterThan(1000);
  });

  it('answers on half-way parts that are exact ties, and matches splitExact on them', () => {
    // 1.00 by 1:1:2 → 0.25, 0.25: exact; 0.05 by 1:1 → 0.025 is a tie at 0.01 (three deals of 1 in 0.03: 0.01 each).
    fc.assert(
      fc.property(fc.integer({ min: -999, max: 999 }).filter((w) => w !== 0), fc.array(fc.constantFrom(1, 2, 4, 5, 8, 10), { minLength: 2, maxLength: 5 }), fc.constantFrom(...MODES), (whole, amounts, mode) => {
        const total = amounts.reduce((s, a) => s + a, 0);
        const fast = splitUnits(whole, amounts, total, mode);
        expect(fast).not.toBeNull();
        expect(fast!.map((u) => unitsOf(u, 2).toString())).toEqual(decimalDealSplit(whole, amounts, '0.01', mode, 2, 2));
      }),
      { numRuns: 2000 },
    );
  });

  it('shares a part among stages by their shares as splitExact does', () => {
    const shareSets = [['0.4', '0.4', '0.2'], ['0.5', '0.5'], ['0.333', '0.333', '0.334'], ['0.25', '0.75'], ['1'], ['0.125', '0.375', '0.5'], ['0', '1'], ['0.6', '0.6', '-0.2']];
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), safe).filter((w) => w !== 0), fc.constantFrom(...shareSets), fc.constantFrom(...MODES), fc.constantFrom(...STEPS), (whole, shares, mode, step) => {
        const places = stepPlaces(step);
        const sharePlaces = Math.max(...shares.map((s) => new Decimal(s).decimalPlaces()));
        const weights = shares.map((s) => new Decimal(s).mul(10 ** sharePlaces).toNumber());
        const fast = splitUnits(whole, weights, 10 ** sharePlaces, mode);
        const expected = splitExact(unitsOf(whole, places), shares.map((s) => new Decimal(s)), step, mode).map((d) => d.toString());
        if (Math.abs(whole) < 2 ** 45) expect(fast).not.toBeNull();
        if (fast !== null) expect(fast.map((u) => unitsOf(u, places).toString())).toEqual(expected);
      }),
      { numRuns: 4000 },
    );
  });

  it('reads a zero weight over a negative total as −0, a negative weight, as decimal.js does', () => {
    // 10.00 over deals of 5, 0 and −10 (total −5): weights −1, −0, 2 — mixed signs, no cap.
    const fast = splitUnits(1000, [5, 0, -10], -5, 'half-up');
    expect(fast).toEqual([-1000, 0, 2000]);
    expect(fast!.map((u) => unitsOf(u, 2).toString())).toEqual(decimalDealSplit(1000, [5, 0, -10], '0.01', 'half-up', 2, 2));
  });

  it('gives up on totals and parts past 2^53', () => {
    expect(splitUnits(100, [2 ** 53, 1], 2 ** 53 + 1, 'half-up')).toBeNull();
    expect(splitUnits(2 ** 53 + 2, [1, 1], 2, 'half-up')).toBeNull();
  });
});
