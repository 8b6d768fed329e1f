/**
 * Excel input (`table deals from "Sales 2017.xlsx" sheet "Orders"`): one worksheet read with
 * exceljs, its first row the header, each later row a record. Numbers and dates are taken
 * from the cells' types, not from their display text: a number cell becomes its exact
 * shortest decimal text, a date cell is written in the field's declared date layout, so the
 * same field readers as for CSV read every value. Row errors name the workbook, the sheet,
 * the row, the column letter and the header.
 *
 * exceljs reads workbooks only asynchronously; the loader is synchronous (every verb is one
 * synchronous library call), so the workbook is read in a worker thread that this thread
 * waits for (Atomics.wait + receiveMessageOnPort). The worker's code is the constant below,
 * never text from a playbook or a data file.
 */
import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { DateTime } from 'luxon';
import type { SourceField, TableSchema } from '../graph/tables.js';
import type { CsvFile, CsvRecord } from './csv.js';
import { toLuxonFormat } from './dates.js';
import { DataError } from './errors.js';
import { showColumn } from './messages.js';
import type { RowIssue } from './types.js';

/** True when `file` is declared as an Excel workbook (by its extension). */
export function isWorkbook(file: string): boolean {
  return /\.(xlsx|xlsm)$/i.test(file);
}

/** A cell as the worker sends it: number (as JS number), text, boolean, date (ISO wall clock), error, or empty. */
type Cell = null | { n: number } | { s: string } | { b: boolean } | { d: string } | { e: string };
type WorkerResult = { sheet: string; rows: { n: number; cells: Cell[] }[] } | { error: 'nosheet'; sheets: string[] } | { error: 'read'; message: string };

const WORKER = `
const { workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljs);
function encode(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return { n: v };
  if (typeof v === 'string') return { s: v };
  if (typeof v === 'boolean') return { b: v };
  if (v instanceof Date) return isNaN(v.getTime()) ? { e: 'an invalid date' } : { d: v.toISOString() };
  if (Array.isArray(v.richText)) return { s: v.richText.map((r) => r.text).join('') };
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? { e: 'a formula without a stored result' } : encode(v.result);
  if ('error' in v) return { e: String(v.error) };
  if ('text' in v) return encode(v.text);
  return { e: 'a value of an unknown kind' };
}
(async () => {
  let result;
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(workerData.bytes);
    const ws = workerData.sheet === null ? wb.worksheets[0] : wb.getWorksheet(workerData.sheet);
    if (!ws) result = { error: 'nosheet', sheets: wb.worksheets.map((w) => w.name) };
    else {
      const rows = [];
      ws.eachRow({ includeEmpty: false }, (row, n) => {
        const cells = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => { cells[col - 1] = encode(cell.value); });
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        rows.push({ n, cells });
      });
      result = { sheet: ws.name, rows };
    }
  } catch (e) {
    result = { error: 'read', message: String((e && e.message) || e) };
  }
  workerData.port.postMessage(result);
  Atomics.store(workerData.flag, 0, 1);
  Atomics.notify(workerData.flag, 0);
})();
`;

/** Reads worksheet `sheet` (null: the first) of the workbook `bytes`, synchronously. */
function readSheet(bytes: Uint8Array, sheet: string | null): WorkerResult {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const exceljs = createRequire(import.meta.url).resolve('exceljs');
  const worker = new Worker(WORKER, { eval: true, workerData: { bytes, sheet, exceljs, flag, port: port2 }, transferList: [port2] });
  try {
    // Generous: a large workbook takes seconds; a worker that never answers is a bug, not a hang.
    if (Atomics.wait(flag, 0, 0, 10 * 60_000) === 'timed-out') throw new Error('internal: reading the workbook did not finish in 10 minutes');
    const message = receiveMessageOnPort(port1);
    if (!message) throw new Error('internal: the workbook reader sent nothing');
    return message.message as WorkerResult;
  } finally {
    void worker.terminate();
    port1.close();
  }
}

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A number cell as exact decimal text in the table's notation (`de`: decimal comma). */
function numberText(n: number, locale: 'en' | 'de'): string {
  // Excel keeps a double; its shortest round-trip text is the number as Excel shows it in full.
  let text = String(n);
  if (/e/i.test(text)) text = n.toFixed(20).replace(/\.?0+$/, '');
  return locale === 'de' ? text.replace('.', ',') : text;
}

/** The text a typed cell stands for, as the field `field` (if the column is declared) reads it. */
function cellText(cell: Cell, field: SourceField | undefined, locale: 'en' | 'de'): string | { error: string } {
  if (cell === null) return '';
  if ('s' in cell) return cell.s;
  if ('b' in cell) return cell.b ? 'true' : 'false';
  if ('e' in cell) return { error: cell.e };
  if ('n' in cell) return field && (field.type === 'money' || field.type === 'number' || field.type === 'percent') ? numberText(cell.n, locale) : numberText(cell.n, 'en');
  // A date cell: exceljs gives the wall-clock time as UTC; write it in the field's layout.
  const at = DateTime.fromISO(cell.d, { zone: 'UTC' });
  if (field && (field.type === 'date' || field.type === 'timestamp') && field.format !== undefined && field.format.toUpperCase() !== 'ISO') return at.toFormat(toLuxonFormat(field.format));
  return field?.type === 'timestamp' || at.toFormat('HH:mm:ss.SSS') !== '00:00:00.000' ? at.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS") : at.toFormat('yyyy-MM-dd');
}

/** Where a workbook row is, for messages: `Sales.xlsx, sheet "Orders", row 12`. */
export function workbookPlace(file: string, sheet: string, row: number): string {
  return `${file}, sheet "${sheet}", row ${row}`;
}

/**
 * Reads the worksheet of `schema` from the workbook `bytes` into the cells a CSV would give.
 * @returns the records (line = row number), issues of rows holding an error cell, and a
 *   function that rewrites a row issue's message to name sheet, row, column letter and header.
 * @throws DataError when the workbook cannot be read, the sheet is not in it, or the sheet is empty.
 */
export function readWorkbook(schema: TableSchema, bytes: Uint8Array): { csv: CsvFile; early: Map<number, RowIssue[]>; place(issue: RowIssue): RowIssue } {
  const { file, name: table } = schema;
  const result = readSheet(bytes, schema.sheet ?? null);
  if ('error' in result) {
    if (result.error === 'nosheet') throw new DataError(`${file}: the workbook has no sheet "${schema.sheet}"; its sheets are ${result.sheets.map((s) => `"${s}"`).join(', ')}`, { file });
    throw new DataError(`${file}: this Excel workbook cannot be read (${result.message}). Open it in Excel and save it again as .xlsx, or as CSV UTF-8`, { file });
  }
  const sheet = result.sheet;
  const [head, ...body] = result.rows;
  if (!head) throw new DataError(`${file}: sheet "${sheet}" is empty; its first row must name the columns`, { file });
  const header = head.cells.map((c) => (c === null ? '' : 's' in c ? c.s.trim() : 'n' in c ? String(c.n) : ''));
  const fieldOf = new Map<number, SourceField>();
  for (const f of schema.fields) {
    const i = header.indexOf(f.column);
    if (i >= 0 && !fieldOf.has(i)) fieldOf.set(i, f);
  }
  const early = new Map<number, RowIssue[]>();
  const records: CsvRecord[] = body.map(({ n, cells }) => {
    const texts = header.map((_, i) => {
      const t = cellText(cells[i] ?? null, fieldOf.get(i), schema.locale);
      if (typeof t === 'string') return t;
      const column = header[i] || columnLetter(i + 1);
      const list = early.get(n) ?? [];
      list.push({ table, file, line: n, column, message: `${workbookPlace(file, sheet, n)}, column ${columnLetter(i + 1)} (${column}): the cell holds ${t.error}` });
      early.set(n, list);
      return '';
    });
    return { line: n, endLine: n, cells: texts };
  });
  const place = (issue: RowIssue): RowIssue => {
    const prefix = `${file}:${issue.line}: `;
    if (!issue.message.startsWith(prefix)) return issue;
    const col = issue.column === undefined ? -1 : header.indexOf(issue.column);
    const where = col < 0 ? workbookPlace(file, sheet, issue.line) : `${workbookPlace(file, sheet, issue.line)}, column ${columnLetter(col + 1)}`;
    const rest = issue.message.slice(prefix.length);
    const shown = issue.column === undefined ? '' : `${showColumn(issue.column)}: `;
    if (col < 0 || !rest.startsWith(shown)) return { ...issue, message: `${where}: ${rest}` };
    return { ...issue, message: `${where} (${showColumn(issue.column!)}): ${rest.slice(shown.length)}` };
  };
  return { csv: { header, headerLine: head.n, records }, early, place };
}
