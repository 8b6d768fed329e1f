/**
 * Runtime values and the row shape the evaluator reads. Structurally the same
 * as the data loader's output (`src/data`), so loaded tables can be passed in
 * without the runtime depending on the loader.
 */
import type { Decimal } from './decimal.js';
import type { TableSchema } from '../graph/tables.js';

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

export interface TableLike {
  schema: TableSchema;
  rows: RowLike[];
  byKey: Map<string, RowLike> | null;
}
