/**
 * One way to read a table row by row whether its rows are objects or columns (issue 10, scale):
 * the consumers of the big tables (activities: scoring, indicators, red lines on activities) read
 * fields through it, so ten million activities are never made into ten million row objects.
 */
import type { RowLike, RowSource, TableLike, Value } from './values.js';

/** The source of each rows array, made once: compiled decisions keep their columns per source (`compiled/columns.ts`). */
const sources = new WeakMap<readonly RowLike[], RowSource>();

/**
 * The rows of a plain array read as a {@link RowSource} (`row(i)` is the array's own row object);
 * the same source object for the same array every time. `length` follows the array.
 */
export function arraySource(rows: readonly RowLike[]): RowSource {
  let source = sources.get(rows);
  if (!source) {
    source = {
      get length() {
        return rows.length;
      },
      line: (i) => rows[i].line,
      value: (i, field): Value => rows[i].values[field],
      row: (i) => rows[i],
    };
    sources.set(rows, source);
  }
  return source;
}

/** `rows` as a source: the source itself, or a plain array's {@link arraySource}. */
export function asSource(rows: readonly RowLike[] | RowSource): RowSource {
  return Array.isArray(rows) ? arraySource(rows as readonly RowLike[]) : (rows as RowSource);
}

/**
 * The table's columns while its rows have not been made (see `TableLike.columns`), else its rows.
 * Read once per use: a node that makes the rows (a derived field of the table) switches later readers to them.
 */
export function rowSource(table: TableLike | undefined): RowSource {
  if (table === undefined) return EMPTY;
  return table.columns ?? arraySource(table.rows);
}

const EMPTY: RowSource = arraySource([]);

/**
 * One row object that reads through to a row of `source`, moved with the returned function: for a
 * condition decided once per row of a big table (the scoring's weight for each of a million
 * activities), where making each row — a new object with every field, a new Decimal for each
 * number field — made a million short-lived rows (issue 10: the scoring's peak memory). Only the
 * fields the condition reads are read, each as `value` gives it, so it decides exactly as on the
 * made row. The row is valid until the cursor moves: read it, never keep it.
 */
export function rowCursor(source: RowSource): (i: number) => RowLike {
  if (source.length === 0) return (i) => source.row(i);
  const width = source.row(0).values.length;
  let at = 0;
  const values = new Proxy([] as Value[], {
    get(target, key, receiver) {
      if (typeof key === 'string') {
        const field = Number(key);
        if (Number.isInteger(field) && field >= 0) return field < width ? source.value(at, field) : undefined;
        if (key === 'length') return width;
      }
      return Reflect.get(target, key, receiver);
    },
  });
  const row: RowLike = { line: 0, values };
  return (i) => {
    at = i;
    row.line = source.line(i);
    return row;
  };
}
