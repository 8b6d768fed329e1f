/**
 * Loading all tables of a playbook from a data folder.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TableSchema } from '../graph/tables.js';
import { canonicalEncoding, ENCODINGS, type Encoding } from '../language/encodings.js';
import { decodeDataFile } from './decode.js';
import { decodedBlocks, singleByteMismatch, type TextFile } from './decode-stream.js';
import { DataError } from './errors.js';
import { resolveLookups } from './lookups.js';
import { MAX_DATA_FILE_BYTES, readRegularFile, UnreadableFile } from './read-file.js';
import { isJsonLines, readJsonLines } from './jsonl.js';
import { isParquet, looksLikeParquet, readParquet } from './parquet.js';
import { spreadsheetKind } from './sniff.js';
import { isWorkbook, readWorkbook } from './xlsx.js';
import { PARALLEL_MIN_BYTES, startTableWorker, workerTable } from './parallel-load.js';
import { loadTableRecords, loadTableStream, loadTableText, tableInternals } from './table.js';
import type { Dataset, LoadedTable, LoadOptions, RejectedRow, RowIssue } from './types.js';

/** The limit as messages and the README state it (CSV files are streamed and have none). */
export const DATA_FILE_LIMIT = '500 MiB per JSON Lines, Excel or Parquet file';

/**
 * The bytes of `schema.file` in folder `dir`: a regular file of at most {@link MAX_DATA_FILE_BYTES}.
 * @throws DataError naming the file for anything that stops it being read.
 */
function readBytes(schema: TableSchema, dir: string): Buffer {
  try {
    return readRegularFile(join(dir, schema.file), MAX_DATA_FILE_BYTES, DATA_FILE_LIMIT);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    throw unreadable(schema, dir, e);
  }
}

/** The DataError naming the file for what stops it being read at all. */
function unreadable(schema: TableSchema, dir: string, e: UnreadableFile): DataError {
  const file = schema.file;
  if (e.code === 'ENOENT') return new DataError(`${file}: file not found in the data folder ${resolve(dir)} (table ${schema.name})`, { file });
  if (e.code === 'EISDIR') return new DataError(`${file}: this is a folder, not a CSV file (in ${resolve(dir)})`, { file });
  if (e.code === 'TOO_LARGE') return new DataError(`${file}: ${e.reason}. Export it as CSV (a CSV file has no size limit), or split the export (for example by year)`, { file });
  return new DataError(`${file}: ${e.reason}`, { file });
}

/** The table's declared encoding (canonical name), or undefined for UTF-8. @throws DataError for a name this tool does not read. */
function declaredEncoding(schema: TableSchema): Encoding | undefined {
  if (schema.encoding === undefined) return undefined;
  const encoding = canonicalEncoding(schema.encoding) ?? undefined;
  if (encoding === undefined) {
    throw new DataError(`${schema.file}: "${schema.encoding}" is not an encoding this tool reads; use one of ${ENCODINGS.join(', ')}`, { file: schema.file });
  }
  return encoding;
}

/**
 * The decoded text of `schema.file` in folder `dir`, decoded exactly in its declared
 * encoding (see `decodeDataFile`); a warning in `warnings` when a Western single-byte
 * encoding is declared over bytes that look Chinese. @throws DataError naming the file.
 */
function readText(schema: TableSchema, dir: string, warnings: string[]): string {
  const file = schema.file;
  const encoding = declaredEncoding(schema);
  const bytes = readBytes(schema, dir);
  const text = decodeDataFile({ table: schema.name, file }, bytes, encoding);
  const mismatch = encoding === undefined ? null : singleByteMismatch(file, bytes, encoding);
  if (mismatch) warnings.push(mismatch);
  return text;
}

/** The size of the file at `path` in bytes, or undefined when it cannot be known (then reading it says why). */
function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/**
 * A CSV table read from its file as a stream: bytes in chunks, decoded block by block
 * (`decodedBlocks`), parsed record by record (`loadTableStream`); no size limit.
 */
function streamTable(schema: TableSchema, dir: string, options: LoadOptions, warnings: string[]): LoadedTable {
  const textFile: TextFile = { source: { table: schema.name, file: schema.file }, path: join(dir, schema.file), encoding: declaredEncoding(schema), unreadable: (e) => unreadable(schema, dir, e) };
  const blocks = decodedBlocks(textFile, warnings);
  const onRows = options.onRows;
  try {
    return loadTableStream(schema, blocks, () => decodedBlocks(textFile), options, onRows === undefined ? undefined : (n) => onRows(schema.name, n), textFile.encoding === undefined ? fileSize(textFile.path) : undefined);
  } finally {
    blocks.return();
  }
}

/**
 * A Parquet table (see parquet.ts): the file is checked as for JSON Lines (a regular file of at most
 * {@link DATA_FILE_LIMIT}, with Parquet's magic number), then read by DuckDB from its path.
 */
function loadParquet(schema: TableSchema, dir: string, options: LoadOptions): LoadedTable {
  const file = schema.file;
  // read_parquet expands * ? [ ] { } as a pattern of many files: one table is one file.
  if (/[*?[\]{}]/.test(file)) throw new DataError(`${file}: a Parquet file name cannot hold * ? [ ] { } (they would read several files); rename the file`, { file });
  if (!looksLikeParquet(readBytes(schema, dir))) throw new DataError(`${file}: this is not a Parquet file, although its name says .parquet (it does not start and end with PAR1). Write it again as Parquet, or name it by what it is (.csv, .jsonl, .xlsx)`, { file });
  const { csv, early, place } = readParquet(schema, resolve(dir, file), options.currency);
  const table = loadTableRecords(schema, csv, options, early);
  // Applied after lookups too (see loadTables), so that every message of the table says "row n".
  placeAfterLookups.set(table, place);
  return table;
}

/** Tables whose row issues are rewritten to name their place once lookups are checked (Parquet: `file, row n, column "c"`). */
const placeAfterLookups = new WeakMap<LoadedTable, (issue: RowIssue) => RowIssue>();

/** One table from its file, by the format its name declares: Excel workbook, Parquet, JSON Lines or CSV. */
export function loadTable(schema: TableSchema, dir: string, options: LoadOptions, warnings: string[]): LoadedTable {
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
  if (isParquet(file)) return loadParquet(schema, dir, options);
  if (isJsonLines(file)) {
    const { csv, early } = readJsonLines(schema, readText(schema, dir, warnings));
    return loadTableRecords(schema, csv, options, early);
  }
  return streamTable(schema, dir, options, warnings);
}

/**
 * Loads every table of `schemas` from its file in folder `dir` (`schema.file` is
 * relative to it; CSV, or an Excel workbook, Parquet or JSON Lines by the file's extension, see
 * `loadTable`), then checks lookups between tables (see `resolveLookups`).
 *
 * Returns the tables by name, all rejected rows sorted by file then line, and
 * warnings about the data (see `Dataset.warnings`).
 * Throws `DataError` for whole-file problems (file not found or not a regular file,
 * a JSON Lines, Excel or Parquet file larger than {@link DATA_FILE_LIMIT}, an Excel workbook named as CSV, bytes that are not text in
 * the file's encoding, empty file, missing column, a date column written in the
 * other day/month order, bad declaration, lookup of an undeclared or key-less
 * table, two tables with the same name); never for a bad row.
 */
export function loadDataset(schemas: TableSchema[], dir: string, options: LoadOptions): Dataset {
  const inWorker = workerTable(schemas, dir, options.parallelMinBytes ?? PARALLEL_MIN_BYTES);
  if (inWorker < 0) return loadTables(schemas, (schema, warnings) => loadTable(schema, dir, options, warnings));
  const worker = startTableWorker(schemas[inWorker], dir, options);
  try {
    // The tables after the worker's are read before waiting for it; each is handed over (or its
    // error thrown) when its turn comes in the playbook's order, so the first table that fails
    // is the one reported, as when every table is read in turn.
    const ahead = new Map<number, { table: LoadedTable; warnings: string[] } | { error: unknown }>();
    return loadTables(schemas, (schema, warnings, index) => {
      if (index === inWorker) {
        readAhead(schemas, inWorker, (i) => {
          const own: string[] = [];
          try {
            ahead.set(i, { table: loadTable(schemas[i], dir, options, own), warnings: own });
            return true;
          } catch (error) {
            ahead.set(i, { error });
            return false;
          }
        });
        return worker.take(warnings);
      }
      const read = ahead.get(index);
      if (read === undefined) return loadTable(schema, dir, options, warnings);
      if ('error' in read) throw read.error;
      for (const w of read.warnings) warnings.push(w);
      return read.table;
    });
  } finally {
    worker.stop();
  }
}

/**
 * Reads (`read(i)`) the tables after index `from` in order, up to the first that fails (`read`
 * gives false) or whose name an earlier table has (loading stops at that name anyway).
 */
function readAhead(schemas: TableSchema[], from: number, read: (i: number) => boolean): void {
  const names = new Set(schemas.slice(0, from + 1).map((s) => s.name));
  for (let i = from + 1; i < schemas.length; i++) {
    if (names.has(schemas[i].name)) return;
    names.add(schemas[i].name);
    if (!read(i)) return;
  }
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
function loadTables(schemas: TableSchema[], load: (schema: TableSchema, warnings: string[], index: number) => LoadedTable): Dataset {
  const tables = new Map<string, LoadedTable>();
  const fileWarnings: string[] = [];
  for (const [index, schema] of schemas.entries()) {
    const other = tables.get(schema.name);
    if (other !== undefined) {
      throw new DataError(
        `${schema.file}: table name "${schema.name}" is already used for ${other.schema.file}; give each table its own name`,
        { file: schema.file },
      );
    }
    tables.set(schema.name, load(schema, fileWarnings, index));
  }
  resolveLookups(tables);
  for (const t of tables.values()) {
    const place = placeAfterLookups.get(t);
    if (place !== undefined) for (const r of t.rejected) r.issues = r.issues.map(place);
  }
  // The keys seen while loading are kept only where a lookup may still ask for them (messages about
  // a lookup into a rejected row): ten million activity ids are not held for the rest of the run.
  const targets = new Set(schemas.flatMap((s) => s.fields.flatMap((f) => (f.lookup === undefined ? [] : [f.lookup]))));
  for (const t of tables.values()) {
    if (targets.has(t.schema.name)) continue;
    const internals = tableInternals(t);
    // A text key column keeps reading its keys from there (see `KeyColumn`): only the lookup goes.
    internals.seenKeys?.release();
    internals.seenKeys = null;
  }
  const rejected: RejectedRow[] = [];
  // Row by row: a table with hundreds of thousands of rejected rows would overflow the stack as push's arguments.
  for (const t of tables.values()) for (const r of t.rejected) rejected.push(r);
  rejected.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const warnings = [...fileWarnings, ...[...tables.values()].flatMap((t) => tableInternals(t).warnings)];
  return { tables, rejected, warnings };
}
