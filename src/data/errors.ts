/**
 * The one error type the data loader throws.
 *
 * Bad *rows* never throw: they are collected as {@link RowIssue}s and the row is
 * rejected. `DataError` is only for problems that stop a whole file (or table)
 * from being read at all.
 */

/**
 * A whole-file problem: file not found, empty file, a declared column absent from
 * the header, CSV that cannot be split into records (an unclosed quote), or a
 * table declaration the loader cannot apply (bad date format, invalid default,
 * lookup of an undeclared table, unknown time zone).
 *
 * `message` is plain text for an analyst and always starts with the file name,
 * e.g. `sales_pipeline.csv: column "close_value" not found; the file has: ...`.
 */
export class DataError extends Error {
  /** The file concerned, as written in the table declaration (e.g. `sales_pipeline.csv`). */
  readonly file: string;
  /** The column concerned, when the problem is about one column. */
  readonly column?: string;
  /** The physical line concerned (1 = header), when the problem is at one place in the file. */
  readonly line?: number;

  constructor(message: string, where: { file: string; column?: string; line?: number }) {
    super(message);
    this.name = 'DataError';
    this.file = where.file;
    if (where.column !== undefined) this.column = where.column;
    if (where.line !== undefined) this.line = where.line;
  }
}
