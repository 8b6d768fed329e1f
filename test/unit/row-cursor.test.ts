/**
 * The row cursor (src/runtime/row-source.ts) lets a condition read a row of a table held as
 * columns without the row being made: every field it reads must be what the made row holds, at
 * the row the cursor is on, and a condition must decide the same on it as on the made row.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { rowCursor } from '../../src/runtime/row-source.js';
import type { RowLike, RowSource, Value } from '../../src/runtime/values.js';

// Three activities (id, role, value): the value column makes a new Decimal on each read, as the
// data loader's columns do, and the source counts the rows it was asked to make.
const columns: Value[][] = [
  ['A1', 'A2', 'A3'],
  ['C-level', 'assistant', null],
  ['2500.5', null, '12'],
];
let made = 0;
const source: RowSource = {
  length: 3,
  line: (i) => i + 2,
  value: (i, f) => (f === 2 && columns[f][i] !== null ? new Decimal(columns[f][i] as string) : columns[f][i]),
  row: (i): RowLike => {
    made++;
    return { line: i + 2, values: columns.map((_, f) => source.value(i, f)) };
  },
};

describe('a row cursor over a table held as columns', () => {
  it('reads each field of the row it is on, with its line, as the made row holds it', () => {
    const at = rowCursor(source);
    const before = made;
    for (let i = 0; i < 3; i++) {
      const row = at(i);
      expect(row.line).toBe(i + 2);
      expect([row.values[0], row.values[1], row.values[2] === null ? null : (row.values[2] as Decimal).toString()]).toEqual([
        ['A1', 'C-level', '2500.5'],
        ['A2', 'assistant', null],
        ['A3', null, '12'],
      ][i]);
      expect(row.values.length).toBe(3);
    }
    // Reading through the cursor made no row (the one made to learn the width is before `before`).
    expect(made).toBe(before);
  });

  it('decides a condition as the made row does (role = "C-level" and value > 2,000)', () => {
    const at = rowCursor(source);
    const decide = (row: RowLike) => row.values[1] === 'C-level' && row.values[2] !== null && (row.values[2] as Decimal).gt(2000);
    expect([0, 1, 2].map((i) => decide(at(i)))).toEqual([true, false, false]);
    expect([0, 1, 2].map((i) => decide(source.row(i)))).toEqual([true, false, false]);
  });

  it('reads a field past the last as undefined, like an array', () => {
    expect(rowCursor(source)(0).values[7]).toBeUndefined();
  });

  it('over an empty table gives the source rows (none to read)', () => {
    const empty: RowSource = { length: 0, line: () => 0, value: () => null, row: () => ({ line: 0, values: [] }) };
    expect(rowCursor(empty)(0)).toEqual({ line: 0, values: [] });
  });
});
