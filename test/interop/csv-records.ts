/**
 * Test helper: a CSV export as JSON records keyed by the playbook's field names (the shape
 * the json-rules-engine fact module reads), by the declared column names. Cells stay text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { TableSchema } from '../../src/graph/tables.js';

export function csvRecords(dir: string, table: TableSchema): Record<string, string | null>[] {
  const rows = parse(readFileSync(join(dir, table.file), 'utf8').replace(/^\ufeff/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => Object.fromEntries(table.fields.map((f) => [f.name, r[f.column] === '' ? null : r[f.column]])));
}
