/**
 * Shared small whole numbers as Decimals (src/runtime/small-integers.ts): what `smallDecimal(n)`
 * gives must be exactly `new Decimal(n)` for every number (same value, sign and text), shared
 * only for whole numbers 0 … 1023.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { smallDecimal } from '../../src/runtime/small-integers.js';

describe('small whole numbers as shared Decimals', () => {
  it('gives the same Decimal as new Decimal(n) for any number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -5, max: 1100 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -2000, max: 2000 })), (n) => {
        const d = smallDecimal(n);
        const e = new Decimal(n);
        expect(d.toString()).toBe(e.toString());
        expect(d.isNegative()).toBe(e.isNegative());
      }),
      { numRuns: 500 },
    );
  });

  it('shares 0 … 1023 and makes a new one outside (1024, −1, 0.5, −0)', () => {
    expect(smallDecimal(7)).toBe(smallDecimal(7));
    expect(smallDecimal(1023)).toBe(smallDecimal(1023));
    expect(smallDecimal(1024)).not.toBe(smallDecimal(1024));
    expect(smallDecimal(1024).toString()).toBe('1024');
    expect(smallDecimal(-1).toString()).toBe('-1');
    expect(smallDecimal(0.5).toString()).toBe('0.5');
    expect(smallDecimal(-0).isNegative()).toBe(true);
    expect(smallDecimal(0).isNegative()).toBe(false);
  });
});
