/**
 * The CSV text a test's inline table stands for. A test writes only the
 * columns it cares about: every column the playbook declares that the test
 * leaves out is added empty (an optional field is then missing; a required one
 * makes the row rejected, which the test reports). A table the test does not
 * give is an empty file with the declared header.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TableSchema } from '../../graph/tables.js';
import type { InlineTable } from './model.js';

/** One CSV cell, quoted when it needs to be. */
function csvCell(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Replaces `{name}` placeholders with the case's values. */
export function fill(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(/\{([^{}]+)\}/g, (whole, name: string) => values.get(name.trim()) ?? whole);
}

/**
 * The CSV text for `schema` in a test: the inline table (placeholders filled), the CSV
 * file it names beside the test file, or an empty table.
 */
export function tableText(schema: TableSchema, given: InlineTable | undefined, testFile: string, values: ReadonlyMap<string, string>): string {
  if (given?.file !== undefined) return readFileSync(join(dirname(testFile), given.file), 'utf8');
  const d = schema.delimiter || ',';
  const header = [...(given?.header ?? [])];
  for (const f of schema.fields) if (!header.includes(f.column)) header.push(f.column);
  const lines = [header.map((h) => csvCell(h, d)).join(d)];
  for (const row of given?.rows ?? []) {
    const cells = header.map((_, i) => fill(row.cells[i] ?? '', values));
    lines.push(cells.map((c) => csvCell(c, d)).join(d));
  }
  return `${lines.join('\n')}\n`;
}
