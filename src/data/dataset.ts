/**
 * Loading all tables of a playbook from a data folder.
 */
import { join, resolve } from 'node:path';
import type { TableSchema } from '../graph/tables.js';
import { canonicalEncoding, ENCODINGS } from '../language/encodings.js';
import { decodeDataFile } from './decode.js';
import { DataError } from './errors.js';
import { resolveLookups } from './lookups.js';
import { MAX_DATA_FILE_BYTES, readRegularFile, UnreadableFile } from './read-file.js';
import { loadTableText, tableInternals } from './table.js';
import type { Dataset, LoadedTable, LoadOptions, RejectedRow } from './types.js';

/** The limit as messages and the README state it. */
export const DATA_FILE_LIMIT = '500 MiB per data file';

/**
 * The decoded text of `schema.file` in folder `dir`: a regular file of at most
 * {@link MAX_DATA_FILE_BYTES}, decoded exactly in its declared encoding (see `decodeDataFile`).
 * @throws DataError naming the file for anything that stops it being read.
 */
function readText(schema: TableSchema, dir: string): string {
  const file = schema.file;
  let encoding;
  if (schema.encoding !== undefined) {
    encoding = canonicalEncoding(schema.encoding) ?? undefined;
    if (encoding === undefined) {
      throw new DataError(`${file}: "${schema.encoding}" is not an encoding this tool reads; use one of ${ENCODINGS.join(', ')}`, { file });
    }
  }
  let bytes: Buffer;
  try {
    bytes = readRegularFile(join(dir, file), MAX_DATA_FILE_BYTES, DATA_FILE_LIMIT);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    if (e.code === 'ENOENT') throw new DataError(`${file}: file not found in the data folder ${resolve(dir)} (table ${schema.name})`, { file });
    if (e.code === 'EISDIR') throw new DataError(`${file}: this is a folder, not a CSV file (in ${resolve(dir)})`, { file });
    if (e.code === 'TOO_LARGE') throw new DataError(`${file}: ${e.reason}. Split the export (for example by year) or leave out columns the playbook does not read`, { file });
    throw new DataError(`${file}: ${e.reason}`, { file });
  }
  return decodeDataFile({ table: schema.name, file }, bytes, encoding);
}

/**
 * Loads every table of `schemas` from CSV files in folder `dir` (`schema.file` is
 * relative to it), then checks lookups between tables (see `resolveLookups`).
 *
 * Returns the tables by name, all rejected rows sorted by file then line, and
 * warnings about the data (see `Dataset.warnings`).
 * Throws `DataError` for whole-file problems (file not found or not a regular file,
 * larger than {@link DATA_FILE_LIMIT}, an Excel workbook, bytes that are not text in
 * the file's encoding, empty file, missing column, a date column written in the
 * other day/month order, bad declaration, lookup of an undeclared or key-less
 * table, two tables with the same name); never for a bad row.
 */
export function loadDataset(schemas: TableSchema[], dir: string, options: LoadOptions): Dataset {
  return loadDatasetTexts(schemas, (schema) => readText(schema, dir), options);
}

/**
 * Loads every table of `schemas` from the text `textOf` gives for it (already decoded), then
 * checks lookups between tables, as {@link loadDataset} does for files. `playbook test` uses it
 * for the small tables a test writes inline.
 * @throws DataError for whole-file problems (see {@link loadDataset}).
 */
export function loadDatasetTexts(schemas: TableSchema[], textOf: (schema: TableSchema) => string, options: LoadOptions): Dataset {
  const tables = new Map<string, LoadedTable>();
  for (const schema of schemas) {
    const other = tables.get(schema.name);
    if (other !== undefined) {
      throw new DataError(
        `${schema.file}: table name "${schema.name}" is already used for ${other.schema.file}; give each table its own name`,
        { file: schema.file },
      );
    }
    tables.set(schema.name, loadTableText(schema, textOf(schema), options));
  }
  resolveLookups(tables);
  const rejected: RejectedRow[] = [];
  for (const t of tables.values()) rejected.push(...t.rejected);
  rejected.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const warnings = [...tables.values()].flatMap((t) => tableInternals(t).warnings);
  return { tables, rejected, warnings };
}
