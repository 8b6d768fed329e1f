/**
 * Numeric columns for compiled decisions (src/runtime/compiled/columns.ts): the values read from
 * decimal.js's digits without Decimal arithmetic must be exactly the values, and the scaled integers
 * exactly value × 10^decimals — checked against Decimal itself on hand-picked and random values
 * (negatives, zero, trailing zeros, 14 and 15 digits, exponents, past 2^53, more than 15 decimals).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { type CompileContext } from '../../src/runtime/expr.js';
import { INEXACT, MISSING, PRESENT, columnOf, digitsOf } from '../../src/runtime/compiled/columns.js';
import type { RowLike, TableLike, Value } from '../../src/runtime/values.js';
import { arraySource } from '../../src/runtime/row-source.js';

const RUNS = Number(process.env.PLAYBOOK_DECISION_RUNS ?? 300);

/** The column `t.a` over `values` (a fresh table each time, so nothing is kept between calls). */
function column(values: Value[]) {
  const schema = { name: 't', file: 't.csv', delimiter: ',', locale: 'en' as const, fields: [{ name: 'a', type: 'money', column: 'a', optional: true, key: false, aliases: [] }] };
  const rows: RowLike[] = values.map((a, i) => ({ line: i + 2, values: [a] }));
  const tables = new Map<string, TableLike>([['t', { schema, rows, byKey: null } as TableLike]]);
  const cc = { tables, layout: new Map([['t', new Map([['a', 0]])]]), inputs: { get: () => undefined, maybe: () => undefined }, activitiesTable: null } as unknown as CompileContext;
  return columnOf([{ table: 't', field: 'a' }], 'money', arraySource(rows), cc);
}

const texts = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: 0, max: 17 })).map(([n, dp]) => new Decimal(n.toString()).div(new Decimal(10).pow(dp)).toFixed()),
  fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: -20, max: 20 })).map(([m, e]) => `${m}e${e}`),
  fc.constantFrom('0', '-0', '4400', '3856.80', '0.8', '12345678901234', '123456789012345', '9007199254740991', '9007199254740993', '0.000000000000001', '1e20'),
);

describe('numeric columns read from the digits', () => {
  it('by hand: 3,856.80 and 44 at scale 10 are 38,568 and 440; 4,400 is 4,400; −0 is 0', () => {
    const c = column([new Decimal('3856.80'), new Decimal('44'), new Decimal('4400'), new Decimal('-0'), null, 'x']);
    expect(c.scale).toBe(10);
    expect([...c.v.subarray(0, 4)]).toEqual([38568, 440, 44000, 0]);
    expect([...c.state]).toEqual([PRESENT, PRESENT, PRESENT, PRESENT, MISSING, INEXACT]);
    // No value where there is none: NaN.
    expect(Number.isNaN(c.v[4]) && Number.isNaN(c.v[5])).toBe(true);
  });

  it('digitsOf gives v · 10^p equal to the Decimal, or declines (digits past 2^53)', () => {
    fc.assert(
      fc.property(texts, (t) => {
        const x = new Decimal(t);
        const v = new Float64Array(1);
        const p = new Int16Array(1);
        if (!digitsOf(x, v, p, 0)) {
          // Declined only when the significant digits pass 2^53: 16 of them at least.
          expect(x.precision()).toBeGreaterThanOrEqual(16);
          return;
        }
        expect(Number.isSafeInteger(v[0])).toBe(true);
        expect(new Decimal(v[0]).mul(new Decimal(10).pow(p[0])).eq(x)).toBe(true);
        if (v[0] !== 0) expect(v[0] % 10).not.toBe(0);
        expect(Math.max(0, -p[0])).toBe(x.decimalPlaces());
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('a column of random values: every present value is exactly v / scale, and only values past 2^53 scaled or with more than 15 decimals are inexact', () => {
    fc.assert(
      fc.property(fc.array(texts, { minLength: 1, maxLength: 10 }), (ts) => {
        const xs = ts.map((t) => new Decimal(t));
        const c = column(xs);
        const kept = xs.filter((x) => x.decimalPlaces() <= 15);
        const decimals = Math.max(0, ...kept.map((x) => x.decimalPlaces()));
        expect(c.scale).toBe(10 ** decimals);
        xs.forEach((x, i) => {
          const scaled = x.mul(new Decimal(10).pow(decimals));
          const exact = x.decimalPlaces() <= 15 && scaled.abs().lte(Number.MAX_SAFE_INTEGER);
          expect(c.state[i]).toBe(exact ? PRESENT : INEXACT);
          if (exact) expect(new Decimal(c.v[i]).eq(scaled)).toBe(true);
          else expect(Number.isNaN(c.v[i])).toBe(true);
        });
      }),
      { numRuns: RUNS },
    );
  });
});
