import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { PackedDecimals } from '../../src/runtime/packed-decimals.js';

/** decimal.js's own fields of a value (what every later computation reads). */
const fields = (x: Decimal) => {
  const d = x as unknown as { s: number; e: number; d: number[] | null };
  return { s: d.s, e: d.e, d: d.d === null ? null : [...d.d] };
};

describe('PackedDecimals', () => {
  it('gives back each value pushed, field for field, worked cases', () => {
    // A relationship score of 40 significant digits: 6 words of 10^7 after the leading word.
    const score = new Decimal('26.12811826494538055917791735968277884362');
    const values = [score, new Decimal(100), new Decimal(0), new Decimal('-0.0000001'), new Decimal('1e-30'), new Decimal('-123456789.5')];
    const packed = new PackedDecimals(values.length, 1);
    values.forEach((v, i) => expect(packed.push(v)).toBe(i));
    expect(packed.length).toBe(6);
    expect(fields(packed.get(0))).toEqual({ s: 1, e: 1, d: [26, 1281182, 6494538, 559177, 9173596, 8277884, 3620000] });
    expect(packed.get(0).toString()).toBe('26.12811826494538055917791735968277884362');
    expect(packed.get(1).toString()).toBe('100');
    expect(packed.get(2).isZero()).toBe(true);
    expect(packed.get(3).toString()).toBe('-0.0000001');
    // 10^-30 in the word of 10^-29 … 10^-35 (words are aligned on the decimal point): 10^5 × 10^-35.
    expect(fields(packed.get(4))).toEqual({ s: 1, e: -30, d: [100000] });
    expect(packed.get(5).toString()).toBe('-123456789.5');
    // A new object on each read, never the one pushed.
    expect(packed.get(0)).not.toBe(score);
    expect(packed.get(0).eq(score)).toBe(true);
  });

  it('keeps values that are not finite as they are', () => {
    const packed = new PackedDecimals(3);
    packed.push(new Decimal(NaN));
    packed.push(new Decimal(-Infinity));
    packed.push(new Decimal('7.5'));
    expect(packed.get(0).isNaN()).toBe(true);
    expect(packed.get(1).toString()).toBe('-Infinity');
    expect(packed.get(2).toString()).toBe('7.5');
  });

  it('refuses more values than it was made for', () => {
    const packed = new PackedDecimals(1);
    packed.push(new Decimal(1));
    expect(() => packed.push(new Decimal(2))).toThrow('internal: more than 1 decimals packed');
  });

  it('gives back random decimals field for field, with words grown and fitted', () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }), fc.integer({ min: -60, max: 60 }))
      .map(([units, exp]) => new Decimal(`${units}e${exp}`));
    fc.assert(
      fc.property(fc.array(decimal, { maxLength: 60 }), (values) => {
        // One word per value expected: the words' array must grow for most of them.
        const packed = new PackedDecimals(values.length, 1);
        for (const v of values) packed.push(v);
        packed.fit();
        values.forEach((v, i) => {
          expect(fields(packed.get(i))).toEqual(fields(v));
          expect(packed.get(i).toString()).toBe(v.toString());
        });
      }),
      { seed: 28, numRuns: 300 },
    );
  });
});
