/** Expressions compiled to closures: three-valued logic for missing values, units, dates. */
import { describe, expect, it } from 'vitest';
import type { TExpr } from '../../src/check/model.js';
import { Decimal } from '../../src/runtime/decimal.js';
import { type Env, compileExpr } from '../../src/runtime/expr.js';
import type { Value } from '../../src/runtime/values.js';
import { percentToRatio } from '../../src/check/expressions.js';

const schema = {
  name: 't',
  file: 't.csv',
  delimiter: ',',
  locale: 'en' as const,
  fields: [
    { name: 'amount', type: 'money' as const, column: 'amount', optional: true, key: false, aliases: [] },
    { name: 'close', type: 'date' as const, column: 'close', optional: true, key: false, aliases: [] },
  ],
};
const noInputs = {
  get: (id: string): never => {
    throw new Error(`no input ${id}`);
  },
  maybe: () => undefined,
};
const ctx = { tables: new Map([['t', { schema, rows: [], byKey: null }]]), layout: new Map([['t', new Map([['amount', 0], ['close', 1]])]]), inputs: noInputs, activitiesTable: null };

function run(e: TExpr, values: Value[]): Value {
  const env = { row: { line: 2, values }, divisionsByZero: 0 } as unknown as Env;
  return compileExpr(e, ctx)(env);
}
const amount: TExpr = { k: 'field', t: 'money', path: [{ table: 't', field: 'amount' }] };
const two: TExpr = { k: 'lit', t: 'number', v: '2' };
const lessThanTwo: TExpr = { k: 'bin', t: 'boolean', op: '<', l: amount, r: two };

describe('expressions', () => {
  it('missing < 2 is not true, and neither is not (missing < 2)', () => {
    expect(run(lessThanTwo, [null, null])).toBe(null);
    expect(run({ k: 'not', t: 'boolean', e: lessThanTwo }, [null, null])).toBe(null);
    expect(run(lessThanTwo, [new Decimal(1), null])).toBe(true);
  });
  it('false and unknown is false; true or unknown is true (Kleene)', () => {
    const f: TExpr = { k: 'lit', t: 'boolean', v: false };
    const t: TExpr = { k: 'lit', t: 'boolean', v: true };
    expect(run({ k: 'bin', t: 'boolean', op: 'and', l: f, r: lessThanTwo }, [null, null])).toBe(false);
    expect(run({ k: 'bin', t: 'boolean', op: 'or', l: t, r: lessThanTwo }, [null, null])).toBe(true);
    expect(run({ k: 'bin', t: 'boolean', op: 'and', l: t, r: lessThanTwo }, [null, null])).toBe(null);
  });
  it('is missing is an explicit test', () => {
    expect(run({ k: 'missing', t: 'boolean', e: amount, neg: false }, [null, null])).toBe(true);
    expect(run({ k: 'missing', t: 'boolean', e: amount, neg: true }, [new Decimal(0), null])).toBe(true);
  });
  it('division by zero is missing, never Infinity', () => {
    expect(run({ k: 'bin', t: 'money', op: '/', l: two, r: { k: 'lit', t: 'number', v: '0' } }, [null, null])).toBe(null);
  });
  it('dates compare as dates, not as text', () => {
    const close: TExpr = { k: 'field', t: 'date', path: [{ table: 't', field: 'close' }] };
    const cutoff: TExpr = { k: 'lit', t: 'date', v: '2017-10-01' };
    // As text "2017-9-30" > "2017-10-01"; as dates it is earlier.
    expect(run({ k: 'bin', t: 'boolean', op: '<', l: close, r: cutoff }, [null, Date.UTC(2017, 8, 30)])).toBe(true);
  });
  it('percent literals become exact ratios', () => {
    expect(percentToRatio('20')).toBe('0.2');
    expect(percentToRatio('7.5')).toBe('0.075');
    expect(percentToRatio('150')).toBe('1.5');
    expect(percentToRatio('0.25')).toBe('0.0025');
    expect(percentToRatio('100')).toBe('1');
  });
});
