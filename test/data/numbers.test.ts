import { describe, expect, it } from 'vitest';
import { canonicalNumber, parseNumber, parsePercent } from '../../src/data/numbers.js';

describe('canonicalNumber (en)', () => {
  it.each([
    ['1234', '1234'],
    ['-12.5', '-12.5'],
    ['+3', '3'],
    ['1,234.50', '1234.50'],
    ['1,234,567', '1234567'],
    ['(1,234.50)', '-1234.50'],
    ['( 12 )', '-12'],
    ['.5', '0.5'],
    ['12.', '12'],
    ['1,234.', '1234'],
    ['(12.)', '-12'],
    ['0', '0'],
    ['007', '007'],
  ])('%s → %s', (text, canonical) => {
    expect(canonicalNumber(text, 'en')).toBe(canonical);
  });

  it.each([
    'N/A', '-', '+', 'NaN', 'Infinity', '-Infinity', '1e309', '1e3', '1E3', '12,5OO', '$12', '12$', '€12',
    '12,5', '1,23', '1,2345', ',123', '1,,234', '.', '12..', '1.2.3', '', ' 1', '1 234', '0x10', '(-5)', '(5', '5)', '--5', '½',
  ])('rejects %j', (text) => {
    expect(canonicalNumber(text, 'en')).toBeNull();
  });
});

describe('canonicalNumber (de)', () => {
  it.each([
    ['1.234,50', '1234.50'],
    ['12,5', '12.5'],
    ['-1.234.567,1', '-1234567.1'],
    ['(3,25)', '-3.25'],
    ['1234', '1234'],
    ['1.234', '1234'],
    ['12,', '12'],
  ])('%s → %s', (text, canonical) => {
    expect(canonicalNumber(text, 'de')).toBe(canonical);
  });

  it.each(['1,234.50', '12.5', '12.', ',', '1.23,4', 'N/A', '1e3', '12,5OO'])('rejects %j', (text) => {
    expect(canonicalNumber(text, 'de')).toBeNull();
  });
});

describe('parseNumber', () => {
  it('is exact: 0.1 + 0.2 is 0.3 and long fractions survive', () => {
    const a = parseNumber('0.1', 'en')!;
    const b = parseNumber('0.2', 'en')!;
    expect(a.plus(b).toString()).toBe('0.3');
    expect(parseNumber('123456789012345.1234567890', 'en')!.toFixed()).toBe('123456789012345.123456789');
  });
  it('refuses numbers too long to compute with exactly: over 15 digits before the point or 10 after', () => {
    expect(parseNumber('1234567890123456', 'en')).toBeNull(); // 16 digits
    expect(parseNumber('99999999999999999999999', 'en')).toBeNull();
    expect(parseNumber('0.12345678901', 'en')).toBeNull(); // 11 decimals
    expect(parseNumber('999999999999999.9999999999', 'en')!.toFixed()).toBe('999999999999999.9999999999');
  });
  it('accounting negative', () => {
    expect(parseNumber('(1,234.50)', 'en')!.toString()).toBe('-1234.5');
  });
  it('has no negative zero', () => {
    expect(parseNumber('-0', 'en')!.isNeg()).toBe(false);
  });
  it('returns null for invalid text', () => {
    expect(parseNumber('12,5OO', 'en')).toBeNull();
  });
});

describe('parsePercent', () => {
  it.each([
    ['20%', '0.2'],
    ['20', '0.2'],
    ['7.5 %', '0.075'],
    ['100%', '1'],
    ['-2.5%', '-0.025'],
    ['(5%)', '-0.05'],
    ['0.1234567891%', '0.001234567891'],
  ])('%s → %s', (text, ratio) => {
    expect(parsePercent(text, 'en')!.toFixed()).toBe(ratio);
  });
  it('de notation', () => {
    expect(parsePercent('7,5 %', 'de')!.toFixed()).toBe('0.075');
  });
  it.each(['%', 'N/A', '20%%', '% 20', 'twenty', '1e2%', '(-5%)'])('rejects %j', (text) => {
    expect(parsePercent(text, 'en')).toBeNull();
  });
});
