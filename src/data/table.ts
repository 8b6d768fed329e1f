/**
 * Loading one table from CSV text: header matching, per-row parsing, keys.
 */
import type { TableSchema } from '../graph/tables.js';
import { matchColumns } from './columns.js';
import { CsvReader, readCsv, type CsvFile, type CsvRecord, type Reread } from './csv.js';
import { dateOrderTallies } from './date-order.js';
import { isValidTimeZone } from './dates.js';
import { DataError } from './errors.js';
import { compileFieldReader, type FieldReader } from './fields.js';
import { keyString } from './keys.js';
import { controlCharacter, duplicateKey, invalidValue, requiredValue, spansLines, wrongCellCount, type At } from './messages.js';
import { percentTallies } from './percent-profile.js';
import { groupingTallies } from './grouping-profile.js';
import { EMPTY, INVALID } from './sentinels.js';
import type { LoadedTable, LoadOptions, RejectedRow, Row, RowIssue, Value } from './types.js';

/** Loader bookkeeping that lookups need but the public `LoadedTable` does not show. */
export interface TableInternals {
  /** Column header (as in the file) of each field, indexed like `schema.fields`. */
  columns: string[];
  /** Every key value seen in the file (accepted or rejected row) → first line. */
  seenKeys: Map<string, number> | null;
  /** Values parsed from rows rejected while loading (null where a cell failed). */
  rejectedValues: Map<RejectedRow, Value[]>;
  /** Things about the data that are probably not meant (e.g. a percent column of fractions), for `simulate` to show. */
  warnings: string[];
}

const internals = new WeakMap<LoadedTable, TableInternals>();

/** Bookkeeping of a table produced by {@link loadTableText}. */
export function tableInternals(table: LoadedTable): TableInternals {
  const t = internals.get(table);
  if (t === undefined) throw new Error(`table ${table.schema.name} was not produced by loadTableText`);
  return t;
}

function checkDeclaration(schema: TableSchema, options: LoadOptions): void {
  const file = schema.file;
  const keys = schema.fields.filter((f) => f.key);
  if (keys.length > 1) {
    throw new DataError(
      `${file}: only one column can be the key of table ${schema.name}, but ${keys.map((k) => `"${k.column}"`).join(' and ')} are both marked as key`,
      { file },
    );
  }
  if (schema.fields.some((f) => f.type === 'date' || f.type === 'timestamp') && !isValidTimeZone(options.timeZone)) {
    throw new DataError(
      `${file}: cannot read dates in time zone "${options.timeZone}": it is not a known time zone name; use one such as "UTC", "Europe/Berlin" or "America/New_York"`,
      { file },
    );
  }
}

// Refused in text cells: C0 controls other than tab and line feed, DEL, C1 controls,
// and U+FFFD (left by an earlier conversion that lost the original letters).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/;

/**
 * Issues for the cells of `rec` that hold line breaks in columns not declared
 * `multiline` (any column, declared or not: a stray quote in an unread column
 * swallows records too). Null when there are none.
 */
function lineBreakIssues(rec: CsvRecord, at: At, header: string[], fieldOfCell: Map<number, FieldReader>): RowIssue[] | null {
  let issues: RowIssue[] | null = null;
  rec.cells.forEach((cell, i) => {
    if (!cell.includes('\n')) return;
    const reader = fieldOfCell.get(i);
    if (reader?.field.multiline) return;
    const column = header[i] === undefined || header[i] === '' ? `column ${i + 1}` : header[i];
    (issues ??= []).push(spansLines(at, column, reader?.field.name ?? '', cell.trim(), rec.endLine));
  });
  return issues;
}

/**
 * Loads one table from CSV `text` according to `schema`. Lookups into other tables are
 * NOT checked here (see `loadDataset`).
 *
 * Every data record is either accepted (`rows`) or rejected with all its issues
 * (`rejected`); `read === used + rejected.length`. Blank lines are not records.
 * Cells may be followed by empty cells from a trailing delimiter; any other
 * difference from the header's column count rejects the row. So does a value that
 * spans lines outside a `multiline` field (naming the lines), and text holding a
 * control character or U+FFFD. Text is compared in Unicode NFC.
 *
 * Throws `DataError` for whole-file problems: empty file, a declared column not in
 * the header, a header or record the CSV reader refuses (see `readCsv`), a date
 * column whose values are in the other day/month order (see `date-order.ts`), or a
 * declaration that cannot be applied (two keys, bad date format or default,
 * unknown time zone).
 */
export function loadTableText(schema: TableSchema, text: string, options: LoadOptions): LoadedTable {
  checkDeclaration(schema, options);
  return loadTableRecords(schema, readCsv(text, schema.delimiter || ',', schema.file), options);
}

/**
 * {@link loadTableText} after the file is split into header and records (CSV, or another
 * format turned into the same cells: see `jsonl.ts`). Same rows, issues and errors.
 * `early` issues are whole-record problems found by that split (a line that is not JSON),
 * by line: those records are rejected with them.
 */
export function loadTableRecords(schema: TableSchema, csv: CsvFile, options: LoadOptions, early?: Map<number, RowIssue[]>): LoadedTable {
  checkDeclaration(schema, options);
  const builder = new TableBuilder(schema, csv.header, options, early);
  for (const rec of csv.records) builder.add(rec);
  return builder.finish();
}

/**
 * Loads one table from a CSV file given as blocks of UTF-8 bytes (`decodedBlocks`), record by
 * record: neither the file's text nor its records are ever held whole. Same rows, issues and
 * errors as {@link loadTableText} over the whole text, in the same order of precedence: when
 * something stops the table before the end of the file, the rest is still decoded (and parsed
 * as CSV, for a problem found in a record) so that a problem the whole-file reading would have
 * reported first — bytes that are not text further on, a quote never closed — is reported.
 *
 * @param reread the same blocks again from the start (only read to quote a line in a rare message).
 * @param onRows called every `PROGRESS_ROWS` records with the count so far, and at the end.
 * @throws DataError as {@link loadTableText}, and for what `blocks` throws (see `decodedBlocks`).
 */
export function loadTableStream(schema: TableSchema, blocks: Iterator<Buffer>, reread: Reread, options: LoadOptions, onRows?: (rows: number) => void): LoadedTable {
  let builder: TableBuilder | null = null;
  let records = 0;
  const reader = new CsvReader(
    schema.delimiter || ',',
    schema.file,
    reread,
    (header) => {
      builder = new TableBuilder(schema, header, options);
    },
    (record) => {
      builder!.add(record);
      if (onRows !== undefined && ++records % PROGRESS_ROWS === 0) onRows(records);
    },
  );
  try {
    checkDeclaration(schema, options);
  } catch (e) {
    throw settle(e, blocks, null);
  }
  for (;;) {
    const next = blocks.next();
    if (next.done) break;
    try {
      reader.feed(next.value);
    } catch (e) {
      throw settle(e, blocks, reader);
    }
  }
  reader.end();
  onRows?.(records);
  return (builder as TableBuilder | null)!.finish();
}

/** How often `loadTableStream` reports progress, in records. */
export const PROGRESS_ROWS = 10_000;

/**
 * The error to report when `e` stopped a table before the end of its file: the rest of the file
 * is decoded (and, with `reader`, parsed as CSV without using the records); a DataError found
 * that way is what reading the whole file first would have reported, so it wins.
 */
function settle(e: unknown, blocks: Iterator<Buffer>, reader: CsvReader | null): unknown {
  if (!(e instanceof DataError)) return e;
  try {
    reader?.discard();
    for (let next = blocks.next(); !next.done; next = blocks.next()) reader?.feed(next.value);
    reader?.end();
  } catch (later) {
    return later;
  }
  return e;
}

/** One table being built from its header and then its records, one at a time (see {@link loadTableRecords}). */
class TableBuilder {
  private readonly table: string;
  private readonly file: string;
  private readonly header: string[];
  private readonly named: number;
  private readonly readers: FieldReader[];
  private readonly keyIndex: number;
  private readonly seenKeys: Map<string, number> | null;
  private readonly rows: Row[] = [];
  private readonly rejected: RejectedRow[] = [];
  private readonly rejectedValues = new Map<RejectedRow, Value[]>();
  private readonly dateOrders: ReturnType<typeof dateOrderTallies>;
  private readonly percents: ReturnType<typeof percentTallies>;
  private readonly groupings: ReturnType<typeof groupingTallies>;
  private readonly fieldOfCell: Map<number, FieldReader>;
  /** Per text field: each distinct value once, so that ten million rows naming 3,000 reps hold 3,000 strings. */
  private readonly interned: (Map<string, string> | null)[];
  private read = 0;

  constructor(
    private readonly schema: TableSchema,
    header: string[],
    options: LoadOptions,
    private readonly early?: Map<number, RowIssue[]>,
  ) {
    const { name: table, file } = schema;
    this.table = table;
    this.file = file;
    this.header = header;
    const cells = matchColumns(schema, header);
    let named = header.length; // header cells up to the last named one
    while (named > 0 && header[named - 1] === '') named--;
    this.named = named;
    this.readers = schema.fields.map((f, i) => compileFieldReader(f, i, cells[i], header[cells[i]], schema.locale, options.timeZone, file));
    this.keyIndex = schema.fields.findIndex((f) => f.key);
    this.seenKeys = this.keyIndex >= 0 ? new Map<string, number>() : null;
    this.dateOrders = dateOrderTallies(this.readers);
    this.percents = percentTallies(this.readers);
    this.groupings = groupingTallies(this.readers, schema.locale);
    this.fieldOfCell = new Map(this.readers.map((r) => [r.cell, r]));
    this.interned = schema.fields.map((f, i) => (f.type === 'text' && i !== this.keyIndex ? new Map<string, string>() : null));
  }

  /** The same string as an earlier equal value of field `i`, while the field repeats its values. */
  private intern(i: number, v: string): string {
    const seen = this.interned[i];
    if (seen === null) return v;
    const same = seen.get(v);
    if (same !== undefined) return same;
    // A column of distinct values (an id, a note) gains nothing: stop interning it once nearly all
    // of its values so far were new, or once it holds too many to be worth a map.
    if ((seen.size >= INTERN_TRIAL && seen.size > 0.95 * this.read) || seen.size >= MAX_INTERNED) this.interned[i] = null;
    else seen.set(v, v);
    return v;
  }

  /** Reads one data record: accepted into `rows`, or rejected with every issue found in it. */
  add(rec: CsvRecord): void {
    const { table, file, readers, named, keyIndex, seenKeys } = this;
    this.read++;
    const line = rec.line;
    const raw = rec.cells;
    let issues: RowIssue[] | null = rec.endLine > line ? lineBreakIssues(rec, { table, file, line }, this.header, this.fieldOfCell) : null;
    const before = this.early?.get(line);
    if (before) {
      // The record could not even be split into cells: its cells are not read (they would only add noise).
      this.rejected.push({ table, file, line, issues: before });
      return;
    }
    let count = raw.length;
    if (count > named) {
      // Extra cells are fine when empty (trailing delimiters).
      while (count > named && raw[count - 1].trim() === '') count--;
    }
    if (count !== named) {
      const at: At = { table, file, line };
      this.rejected.push({ table, file, line, issues: [...(issues ?? []), wrongCellCount(at, named, count)] });
      return;
    }

    const nFields = readers.length;
    const values: Value[] = new Array(nFields);
    for (let i = 0; i < nFields; i++) {
      const r = readers[i];
      const cell = raw[r.cell];
      let v = r.read(cell);
      this.dateOrders.get(i)?.note(cell, line, v);
      if (v === INVALID || v === EMPTY) {
        const at: At = { table, file, line };
        const text = cell.trim();
        const issue = v === EMPTY ? requiredValue(at, r.column, r.field.name) : invalidValue(at, r.column, r.field.name, text, r.expected, r.hint(r.text(cell)));
        (issues ??= []).push(issue);
        values[i] = null;
        continue;
      }
      if (typeof v === 'string') {
        if (CONTROL.test(v)) {
          (issues ??= []).push(controlCharacter({ table, file, line }, r.column, r.field.name, v));
          values[i] = null;
          continue;
        }
        v = this.intern(i, v);
      }
      values[i] = v;
      this.percents.get(i)?.note(cell, line, v);
      this.groupings.get(i)?.note(cell, line, v);
      if (i === keyIndex && seenKeys !== null) {
        const key = keyString(v);
        if (key === null) continue;
        const firstLine = seenKeys.get(key);
        if (firstLine === undefined) seenKeys.set(key, line);
        else {
          const at: At = { table, file, line };
          (issues ??= []).push(duplicateKey(at, r.column, r.field.name, cell.trim(), firstLine));
        }
      }
    }

    if (issues !== null) {
      const rej: RejectedRow = { table, file, line, issues };
      this.rejected.push(rej);
      this.rejectedValues.set(rej, values);
    } else {
      this.rows.push({ line, values });
    }
  }

  /** The table, after the whole-column checks (date order, percent fractions, number grouping). */
  finish(): LoadedTable {
    const { schema, file } = this;
    for (const tally of this.dateOrders.values()) {
      const stop = tally.verdict(file);
      if (stop !== null) throw stop;
    }
    const warnings = [...this.percents.values(), ...this.groupings.values()].map((t) => t.warning(file)).filter((w): w is string => w !== null);
    const keyIndex = this.keyIndex;
    const loaded = {
      schema,
      rows: this.rows,
      read: this.read,
      used: this.rows.length,
      rejected: this.rejected,
      keyIndex,
      fieldIndex: new Map(schema.fields.map((f, i) => [f.name, i])),
    } as Omit<LoadedTable, 'byKey'> as LoadedTable;
    // The index by key is built when first used (a lookup into this table): a table nothing looks up,
    // such as ten million activities, never holds a second map of all its keys.
    let byKey: Map<string, Row> | null | undefined = keyIndex >= 0 ? undefined : null;
    Object.defineProperty(loaded, 'byKey', {
      enumerable: true,
      get: () => (byKey === undefined ? (byKey = indexByKey(loaded.rows, keyIndex)) : byKey),
      set: (value: Map<string, Row> | null) => {
        byKey = value;
      },
    });
    internals.set(loaded, { columns: this.readers.map((r) => r.column), seenKeys: this.seenKeys, rejectedValues: this.rejectedValues, warnings });
    return loaded;
  }
}

/** Accepted rows by `keyString` of their key (keys of accepted rows are distinct: a repeated one is rejected). */
function indexByKey(rows: Row[], keyIndex: number): Map<string, Row> {
  const index = new Map<string, Row>();
  for (const row of rows) {
    const key = keyString(row.values[keyIndex]);
    if (key !== null) index.set(key, row);
  }
  return index;
}

/** Distinct values of a text field seen before {@link TableBuilder} judges whether sharing them pays. */
const INTERN_TRIAL = 50_000;
/** Most distinct values of one text field shared (a map of them costs about 80 bytes each). */
const MAX_INTERNED = 1_000_000;
