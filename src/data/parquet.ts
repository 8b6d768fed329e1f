/**
 * Parquet input (`table deals from "deals.parquet"`): the file is read by embedded DuckDB
 * (`read_parquet`), each row becomes the cells a CSV record gives, and every value is then read
 * by the same field readers as CSV, JSON Lines and Excel (same rejected rows, same counts).
 *
 * What each Parquet column type gives (see docs/language.md §3 "Parquet files"):
 * - VARCHAR: the text as stored; BOOLEAN: true/false.
 * - DECIMAL and whole-number types (TINYINT … HUGEINT, unsigned too): their exact decimal text.
 * - DOUBLE / FLOAT: the shortest decimal that reads back as the same binary number (`0.1`, not
 *   `0.1000000000000000055…`). In a `money` column such a value is accepted only when that decimal
 *   has at most the currency's minor digits (USD 2, JPY 0) and 15 significant digits (so it names one amount exactly);
 *   otherwise the row is rejected: a binary number is never rounded into an amount silently.
 *   NaN and infinities are rejected in every column.
 * - DATE / TIMESTAMP (also _S, _MS, _NS): the wall-clock value written in the field's declared
 *   layout, read in the playbook's time zone like a CSV cell.
 * - Any other type (TIMESTAMP WITH TIME ZONE, TIME, INTERVAL, BLOB, lists, structs…) in a declared
 *   column stops the table with a message naming the column; undeclared columns are not read.
 *
 * DuckDB runs asynchronously and the loader is synchronous, so (as for Excel workbooks, see
 * xlsx.ts) the file is read in a worker thread this thread waits for. DuckDB is loaded only there,
 * only when a Parquet file is read. The worker's code is the constant below; the file's path is
 * passed as a query parameter, never spliced into SQL.
 */
import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { DateTime } from 'luxon';
import type { SourceField, TableSchema } from '../graph/tables.js';
import { Decimal } from '../graph/decimal.js';
import type { CsvFile, CsvRecord } from './csv.js';
import { toLuxonFormat } from './dates.js';
import { DataError } from './errors.js';
import { showColumn } from './messages.js';
import { showValue } from './show-value.js';
import type { RowIssue } from './types.js';

/** True when `file` is declared as a Parquet file (by its extension). */
export function isParquet(file: string): boolean {
  return /\.parquet$/i.test(file);
}

/** True when `bytes` start and end with Parquet's magic number `PAR1`. */
export function looksLikeParquet(bytes: Uint8Array): boolean {
  const magic = (at: number) => bytes[at] === 0x50 && bytes[at + 1] === 0x41 && bytes[at + 2] === 0x52 && bytes[at + 3] === 0x31;
  return bytes.length >= 12 && magic(0) && magic(bytes.length - 4);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type WorkerResult = { names: string[]; types: string[]; rows: Json[][] } | { error: string };

const WORKER = `
const { workerData } = require('node:worker_threads');
(async () => {
  let result;
  try {
    const { DuckDBInstance } = require(workerData.duckdb);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const reader = await con.runAndReadAll('SELECT * FROM read_parquet(?)', [workerData.path]);
    result = { names: reader.columnNames(), types: reader.columnTypes().map(String), rows: reader.getRowsJson() };
    con.closeSync();
  } catch (e) {
    result = { error: String((e && e.message) || e) };
  }
  workerData.port.postMessage(result);
  Atomics.store(workerData.flag, 0, 1);
  Atomics.notify(workerData.flag, 0);
})();
`;

/** Reads every row of the Parquet file at `path` through DuckDB, synchronously. */
function readRows(path: string): WorkerResult {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const duckdb = createRequire(import.meta.url).resolve('@duckdb/node-api');
  const worker = new Worker(WORKER, { eval: true, workerData: { path, duckdb, flag, port: port2 }, transferList: [port2] });
  try {
    if (Atomics.wait(flag, 0, 0, 10 * 60_000) === 'timed-out') throw new Error('internal: reading the Parquet file did not finish in 10 minutes');
    const message = receiveMessageOnPort(port1);
    if (!message) throw new Error('internal: the Parquet reader sent nothing');
    return message.message as WorkerResult;
  } finally {
    void worker.terminate();
    port1.close();
  }
}

/** How a Parquet column's values become cell text; null: a type that is not read. */
type Kind = 'text' | 'boolean' | 'exact' | 'float' | 'date' | 'timestamp';

function kindOf(type: string): Kind | null {
  if (type === 'VARCHAR') return 'text';
  if (type === 'BOOLEAN') return 'boolean';
  if (/^DECIMAL\(\d+,\d+\)$/.test(type) || /^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(type)) return 'exact';
  if (type === 'DOUBLE' || type === 'FLOAT') return 'float';
  if (type === 'DATE') return 'date';
  if (/^TIMESTAMP(_S|_MS|_NS)?$/.test(type)) return 'timestamp';
  return null;
}

/** Minor digits of the ISO 4217 currency `code` (USD 2, JPY 0), from the runtime's ICU data; 2 when absent or unknown. */
export function minorDigits(code: string | undefined): number {
  if (code === undefined || !/^[A-Z]{3}$/.test(code)) return 2;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Exact decimal text of a JS number: the shortest that reads back as the same double, never in e-notation. */
function floatText(n: number): string {
  return new Decimal(String(n)).toFixed();
}

/** `text` in the table's number notation (`de`: decimal comma). */
function inLocale(text: string, field: SourceField | undefined, locale: 'en' | 'de'): string {
  const numeric = field !== undefined && (field.type === 'money' || field.type === 'number' || field.type === 'percent');
  return numeric && locale === 'de' ? text.replace('.', ',') : text;
}

/** A DuckDB date/timestamp text (`2017-01-02`, `2017-01-02 03:04:05.5`) in the layout of `field`. */
function dateText(value: string, field: SourceField | undefined): string {
  const at = DateTime.fromISO(value.replace(' ', 'T'), { zone: 'UTC' });
  if (!at.isValid) return value;
  if (field && (field.type === 'date' || field.type === 'timestamp') && field.format !== undefined && field.format.toUpperCase() !== 'ISO') return at.toFormat(toLuxonFormat(field.format));
  return field?.type === 'timestamp' || at.toFormat('HH:mm:ss.SSS') !== '00:00:00.000' ? at.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS") : at.toFormat('yyyy-MM-dd');
}

/** The cell text of `value` (a DuckDB JSON value of a column of `kind`), or the problem with it. */
function cellText(value: Json, kind: Kind, type: string, field: SourceField | undefined, locale: 'en' | 'de', moneyPlaces: number): string | { problem: string } {
  if (value === null) return '';
  switch (kind) {
    case 'text':
      return String(value);
    case 'boolean':
      return value === true ? 'true' : 'false';
    case 'exact':
      return inLocale(String(value), field, locale);
    case 'float': {
      if (typeof value !== 'number') return { problem: `the ${type} value is ${String(value)}, not a number` };
      const text = floatText(value);
      if (field?.type === 'money') {
        const d = new Decimal(text);
        if (d.decimalPlaces() > moneyPlaces || d.precision(true) > 15) {
          return { problem: `the amount is stored as a binary floating-point number (${type}) whose value is ${text}, which is not an amount with at most ${moneyPlaces} decimal${moneyPlaces === 1 ? '' : 's'}; it is not rounded. Store amounts as DECIMAL (for example DECIMAL(18,2)) in the Parquet file, or round them before writing it` };
        }
      }
      return inLocale(text, field, locale);
    }
    case 'date':
    case 'timestamp':
      return dateText(String(value), field);
  }
}

/** Where a Parquet row (and column) is, for messages: `deals.parquet, row 12, column "amount"`. */
export function parquetPlace(file: string, row: number, column?: string): string {
  return column === undefined ? `${file}, row ${row}` : `${file}, row ${row}, column ${showValue(column)}`;
}

/**
 * Reads the Parquet file at `path` (already checked as a regular file within the size limit) into
 * the cells a CSV would give for `schema`. Row n (from 1) is record "line" n.
 * @returns the records, issues of rows holding a value that is not read (NaN, an inexact amount),
 *   and a function that rewrites a row issue's message to say `file, row n (column): …`.
 * @param currency ISO 4217 code of the playbook's currency, for DOUBLE amounts (see the file's comment).
 * @throws DataError when DuckDB cannot read the file, or a declared column has a type that is not read.
 */
export function readParquet(schema: TableSchema, path: string, currency?: string): { csv: CsvFile; early: Map<number, RowIssue[]>; place(issue: RowIssue): RowIssue } {
  const { file, name: table } = schema;
  const result = readRows(path);
  if ('error' in result) {
    throw new DataError(`${file}: this Parquet file cannot be read (${result.error.split('\n')[0]}). Write it again (for example with DuckDB's COPY … TO '${file}' (FORMAT parquet)), or export the table as CSV`, { file });
  }
  const header = result.names;
  const fieldOf = new Map<number, SourceField>();
  for (const f of schema.fields) {
    const i = header.indexOf(f.column);
    if (i >= 0 && !fieldOf.has(i)) fieldOf.set(i, f);
  }
  const kinds = result.types.map((type, i) => {
    const kind = kindOf(type);
    if (kind === null && fieldOf.has(i)) {
      throw new DataError(`${file}: column ${showValue(header[i])} is of Parquet type ${type}, which is not read; store it as VARCHAR, DECIMAL, DOUBLE, BIGINT, BOOLEAN, DATE or TIMESTAMP (a time zone-aware TIMESTAMP as a plain TIMESTAMP in the playbook's time zone)`, { file });
    }
    return kind;
  });
  const moneyPlaces = minorDigits(currency);
  const early = new Map<number, RowIssue[]>();
  const records: CsvRecord[] = result.rows.map((row, r) => {
    const n = r + 1;
    const cells = header.map((column, i) => {
      const kind = kinds[i];
      if (kind === null) return '';
      const t = cellText(row[i] ?? null, kind, result.types[i], fieldOf.get(i), schema.locale, moneyPlaces);
      if (typeof t === 'string') return t;
      const list = early.get(n) ?? [];
      list.push({ table, file, line: n, column, message: `${parquetPlace(file, n, column)}: ${t.problem}` });
      early.set(n, list);
      return '';
    });
    return { line: n, endLine: n, cells };
  });
  const place = (issue: RowIssue): RowIssue => {
    const prefix = `${file}:${issue.line}: `;
    if (!issue.message.startsWith(prefix)) return issue;
    const rest = issue.message.slice(prefix.length);
    const shown = issue.column === undefined ? '' : `${showColumn(issue.column)}: `;
    if (issue.column === undefined || !rest.startsWith(shown)) return { ...issue, message: `${parquetPlace(file, issue.line)}: ${rest}` };
    return { ...issue, message: `${parquetPlace(file, issue.line, issue.column)}: ${rest.slice(shown.length)}` };
  };
  return { csv: { header, headerLine: 0, records }, early, place };
}
