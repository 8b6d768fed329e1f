/**
 * Loading one table from CSV text: header matching, per-row parsing, keys.
 */
import type { TableSchema } from '../graph/tables.js';
import { matchColumns } from './columns.js';
import { blankBytes, byteCell, byteCells, CsvReader, readCsv, type ByteRecord, type CsvFile, type CsvRecord, type Reread } from './csv.js';
import { dateOrderTallies } from './date-order.js';
import { isValidTimeZone, ymdBytes } from './dates.js';
import { DataError } from './errors.js';
import { ColumnStore, plain, plainDecimal, plainDecimalBytes } from './column-store.js';
import { compileFieldReader, type FieldReader } from './fields.js';
import { Decimal, ZERO } from '../graph/decimal.js';
import { keyString } from './keys.js';
import { KeySet } from './key-set.js';
import { controlCharacter, duplicateKey, invalidValue, requiredValue, spansLines, thousandsSplit, wrongCellCount, type At } from './messages.js';
import { percentTallies } from './percent-profile.js';
import { THOUSANDS_POINT, groupingTallies } from './grouping-profile.js';
import { type MinorUnitTally, minorUnitTallies } from './minor-unit-profile.js';
import { minorDigits } from './parquet.js';
import { EMPTY, INVALID } from './sentinels.js';
import type { LoadedTable, LoadOptions, RejectedRow, Row, RowIssue, Value } from './types.js';

/** Loader bookkeeping that lookups need but the public `LoadedTable` does not show. */
export interface TableInternals {
  /** Column header (as in the file) of each field, indexed like `schema.fields`. */
  columns: string[];
  /** Every key value seen in the file (accepted or rejected row), with its first line. */
  seenKeys: KeySet | null;
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
 * by line: those records are rejected with them. `typedNumbers`: the numbers were written as numbers
 * (JSON Lines, Parquet), so none is checked for points that group thousands.
 */
export function loadTableRecords(schema: TableSchema, csv: CsvFile, options: LoadOptions, early?: Map<number, RowIssue[]>, typedNumbers = false): LoadedTable {
  checkDeclaration(schema, options);
  const builder = new TableBuilder(schema, csv.header, options, early, typedNumbers);
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
 * @param fileBytes the size of the UTF-8 file the blocks come from, when known: the columns are
 *   then given room once for the rows the first block foretells, rather than grown half as much
 *   again time after time (each growth a copy of every column: issue 10, scale).
 * @throws DataError as {@link loadTableText}, and for what `blocks` throws (see `decodedBlocks`).
 */
export function loadTableStream(schema: TableSchema, blocks: Iterator<Buffer>, reread: Reread, options: LoadOptions, onRows?: (rows: number) => void, fileBytes?: number): LoadedTable {
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
    (record) => {
      builder!.addBytes(record);
      if (onRows !== undefined && ++records % PROGRESS_ROWS === 0) onRows(records);
    },
  );
  try {
    checkDeclaration(schema, options);
  } catch (e) {
    throw settle(e, blocks, null);
  }
  let fed = 0;
  let foretold = fileBytes === undefined;
  for (;;) {
    const next = blocks.next();
    if (next.done) break;
    try {
      reader.feed(next.value);
    } catch (e) {
      throw settle(e, blocks, reader);
    }
    fed += next.value.length;
    if (!foretold && builder !== null && fed < fileBytes!) {
      foretold = true;
      (builder as TableBuilder).expectRows(Math.ceil(((builder as TableBuilder).records * fileBytes!) / fed) * ROOM_MARGIN);
    }
  }
  reader.end();
  onRows?.(records);
  return (builder as TableBuilder | null)!.finish();
}

/** Room for this many times the rows the first block of a file foretells (rows differ a little in length). */
const ROOM_MARGIN = 1.03;

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

/** How a field's cell of a record split by hand is read (see `TableBuilder.addBytes`). */
const GENERAL = 0;
const PLAIN_NUMBER = 1;
const YMD = 2;
const TEXT = 3;
const TEXT_KEY = 4;
const PLAIN_PERCENT = 5;

/**
 * True when bytes `[start, end)` are printable ASCII (space to `~`) neither starting nor ending
 * with a space: such a cell is its own value (trimming, Unicode NFC and the control-character
 * check change nothing), is not empty and does not start with `#` (see the function's first line).
 */
function printable(bytes: Buffer, start: number, end: number): boolean {
  // A cell starting with `#` may be a spreadsheet's error value (`#N/A`): the general reader refuses those.
  if (end <= start || bytes[start] === 32 || bytes[end - 1] === 32 || bytes[start] === 35) return false;
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b < 32 || b > 126) return false;
  }
  return true;
}

/** One table being built from its header and then its records, one at a time (see {@link loadTableRecords}). */
class TableBuilder {
  private readonly table: string;
  private readonly file: string;
  private readonly header: string[];
  private readonly named: number;
  private readonly readers: FieldReader[];
  private readonly keyIndex: number;
  private readonly seenKeys: KeySet | null;
  /** The key field is text: its column keeps the key's entry in `seenKeys` (see `KeyColumn`). */
  private readonly textKey: boolean;
  /** Per field, how a cell of a record split by hand may be read from its bytes (see {@link addBytes}). */
  private readonly byteKinds: Uint8Array;
  /** Per field: an empty cell is the missing value (optional, no default, no aliases, no tally that notes it): read without a string. */
  private readonly emptyIsNull: Uint8Array;
  /** Per field: the record's value is a dictionary code (text) or key entry, in `codes`. */
  private readonly codeAt: Uint8Array;
  private readonly codes: Int32Array;
  /** The accepted rows, as columns (no object per row). */
  private readonly store: ColumnStore;
  /** Per field: true when a plain cell (`-?digits(.digits)?`) may be read without a Decimal (see `plainDecimal`). */
  private readonly plainNumbers: boolean[];
  /** The current record's values; number fields read without a Decimal are marked in `plainAt`. */
  private readonly values: Value[];
  private readonly plainAt: Uint8Array;
  private readonly plainUnits: Float64Array;
  private readonly plainScales: Int8Array;
  private readonly rejected: RejectedRow[] = [];
  private readonly rejectedValues = new Map<RejectedRow, Value[]>();
  private readonly dateOrders: ReturnType<typeof dateOrderTallies>;
  private readonly percents: ReturnType<typeof percentTallies>;
  private readonly groupings: ReturnType<typeof groupingTallies>;
  private readonly minorUnits: ReturnType<typeof minorUnitTallies>;
  /** The same tallies by field index (an array: asked once per amount read). */
  private readonly minorUnitAt: (MinorUnitTally | undefined)[];
  private readonly fieldOfCell: Map<number, FieldReader>;
  private read = 0;

  constructor(
    private readonly schema: TableSchema,
    header: string[],
    options: LoadOptions,
    private readonly early?: Map<number, RowIssue[]>,
    typedNumbers = false,
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
    this.seenKeys = this.keyIndex >= 0 ? new KeySet() : null;
    this.textKey = this.keyIndex >= 0 && schema.fields[this.keyIndex].type === 'text';
    this.dateOrders = dateOrderTallies(this.readers);
    this.percents = percentTallies(this.readers);
    // A number from a typed file (JSON Lines, Parquet) is written by a program, never grouped by a locale:
    // "1.005" there is a thousandth, and the warning about points that group thousands would mislead.
    this.groupings = typedNumbers ? new Map() : groupingTallies(this.readers, schema.locale);
    this.minorUnits = minorUnitTallies(this.readers, options.currency, minorDigits(options.currency));
    this.minorUnitAt = this.readers.map((_, i) => this.minorUnits.get(i));
    this.fieldOfCell = new Map(this.readers.map((r) => [r.cell, r]));
    this.store = new ColumnStore(schema, this.seenKeys ?? undefined);
    // The general reader is kept for percents (read as ratios), keys, fields with aliases, and
    // files in `de` notation (where `12.500` is twelve thousand five hundred).
    const en = (schema.locale ?? 'en') === 'en';
    this.plainNumbers = this.readers.map((r, i) => en && (r.field.type === 'money' || r.field.type === 'number') && i !== this.keyIndex && (r.field.aliases ?? []).length === 0 && !this.percents.has(i));
    const n = this.readers.length;
    this.values = new Array<Value>(n).fill(null);
    this.plainAt = new Uint8Array(n);
    this.plainUnits = new Float64Array(n);
    this.plainScales = new Int8Array(n);
    this.codeAt = new Uint8Array(n);
    this.codes = new Int32Array(n);
    this.emptyIsNull = Uint8Array.from(this.readers, (r, i) => {
      const f = r.field;
      return f.optional && !f.key && f.default === undefined && (f.aliases ?? []).length === 0 && i !== this.keyIndex && !this.dateOrders.has(i) ? 1 : 0;
    });
    this.byteKinds = Uint8Array.from(this.readers, (r, i) => {
      // Aliases rewrite a cell's text: such a field is always read by the general reader.
      if ((r.field.aliases ?? []).length > 0) return GENERAL;
      // A key of another type is noted among the seen keys by its value (see `readCell`).
      if (i === this.keyIndex && r.field.type !== 'text') return GENERAL;
      if (this.plainNumbers[i]) return PLAIN_NUMBER;
      if (en && r.field.type === 'percent' && i !== this.keyIndex) return PLAIN_PERCENT;
      if ((r.field.type === 'date' || r.field.type === 'timestamp') && r.ymd && !this.dateOrders.has(i)) return YMD;
      if (r.field.type === 'text') return i === this.keyIndex ? TEXT_KEY : TEXT;
      return GENERAL;
    });
  }

  /**
   * Reads a number cell written plainly (`-1234.50`) without making a Decimal, into the record's
   * plain slots; false when the cell needs the general reader (see `plainDecimal`).
   */
  private readPlain(i: number, cell: string, line: number): boolean {
    if (!this.plainNumbers[i] || !plainDecimal(cell)) return false;
    const grouping = this.groupings.get(i);
    if (grouping !== undefined) {
      // A point followed by exactly three digits is what the grouping profile looks for: it reads it.
      if (plain.scale === 3 && THOUSANDS_POINT.test(cell)) return false;
      grouping.notePlain();
    }
    const minor = this.minorUnitAt[i];
    if (minor?.notePlain(plain.scale)) minor.exampleAt(line, cell.trim());
    this.plainAt[i] = 1;
    this.plainUnits[i] = plain.units;
    this.plainScales[i] = plain.scale;
    return true;
  }

  /** Number of data records read so far. */
  get records(): number {
    return this.read;
  }

  /** Gives the columns room for `rows` rows at once (see `ColumnStore.expect`). */
  expectRows(rows: number): void {
    this.store.expect(rows);
  }

  /** Reads one data record: accepted into `rows`, or rejected with every issue found in it. */
  add(rec: CsvRecord): void {
    const rejectedBefore = this.rejected.length;
    this.addRecord(rec);
    // A rejected record that ran over several lines (a stray quote): its last line too, so the
    // accounting can say which lines went into it (rows read counts it as one).
    if (rec.endLine > rec.line && this.rejected.length > rejectedBefore) this.rejected[this.rejected.length - 1].endLine = rec.endLine;
  }

  private addRecord(rec: CsvRecord): void {
    const { table, file, readers, named } = this;
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
      const split = count > named ? thousandsSplit(raw, this.schema.delimiter || ',') : null;
      this.rejected.push({ table, file, line, issues: [...(issues ?? []), wrongCellCount(at, named, count, split, raw.join(this.schema.delimiter || ','))] });
      this.noteRejectedKey(raw, line);
      return;
    }

    const nFields = readers.length;
    this.plainAt.fill(0);
    this.codeAt.fill(0);
    for (let i = 0; i < nFields; i++) {
      const cell = raw[readers[i].cell];
      if (!this.readPlain(i, cell, line)) issues = this.readCell(i, cell, line, issues);
    }
    this.finishRecord(line, issues);
  }

  /**
   * Reads field `i` from its raw cell by the general reader into the record's `values`; returns
   * `issues` with the cell's issue added, if any (a new array when `issues` was null).
   */
  private readCell(i: number, cell: string, line: number, issues: RowIssue[] | null): RowIssue[] | null {
    const { table, file, values, keyIndex, seenKeys } = this;
    const r = this.readers[i];
    const v = r.read(cell);
    this.dateOrders.get(i)?.note(cell, line, v);
    if (v === INVALID || v === EMPTY) {
      const at: At = { table, file, line };
      const text = cell.trim();
      const issue = v === EMPTY ? requiredValue(at, r.column, r.field.name) : invalidValue(at, r.column, r.field.name, text, r.expected, r.hint(r.text(cell)));
      (issues ??= []).push(issue);
      values[i] = null;
      return issues;
    }
    if (typeof v === 'string') {
      if (CONTROL.test(v)) {
        (issues ??= []).push(controlCharacter({ table, file, line }, r.column, r.field.name, v));
        values[i] = null;
        return issues;
      }
    }
    values[i] = v;
    this.percents.get(i)?.note(cell, line, v);
    this.groupings.get(i)?.note(cell, line, v);
    this.minorUnits.get(i)?.note(cell, line, v);
    if (i === keyIndex && seenKeys !== null) {
      const key = keyString(v);
      if (key === null) return issues;
      const entry = seenKeys.add(key, line);
      if (this.textKey) {
        this.codeAt[i] = 1;
        this.codes[i] = entry;
      }
      if (!seenKeys.added) (issues ??= []).push(duplicateKey({ table, file, line }, r.column, r.field.name, cell.trim(), seenKeys.firstLine(entry)));
    }
    return issues;
  }

  /**
   * Reads one data record split by hand (see `CsvReader`): as {@link add} does over its cells as
   * strings — same rows, values, issues and messages — but the commonest cells are read from their
   * bytes, without a string: a plain amount, a `YYYY-MM-DD` date, a text of printable ASCII
   * (found in the column's dictionary by its bytes) and a text key (noted in `seenKeys` by its
   * bytes). Any other cell is made a string and read by the general reader.
   */
  addBytes(rec: ByteRecord): void {
    const { readers, named, byteKinds, values } = this;
    const line = rec.line;
    if (this.early !== undefined) return this.add({ line, endLine: line, cells: Array.from({ length: rec.count }, (_, k) => byteCell(rec, k)) });
    this.read++;
    const { bytes, starts, ends } = rec;
    let count = rec.count;
    // Extra cells are fine when empty (trailing delimiters).
    while (count > named && blankBytes(bytes, starts[count - 1], ends[count - 1])) count--;
    if (count !== named) {
      const at: At = { table: this.table, file: this.file, line };
      const cells = byteCells(rec);
      const split = count > named ? thousandsSplit(cells, this.schema.delimiter || ',') : null;
      this.rejected.push({ table: this.table, file: this.file, line, issues: [wrongCellCount(at, named, count, split, cells.join(this.schema.delimiter || ','))] });
      this.noteRejectedKey(cells, line);
      return;
    }
    let issues: RowIssue[] | null = null;
    const nFields = readers.length;
    this.plainAt.fill(0);
    this.codeAt.fill(0);
    for (let i = 0; i < nFields; i++) {
      const k = readers[i].cell;
      const start = starts[k];
      const end = ends[k];
      if (start === end && this.emptyIsNull[i] === 1) {
        // What the general reader gives an empty optional cell (and every tally skips).
        values[i] = null;
        continue;
      }
      switch (byteKinds[i]) {
        case PLAIN_NUMBER:
          if (this.readPlainBytes(i, bytes, start, end, line)) continue;
          break;
        case PLAIN_PERCENT:
          if (this.readPercentBytes(i, bytes, start, end)) continue;
          break;
        case YMD: {
          const day = ymdBytes(bytes, start, end);
          if (day !== undefined && day !== INVALID) {
            values[i] = day;
            continue;
          }
          break;
        }
        case TEXT:
          if (printable(bytes, start, end)) {
            const code = this.store.textCode(i, bytes, start, end);
            if (code >= 0) {
              // The value is needed only if the row is rejected (its values are kept): looked up then.
              this.codeAt[i] = 1;
              this.codes[i] = code;
              continue;
            }
          }
          break;
        case TEXT_KEY:
          if (printable(bytes, start, end)) {
            issues = this.noteKeyBytes(i, bytes, start, end, line, issues);
            continue;
          }
          break;
      }
      issues = this.readCell(i, bytes.toString('utf8', start, end), line, issues);
    }
    this.finishRecord(line, issues);
  }

  /** {@link readPlain} over the bytes of a cell. */
  private readPlainBytes(i: number, bytes: Buffer, start: number, end: number, line: number): boolean {
    if (!plainDecimalBytes(bytes, start, end)) return false;
    const grouping = this.groupings.get(i);
    if (grouping !== undefined) {
      // As `THOUSANDS_POINT` reads it: 1 to 3 digits, a point, exactly three digits.
      const intDigits = end - start - (bytes[start] === 45 ? 1 : 0) - 4;
      if (plain.scale === 3 && intDigits <= 3) return false;
      grouping.notePlain();
    }
    const minor = this.minorUnitAt[i];
    if (minor?.notePlain(plain.scale)) minor.exampleAt(line, bytes.toString('utf8', start, end).trim());
    this.plainAt[i] = 1;
    this.plainUnits[i] = plain.units;
    this.plainScales[i] = plain.scale;
    return true;
  }

  /**
   * A percent cell written plainly with its sign (`16%`, `-7.25%`) read without a Decimal: the
   * number's units, two places further (the ratio, as `parsePercent` reads it). False for any
   * other cell (a bare number, a space before `%`, parentheses), which the general reader reads.
   */
  private readPercentBytes(i: number, bytes: Buffer, start: number, end: number): boolean {
    if (end - start < 2 || bytes[end - 1] !== 37 /* % */ || !plainDecimalBytes(bytes, start, end - 1)) return false;
    // With its sign, the cell is never a bare fraction: the tally only counts it.
    this.percents.get(i)!.noteWithSign();
    this.plainAt[i] = 1;
    this.plainUnits[i] = plain.units;
    this.plainScales[i] = plain.scale + 2;
    return true;
  }

  /**
   * The text key of a row rejected for its number of cells, noted as seen on `line` (when not seen
   * before), so a lookup of it says the row was rejected rather than that the key is not in the file
   * ("Moses Frase" is in reps but its row on line 6 was rejected).
   */
  private noteRejectedKey(cells: readonly string[], line: number): void {
    if (this.seenKeys === null || !this.textKey || this.keyIndex < 0) return;
    const key = cells[this.readers[this.keyIndex].cell]?.trim();
    if (key === undefined || key === '' || this.seenKeys.get(key) !== undefined) return;
    this.seenKeys.add(key, line);
  }

  /** A text key of printable ASCII noted in `seenKeys` from its bytes; its value is made only for a rejected row or a duplicate. */
  private noteKeyBytes(i: number, bytes: Buffer, start: number, end: number, line: number, issues: RowIssue[] | null): RowIssue[] | null {
    const seenKeys = this.seenKeys!;
    const entry = seenKeys.addBytes(bytes, start, end, line);
    this.codeAt[i] = 1;
    this.codes[i] = entry;
    // The value is needed only if the row is rejected (its values are kept): made then.
    this.values[i] = null;
    if (seenKeys.added) return issues;
    const r = this.readers[i];
    (issues ??= []).push(duplicateKey({ table: this.table, file: this.file, line }, r.column, r.field.name, bytes.toString('utf8', start, end), seenKeys.firstLine(entry)));
    return issues;
  }

  /** The record read into `values` (and the plain and coded slots): accepted into the columns, or rejected with `issues`. */
  private finishRecord(line: number, issues: RowIssue[] | null): void {
    const { table, file, values, plainAt, codeAt } = this;
    const nFields = this.readers.length;
    if (issues !== null) {
      const rej: RejectedRow = { table, file, line, issues };
      this.rejected.push(rej);
      const kept = values.slice();
      for (let i = 0; i < nFields; i++) {
        if (plainAt[i]) kept[i] = plainValue(this.plainUnits[i], this.plainScales[i]);
        else if (codeAt[i]) kept[i] = i === this.keyIndex ? this.seenKeys!.keys.text(this.codes[i]) : this.store.textOf(i, this.codes[i]);
      }
      this.rejectedValues.set(rej, kept);
    } else {
      const store = this.store;
      store.start(line);
      for (let i = 0; i < nFields; i++) {
        if (plainAt[i]) {
          plain.units = this.plainUnits[i];
          plain.scale = this.plainScales[i];
          store.setPlain(i);
        } else if (codeAt[i]) store.setCode(i, this.codes[i]);
        else store.set(i, values[i]);
      }
      store.end();
    }
  }

  /** The table, after the whole-column checks (date order, percent fractions, number grouping). */
  finish(): LoadedTable {
    const { schema, file } = this;
    for (const tally of this.dateOrders.values()) {
      const stop = tally.verdict(file);
      if (stop !== null) throw stop;
    }
    const warnings = [...this.percents.values(), ...this.groupings.values(), ...this.minorUnits.values()].map((t) => t.warning(file)).filter((w): w is string => w !== null);
    this.store.fit();
    return assembleTable(schema, {
      read: this.read,
      rejected: this.rejected,
      keyIndex: this.keyIndex,
      store: this.store,
      internals: { columns: this.readers.map((r) => r.column), seenKeys: this.seenKeys, rejectedValues: this.rejectedValues, warnings },
    });
  }
}

/**
 * What a loaded table is made of (see {@link assembleTable}): plain data and the classes of this
 * folder, so that a table read in a worker thread can be sent back whole (see `transfer.ts`).
 */
export interface TableParts {
  /** Data records read (accepted or rejected). */
  read: number;
  rejected: RejectedRow[];
  keyIndex: number;
  /** The accepted rows, already fitted (`ColumnStore.fit`). */
  store: ColumnStore;
  internals: TableInternals;
}

/** The parts of a table made by {@link assembleTable} (its rows not yet read as objects). @throws Error for a table not made by the loader. */
export function tableParts(table: LoadedTable): TableParts {
  const store = table.columns;
  if (store === undefined || store === null) throw new Error(`internal: table ${table.schema.name} no longer has its columns`);
  return { read: table.read, rejected: table.rejected, keyIndex: table.keyIndex, store, internals: tableInternals(table) };
}

/** The `LoadedTable` of `parts` read according to `schema` (rows as objects made only when first read). */
export function assembleTable(schema: TableSchema, parts: TableParts): LoadedTable {
  const { keyIndex, store } = parts;
  const loaded = {
    schema,
    read: parts.read,
    used: store.length,
    rejected: parts.rejected,
    keyIndex,
    fieldIndex: new Map(schema.fields.map((f, i) => [f.name, i])),
  } as Omit<LoadedTable, 'byKey' | 'rows' | 'columns'> as LoadedTable;
  // Rows as objects are made when first read (every consumer of `rows` works as before); the
  // consumers that read the columns (see `columns`) never make them: ten million activities stay columns.
  let rows: Row[] | null = null;
  Object.defineProperty(loaded, 'rows', {
    enumerable: true,
    get: () => (rows ??= store.rows()),
    set: (value: Row[]) => {
      rows = value;
    },
  });
  Object.defineProperty(loaded, 'columns', { enumerable: false, get: () => (rows === null ? store : null) });
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
  internals.set(loaded, parts.internals);
  return loaded;
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

/** The exact value `units` ÷ 10^`scale` (for a rejected row's values, which are kept as values). */
function plainValue(units: number, scale: number): Decimal {
  if (units === 0) return ZERO;
  return scale === 0 ? new Decimal(units) : new Decimal(`${units}e-${scale}`);
}
