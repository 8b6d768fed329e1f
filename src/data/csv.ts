/**
 * Splits CSV text into records with their physical line numbers, incrementally: a file is fed
 * in blocks of UTF-8 bytes ({@link CsvReader}) and records come out as they are complete, so no
 * file is ever held whole. {@link readCsv} is the same reader over one text.
 *
 * csv-parse is the authority on quoting. A record whose bytes hold no `"` is split on the
 * delimiter directly (issue 10, scale: that is nearly every record of a real export, and
 * csv-parse's byte-by-byte loop was the largest cost of loading); a record holding a quote is
 * handed to csv-parse whole. Where such a record ends is found by {@link quotedRecordEnd}, which
 * follows csv-parse's own rules for quotes (see there); a test compares this reader's records
 * and lines with `csv-parse/sync`'s over generated CSV text.
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
 * Longest record read, in UTF-8 bytes (csv-parse's `max_record_size` counts the bytes of a
 * record's cells, not its characters: an accented letter takes 2, a Chinese character 3).
 * Real CRM rows are a few hundred characters; a record this long is a stray quote that made
 * the rest of the file one value (and csv-parse slows down badly on huge values), so it stops
 * the file with a message.
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
 * A record split without csv-parse (see {@link CsvReader}): its cells are the byte ranges
 * `[starts[k], ends[k])` of `bytes` (UTF-8, untrimmed), k < `count`; it is one physical line.
 * The arrays are reused for the next record: a consumer copies what it keeps.
 */
export interface ByteRecord {
  line: number;
  bytes: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

/** The cell `k` of a {@link ByteRecord} as a string. */
export function byteCell(rec: ByteRecord, k: number): string {
  return rec.bytes.toString('utf8', rec.starts[k], rec.ends[k]);
}

/** The cells of a {@link ByteRecord} as strings (what csv-parse gives for the same line). */
export function byteCells(rec: ByteRecord): string[] {
  const cells = new Array<string>(rec.count);
  for (let k = 0; k < rec.count; k++) cells[k] = byteCell(rec, k);
  return cells;
}

/**
 * True when bytes `[start, end)` are empty once trimmed as `String.prototype.trim` trims (only
 * white space). Bytes beyond ASCII are decoded to tell (U+00A0, U+3000… are white space too).
 */
export function blankBytes(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b === 32 || (b >= 9 && b <= 13)) continue;
    if (b < 0x80) return false;
    return bytes.toString('utf8', i, end).trim() === '';
  }
  return true;
}

const QUOTE = 34;
const LF = 10;

/**
 * Where the record starting at `from` ends in `bytes` (`\\n` line ends only): the index after
 * its terminating `\\n`, or -1 when it does not end within `bytes`. Follows csv-parse 7.0.3's
 * rules under the options {@link CsvReader} gives it (quote and escape `"`, `relax_quotes`, no
 * trimming, no comments): a quote opens a quoted cell only at the start of a cell; inside one,
 * `""` is a quote and any other `"` closes the cell (a character other than the delimiter or a
 * line end after it is kept, quote and all, with the cell no longer quoted); a line end ends the
 * record only outside a quoted cell. A `"` that is the last byte is undecided (-1): csv-parse
 * waits for the next byte too.
 */
export function quotedRecordEnd(bytes: Buffer, from: number, delimiter: number): number {
  const n = bytes.length;
  let quoting = false;
  let cellStart = true;
  for (let i = from; i < n; i++) {
    const c = bytes[i];
    if (quoting) {
      if (c !== QUOTE) continue;
      if (i + 1 >= n) return -1;
      if (bytes[i + 1] === QUOTE) {
        i++;
        continue;
      }
      quoting = false;
      cellStart = false;
    } else if (c === LF) return i + 1;
    else if (c === delimiter) cellStart = true;
    else if (c === QUOTE && cellStart) quoting = true;
    else cellStart = false;
  }
  return -1;
}

/**
 * A record not yet ended longer than this (in bytes) sends the rest of the file to csv-parse as
 * a stream, as before the split by hand: csv-parse then stops it at {@link MAX_RECORD_CHARS},
 * and no more than this is held while waiting for its end.
 */
const STREAM_AFTER = 2 * MAX_RECORD_CHARS + 2;

/**
 * Reads CSV incrementally (a UTF-8 BOM is ignored; CRLF, LF or CR line ends; double-quoted
 * cells may hold the delimiter, quotes as `""`, and line breaks, which become `\n`).
 * Blank lines, and lines whose cells are all empty (`,,,`), are not records.
 * The first record is the header: `onHeader` gets it, then `onRecord` each data record —
 * or, when `onBytes` is given, each record split without csv-parse goes to `onBytes` as
 * byte ranges instead (no string per cell; see {@link ByteRecord}).
 *
 * Usage: `feed` each block of UTF-8 bytes in order, then `end()`. Throws `DataError`
 * (naming `file`) when the file has no header, the header spans lines, a quoted value is never
 * closed, or a record is longer than {@link MAX_RECORD_CHARS}. After an error, `discard()`
 * lets the rest be fed only to learn whether the CSV itself breaks later (see `settle`).
 */
export class CsvReader {
  private readonly options: Options;
  /** The delimiter's byte when it is one ASCII byte that is not a quote or line end; else -1 (every record to csv-parse). */
  private readonly delimiterByte: number;
  /** Parses one whole record at a time (`parse(record, true)`): created at the first quoted record. */
  private recordCore: CsvParseCore | null = null;
  /** Parses the rest of the file as a stream (see {@link STREAM_AFTER}); null while records are split here. */
  private streamCore: CsvParseCore | null = null;
  private pending: string[][] = [];
  /** Bytes of a record not yet ended, kept for the next block. */
  private carry: Buffer | null = null;
  private first = true;
  /** At the text's start, a second U+FEFF is dropped too (csv-parse's `bom` did that). */
  private secondBom = true;
  private line = 1;
  private lastEnd = 0;
  private header: string[] | null = null;
  private discarding = false;
  /** csv-parse stopped on an error: nothing more can be parsed. */
  private broken = false;
  /** The first error a record's consumer threw in the block being read. */
  private stop: unknown = null;
  private starts: Int32Array = new Int32Array(64);
  private ends: Int32Array = new Int32Array(64);
  private readonly byteRecord: ByteRecord = { line: 0, bytes: Buffer.alloc(0), starts: this.starts, ends: this.ends, count: 0 };
  private readonly push = (record: string[]) => {
    this.pending.push(record);
  };

  constructor(
    delimiter: string,
    private readonly file: string,
    private readonly reread: Reread,
    private readonly onHeader: (header: string[], headerLine: number) => void,
    private readonly onRecord: (record: CsvRecord) => void,
    private readonly onBytes?: (record: ByteRecord) => void,
  ) {
    // Blank lines are NOT skipped by csv-parse (each comes back as one empty cell) so that
    // every physical line is accounted for: a record starts on the line after the previous
    // record's last line. (csv-parse's own `info.lines` double-counts CRLF inside quotes,
    // hence one line-end style first.) Blank records are dropped below.
    this.options = { bom: true, delimiter, relax_column_count: true, relax_quotes: true, max_record_size: MAX_RECORD_CHARS };
    const code = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
    this.delimiterByte = code >= 0 && code < 0x80 && code !== QUOTE && code !== LF && code !== 13 ? code : -1;
    // Any other delimiter (a letter beyond ASCII, a quote): csv-parse reads the whole file, as a stream.
    if (this.delimiterByte < 0) this.streamCore = parserCore(this.options);
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
      else if (this.streamCore === null) this.secondBom = false;
    }
    block = oneLineEnd(block);
    if (this.streamCore !== null) return this.run(block, false);
    if (this.carry !== null) {
      block = Buffer.concat([this.carry, block]);
      this.carry = null;
    }
    if (this.secondBom) {
      // csv-parse looks at its first three bytes, waiting for them if need be.
      if (block.length < 3) {
        this.carry = block;
        return;
      }
      this.secondBom = false;
      if (block.subarray(0, 3).equals(UTF8_BOM)) block = block.subarray(3);
    }
    this.split(block, false);
  }

  /** The end of the text: the last record, then the check that there was a header. */
  end(): void {
    if (this.broken) return;
    if (this.streamCore !== null) this.run(undefined, true);
    else if (this.carry !== null) {
      const rest = this.carry;
      this.carry = null;
      this.split(rest, true);
    }
    if (this.header === null && !this.discarding) {
      throw new DataError(`${this.file}: the file is empty; it needs a header row naming its columns`, { file: this.file });
    }
  }

  /**
   * Splits `bytes` into records from a record boundary: a record without a quote by hand, one
   * with a quote by csv-parse. What does not end in `bytes` is carried to the next block
   * (or, at the `end`, is the file's last record).
   */
  private split(bytes: Buffer, end: boolean): void {
    const n = bytes.length;
    const delimiter = this.delimiterByte;
    let pos = 0;
    let quote = bytes.indexOf(QUOTE);
    while (pos < n) {
      const nl = bytes.indexOf(LF, pos);
      const lineEnd = nl < 0 ? n : nl;
      if (quote >= 0 && quote < pos) quote = bytes.indexOf(QUOTE, pos);
      if (quote >= 0 && quote < lineEnd) {
        let recordEnd = quotedRecordEnd(bytes, pos, delimiter);
        if (recordEnd < 0) {
          if (!end) return this.keep(bytes.subarray(pos));
          recordEnd = n;
        }
        this.parseRecord(bytes.subarray(pos, recordEnd));
        pos = recordEnd;
        continue;
      }
      if (nl < 0 && !end) return this.keep(bytes.subarray(pos));
      const next = nl < 0 ? n : nl + 1;
      // A longer line goes to csv-parse, which says whether its cells pass the limit.
      if (lineEnd - pos > MAX_RECORD_CHARS) this.parseRecord(bytes.subarray(pos, next));
      else this.splitLine(bytes, pos, lineEnd);
      pos = next;
    }
    this.throwStop();
  }

  /** Keeps the start of a record for the next block; a record this long goes to csv-parse as a stream from here on. */
  private keep(rest: Buffer): void {
    if (rest.length <= STREAM_AFTER) {
      // A copy: the block it comes from is not held for a few bytes.
      this.carry = Buffer.from(rest);
      this.throwStop();
      return;
    }
    this.streamCore = parserCore({ ...this.options, bom: false });
    this.run(rest, false);
  }

  /** The record of line `[start, lineEnd)`, which holds no quote, split on the delimiter. */
  private splitLine(bytes: Buffer, start: number, lineEnd: number): void {
    const line = this.line;
    this.line = line + 1;
    this.lastEnd = line;
    if (this.discarding) return;
    const delimiter = this.delimiterByte;
    let starts = this.starts;
    let ends = this.ends;
    let count = 0;
    let cellStart = start;
    let blank = true;
    let wide = false;
    for (let i = start; i < lineEnd; i++) {
      const b = bytes[i];
      if (b === delimiter) {
        if (count + 1 >= starts.length) ({ starts, ends } = this.grow());
        starts[count] = cellStart;
        ends[count++] = i;
        cellStart = i + 1;
      } else if (blank && b !== 32 && (b < 9 || b > 13)) {
        if (b < 0x80) blank = false;
        else wide = true;
      }
    }
    if (count + 1 >= starts.length) ({ starts, ends } = this.grow());
    starts[count] = cellStart;
    ends[count++] = lineEnd;
    if (blank && wide) {
      for (let k = 0; k < count && blank; k++) blank = blankBytes(bytes, starts[k], ends[k]);
    }
    if (blank) return;
    const rec = this.byteRecord;
    rec.line = line;
    rec.bytes = bytes;
    rec.starts = starts;
    rec.ends = ends;
    rec.count = count;
    try {
      if (this.header === null || this.onBytes === undefined) this.hand(byteCells(rec), line, line);
      else this.onBytes(rec);
    } catch (e) {
      this.stopWith(e);
    }
  }

  private grow(): { starts: Int32Array; ends: Int32Array } {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
    return { starts, ends };
  }

  /** One whole record (with a quote, or very long) parsed by csv-parse. */
  private parseRecord(record: Buffer): void {
    // Never a BOM here: `bom` is for the text's start, and this record may be anywhere.
    this.recordCore ??= parserCore({ ...this.options, bom: false });
    const err = this.recordCore.parse(record, true, this.push, () => {});
    this.take();
    if (err !== undefined) {
      this.broken = true;
      // A CSV that cannot be split stops the file before anything found in its records (as when read whole).
      throw csvError(err, this.lastEnd, this.file, this.reread);
    }
  }

  /** csv-parse as a stream over the rest of the file (see {@link STREAM_AFTER}). */
  private run(block: Buffer | undefined, end: boolean): void {
    const err = this.streamCore!.parse(block, end, this.push, () => {});
    // Records complete before a parse error are counted first: the error names the line after them.
    this.take();
    if (err !== undefined) {
      this.broken = true;
      throw csvError(err, this.lastEnd, this.file, this.reread);
    }
    this.throwStop();
  }

  /** Remembers the first error of a record's consumer; lines are still counted to the end of the block, so a CSV error found later names the right line. */
  private stopWith(e: unknown): void {
    if (this.stop === null) this.stop = e;
    this.discarding = true;
  }

  private throwStop(): void {
    const stop = this.stop;
    if (stop === null) return;
    this.stop = null;
    throw stop;
  }

  private take(): void {
    const rows = this.pending;
    if (rows.length === 0) return;
    this.pending = [];
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
        this.stopWith(e);
      }
    }
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
        `${file}:${line}: the row starting on this line is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} bytes ` +
          `(${MAX_RECORD_CHARS.toLocaleString('en-US')} plain letters; an accented letter counts as 2, a Chinese character as 3), so the file is not read ` +
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
