/**
 * Issue 10 (scale): money texts written without decimal.js's toFixed or a regular expression
 * (src/runtime/money-text.ts) must be the general path's texts exactly. Differential properties
 * over values of every sign, size, scale and rounding case, and hand-checked examples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { exactMoneyText, generalGroupedText, generalMoneyText, groupedText, minorUnitsText, moneyText } from '../../src/runtime/money.js';
import { fastGroupedText, fastMoneyText, groupThousands } from '../../src/runtime/money-text.js';

const d = (x: string) => new Decimal(x);

/** Decimals of every shape: sign, 0–25 integer digits, 0–25 fraction digits, shifted by a power of ten (−45 to 45). */
const decimals = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{0,25}$/), fc.stringMatching(/^[0-9]{0,25}$/), fc.integer({ min: -45, max: 45 }))
  .map(([negative, int, frac, exp]) => new Decimal(`${negative ? '-' : ''}${int === '' ? '0' : int}.${frac === '' ? '0' : frac}e${exp}`));
/** Results of arithmetic (40 significant digits, non-terminating quotients, negative zero). */
const computed = fc
  .tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 4 }))
  .map(([a, b, scale]) => new Decimal(a).div(10 ** scale).div(b));
/** Halves and near-halves at the rounding digit: 0.005, 12.345, 999.995, -0.0049999… */
const halves = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 1, max: 8 }), fc.constantFrom('5', '4999', '50001', '9', '0', '49', '51'))
  .map(([negative, units, scale, tail]) => new Decimal(`${negative ? '-' : ''}${units}e-${scale}`).plus(new Decimal(`0.${'0'.repeat(scale)}${tail}`).mul(negative ? -1 : 1)));
const anyAmount = fc.oneof(decimals, computed, halves, fc.constantFrom(d('0'), d('-0'), d('1e-40'), d('-1e-40'), d('1e30'), d('-999.995'), d('0.005')));
const digits = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 }));

describe('money texts without toFixed (issue 10)', () => {
  it('moneyText is toFixed half-up without "-0" for every value and digit count (property)', () => {
    fc.assert(
      fc.property(anyAmount, digits, (amount, n) => {
        expect(moneyText(amount, n)).toBe(generalMoneyText(amount, n));
      }),
      { numRuns: Number(process.env.MONEY_RUNS ?? 5000) },
    );
  });

  it('groupedText groups as the regular expression did (property)', () => {
    fc.assert(
      fc.property(anyAmount, digits, (amount, n) => {
        expect(groupedText(amount, n)).toBe(generalGroupedText(amount, n));
      }),
      { numRuns: Number(process.env.MONEY_RUNS ?? 5000) },
    );
  });

  it('the fast path writes most amounts itself (so the properties above test it), rounding half away from zero', () => {
    expect(fastMoneyText(d('1234.5'), 2)).toBe('1234.50');
    expect(fastMoneyText(d('-0.001'), 2)).toBe('0.00');
    expect(fastMoneyText(d('-0.011'), 2)).toBe('-0.01');
    expect(fastMoneyText(d('12345678.4'), 0)).toBe('12345678');
    expect(fastMoneyText(d('12345678.5'), 0)).toBe('12345679');
    expect(fastMoneyText(d('5e-7'), 8)).toBe('0.00000050');
    expect(fastMoneyText(d('1.2e25'), 1)).toBe('12000000000000000000000000.0');
    expect(fastGroupedText(d('-1234567.891'), 2)).toBe('-1,234,567.89');
    // Beyond 2^53 units: the digit strings, not Float64 arithmetic.
    expect(fastMoneyText(d('12345678901234567890.125'), 2)).toBe('12345678901234567890.13');
    expect(fastMoneyText(d('-99999999999999999.995'), 2)).toBe('-100000000000000000.00');
    // The first dropped digit is 5 or more: rounded half away from zero, carrying into the integer digits.
    expect(fastMoneyText(d('999.995'), 2)).toBe('1000.00');
    expect(fastMoneyText(d('-0.005'), 2)).toBe('-0.01');
    expect(fastMoneyText(d('Infinity'), 2)).toBeNull();
    expect(moneyText(d('999.995'), 2)).toBe('1000.00');
    expect(moneyText(d('-999.995'), 2)).toBe('-1000.00');
    expect(groupedText(d('999999.995'), 2)).toBe('1,000,000.00');
    expect(moneyText(d('-0.005'), 2)).toBe('-0.01');
    expect(exactMoneyText(d('100.005'), 2)).toBe('100.005');
  });

  it('is refused as toFixed refuses it: a digit count that is not a whole number from 0 to 100', () => {
    expect(() => moneyText(d('1.5'), -1)).toThrow();
    expect(() => moneyText(d('1.5'), 1.5)).toThrow();
    expect(moneyText(d('NaN'), 2)).toBe('NaN');
  });

  it('groupThousands puts a comma every three digits from the right', () => {
    expect(['', '1', '12', '123', '1234', '12345', '123456', '1234567', '1000000000'].map(groupThousands)).toEqual([
      '',
      '1',
      '12',
      '123',
      '1,234',
      '12,345',
      '123,456',
      '1,234,567',
      '1,000,000,000',
    ]);
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,40}$/), (int) => {
        expect(groupThousands(int)).toBe(int.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
      }),
    );
  });
});

describe('minorUnitsText (money kept as whole minor units)', () => {
  it('writes cents as moneyText writes the amount', () => {
    expect(minorUnitsText(123450, 2)).toBe('1234.50');
    expect(minorUnitsText(-5, 2)).toBe('-0.05');
    expect(minorUnitsText(0, 2)).toBe('0.00');
    expect(minorUnitsText(-0, 2)).toBe('0.00');
    expect(minorUnitsText(123456789, 2, true)).toBe('1,234,567.89');
    expect(minorUnitsText(-100000, 0, true)).toBe('-100,000');
    expect(minorUnitsText(10n ** 22n + 1n, 2)).toBe('100000000000000000000.01');
    expect(() => minorUnitsText(0.5, 2)).toThrow(RangeError);
    expect(() => minorUnitsText(2 ** 53, 2)).toThrow(RangeError);
  });

  it('is moneyText / groupedText of units ÷ 10^digits for every safe integer and bigint (property)', () => {
    const units = fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -100_000, max: 100_000 }), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }));
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 8 }), fc.boolean(), (u, n, grouped) => {
        const amount = new Decimal(u.toString()).div(new Decimal(10).pow(n));
        expect(minorUnitsText(u, n, grouped)).toBe(grouped ? generalGroupedText(amount, n) : generalMoneyText(amount, n));
      }),
      { numRuns: 3000 },
    );
  });
});
