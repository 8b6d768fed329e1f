/**
 * The CSV reader splits a record without a quote by hand and hands a record with a quote to
 * csv-parse (issue 10, scale). These tests compare its records and line numbers with what
 * `csv-parse/sync` reads from the whole text, over generated text full of what makes CSV hard:
 * quotes anywhere (closed, doubled, stray, never closed), delimiters and line breaks inside
 * quotes, CRLF and CR, blank lines, lines of only delimiters or spaces, byte-order marks,
 * ragged rows, letters beyond ASCII — fed in blocks cut at random places.
 */
import fc from 'fast-check';
import { parse as parseSync } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { blankBytes, byteCells, CsvReader, MAX_RECORD_CHARS, quotedRecordEnd, readCsv, type CsvRecord } from '../../src/data/csv.js';
import { DataError } from '../../src/data/errors.js';

const BOM = '\ufeff';

interface Read {
  header: string[] | null;
  records: Array<{ line: number; endLine: number; cells: string[] }>;
  error: string | null;
}

/** What csv-parse/sync reads from the whole text, with lines from its own `info` (text with LF line ends only). */
function expected(text: string, delimiter: string): Read {
  // The reader drops one U+FEFF itself and csv-parse's `bom` a second; line ends are made LF first.
  const body = (text.startsWith(BOM) ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parseSync(body, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, max_record_size: MAX_RECORD_CHARS, info: true }) as never;
  } catch (e) {
    return { header: null, records: [], error: (e as { code: string }).code };
  }
  let header: string[] | null = null;
  const records: Read['records'] = [];
  let previousEnd = 0;
  for (const { record, info } of parsed) {
    const line = previousEnd + 1;
    const endLine = info.lines;
    previousEnd = endLine;
    if (record.every((c) => c.trim() === '')) continue;
    if (header === null) header = record.map((c) => c.trim());
    else records.push({ line, endLine, cells: record });
  }
  return { header, records, error: null };
}

/** The reader's records over `text` fed in blocks cut at `cuts` (never between a CR and its LF, the first after the BOM), each record's cells made strings. */
function read(text: string, delimiter: string, cuts: number[], bytesToo: boolean): Read {
  const bytes = Buffer.from(text, 'utf8');
  const out: Read = { header: null, records: [], error: null };
  const onRecord = (r: CsvRecord) => out.records.push({ line: r.line, endLine: r.endLine, cells: r.cells });
  const reader = new CsvReader(
    delimiter,
    't.csv',
    () => [bytes],
    (h) => (out.header = h),
    onRecord,
    bytesToo ? (r) => onRecord({ line: r.line, endLine: r.line, cells: byteCells(r) }) : undefined,
  );
  const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].filter((c) => c >= 3 && !(bytes[c - 1] === 13 && bytes[c] === 10)).sort((a, b) => a - b);
  try {
    let from = 0;
    for (const c of [...at, bytes.length]) {
      if (c > from) reader.feed(bytes.subarray(from, c));
      from = c;
    }
    reader.end();
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    out.error = e.message;
  }
  return out;
}

const piece = fc.constantFrom('a', 'bc', ' ', '  ', '"', '""', '"x"', 'x"y', '\n', '\r\n', '\r', '\n\n', '王芳', '\u00a0', '\u3000', '\t', 'é', BOM, '1.5', '2017-03-01');

/** Text: a header, then pieces and delimiters in any order. */
const csvText = (delimiter: string) =>
  fc
    .tuple(fc.constantFrom('', BOM, BOM + BOM, '\n'), fc.array(fc.oneof(piece, fc.constant(delimiter), fc.constant(delimiter)), { maxLength: 60 }))
    .map(([start, parts]) => `${start}h1${delimiter}h2${delimiter}h3\n${parts.join('')}`);

function compare(delimiter: string, runs: number): void {
  fc.assert(
    fc.property(csvText(delimiter), fc.array(fc.nat({ max: 400 }), { maxLength: 6 }), fc.boolean(), (text, cuts, bytesToo) => {
      const want = expected(text, delimiter);
      const got = read(text, delimiter, cuts, bytesToo);
      if (want.error !== null) {
        // The only ways this text breaks csv-parse: a quote never closed.
        expect(want.error).toBe('CSV_QUOTE_NOT_CLOSED');
        expect(got.error).toMatch(/^t\.csv:\d+: a quoted value starts on this line but its closing quote \(\"\) is missing/);
        return;
      }
      expect(got).toEqual(want);
    }),
    { numRuns: runs },
  );
}

describe('records split by hand are those csv-parse reads (property, against csv-parse/sync)', () => {
  it('comma', () => compare(',', 1500));
  it('semicolon', () => compare(';', 400));
  it('tab (a delimiter that is also white space)', () => compare('\t', 400));
  it('a delimiter beyond ASCII (csv-parse reads the whole file as before)', () => compare('§', 200));
});

describe('the hand-split parts', () => {
  it('finds where a record with quotes ends, as csv-parse does', () => {
    const b = (s: string) => Buffer.from(s);
    expect(quotedRecordEnd(b('a,"b\nc",d\nnext\n'), 0, 44)).toBe(10); // the line break inside quotes is part of the cell
    expect(quotedRecordEnd(b('a,b"c\nnext\n'), 0, 44)).toBe(6); // a quote inside a cell is a letter
    expect(quotedRecordEnd(b('"a""\nb",c\nx\n'), 0, 44)).toBe(10); // "" is a quote inside quotes
    expect(quotedRecordEnd(b('"a"b\n"c\n'), 0, 44)).toBe(5); // "a" then b: the quoted cell is over at its quote
    expect(quotedRecordEnd(b('"open\nmore'), 0, 44)).toBe(-1);
    expect(quotedRecordEnd(b('"a"'), 0, 44)).toBe(-1); // a last quote waits for the next byte
  });

  it('tells a blank cell as String.prototype.trim does', () => {
    const b = (s: string) => Buffer.from(s);
    for (const s of ['', ' ', '\t \u000b\f', '\u00a0', '\u3000 ', '\ufeff', ' \u2028']) expect(blankBytes(b(s), 0, b(s).length)).toBe(true);
    for (const s of ['a', ' x ', '\u001c', '王', ' \u00a0é']) expect(blankBytes(b(s), 0, b(s).length)).toBe(false);
  });

  it('a line longer than the limit without a quote is refused with the message csv-parse led to before', () => {
    const text = `id,note\nN1,${'x'.repeat(MAX_RECORD_CHARS + 5)}\nN2,y\n`;
    expect(() => readCsv(text, ',', 't.csv')).toThrow(
      `t.csv:2: the row starting on this line is longer than 1,000,000 bytes (1,000,000 plain letters; an accented letter counts as 2, a Chinese character as 3), so the file is not read (the line reads "N1,${'x'.repeat(17)}`,
    );
  });

  it('the limit counts bytes, and the message says so: 600,003 characters of which 600,000 are "é" (1,200,003 bytes) are refused, 499,990 "é" are read', () => {
    // Before, the message said "longer than 1,000,000 characters" and then quoted the line as "(600003 characters)".
    const long = `id,note\nN1,${'é'.repeat(600_000)}\nN2,y\n`;
    expect(() => readCsv(long, ',', 't.csv')).toThrow(
      `t.csv:2: the row starting on this line is longer than 1,000,000 bytes (1,000,000 plain letters; an accented letter counts as 2, a Chinese character as 3), so the file is not read (the line reads "N1,${'é'.repeat(57)}… (600003 characters)")`,
    );
    const under = readCsv(`id,note\nN1,${'é'.repeat(499_990)}\nN2,y\n`, ',', 't.csv').records;
    expect(under.map((r) => [r.line, r.cells[0], r.cells[1].length])).toEqual([[2, 'N1', 499_990], [3, 'N2', 1]]);
  });

  it('a quote never closed early in a long file stops at the limit, not at the end of the file', () => {
    const text = `id,note\nN1,"open\n${'N,x\n'.repeat(MAX_RECORD_CHARS / 2)}`;
    expect(() => readCsv(text, ',', 't.csv')).toThrow('t.csv:2: the row starting on this line is longer than 1,000,000 bytes');
  });

  it('a long line of only delimiters is one blank line, as csv-parse counts it', () => {
    const text = `id,note\n${','.repeat(MAX_RECORD_CHARS + 10)}\nN2,y\n`;
    expect(readCsv(text, ',', 't.csv').records).toEqual([{ line: 3, endLine: 3, cells: ['N2', 'y'] }]);
  });
});
