/** verdict, winRateSplit and formatRatio. */
import { describe, expect, it } from 'vitest';
import { formatRatio, verdict, wilsonInterval, winRateSplit } from '../../src/simulate/stats/index.js';

describe('verdict', () => {
  it('compares a stated probability with a closed interval', () => {
    const iv = { low: 0.3, high: 0.6 };
    expect(verdict(0.8, iv)).toBe('overstated');
    expect(verdict(0.1, iv)).toBe('understated');
    expect(verdict(0.45, iv)).toBe('consistent');
    expect(verdict(0.3, iv)).toBe('consistent');
    expect(verdict(0.6, iv)).toBe('consistent');
  });

  it('the domain example: a tier stating 80% that won 5 of 10 is overstated', () => {
    // Wilson 95% for 5/10 is (0.2366, 0.7634), and 0.80 > 0.7634
    expect(verdict(0.8, wilsonInterval(5, 10))).toBe('overstated');
    // …while 8 of 10 (0.4902, 0.9433) is consistent with 80%
    expect(verdict(0.8, wilsonInterval(8, 10))).toBe('consistent');
    // with no deals, anything is consistent
    expect(verdict(0.8, wilsonInterval(0, 0))).toBe('consistent');
  });

  it('rejects values outside [0, 1] and a reversed interval', () => {
    expect(() => verdict(1.2, { low: 0, high: 1 })).toThrow(RangeError);
    expect(() => verdict(Number.NaN, { low: 0, high: 1 })).toThrow(RangeError);
    expect(() => verdict(0.5, { low: 0.7, high: 0.2 })).toThrow(RangeError);
  });
});

describe('winRateSplit', () => {
  it('counts each side', () => {
    // with: deals 0, 2, 3 → outcomes 1, 1, 0 → 2/3; without: deals 1, 4 → 0, 0 → 0/2
    expect(winRateSplit([true, false, true, true, false], [1, 0, 1, 0, 0])).toEqual({
      with: { n: 3, wins: 2, rate: 2 / 3 },
      without: { n: 2, wins: 0, rate: 0 },
    });
  });

  it('a side with no deals has rate null', () => {
    expect(winRateSplit([true, true], [1, 0])).toEqual({
      with: { n: 2, wins: 1, rate: 0.5 },
      without: { n: 0, wins: 0, rate: null },
    });
  });

  it('rejects empty, mismatched and non-boolean inputs with a RangeError', () => {
    expect(() => winRateSplit([], [])).toThrow('winRateSplit: has is empty; there are no deals to measure');
    expect(() => winRateSplit([true], [1, 0])).toThrow(RangeError);
    expect(() => winRateSplit([1 as unknown as boolean], [1])).toThrow('winRateSplit: has[0] must be true or false, got 1');
  });
});

describe('formatRatio', () => {
  it('fixed digits', () => {
    expect(formatRatio(0.8)).toBe('0.8000');
    expect(formatRatio(1)).toBe('1.0000');
    expect(formatRatio(0)).toBe('0.0000');
    expect(formatRatio(1 / 3, 2)).toBe('0.33');
    expect(formatRatio(2 / 3)).toBe('0.6667');
    expect(formatRatio(0.7634069094874361)).toBe('0.7634');
    expect(formatRatio(0.5, 0)).toBe('1');
    expect(formatRatio(-0.25, 1)).toBe('-0.3');
  });

  it('never prints a negative zero', () => {
    expect(formatRatio(-0)).toBe('0.0000');
    expect(formatRatio(-0.00001)).toBe('0.0000');
    expect(formatRatio(-1e-300, 2)).toBe('0.00');
    expect(formatRatio(-0.4, 0)).toBe('0');
    expect(formatRatio(-0.00005)).toBe('-0.0001');
  });

  it('throws on NaN, Infinity and bad digits', () => {
    expect(() => formatRatio(Number.NaN)).toThrow(RangeError);
    expect(() => formatRatio(Number.NaN)).toThrow('formatRatio: x must be a finite number, got NaN');
    expect(() => formatRatio(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatRatio(Number.NEGATIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatRatio(1e21)).toThrow(RangeError);
    expect(() => formatRatio(0.5, -1)).toThrow(RangeError);
    expect(() => formatRatio(0.5, 2.5)).toThrow(RangeError);
    expect(() => formatRatio(0.5, 21)).toThrow(RangeError);
  });
});
