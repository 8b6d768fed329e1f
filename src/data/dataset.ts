/**
 * Loading all tables of a playbook from a data folder.
 */
import { join, resolve } from 'node:path';
import type { TableSchema } from '../graph/tables.js';
import { canonicalEncoding, ENCODINGS } from '../language/encodings.js';
import iconv from 'iconv-lite';
import { decodeDataFile } from './decode.js';
import { showValue } from './show-value.js';
import { legacyGuess } from './sniff.js';
import { DataError } from './errors.js';
import { resolveLookups } from './lookups.js';
import { MAX_DATA_FILE_BYTES, readRegularFile, UnreadableFile } from './read-file.js';
import { isJsonLines, readJsonLines } from './jsonl.js';
import { spreadsheetKind } from './sniff.js';
import { isWorkbook, readWorkbook } from './xlsx.js';
import { loadTableRecords, loadTableText, tableInternals } from './table.js';
import type { Dataset, LoadedTable, LoadOptions, RejectedRow } from './types.js';

/** The limit as messages and the README state it. */
export const DATA_FILE_LIMIT = '500 MiB per data file';

/**
 * The bytes of `schema.file` in folder `dir`: a regular file of at most {@link MAX_DATA_FILE_BYTES}.
 * @throws DataError naming the file for anything that stops it being read.
 */
function readBytes(schema: TableSchema, dir: string): Buffer {
  const file = schema.file;
  try {
    return readRegularFile(join(dir, file), MAX_DATA_FILE_BYTES, DATA_FILE_LIMIT);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    if (e.code === 'ENOENT') throw new DataError(`${file}: file not found in the data folder ${resolve(dir)} (table ${schema.name})`, { file });
    if (e.code === 'EISDIR') throw new DataError(`${file}: this is a folder, not a CSV file (in ${resolve(dir)})`, { file });
    if (e.code === 'TOO_LARGE') throw new DataError(`${file}: ${e.reason}. Split the export (for example by year) or leave out columns the playbook does not read`, { file });
    throw new DataError(`${file}: ${e.reason}`, { file });
  }
}

/**
 * The decoded text of `schema.file` in folder `dir`, decoded exactly in its declared
 * encoding (see `decodeDataFile`); a warning in `warnings` when a Western single-byte
 * encoding is declared over bytes that look Chinese. @throws DataError naming the file.
 */
function readText(schema: TableSchema, dir: string, warnings: string[]): string {
  const file = schema.file;
  let encoding;
  if (schema.encoding !== undefined) {
    encoding = canonicalEncoding(schema.encoding) ?? undefined;
    if (encoding === undefined) {
      throw new DataError(`${file}: "${schema.encoding}" is not an encoding this tool reads; use one of ${ENCODINGS.join(', ')}`, { file });
    }
  }
  const bytes = readBytes(schema, dir);
  const text = decodeDataFile({ table: schema.name, file }, bytes, encoding);
  const mismatch = encoding === undefined ? null : singleByteMismatch(file, bytes, encoding);
  if (mismatch) warnings.push(mismatch);
  return text;
}

/** One table from its file, by the format its name declares: Excel workbook, JSON Lines or CSV. */
function loadTable(schema: TableSchema, dir: string, options: LoadOptions, warnings: string[]): LoadedTable {
  const file = schema.file;
  if (isWorkbook(file)) {
    const bytes = readBytes(schema, dir);
    const kind = spreadsheetKind(bytes);
    if (kind !== 'xlsx') throw new DataError(`${file}: this is ${kind === 'xls' ? 'an old-style Excel workbook (.xls), which is not read' : 'not an Excel workbook'}, although its name says .xlsx. Open it in Excel and save it as "Excel Workbook (*.xlsx)"`, { file });
    const { csv, early, place } = readWorkbook(schema, bytes);
    const table = loadTableRecords(schema, csv, options, early);
    for (const r of table.rejected) r.issues = r.issues.map(place);
    return table;
  }
  if (schema.sheet !== undefined) throw new DataError(`${file}: "sheet ${JSON.stringify(schema.sheet)}" is for Excel workbooks (.xlsx), and this file's name does not say .xlsx`, { file });
  const text = readText(schema, dir, warnings);
  if (isJsonLines(file)) {
    const { csv, early } = readJsonLines(schema, text);
    return loadTableRecords(schema, csv, options, early);
  }
  return loadTableText(schema, text, options);
}

/** Western single-byte encodings: any byte decodes, so a Chinese file declared as one reads as mojibake without an error. */
const WESTERN = new Set(['windows-1252', 'iso-8859-1', 'iso-8859-15', 'windows-1250', 'iso-8859-2', 'windows-1257']);

/**
 * A warning when a file declared in a Western single-byte encoding has the byte pattern of
 * GB18030/GBK (non-ASCII bytes in pairs): its names would read as `ÍõÂ·¼` instead of `王芳`.
 */
function singleByteMismatch(file: string, bytes: Uint8Array, encoding: string): string | null {
  if (!WESTERN.has(encoding) || legacyGuess(bytes) !== 'gb18030') return null;
  const firstHigh = bytes.findIndex((b) => b >= 0x80);
  const start = bytes.lastIndexOf(0x0a, firstHigh) + 1;
  let end = bytes.indexOf(0x0a, firstHigh);
  if (end < 0) end = bytes.length;
  const line = bytes.subarray(0, start).filter((b) => b === 0x0a).length + 1;
  const slice = Buffer.from(bytes.subarray(start, end));
  return (
    `${file}: declared encoding "${encoding}", but its bytes look like GB18030/GBK (Chinese): line ${line} reads ${showValue(iconv.decode(slice, encoding).replace(/\r$/, ''))} as declared, ` +
    `${showValue(iconv.decode(slice, 'gb18030').replace(/\r$/, ''))} as GB18030. If the names in the report look garbled, declare encoding "gb18030"`
  );
}

/**
 * Loads every table of `schemas` from its file in folder `dir` (`schema.file` is
 * relative to it; CSV, or an Excel workbook or JSON Lines by the file's extension, see
 * `loadTable`), then checks lookups between tables (see `resolveLookups`).
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
  return loadTables(schemas, (schema, warnings) => loadTable(schema, dir, options, warnings));
}

/**
 * Loads every table of `schemas` from the text `textOf` gives for it (already decoded), then
 * checks lookups between tables, as {@link loadDataset} does for files. `playbook test` uses it
 * for the small tables a test writes inline.
 * @throws DataError for whole-file problems (see {@link loadDataset}).
 */
export function loadDatasetTexts(schemas: TableSchema[], textOf: (schema: TableSchema) => string, options: LoadOptions): Dataset {
  return loadTables(schemas, (schema) => loadTableText(schema, textOf(schema), options));
}

/** Loads each table with `load` (which may add warnings about its file), then checks lookups and gathers rows and warnings. */
function loadTables(schemas: TableSchema[], load: (schema: TableSchema, warnings: string[]) => LoadedTable): Dataset {
  const tables = new Map<string, LoadedTable>();
  const fileWarnings: string[] = [];
  for (const schema of schemas) {
    const other = tables.get(schema.name);
    if (other !== undefined) {
      throw new DataError(
        `${schema.file}: table name "${schema.name}" is already used for ${other.schema.file}; give each table its own name`,
        { file: schema.file },
      );
    }
    tables.set(schema.name, load(schema, fileWarnings));
  }
  resolveLookups(tables);
  const rejected: RejectedRow[] = [];
  for (const t of tables.values()) rejected.push(...t.rejected);
  rejected.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const warnings = [...fileWarnings, ...[...tables.values()].flatMap((t) => tableInternals(t).warnings)];
  return { tables, rejected, warnings };
}
