/**
 * Splits CSV text into records with their physical line numbers (csv-parse underneath),
 * incrementally: a file is fed in blocks of UTF-8 bytes ({@link CsvReader}) and records come
 * out as they are complete, so no file is ever held whole. {@link readCsv} is the same reader
 * over one text.
 */
import { CsvError, Parser, type Options } from 'csv-parse';
import { DataError } from './errors.js';
import { escapeValue, showValue } from './show-value.js';

/** One CSV record: its cells (untrimmed) and the physical lines where it starts and ends (1-based). */
export interface CsvRecord {
  line: number;
  /** Last physical line of the record: greater than `line` when a quoted cell holds line breaks. */
  endLine: number;
  cells: string[];
}

/** A parsed file: the header record and the data records after it. */
export interface CsvFile {
  /** Header cells, trimmed. */
  header: string[];
  /** Line of the header (1 unless the file starts with blank lines). */
  headerLine: number;
  records: CsvRecord[];
}

/**
 * Longest record read, in characters. Real CRM rows are a few hundred characters;
 * a record this long is a stray quote that made the rest of the file one value
 * (and csv-parse slows down badly on huge values), so it stops the file with a message.
 */
export const MAX_RECORD_CHARS = 1_000_000;

/**
 * The same text again from its start, as blocks of UTF-8 bytes with `\n` line ends: the rare
 * error path reads it a second time to quote the line where a quoted value starts.
 */
export type Reread = () => Iterable<Buffer>;

/** What csv-parse's `Parser` runs on each chunk written to it (see {@link parserCore}). */
interface CsvParseCore {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

/**
 * The parsing core of a csv-parse `Parser` stream. The stream's `_transform` calls
 * `api.parse(chunk, false, push)` for each chunk written and `api.parse(undefined, true, push)`
 * at the end, and `csv-parse/sync` makes the same call once with the whole input; calling it
 * here directly gives the stream's chunk-by-chunk parsing without the event loop, so the
 * loader stays synchronous (`loadDataset` is a plain function). csv-parse is pinned (7.0.3);
 * a test compares this reader's records with `csv-parse/sync`'s.
 */
function parserCore(options: Options): CsvParseCore {
  const core = (new Parser(options) as unknown as { api?: CsvParseCore }).api;
  if (typeof core?.parse !== 'function') throw new Error('csv-parse no longer exposes Parser.api.parse; the CSV reader needs csv-parse 7.0.3');
  return core;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * `bytes` with every CRLF and lone CR made one LF: each line break inside a quoted cell is then
 * exactly one `\n` (counted for line numbers), and cell values never hold a stray `\r`.
 * A block never ends between the CR and LF of one line break (see `decode-stream.ts`).
 */
function oneLineEnd(bytes: Buffer): Buffer {
  let i = bytes.indexOf(13);
  if (i < 0) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let o = 0;
  let from = 0;
  while (i >= 0) {
    o += bytes.copy(out, o, from, i);
    out[o++] = 10;
    from = i + 1;
    if (bytes[from] === 10) from++;
    i = bytes.indexOf(13, from);
  }
  o += bytes.copy(out, o, from);
  return out.subarray(0, o);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Reads CSV incrementally (a UTF-8 BOM is ignored; CRLF, LF or CR line ends; double-quoted
 * cells may hold the delimiter, quotes as `""`, and line breaks, which become `\n`).
 * Blank lines, and lines whose cells are all empty (`,,,`), are not records.
 * The first record is the header: `onHeader` gets it, then `onRecord` each data record.
 *
 * Usage: `feed` each block of UTF-8 bytes in order, then `end()`. Throws `DataError`
 * (naming `file`) when the file has no header, the header spans lines, a quoted value is never
 * closed, or a record is longer than {@link MAX_RECORD_CHARS}. After an error, `discard()`
 * lets the rest be fed only to learn whether the CSV itself breaks later (see `settle`).
 */
export class CsvReader {
  private readonly core: CsvParseCore;
  private pending: string[][] = [];
  private first = true;
  private line = 1;
  private lastEnd = 0;
  private header: string[] | null = null;
  private discarding = false;
  /** csv-parse stopped on an error: nothing more can be parsed. */
  private broken = false;
  private readonly push = (record: string[]) => {
    this.pending.push(record);
  };

  constructor(
    delimiter: string,
    private readonly file: string,
    private readonly reread: Reread,
    private readonly onHeader: (header: string[], headerLine: number) => void,
    private readonly onRecord: (record: CsvRecord) => void,
  ) {
    // Blank lines are NOT skipped by csv-parse (each comes back as one empty cell) so that
    // every physical line is accounted for: a record starts on the line after the previous
    // record's last line. (csv-parse's own `info.lines` double-counts CRLF inside quotes,
    // hence one line-end style first.) Blank records are dropped below.
    this.core = parserCore({ bom: true, delimiter, relax_column_count: true, relax_quotes: true, max_record_size: MAX_RECORD_CHARS });
  }

  /** From now on records are parsed but not handed on: only a broken CSV structure still throws. */
  discard(): void {
    this.discarding = true;
    this.pending = [];
  }

  /** Parses the next block of UTF-8 bytes (whole lines, or the file's last bytes). */
  feed(block: Buffer): void {
    if (this.broken) return;
    if (this.first) {
      this.first = false;
      // The text's own U+FEFF (csv-parse's `bom` drops a second one).
      if (block.subarray(0, 3).equals(UTF8_BOM)) block = block.subarray(3);
    }
    this.run(oneLineEnd(block), false);
  }

  /** The end of the text: the last record, then the check that there was a header. */
  end(): void {
    if (this.broken) return;
    this.run(undefined, true);
    if (this.header === null && !this.discarding) {
      throw new DataError(`${this.file}: the file is empty; it needs a header row naming its columns`, { file: this.file });
    }
  }

  private run(block: Buffer | undefined, end: boolean): void {
    const err = this.core.parse(block, end, this.push, () => {});
    // Records complete before a parse error are counted first: the error names the line after them.
    let stop: unknown = null;
    try {
      this.take();
    } catch (e) {
      stop = e;
    }
    if (err !== undefined) {
      this.broken = true;
      // A CSV that cannot be split stops the file before anything found in its records (as when read whole).
      throw csvError(err, this.lastEnd, this.file, this.reread);
    }
    if (stop !== null) throw stop;
  }

  private take(): void {
    const rows = this.pending;
    if (rows.length === 0) return;
    this.pending = [];
    let stop: unknown = null;
    for (let i = 0; i < rows.length; i++) {
      const cells = rows[i];
      const start = this.line;
      let line = start + 1;
      let blank = true;
      for (const c of cells) {
        if (blank && c.trim() !== '') blank = false;
        if (c.includes('\n')) line += countNewlines(c);
      }
      this.line = line;
      this.lastEnd = line - 1;
      if (blank || this.discarding) continue;
      try {
        this.hand(cells, start, line - 1);
      } catch (e) {
        // Lines are still counted to the end of the batch: a CSV error found later names the right line.
        stop = e;
        this.discarding = true;
      }
    }
    if (stop !== null) throw stop;
  }

  private hand(cells: string[], start: number, endLine: number): void {
    if (this.header === null) {
      if (endLine > start) {
        // A column name never holds a line break: a quote opened one by mistake and
        // the rows up to the next quote became part of the header.
        const cell = cells.find((c) => c.includes('\n'))!;
        throw new DataError(
          `${this.file}:${start}: the header row runs over lines ${start}–${endLine} because the column name ${showValue(cell.trim())} holds line breaks; ` +
            `usually a quote (") opens it by mistake: remove the stray quote`,
          { file: this.file, line: start },
        );
      }
      this.header = cells.map((c) => c.trim());
      this.onHeader(this.header, start);
    } else {
      this.onRecord({ line: start, endLine, cells });
    }
  }
}

/**
 * Reads CSV `text` whole: the header and every record (see {@link CsvReader} for the rules).
 * Throws `DataError` (naming `file`) when the file has no header, the header
 * spans lines, a quoted value is never closed, or a record is longer than
 * {@link MAX_RECORD_CHARS}.
 */
export function readCsv(text: string, delimiter: string, file: string): CsvFile {
  const bytes = Buffer.from(text, 'utf8');
  let header: string[] = [];
  let headerLine = 0;
  const records: CsvRecord[] = [];
  const reader = new CsvReader(
    delimiter,
    file,
    () => [oneLineEnd(bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes)],
    (h, l) => {
      header = h;
      headerLine = l;
    },
    (r) => records.push(r),
  );
  reader.feed(bytes);
  reader.end();
  return { header, headerLine, records };
}

/** The DataError for a csv-parse failure (in practice: a quoted value never closed, or a record too long). */
function csvError(e: unknown, lastEnd: number, file: string, reread: Reread): DataError {
  if (e instanceof CsvError && (e.code === 'CSV_QUOTE_NOT_CLOSED' || e.code === 'CSV_MAX_RECORD_SIZE')) {
    // Rare path: read the text again for the first line with text after the last complete record.
    const { line, text } = firstNonBlankLineAfter(reread(), lastEnd);
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      return new DataError(
        `${file}:${line}: the row starting on this line is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters, so the file is not read ` +
          `(the line reads ${showValue(text)}). Usually a quote (") opens a value by mistake and the rest of the file becomes that value: remove the stray quote`,
        { file, line },
      );
    }
    return new DataError(
      `${file}:${line}: a quoted value starts on this line but its closing quote (") is missing, so the rest of the file cannot be read ` +
        `(the line reads ${showValue(text)}); close the quote, or remove the stray one`,
      { file, line },
    );
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new DataError(`${file}: the file cannot be read as CSV: ${escapeValue(msg, 200)}`, { file });
}

/** Longest line quoted whole by {@link firstNonBlankLineAfter}, in bytes; a longer one is quoted by its start. */
const MAX_QUOTED_LINE_BYTES = 256 * 1024 * 1024;

/**
 * The 1-based number and text (without its line break) of the first line after line `after`
 * that holds more than white space, in the `\n`-separated UTF-8 `blocks`; the line after
 * `after` (empty) when there is none.
 */
function firstNonBlankLineAfter(blocks: Iterable<Buffer>, after: number): { line: number; text: string } {
  let line = 1;
  let parts: Buffer[] = [];
  let size = 0;
  const done = (): { line: number; text: string } | null => {
    const text = Buffer.concat(parts).toString('utf8');
    parts = [];
    size = 0;
    return line > after && text.trim() !== '' ? { line, text } : null;
  };
  for (const block of blocks) {
    let from = 0;
    for (let nl = block.indexOf(10); nl !== -1; nl = block.indexOf(10, from)) {
      if (line > after && size < MAX_QUOTED_LINE_BYTES) parts.push(block.subarray(from, nl));
      const found = line > after ? done() : null;
      if (found) return found;
      parts = [];
      size = 0;
      line++;
      from = nl + 1;
    }
    if (line > after && size < MAX_QUOTED_LINE_BYTES) {
      parts.push(block.subarray(from));
      size += block.length - from;
    }
  }
  return done() ?? { line: after + 1, text: '' };
}
