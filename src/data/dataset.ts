/**
 * Loading all tables of a playbook from a data folder.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
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
import { PARALLEL_MIN_BYTES, startTableWorker, type TableInWorker, workerTable } from './parallel-load.js';
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

/** The one file of `dir` (where `file` would be) whose name is `file`'s with other capitals, or null. */
function sameNameOtherCapitals(dir: string, file: string): string | null {
  const where = join(dir, dirname(file));
  const name = basename(file).toLowerCase();
  let names: string[];
  try {
    names = readdirSync(where);
  } catch {
    return null;
  }
  const found = names.filter((n) => n.toLowerCase() === name);
  return found.length === 1 ? join(dirname(file), found[0]) : null;
}

/** The DataError naming the file for what stops it being read at all. */
function unreadable(schema: TableSchema, dir: string, e: UnreadableFile): DataError {
  const file = schema.file;
  if (e.code === 'ENOENT') {
    // `Sales_Teams.csv` exported, `sales_teams.csv` named: say so (file names are compared exactly on Linux and in containers).
    const other = sameNameOtherCapitals(dir, file);
    const hint = other === null ? '' : `; the folder has ${JSON.stringify(other)}: rename the file, or name it so in the playbook (file names must match exactly, capitals included)`;
    return new DataError(`${file}: file not found in the data folder ${resolve(dir)} (table ${schema.name})${hint}`, { file });
  }
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
  const table = loadTableRecords(schema, csv, options, early, true);
  // Applied after lookups too (see loadTables), so that every message of the table says "row n".
  placeAfterLookups.set(table, place);
  return table;
}

/** Tables whose row issues are rewritten to name their place once lookups are checked (Parquet: `file, row n, column "c"`). */
const placeAfterLookups = new WeakMap<LoadedTable, (issue: RowIssue) => RowIssue>();

/**
 * Refuses a table file that leads out of the data folder through a symbolic link (the file, or a
 * folder on its way, is a link to somewhere else): a playbook reads only the files of its data
 * folder — `..` in a file name is PB2114 — and a message about such a file would show the first
 * line of whatever the link leads to. A link to another file inside the folder is read as usual.
 * A file or folder that cannot be resolved is left to the reading, which says why.
 * @throws DataError naming the file and where the link leads.
 */
function insideDataFolder(schema: TableSchema, dir: string): void {
  let root: string;
  let real: string;
  try {
    root = realpathSync(dir);
    real = realpathSync(join(dir, schema.file));
  } catch {
    return;
  }
  if (real.startsWith(root.endsWith(sep) ? root : root + sep)) return;
  const file = schema.file;
  throw new DataError(
    `${file}: this is a link to ${real}, outside the data folder ${resolve(dir)}; a playbook reads only the files in its data folder. Copy the file into the folder, or give the folder it is in as --data`,
    { file },
  );
}

/** One table from its file, by the format its name declares: Excel workbook, Parquet, JSON Lines or CSV. */
export function loadTable(schema: TableSchema, dir: string, options: LoadOptions, warnings: string[]): LoadedTable {
  const file = schema.file;
  insideDataFolder(schema, dir);
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
    return loadTableRecords(schema, csv, options, early, true);
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
  return startDataset(schemas, dir, options).finish();
}

/**
 * A dataset being loaded (see {@link startDataset}): every table but `pending` read, its lookups
 * checked, while a worker thread still reads `pending`.
 */
export interface DatasetLoad {
  /**
   * The tables read so far, by name; once {@link finish} has run, every table in the playbook's
   * order: the same Map object as the dataset's `tables`.
   */
  tables: Map<string, LoadedTable>;
  /** The name of the table still being read, or null when the dataset is complete. */
  pending: string | null;
  /**
   * Waits for the pending table, checks its lookups and returns the dataset: the same tables, rows,
   * rejected rows, warnings and errors as {@link loadDataset}. Each call gives the same dataset or
   * throws the same error.
   * @throws DataError as {@link loadDataset}.
   */
  finish(): Dataset;
}

/**
 * Starts loading as {@link loadDataset} does, and returns as soon as every table but the one read
 * in a worker thread (see `parallel-load.ts`) is read and its lookups checked, when that changes
 * nothing of what loading gives (issue 10: at a million deals this thread can evaluate for ~14 s
 * while the worker reads activities.csv): every other table is read without error, no two tables
 * share a name, no other table looks a value up in the worker's table or in an undeclared or
 * key-less one, and the tables the worker's table looks up look nothing up (see `lookupsApart`).
 * Otherwise (or with no worker) it waits for the worker and returns the loaded
 * dataset (`pending` null), or throws what {@link loadDataset} throws.
 * Tables read before the worker's fail first, as in {@link loadDataset}.
 */
export function startDataset(schemas: TableSchema[], dir: string, options: LoadOptions): DatasetLoad {
  const inWorker = workerTable(schemas, dir, options.parallelMinBytes ?? PARALLEL_MIN_BYTES);
  if (inWorker < 0) return loaded(loadTables(schemas, (schema, warnings) => loadTable(schema, dir, options, warnings)));
  const worker = startTableWorker(schemas[inWorker], dir, options);
  let handedOver = false;
  try {
    const load = withWorker(schemas, dir, options, inWorker, worker);
    handedOver = load.pending !== null;
    return load;
  } finally {
    if (!handedOver) worker.stop();
  }
}

/** A complete dataset as a {@link DatasetLoad}. */
function loaded(dataset: Dataset): DatasetLoad {
  return { tables: dataset.tables, pending: null, finish: () => dataset };
}

/** @throws DataError when `schema`'s name is already taken by a table in `tables`. */
function checkName(tables: Map<string, LoadedTable>, schema: TableSchema): void {
  const other = tables.get(schema.name);
  if (other === undefined) return;
  throw new DataError(`${schema.file}: table name "${schema.name}" is already used for ${other.schema.file}; give each table its own name`, { file: schema.file });
}

/** {@link startDataset} with table `inWorker` read by `worker`. */
function withWorker(schemas: TableSchema[], dir: string, options: LoadOptions, inWorker: number, worker: TableInWorker): DatasetLoad {
  // Each table's file warnings apart, joined in the playbook's order at the end (the worker's between the others).
  const warningsOf: string[][] = schemas.map(() => []);
  const tables = new Map<string, LoadedTable>();
  for (let i = 0; i < inWorker; i++) {
    checkName(tables, schemas[i]);
    tables.set(schemas[i].name, loadTable(schemas[i], dir, options, warningsOf[i]));
  }
  checkName(tables, schemas[inWorker]);
  // The tables after the worker's are read before waiting for it; each is handed over (or its
  // error thrown) when its turn comes in the playbook's order, so the first table that fails
  // is the one reported, as when every table is read in turn.
  const ahead = new Map<number, LoadedTable | { error: unknown }>();
  readAhead(schemas, inWorker, (i) => {
    try {
      ahead.set(i, loadTable(schemas[i], dir, options, warningsOf[i]));
      return true;
    } catch (error) {
      ahead.set(i, { error });
      return false;
    }
  });
  const pending = schemas[inWorker].name;
  const read = (i: number) => ahead.get(i);
  const allRead = schemas.every((_, i) => i <= inWorker || (read(i) !== undefined && !('error' in read(i)!)));
  if (!allRead || !lookupsApart(schemas, inWorker, (name) => tables.get(name) ?? (ahead.get(schemas.findIndex((s) => s.name === name)) as LoadedTable | undefined))) {
    // As when every table is read in turn: the worker's table, then the others in order.
    tables.set(pending, worker.take(warningsOf[inWorker]));
    for (let i = inWorker + 1; i < schemas.length; i++) {
      checkName(tables, schemas[i]);
      const table = read(i) ?? loadTable(schemas[i], dir, options, warningsOf[i]);
      if ('error' in table) throw table.error;
      tables.set(schemas[i].name, table);
    }
    settle(schemas, tables);
    return loaded(gather(tables, warningsOf.flat()));
  }
  for (let i = inWorker + 1; i < schemas.length; i++) tables.set(schemas[i].name, read(i) as LoadedTable);
  // The lookups of every other table: none reads the worker's table, so its rows change none of theirs.
  settle(schemas, tables);
  let outcome: { dataset: Dataset } | { error: unknown } | null = null;
  return {
    tables,
    pending,
    finish(): Dataset {
      if (outcome === null) {
        try {
          const table = worker.take(warningsOf[inWorker]);
          const others = new Map(tables);
          // In place, in the playbook's order: the map an evaluation already holds sees the table.
          tables.clear();
          for (const s of schemas) tables.set(s.name, s.name === pending ? table : others.get(s.name)!);
          settle(schemas, tables, new Set([pending]));
          outcome = { dataset: gather(tables, warningsOf.flat()) };
        } catch (error) {
          outcome = { error };
        } finally {
          worker.stop();
        }
      }
      if ('error' in outcome) throw outcome.error;
      return outcome.dataset;
    },
  };
}

/**
 * True when the lookups of the tables other than `schemas[inWorker]` can be checked without it,
 * and its own after theirs, with the same rows rejected for the same reasons as when all are
 * checked together (`resolveLookups` goes round every table until no row is rejected, and a row's
 * reasons are those found in the round that rejects it):
 * - no other table looks a value up in it (its rejected rows could reject theirs);
 * - every other table looks up a declared table with a key (`table(name)` gives the loaded
 *   tables): no error of theirs could be reported before one of the worker's;
 * - the tables it looks up (itself apart) look nothing up: their rows stay as loaded all along,
 *   so it finds them in the same state in every round.
 */
function lookupsApart(schemas: TableSchema[], inWorker: number, table: (name: string) => LoadedTable | undefined): boolean {
  const pending = schemas[inWorker].name;
  if (new Set(schemas.map((s) => s.name)).size !== schemas.length) return false;
  const looksUp = (s: TableSchema) => s.fields.some((f) => f.lookup !== undefined);
  const othersFine = schemas.every((s, i) => i === inWorker || s.fields.every((f) => f.lookup === undefined || (f.lookup !== pending && (table(f.lookup)?.keyIndex ?? -1) >= 0)));
  const targetsFixed = schemas[inWorker].fields.every((f) => f.lookup === undefined || f.lookup === pending || !schemas.some((s) => s.name === f.lookup && looksUp(s)));
  return othersFine && targetsFixed;
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
    checkName(tables, schema);
    tables.set(schema.name, load(schema, fileWarnings, index));
  }
  settle(schemas, tables);
  return gather(tables, fileWarnings);
}

/**
 * Checks the lookups of the tables (of those named in `only`, when given: see `resolveLookups`),
 * then, for those tables, names the place of each Parquet row issue and lets go of the keys no
 * lookup asks for.
 */
function settle(schemas: TableSchema[], tables: Map<string, LoadedTable>, only?: ReadonlySet<string>): void {
  resolveLookups(tables, only);
  const mine = (t: LoadedTable) => only === undefined || only.has(t.schema.name);
  for (const t of tables.values()) {
    const place = placeAfterLookups.get(t);
    if (place !== undefined && mine(t)) for (const r of t.rejected) r.issues = r.issues.map(place);
  }
  // The keys seen while loading are kept only where a lookup may still ask for them (messages about
  // a lookup into a rejected row): ten million activity ids are not held for the rest of the run.
  const targets = new Set(schemas.flatMap((s) => s.fields.flatMap((f) => (f.lookup === undefined ? [] : [f.lookup]))));
  for (const t of tables.values()) {
    if (targets.has(t.schema.name) || !mine(t)) continue;
    const internals = tableInternals(t);
    // A text key column keeps reading its keys from there (see `KeyColumn`): only the lookup goes.
    internals.seenKeys?.release();
    internals.seenKeys = null;
  }
}

/** The dataset of `tables` (lookups checked): every rejected row sorted by file then line, and the warnings (`fileWarnings` first). */
function gather(tables: Map<string, LoadedTable>, fileWarnings: string[]): Dataset {
  const rejected: RejectedRow[] = [];
  // Row by row: a table with hundreds of thousands of rejected rows would overflow the stack as push's arguments.
  for (const t of tables.values()) for (const r of t.rejected) rejected.push(r);
  rejected.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const warnings = [...fileWarnings, ...[...tables.values()].flatMap((t) => tableInternals(t).warnings)];
  return { tables, rejected, warnings };
}
