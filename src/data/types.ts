/**
 * Shapes produced by the data loader. See `loadTableText` / `loadDataset`.
 */
import type { Decimal } from 'decimal.js';
import type { TableSchema } from '../graph/tables.js';
import type { ColumnStore } from './column-store.js';

/**
 * A cell value after parsing.
 * - `money`, `number`, `percent` → `Decimal` (exact; a percent is a ratio: `"20%"` or `"20"` → 0.2);
 * - `text` → `string` (trimmed, aliases applied);
 * - `boolean` → `boolean`;
 * - `date`, `timestamp` → `number`: milliseconds of the LOCAL wall-clock time in the
 *   playbook's time zone, encoded as if it were UTC, i.e. `Date.UTC(y, m-1, d, h, mi, s)`.
 *   A `date` is always local midnight.
 * - missing (empty optional cell without default) → `null`.
 */
export type Value = Decimal | string | boolean | number | null;

/** One accepted data record. */
export interface Row {
  /** Physical line where the record starts in the file; the header is line 1 (when it is the first line). */
  line: number;
  /** Parsed values, indexed like `schema.fields` (use `LoadedTable.fieldIndex` to find a field by name). */
  values: Value[];
}

/** One problem found in one row. `message` is the complete text to show the analyst. */
export interface RowIssue {
  /** Table name from the playbook (e.g. `deals`). */
  table: string;
  /** File name as declared (e.g. `sales_pipeline.csv`). */
  file: string;
  /** Physical line where the record starts. */
  line: number;
  /** Column header as written in the file; absent for whole-row problems (wrong number of cells). */
  column?: string;
  /** Field name from the playbook; absent for whole-row problems. */
  field?: string;
  /** The offending cell text (trimmed), when there is one. */
  value?: string;
  /** What the cell should have looked like, e.g. `a number`. */
  expected?: string;
  /** e.g. `sales_pipeline.csv:123: close_value: expected a number, got "12,5OO"`. */
  message: string;
}

/** A data record that was not used, with every problem found in it. */
export interface RejectedRow {
  table: string;
  file: string;
  line: number;
  /**
   * The record's last line, when it ran over several lines of the file: a quote opened a value and
   * a later quote closed it, so the lines between were read as this one row (the accounting says so).
   */
  endLine?: number;
  /** At least one issue. */
  issues: RowIssue[];
}

/**
 * One loaded table. Invariant: `read === used + rejected.length` and `used === rows.length`.
 */
export interface LoadedTable {
  schema: TableSchema;
  /** Accepted rows in file order. */
  rows: Row[];
  /** Number of data records in the file (blank lines are not records). */
  read: number;
  /** Number of accepted rows. */
  used: number;
  /** Rejected rows in line order. */
  rejected: RejectedRow[];
  /**
   * Accepted rows by key, when the schema declares a key field; the map key is
   * `keyString(value)` (for text keys: the trimmed, aliased text itself). Built from `rows`
   * when first read (a table nothing looks up never holds it).
   */
  byKey: Map<string, Row> | null;
  /** Index of the key field in `schema.fields`, -1 if none. */
  keyIndex: number;
  /** Field name → index in `schema.fields` / `Row.values`. */
  fieldIndex: Map<string, number>;
  /**
   * The accepted rows as columns, read without making an object per row (see `column-store.ts`),
   * while `rows` has not been read: once it has (the rows may then change: derived fields are
   * appended to them), null, and `rows` is what to read. Absent on a table not made by the loader.
   */
  readonly columns?: ColumnStore | null;
}

/** All tables of a playbook, after lookups between them were checked. */
export interface Dataset {
  /** Table name → table. */
  tables: Map<string, LoadedTable>;
  /** Rejected rows of all tables, sorted by file then line. */
  rejected: RejectedRow[];
  /**
   * Things in the data that are valid but probably not meant (a percent column
   * written as fractions), one plain sentence each starting with the file name.
   */
  warnings: string[];
}

/** Options shared by the loaders. */
export interface LoadOptions {
  /** IANA time zone of the playbook, e.g. `UTC`, `Asia/Shanghai`, `America/New_York`. */
  timeZone: string;
  /**
   * ISO 4217 code of the playbook's currency (`USD`). Only Parquet input uses it: a DOUBLE in a
   * `money` column is accepted when it is exactly an amount with at most the currency's minor
   * digits (USD 2, JPY 0). Absent or unknown: 2.
   */
  currency?: string;
  /**
   * Called while a CSV table is read, every 10,000 records and once at its end, with the table's
   * name and the records read so far (for a progress display; see `src/cli/progress.ts`), and,
   * for the table read in a worker thread, `since`: when it began (milliseconds since the epoch),
   * as its progress is passed on only once this thread has read the other tables.
   */
  onRows?: (table: string, records: number, since?: number) => void;
  /**
   * The size in bytes from which the largest CSV file is read in a worker thread while this
   * thread reads the other tables (default `PARALLEL_MIN_BYTES`, 32 MiB; `Infinity`: never).
   * Tests set it low to read small files in parallel.
   */
  parallelMinBytes?: number;
}
