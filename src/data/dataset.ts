/**
 * Loading all tables of a playbook from a data folder.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TableSchema } from '../graph/tables.js';
import { DataError } from './errors.js';
import { resolveLookups } from './lookups.js';
import { loadTableText } from './table.js';
import type { Dataset, LoadedTable, LoadOptions, RejectedRow } from './types.js';

function readText(schema: TableSchema, dir: string): string {
  const path = join(dir, schema.file);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const file = schema.file;
    if (code === 'ENOENT') {
      throw new DataError(`${file}: file not found in the data folder ${resolve(dir)} (table ${schema.name})`, { file });
    }
    if (code === 'EISDIR') throw new DataError(`${file}: this is a folder, not a CSV file (in ${resolve(dir)})`, { file });
    throw new DataError(`${file}: cannot read the file (${code ?? (e as Error).message})`, { file });
  }
}

/**
 * Loads every table of `schemas` from CSV files in folder `dir` (`schema.file` is
 * relative to it), then checks lookups between tables (see `resolveLookups`).
 *
 * Returns the tables by name and all rejected rows sorted by file then line.
 * Throws `DataError` for whole-file problems (file not found, empty file, missing
 * column, bad declaration, lookup of an undeclared or key-less table, two tables
 * with the same name); never for a bad row.
 */
export function loadDataset(schemas: TableSchema[], dir: string, options: LoadOptions): Dataset {
  const tables = new Map<string, LoadedTable>();
  for (const schema of schemas) {
    const other = tables.get(schema.name);
    if (other !== undefined) {
      throw new DataError(
        `${schema.file}: table name "${schema.name}" is already used for ${other.schema.file}; give each table its own name`,
        { file: schema.file },
      );
    }
    tables.set(schema.name, loadTableText(schema, readText(schema, dir), options));
  }
  resolveLookups(tables);
  const rejected: RejectedRow[] = [];
  for (const t of tables.values()) rejected.push(...t.rejected);
  rejected.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { tables, rejected };
}
