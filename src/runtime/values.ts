/**
 * Runtime values and the row shape the evaluator reads. Structurally the same
 * as the data loader's output (`src/data`), so loaded tables can be passed in
 * without the runtime depending on the loader.
 */
import type { Decimal } from './decimal.js';
import type { TableSchema } from '../graph/tables.js';
import type { NumberParts } from '../graph/decimal-units.js';

/**
 * A value: `Decimal` for money, numbers and ratios; `string` for text; `boolean`;
 * `number` for dates (ms of the local wall-clock time in the playbook's zone, as if UTC);
 * `null` for missing.
 */
export type Value = Decimal | string | boolean | number | null;

export interface RowLike {
  line: number;
  /** Source fields in schema order, then derived fields in graph order (the evaluator appends them). */
  values: Value[];
}

/**
 * A table's rows kept as columns (the data loader's `ColumnStore`): one field of one row is read
 * without making the row. Rows are numbered 0 … length − 1 in the order of `TableLike.rows`.
 */
export interface RowSource {
  readonly length: number;
  /** Source line of row `i`. */
  line(i: number): number;
  /** Field `field` (index in the schema) of row `i`; a new Decimal for a number field. */
  value(i: number, field: number): Value;
  /** Row `i` as a row (a new object each call). */
  row(i: number): RowLike;
  /**
   * Adds (or replaces) field `field` — a derived field's slot, past the source fields — holding
   * `values[i]` for row `i`, read back by `value` and `row` as they are (no copy); or, given a
   * function, `values(i)` computed on each read (it must give the same value every time). Absent
   * on a source that cannot hold more fields (rows as objects: the evaluator writes into them instead).
   */
  addColumn?(field: number, values: readonly Value[] | ((row: number) => Value)): void;
  /**
   * The dictionary code of text field `field` in row `i` (rows with the same code hold the same
   * text; -1: missing), or undefined when the field is not held as codes. Absent on rows as objects.
   */
  code?(i: number, field: number): number | undefined;
  /** How many codes `code` may give for field `field`. */
  codeCount?(field: number): number;
  /**
   * A number field's exact values without a Decimal each (the data loader's `ColumnStore.numberParts`):
   * row `i` is `units[i] × 10^-scales[i]`, missing for scale −1, only `value` gives it for scale −2;
   * null when the field is not held so. Absent on rows as objects.
   */
  numberParts?(field: number): NumberParts | null;
  /**
   * A date field's day numbers, one per row (the data loader's `ColumnStore.dayNumbers`): row `i`'s
   * date is `days[i] × DAY_MS` when `value` gives a date (only such rows may be read); null when the
   * field is not held so. Absent on rows as objects.
   */
  dayNumbers?(field: number): Int16Array | Int32Array | null;
}

export interface TableLike {
  schema: TableSchema;
  rows: RowLike[];
  byKey: Map<string, RowLike> | null;
  /** The rows as columns while `rows` has not been read (then reading `rows` would make them all); else null or absent. */
  readonly columns?: RowSource | null;
}
