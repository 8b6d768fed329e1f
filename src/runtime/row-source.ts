/**
 * One way to read a table row by row whether its rows are objects or columns (issue 10, scale):
 * the consumers of the big tables (activities: scoring, indicators, red lines on activities) read
 * fields through it, so ten million activities are never made into ten million row objects.
 */
import type { RowLike, RowSource, TableLike, Value } from './values.js';

/** The rows of a plain array read as a {@link RowSource} (`row(i)` is the array's own row object). */
export function arraySource(rows: readonly RowLike[]): RowSource {
  return {
    length: rows.length,
    line: (i) => rows[i].line,
    value: (i, field): Value => rows[i].values[field],
    row: (i) => rows[i],
  };
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
