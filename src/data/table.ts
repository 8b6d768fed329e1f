/**
 * Loading one table from CSV text: header matching, per-row parsing, keys.
 */
import type { TableSchema } from '../graph/tables.js';
import { matchColumns } from './columns.js';
import { readCsv, type CsvFile, type CsvRecord } from './csv.js';
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
  const { name: table, file } = schema;
  const header = csv.header;
  const cells = matchColumns(schema, header);

  let named = header.length; // header cells up to the last named one
  while (named > 0 && header[named - 1] === '') named--;

  const readers: FieldReader[] = schema.fields.map((f, i) =>
    compileFieldReader(f, i, cells[i], header[cells[i]], schema.locale, options.timeZone, file),
  );
  const keyIndex = schema.fields.findIndex((f) => f.key);
  const seenKeys = keyIndex >= 0 ? new Map<string, number>() : null;
  const byKey = keyIndex >= 0 ? new Map<string, Row>() : null;
  const nFields = readers.length;

  const rows: Row[] = [];
  const rejected: RejectedRow[] = [];
  const rejectedValues = new Map<RejectedRow, Value[]>();
  const dateOrders = dateOrderTallies(readers);
  const percents = percentTallies(readers);
  const groupings = groupingTallies(readers, schema.locale);
  const fieldOfCell = new Map(readers.map((r) => [r.cell, r]));

  for (const rec of csv.records) {
    const line = rec.line;
    const raw = rec.cells;
    let issues: RowIssue[] | null = rec.endLine > line ? lineBreakIssues(rec, { table, file, line }, header, fieldOfCell) : null;
    const before = early?.get(line);
    if (before) {
      // The record could not even be split into cells: its cells are not read (they would only add noise).
      rejected.push({ table, file, line, issues: before });
      continue;
    }
    let count = raw.length;
    if (count > named) {
      // Extra cells are fine when empty (trailing delimiters).
      while (count > named && raw[count - 1].trim() === '') count--;
    }
    if (count !== named) {
      const at: At = { table, file, line };
      rejected.push({ table, file, line, issues: [...(issues ?? []), wrongCellCount(at, named, count)] });
      continue;
    }

    const values: Value[] = new Array(nFields);
    let key: string | null = null;
    for (let i = 0; i < nFields; i++) {
      const r = readers[i];
      const cell = raw[r.cell];
      const v = r.read(cell);
      dateOrders.get(i)?.note(cell, line, v);
      if (v === INVALID || v === EMPTY) {
        const at: At = { table, file, line };
        const text = cell.trim();
        const issue = v === EMPTY ? requiredValue(at, r.column, r.field.name) : invalidValue(at, r.column, r.field.name, text, r.expected, r.hint(r.text(cell)));
        (issues ??= []).push(issue);
        values[i] = null;
        continue;
      }
      if (typeof v === 'string' && CONTROL.test(v)) {
        (issues ??= []).push(controlCharacter({ table, file, line }, r.column, r.field.name, v));
        values[i] = null;
        continue;
      }
      values[i] = v;
      percents.get(i)?.note(cell, line, v);
      groupings.get(i)?.note(cell, line, v);
      if (i === keyIndex && seenKeys !== null) {
        key = keyString(v);
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
      rejected.push(rej);
      rejectedValues.set(rej, values);
    } else {
      const row: Row = { line, values };
      rows.push(row);
      if (byKey !== null && key !== null) byKey.set(key, row);
    }
  }

  for (const tally of dateOrders.values()) {
    const stop = tally.verdict(file);
    if (stop !== null) throw stop;
  }
  const warnings = [...percents.values(), ...groupings.values()].map((t) => t.warning(file)).filter((w): w is string => w !== null);

  const loaded: LoadedTable = {
    schema,
    rows,
    read: csv.records.length,
    used: rows.length,
    rejected,
    byKey,
    keyIndex,
    fieldIndex: new Map(schema.fields.map((f, i) => [f.name, i])),
  };
  internals.set(loaded, { columns: readers.map((r) => r.column), seenKeys, rejectedValues, warnings });
  return loaded;
}
