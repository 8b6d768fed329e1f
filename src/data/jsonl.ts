/**
 * JSON Lines input (`table deals from "deals.jsonl"`): one JSON object per line, keyed by the
 * columns the playbook declares (as a CSV header would name them). Each line is checked with
 * an ajv validator compiled from the table's declaration — an object whose declared columns
 * hold text, a number, true/false or null — and then becomes the same cells a CSV record
 * gives, so every value is read by the same field readers, with the same `file:line: column:`
 * messages. A number with more digits than a JSON number keeps exactly is refused (write it
 * as text), never rounded.
 */
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { TableSchema } from '../graph/tables.js';
import { Decimal } from '../graph/decimal.js';
import type { CsvFile, CsvRecord } from './csv.js';
import { DataError } from './errors.js';
import { showColumn } from './messages.js';
import { escapeValue, showValue } from './show-value.js';
import type { RowIssue } from './types.js';

/** True when `file` is declared as JSON Lines (by its extension). */
export function isJsonLines(file: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(file);
}

const SCALAR = { type: ['string', 'number', 'boolean', 'null'] };

function validatorFor(columns: string[]): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  // Keys as a list of pairs in `properties` would be unsafe for a column named __proto__: build it with a null prototype.
  const properties: Record<string, unknown> = Object.create(null);
  for (const c of columns) properties[c] = SCALAR;
  return ajv.compile({ type: 'object', properties });
}

const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** Number literals of a JSON line whose value a JS number does not keep exactly. */
function inexactNumbers(line: string): string[] {
  const outside = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return (outside.match(NUMBER_TOKEN) ?? []).filter((t) => !new Decimal(t).eq(new Decimal(String(Number(t)))));
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return new Decimal(v).toFixed();
  return String(v);
}

/**
 * Splits JSON Lines `text` into the declared columns' cells, line by line.
 * @returns the records as a CSV file would give them, and the issues of lines that are not
 *   a valid object (those records are rejected with them).
 * @throws DataError when the file is empty or is plainly not JSON Lines (a CSV, say).
 */
export function readJsonLines(schema: TableSchema, text: string): { csv: CsvFile; early: Map<number, RowIssue[]> } {
  const { name: table, file } = schema;
  const columns = [...new Set(schema.fields.map((f) => f.column))];
  const validate = validatorFor(columns);
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new DataError(`${file}: the file is empty; a JSON Lines file has one JSON object per line`, { file });
  if (!lines[first].trim().startsWith('{')) {
    throw new DataError(`${file}: this is not JSON Lines (one JSON object per line, as the .jsonl name says): line ${first + 1} starts ${showValue(lines[first].trim().slice(0, 30))}`, { file });
  }
  const records: CsvRecord[] = [];
  const early = new Map<number, RowIssue[]>();
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cells = columns.map(() => '');
    records.push({ line, endLine: line, cells });
    const issue = (message: string, column?: string): RowIssue => ({ table, file, line, ...(column !== undefined ? { column } : {}), message: `${file}:${line}: ${column !== undefined ? `${showColumn(column)}: ` : ''}${message}` });
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      early.set(line, [issue(`not a valid JSON object (${escapeValue((e as Error).message.replace(/, ".*$/s, ''), 60)}): check the quotes and commas, and write numbers as numbers or text, never NaN`)]);
      return;
    }
    if (!validate(value)) {
      const issues = (validate.errors ?? []).map((err) => {
        const column = err.instancePath === '' ? undefined : err.instancePath.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
        return column === undefined ? issue('expected one JSON object per line') : issue(`expected text, a number, true/false or null, got ${Array.isArray((value as Record<string, unknown>)[column]) ? 'a list' : 'an object'}`, column);
      });
      early.set(line, issues);
      return;
    }
    // JSON.parse keeps the last of two equal keys: a second "amount" would silently replace the first.
    const twice = duplicateKeys(raw);
    if (twice.length) {
      early.set(line, twice.map((k) => issue(`the key ${showValue(k)} appears more than once on this line; keep one`, k)));
      return;
    }
    const inexact = inexactNumbers(raw);
    if (inexact.length) {
      early.set(line, inexact.map((t) => issue(`the number ${t} has more digits than a JSON number keeps exactly; write it as text ("${t}")`)));
      return;
    }
    const obj = value as Record<string, unknown>;
    columns.forEach((c, j) => (cells[j] = Object.hasOwn(obj, c) ? cellText(obj[c]) : ''));
  });
  return { csv: { header: columns, headerLine: 0, records }, early };
}

/** Keys that appear more than once in the top-level object of one JSON line (`raw` parses as an object). */
export function duplicateKeys(raw: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
      const token = raw.slice(i, j + 1);
      let k = j + 1;
      while (k < raw.length && /\s/.test(raw[k])) k++;
      if (depth === 1 && raw[k] === ':') {
        const key = JSON.parse(token) as string;
        if (seen.has(key)) twice.add(key);
        seen.add(key);
      }
      i = j;
    }
  }
  return [...twice];
}
