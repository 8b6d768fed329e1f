import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { groupedText, moneyText, roundTo, splitExact } from '../../src/runtime/money.js';

const d = (x: string) => new Decimal(x);

describe('money', () => {
  it('144 × 7.5% = 10.80 exactly', () => {
    expect(moneyText(roundTo(d('144').mul('0.075'), '0.01', 'half-up'), 2)).toBe('10.80');
  });
  it('half-up rounds halves away from zero, half-even to the even cent', () => {
    expect(roundTo(d('2.345'), '0.01', 'half-up').toString()).toBe('2.35');
    expect(roundTo(d('-2.345'), '0.01', 'half-up').toString()).toBe('-2.35');
    expect(roundTo(d('2.345'), '0.01', 'half-even').toString()).toBe('2.34');
    expect(roundTo(d('2.355'), '0.01', 'half-even').toString()).toBe('2.36');
    expect(roundTo(d('1234.5'), '1', 'half-up').toString()).toBe('1235');
  });
  it('6.45 split 30% / 70% gives 1.94 + 4.51 = 6.45', () => {
    const parts = splitExact(d('6.45'), [d('0.3'), d('0.7')], '0.01', 'half-up');
    expect(parts.map((p) => p.toFixed(2))).toEqual(['1.94', '4.51']);
  });
  it('an even split into 12 months sums to the annual amount', () => {
    const parts = splitExact(d('100000.00'), Array.from({ length: 12 }, () => new Decimal(1).div(12)), '0.01', 'half-up');
    expect(parts.slice(0, 11).every((p) => p.toFixed(2) === '8333.33')).toBe(true);
    expect(parts[11].toFixed(2)).toBe('8333.37'); // 100,000.00 − 11 × 8,333.33
    expect(parts.reduce((s, p) => s.plus(p), new Decimal(0)).toFixed(2)).toBe('100000.00');
  });
  it('weights of both signs give parts of both signs, uncapped, summing to the whole', () => {
    // A line of 70.00 over a deal of 1,000 and a later credit note of -300 (total 700):
    // 70 × 1,000/700 = 100.00, and the last takes the remainder 70 − 100 = −30.00.
    const parts = splitExact(d('70.00'), [d('1000').div(700), d('-300').div(700)], '0.01', 'half-up');
    expect(parts.map((p) => p.toFixed(2))).toEqual(['100.00', '-30.00']);
    // Weights of one sign are still capped at what is left: 0.06 by twelve → six × 0.01, then zeros.
    const small = splitExact(d('0.06'), Array.from({ length: 12 }, () => new Decimal(1).div(12)), '0.01', 'half-up');
    expect(small.map((p) => p.toFixed(2))).toEqual([...Array(6).fill('0.01'), ...Array(6).fill('0.00')]);
  });
  it('formats with fixed digits and grouping, never "-0.00"', () => {
    expect(moneyText(d('-0.001'), 2)).toBe('0.00');
    expect(groupedText(d('1234567.5'), 2)).toBe('1,234,567.50');
    expect(groupedText(d('-1000'), 0)).toBe('-1,000');
  });
});
