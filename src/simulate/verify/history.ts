/**
 * A generated history: small tables of typed rows, by table name, with field
 * values by field name. Turned into the runtime's table shape for evaluation
 * and into CSV files (in the playbook's own file names and columns) for a
 * counterexample that `playbook simulate` can re-run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleGraph } from '../../graph/nodes.js';
import type { SourceField } from '../../graph/tables.js';
import { Decimal, isDecimal } from '../../runtime/decimal.js';
import type { RowLike, TableLike, Value } from '../../runtime/values.js';
import { type InputFile, checkOutputPath, writeOutput } from '../files/index.js';
import { counterexampleFileName } from './file-names.js';

export type HistoryRow = Record<string, Value>;
export type History = Record<string, HistoryRow[]>;

/** Runtime tables for `history` (fresh rows every call: evaluation appends derived fields to them). */
export function toTables(graph: RuleGraph, history: History): Map<string, TableLike> {
  const tables = new Map<string, TableLike>();
  for (const schema of graph.tables) {
    const keyIndex = schema.fields.findIndex((f) => f.key);
    const rows: RowLike[] = (history[schema.name] ?? []).map((r, i) => ({ line: i + 2, values: schema.fields.map((f) => r[f.name] ?? null) }));
    const byKey = keyIndex < 0 ? null : new Map(rows.map((r) => [String(r.values[keyIndex]), r]));
    tables.set(schema.name, { schema, rows, byKey });
  }
  return tables;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A date value written in the field's declared format (analyst tokens), or ISO. */
export function formatDate(ms: number, field: SourceField): string {
  const d = new Date(ms);
  const parts: Record<string, string> = {
    YYYY: String(d.getUTCFullYear()),
    YY: pad(d.getUTCFullYear() % 100),
    MM: pad(d.getUTCMonth() + 1),
    M: String(d.getUTCMonth() + 1),
    DD: pad(d.getUTCDate()),
    D: String(d.getUTCDate()),
    HH: pad(d.getUTCHours()),
    mm: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
  };
  const format = field.format && field.format.toUpperCase() !== 'ISO' ? field.format : field.type === 'timestamp' ? 'YYYY-MM-DDTHH:mm:ss' : 'YYYY-MM-DD';
  return format.replace(/YYYY|YY|MM|M|DD|D|HH|mm|ss/g, (token) => parts[token]);
}

/** A value as the cell text the data loader reads back to the same value. */
export function cellText(value: Value, field: SourceField, locale: 'en' | 'de'): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return formatDate(value, field);
  if (isDecimal(value)) {
    const n = field.type === 'percent' ? `${value.mul(100).toFixed()}%` : value.toFixed();
    return locale === 'de' ? n.replace('.', ',') : n;
  }
  return String(value);
}

/** RFC 4180 quoting (no formula neutralising: these files are read back by the engine). */
function quote(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One table of a counterexample as written: its file name in the folder, the name the playbook declares, its text. */
export interface WrittenTable {
  file: string;
  declared: string;
  text: string;
}

/**
 * Writes `history` as the playbook's CSV files into `dir`, each by plain base name
 * (see `counterexampleFileName`: never outside `dir`), atomically, and never over a
 * file in `reads` (the files the run reads). Returns the files written with their text.
 * @throws OutputFileError when a file must not or cannot be written.
 */
export function writeHistory(graph: RuleGraph, history: History, dir: string, reads: readonly InputFile[] = []): WrittenTable[] {
  mkdirSync(dir, { recursive: true });
  const taken = new Set<string>();
  const files = graph.tables.map((schema) => {
    const d = schema.delimiter;
    const lines = [schema.fields.map((f) => quote(f.column, d)).join(d)];
    for (const row of history[schema.name] ?? []) lines.push(schema.fields.map((f) => quote(cellText(row[f.name] ?? null, f, schema.locale), d)).join(d));
    const file = counterexampleFileName(schema.file, schema.name, taken);
    const path = join(dir, file);
    const place = { what: `a counterexample to "${path}"`, option: '--out-dir', named: `the counterexample file "${path}"`, fix: 'choose another --out-dir' };
    return { file, declared: schema.file, text: `${lines.join('\n')}\n`, path, place };
  });
  // Every target is checked before any is written: a refused file leaves no partial counterexample behind.
  for (const f of files) checkOutputPath(f.path, reads, f.place);
  const out: WrittenTable[] = [];
  for (const f of files) {
    writeOutput(f.path, f.text, reads, f.place);
    out.push({ file: f.file, declared: f.declared, text: f.text });
  }
  return out;
}

/** Deep copy of a history (Decimals are immutable and shared). */
export function cloneHistory(h: History): History {
  return Object.fromEntries(Object.entries(h).map(([t, rows]) => [t, rows.map((r) => ({ ...r }))]));
}

export { Decimal };
