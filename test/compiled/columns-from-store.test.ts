/**
 * Compiled decisions' columns read straight from the data loader's column store
 * (src/runtime/compiled/columns.ts: a number field from its units and scales, a lookup path once
 * per distinct code of its first field) must be the columns read value by value from the same
 * rows as objects — the reading that goes through a Decimal and a key lookup per row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnStore } from '../../src/data/column-store.js';
import type { TableSchema } from '../../src/graph/tables.js';
import { Decimal } from '../../src/runtime/decimal.js';
import type { CompileContext } from '../../src/runtime/expr.js';
import { INEXACT, MISSING, PRESENT, columnOf } from '../../src/runtime/compiled/columns.js';
import { arraySource } from '../../src/runtime/row-source.js';
import type { RowLike, RowSource, TableLike, Value } from '../../src/runtime/values.js';

const RUNS = Number(process.env.PLAYBOOK_DECISION_RUNS ?? 300);

const fieldOf = (name: string, type: string, key = false) => ({ name, type, column: name, optional: true, key, aliases: [] });
const dealsSchema = { name: 't', file: 't.csv', delimiter: ',', locale: 'en', fields: [fieldOf('a', 'money'), fieldOf('acc', 'text')] } as unknown as TableSchema;
const accountsSchema = { name: 'acc', file: 'acc.csv', delimiter: ',', locale: 'en', fields: [fieldOf('id', 'text', true), fieldOf('limit', 'money'), fieldOf('flag', 'boolean')] } as unknown as TableSchema;

/** Accounts A0–A4 with a limit and a flag each (A4 has neither). */
const accountRows: RowLike[] = [0, 1, 2, 3, 4].map((k) => ({ line: k + 2, values: [`A${k}`, k === 4 ? null : new Decimal(`${k * 1250}.50`), k === 4 ? null : k % 2 === 0] }));

/** The rows (amount, account) in a column store, and the same rows as objects. */
function both(rows: [Value, Value][]): { store: ColumnStore; objects: RowLike[] } {
  const store = new ColumnStore(dealsSchema);
  rows.forEach(([a, acc], i) => {
    store.start(i + 2);
    store.set(0, a);
    store.set(1, acc);
    store.end();
  });
  store.fit();
  return { store, objects: rows.map(([a, acc], i) => ({ line: i + 2, values: [a, acc] })) };
}

function contextFor(deals: RowLike[]): CompileContext {
  const byKey = new Map(accountRows.map((r) => [r.values[0] as string, r]));
  const tables = new Map<string, TableLike>([
    ['t', { schema: dealsSchema, rows: deals, byKey: null } as TableLike],
    ['acc', { schema: accountsSchema, rows: accountRows, byKey } as TableLike],
  ]);
  const layout = new Map([
    ['t', new Map([['a', 0], ['acc', 1]])],
    ['acc', new Map([['id', 0], ['limit', 1], ['flag', 2]])],
  ]);
  return { tables, layout, inputs: { get: () => undefined, maybe: () => undefined }, activitiesTable: null } as unknown as CompileContext;
}

/** The column of `path` over `source` as plain arrays (v with NaN as null, state, scale). */
function read(path: { table: string; field: string }[], type: 'money' | 'boolean', source: RowSource, ctx: CompileContext) {
  const c = columnOf(path, type, source, ctx);
  return { v: [...c.v].map((x) => (Number.isNaN(x) ? null : x)), state: [...c.state], scale: c.scale };
}

const amounts = fc.oneof(
  fc.constant(null),
  fc.constantFrom('0', '-0', '3856.80', '44', '4400', '0.001', '12345678901234.5', '9007199254740991', '90071992547409.93', '1e-14', '1.0000000000000001'),
  fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 6 })).map(([m, dp]) => new Decimal(m).div(10 ** dp).toFixed()),
);
const accounts = fc.oneof(fc.constant(null), fc.constantFrom('A0', 'A1', 'A2', 'A3', 'A4', 'A9'));

describe('columns read from the column store', () => {
  it('by hand: 3,856.80, 44 and 0.5 at scale 10 (one decimal at most); an empty cell missing; A1 → limit 1,250.50, A9 → missing', () => {
    const { store, objects } = both([
      [new Decimal('3856.80'), 'A1'],
      [new Decimal('44'), 'A9'],
      [null, null],
      [new Decimal('0.5'), 'A1'],
    ]);
    const ctx = contextFor(objects);
    const a = read([{ table: 't', field: 'a' }], 'money', store, ctx);
    expect(a).toEqual({ v: [38568, 440, null, 5], state: [PRESENT, PRESENT, MISSING, PRESENT], scale: 10 });
    const limit = read([{ table: 't', field: 'acc' }, { table: 'acc', field: 'limit' }], 'money', store, ctx);
    expect(limit).toEqual({ v: [12505, null, null, 12505], state: [PRESENT, MISSING, MISSING, PRESENT], scale: 10 });
    const flag = read([{ table: 't', field: 'acc' }, { table: 'acc', field: 'flag' }], 'boolean', store, ctx);
    expect(flag).toEqual({ v: [0, 0, 0, 0], state: [PRESENT, MISSING, MISSING, PRESENT], scale: 1 });
  });

  it('a number field, a money lookup and a yes/no lookup: the same columns as from the rows as objects', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amounts, accounts), { minLength: 1, maxLength: 30 }), (cells) => {
        const { store, objects } = both(cells.map(([a, acc]) => [a === null ? null : new Decimal(a), acc]));
        const ctx = contextFor(objects);
        const paths: [{ table: string; field: string }[], 'money' | 'boolean'][] = [
          [[{ table: 't', field: 'a' }], 'money'],
          [[{ table: 't', field: 'acc' }, { table: 'acc', field: 'limit' }], 'money'],
          [[{ table: 't', field: 'acc' }, { table: 'acc', field: 'flag' }], 'boolean'],
        ];
        for (const [path, type] of paths) expect(read(path, type, store, ctx)).toEqual(read(path, type, arraySource(objects), ctx));
        // Every state is one of the three (an amount of 17 significant digits is inexact).
        for (const s of read(paths[0][0], 'money', store, ctx).state) expect([PRESENT, MISSING, INEXACT]).toContain(s);
      }),
      { numRuns: RUNS },
    );
  });
});
