/**
 * Splits CSV text into records with their physical line numbers (csv-parse underneath).
 */
import { parse, CsvError } from 'csv-parse/sync';
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

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Reads CSV `text` (a UTF-8 BOM is ignored; CRLF, LF or CR line ends; double-quoted
 * cells may hold the delimiter, quotes as `""`, and line breaks, which become `\n`).
 * Blank lines, and lines whose cells are all empty (`,,,`), are not records.
 * The first record is the header.
 *
 * Throws `DataError` (naming `file`) when the file has no header, the header
 * spans lines, a quoted value is never closed, or a record is longer than
 * {@link MAX_RECORD_CHARS}.
 */
export function readCsv(text: string, delimiter: string, file: string): CsvFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // One line-end style: each line break inside a quoted cell is then exactly one `\n`
  // (counted below for line numbers), and cell values never hold a stray `\r`.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');

  let rows: string[][];
  try {
    // Blank lines are NOT skipped by csv-parse (each comes back as one empty cell) so
    // that every physical line is accounted for: a record starts on the line after the
    // previous record's last line. (csv-parse's own `info.lines` double-counts CRLF
    // inside quotes.) Blank records are dropped below.
    rows = parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, max_record_size: MAX_RECORD_CHARS });
  } catch (e) {
    throw csvError(e, text, delimiter, file);
  }

  const records: CsvRecord[] = [];
  let header: string[] | null = null;
  let headerLine = 0;
  let line = 1;
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i];
    const start = line;
    line++;
    let blank = true;
    for (const c of cells) {
      if (blank && c.trim() !== '') blank = false;
      if (c.includes('\n')) line += countNewlines(c);
    }
    if (blank) continue;
    if (header === null) {
      if (line - 1 > start) {
        // A column name never holds a line break: a quote opened one by mistake and
        // the rows up to the next quote became part of the header.
        const cell = cells.find((c) => c.includes('\n'))!;
        throw new DataError(
          `${file}:${start}: the header row runs over lines ${start}–${line - 1} because the column name ${showValue(cell.trim())} holds line breaks; ` +
            `usually a quote (") opens it by mistake: remove the stray quote`,
          { file, line: start },
        );
      }
      header = cells.map((c) => c.trim());
      headerLine = start;
    } else {
      records.push({ line: start, endLine: line - 1, cells });
    }
  }
  if (header === null) {
    throw new DataError(`${file}: the file is empty; it needs a header row naming its columns`, { file });
  }
  return { header, headerLine, records };
}

/** The DataError for a csv-parse failure (in practice: a quoted value never closed, or a record too long). */
function csvError(e: unknown, text: string, delimiter: string, file: string): DataError {
  if (e instanceof CsvError && (e.code === 'CSV_QUOTE_NOT_CLOSED' || e.code === 'CSV_MAX_RECORD_SIZE')) {
    // Rare path: parse again, noting where each complete record ended.
    let lastEnd = 0;
    try {
      parse(text, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        max_record_size: MAX_RECORD_CHARS,
        on_record: (record: string[], context) => {
          lastEnd = context.lines;
          return record;
        },
      });
    } catch {
      // expected: same error
    }
    const line = firstNonBlankLineAfter(text, lastEnd);
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      return new DataError(
        `${file}:${line}: the row starting on this line is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters, so the file is not read ` +
          `(the line reads ${showValue(lineText(text, line))}). Usually a quote (") opens a value by mistake and the rest of the file becomes that value: remove the stray quote`,
        { file, line },
      );
    }
    return new DataError(
      `${file}:${line}: a quoted value starts on this line but its closing quote (") is missing, so the rest of the file cannot be read ` +
        `(the line reads ${showValue(lineText(text, line))}); close the quote, or remove the stray one`,
      { file, line },
    );
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new DataError(`${file}: the file cannot be read as CSV: ${escapeValue(msg, 200)}`, { file });
}

/** The text of 1-based line `line` (without its line break). */
function lineText(text: string, line: number): string {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return '';
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

/** 1-based number of the first non-blank line after line `after`. */
function firstNonBlankLineAfter(text: string, after: number): number {
  const lines = text.split('\n');
  for (let i = after; i < lines.length; i++) if (lines[i].trim() !== '') return i + 1;
  return after + 1;
}
