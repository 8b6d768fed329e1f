/**
 * Issue 10: a deal's relationship score in the JSON report is written from its rounded units
 * (`scoreText`) instead of as a number made and printed (`scoreNumber`, JSON.stringify). The two
 * texts must be the same for every score: half-way cases, negatives, −0, values past 10^11 and
 * past 2^53 units, 40-digit quotients.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { scoreNumber, scoreText } from '../../src/simulate/report-json.js';

const same = (d: Decimal): void => {
  expect(scoreText(d)).toBe(JSON.stringify(scoreNumber(d)));
};

describe('scoreText', () => {
  it('writes a score as the number JavaScript prints (worked by hand)', () => {
    expect(scoreText(new Decimal('26.12805'))).toBe('26.1281');
    expect(scoreText(new Decimal('100'))).toBe('100');
    expect(scoreText(new Decimal('0.5'))).toBe('0.5');
    expect(scoreText(new Decimal('-0.00004'))).toBe('0');
    expect(scoreText(new Decimal('-0.00005'))).toBe('-0.0001');
    expect(scoreText(new Decimal('-0'))).toBe('0');
    expect(scoreText(new Decimal('12.30000'))).toBe('12.3');
    expect(scoreText(new Decimal(2).div(3))).toBe('0.6667');
  });

  it('is JSON.stringify(scoreNumber(score)) for every score (property)', () => {
    const digits = fc.stringMatching(/^[0-9]{1,22}$/);
    const typed = fc.tuple(fc.boolean(), digits, fc.stringMatching(/^[0-9]{0,8}$/)).map(([neg, int, frac]) => new Decimal(`${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`));
    // Half-way at the fifth decimal, and quotients of 40 significant digits (as the scoring divides).
    const halfway = fc.tuple(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.boolean()).map(([u, neg]) => new Decimal(u).mul(10).plus(neg ? -5 : 5).div(100_000));
    const quotient = fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 1, max: 9999 })).map(([a, b]) => new Decimal(a).div(b));
    const scaled = fc.tuple(fc.maxSafeInteger(), fc.integer({ min: -8, max: 12 })).map(([u, e]) => new Decimal(u).mul(new Decimal(10).pow(e)));
    fc.assert(fc.property(fc.oneof(typed, halfway, quotient, scaled), same), { numRuns: 5000 });
  });

  it('is the same text at the edges: 10^15 units, 2^53 units, beyond', () => {
    for (const s of ['99999999999.9999', '100000000000', '100000000000.0001', '900719925474.0991', '900719925474.0992', '1e30', '-1e30', '1e-30', '123456789012345678.9', '0.00005', '-0.00005']) same(new Decimal(s));
  });
});
