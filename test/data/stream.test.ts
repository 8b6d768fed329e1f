/**
 * Issue 10, streaming ingest: a CSV file is read in chunks, decoded block by block and parsed
 * record by record. Chunk and block boundaries are put where they hurt (inside a GBK or UTF-8
 * character, inside a CRLF, inside a long line) by lowering `streamSettings`; the values read
 * are checked against the values the test wrote, and the messages against the file's lines
 * counted here — never against the loader's own output.
 */
import { join } from 'node:path';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { parse as parseSync } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import { readCsv } from '../../src/data/csv.js';
import { decodeDataFile } from '../../src/data/decode.js';
import { decodedBlocks, PREFIX_BYTES, streamSettings } from '../../src/data/decode-stream.js';
import type { Encoding } from '../../src/language/encodings.js';
import { DataError } from '../../src/data/errors.js';
import { expectCounts, field, table } from './helpers.js';
import { tempFolders, thrown } from './temp.js';

const folder = tempFolders();
const UTC = { timeZone: 'UTC' };
const defaults = { ...streamSettings };
afterEach(() => Object.assign(streamSettings, defaults));

const notes = table('notes', 'notes.csv', [field('id', 'text', { key: true }), field('name', 'text'), field('note', 'text'), field('amount', 'money')]);
const gbkNotes = { ...notes, encoding: 'gbk' };

const NAMES = ['王芳', '李娜', '刘洋', '张伟', '陈静'];
/** Row `i`: a Chinese name and a note of `width` Chinese characters, different per row. */
function row(i: number, width: number): { id: string; name: string; note: string; amount: string } {
  const note = Array.from({ length: width }, (_, k) => String.fromCharCode(0x4e00 + ((i * 31 + k * 7) % 2000))).join('');
  return { id: `N${i}`, name: NAMES[i % NAMES.length], note, amount: `${i}.25` };
}
function csvText(rows: ReturnType<typeof row>[], eol = '\n'): string {
  return `id,name,note,amount${eol}${rows.map((r) => `${r.id},${r.name},${r.note},${r.amount}`).join(eol)}${eol}`;
}
const valuesOf = (rows: ReturnType<typeof row>[]) => rows.map((r) => [r.id, r.name, r.note, r.amount]);
const loaded = (dir: string, schema = notes) => {
  const t = loadDataset([schema], dir, UTC).tables.get('notes')!;
  return { t, values: t.rows.map((r) => r.values.map((v) => String(v))) };
};

describe('GBK across chunk and block boundaries', () => {
  it('a two-byte GBK character cut by the first chunk is read whole', () => {
    // Place one character's two bytes on both sides of the first chunk's end (PREFIX_BYTES).
    const rows = Array.from({ length: 4000 }, (_, i) => row(i, 150));
    let bytes = iconv.encode(csvText(rows), 'gbk');
    const headerAndRows = iconv.encode(csvText(rows.slice(0, 1)), 'gbk');
    expect(bytes.length).toBeGreaterThan(PREFIX_BYTES);
    // Pad the header's first name so that a Chinese character straddles PREFIX_BYTES.
    let straddles = false;
    for (let pad = 0; pad < 4 && !straddles; pad++) {
      rows[0] = { ...rows[0], id: `N0${'x'.repeat(pad)}` };
      bytes = iconv.encode(csvText(rows), 'gbk');
      // A GBK lead byte just before the cut and its trail byte just after it.
      straddles = bytes[PREFIX_BYTES - 1] >= 0x81 && iconv.decode(bytes.subarray(0, PREFIX_BYTES), 'gbk').endsWith('\ufffd');
    }
    expect(straddles).toBe(true);
    expect(headerAndRows.length).toBeGreaterThan(0);
    const dir = folder({ 'notes.csv': bytes });
    const { t, values } = loaded(dir, gbkNotes);
    expectCounts(t, 4000, 4000);
    expect(values).toEqual(valuesOf(rows));
  });

  it('small odd chunks and lines longer than the block limit: every character decoded as written', () => {
    streamSettings.chunkBytes = 997;
    streamSettings.lineCarry = 1500; // notes of 1,200 characters are 2,400 bytes: every line is cut inside
    const rows = Array.from({ length: 600 }, (_, i) => row(i, 1200));
    const bytes = iconv.encode(csvText(rows, '\r\n'), 'gbk');
    expect(bytes.length).toBeGreaterThan(PREFIX_BYTES + 10 * 997);
    const { t, values } = loaded(folder({ 'notes.csv': bytes }), gbkNotes);
    expectCounts(t, 600, 600);
    expect(values).toEqual(valuesOf(rows));
    expect(t.rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
  });

  it('UTF-8 with three-byte characters cut inside long lines and CRLF split across chunks', () => {
    streamSettings.chunkBytes = 1001;
    streamSettings.lineCarry = 2000;
    const rows = Array.from({ length: 500 }, (_, i) => row(i, 1000));
    const bytes = Buffer.from(csvText(rows, '\r\n'), 'utf8');
    const { t, values } = loaded(folder({ 'notes.csv': bytes }));
    expectCounts(t, 500, 500);
    expect(values).toEqual(valuesOf(rows));
  });
});

describe('an error on the last line of a file bigger than a chunk names the right line', () => {
  const N = 50_000; // about 1.3 MB: past the first chunk and many later ones
  const ascii = (i: number) => `N${i},Ann,note ${i},${i}.50`;
  const big = (last: string) => `id,name,note,amount\n${Array.from({ length: N }, (_, i) => ascii(i)).join('\n')}\n${last}\n`;

  it('a byte that is not UTF-8', () => {
    streamSettings.chunkBytes = 4096;
    const text = big('N_last,Ann,caf\u00e9,1.00');
    const bytes = Buffer.from(text, 'latin1'); // é as the single byte E9
    expect(bytes.length).toBeGreaterThan(PREFIX_BYTES);
    const line = N + 2;
    const err = thrown(() => loadDataset([notes], folder({ 'notes.csv': bytes }), UTC));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message.startsWith(`notes.csv:${line}:15: the file is UTF-8 but has a damaged character here: the bytes E9 2C 31 2E are not valid UTF-8 (line ${line} reads "N_last,Ann,caf\uFFFD,1.00"`)).toBe(true);
    expect((err as DataError).line).toBe(line);
  });

  it('a byte that means no character in the declared GBK', () => {
    streamSettings.chunkBytes = 4096;
    // The last line holds the byte FF, which starts no character in GBK.
    const bytes = Buffer.concat([iconv.encode(big('N_y,\u738b\u82b3,x,1.25'), 'gbk'), Buffer.from('N_z,'), Buffer.from([0xff]), Buffer.from(',x,1\n')]);
    const err = thrown(() => loadDataset([gbkNotes], folder({ 'notes.csv': bytes }), UTC));
    expect(err.message).toBe(
      `notes.csv:${N + 3}:5: the file cannot be read as gbk: the bytes here mean no character in gbk (line ${N + 3} reads "N_z,\uFFFD,x,1"). Check which encoding the export uses and declare that one, or save the file again as "CSV UTF-8"`,
    );
  });

  it('an unreadable amount: the row is rejected with its line; read = used + rejected', () => {
    streamSettings.chunkBytes = 4096;
    const { t } = loaded(folder({ 'notes.csv': big('N_last,Ann,x,12,5OO') }));
    expectCounts(t, N + 1, N);
    expect(t.rejected[0].line).toBe(N + 2);
  });

  it('a quote never closed', () => {
    streamSettings.chunkBytes = 4096;
    const err = thrown(() => loadDataset([notes], folder({ 'notes.csv': big('N_last,"Ann,x,1') }), UTC));
    expect(err.message).toBe(
      `notes.csv:${N + 2}: a quoted value starts on this line but its closing quote (") is missing, so the rest of the file cannot be read (the line reads "N_last,\\"Ann,x,1"); close the quote, or remove the stray one`,
    );
  });

  it('a problem later in the file still wins over one found at the header, as when the file was read whole', () => {
    streamSettings.chunkBytes = 4096;
    // The header lacks the "amount" column, and the last line has a byte that is not UTF-8:
    // reading the whole file first reported the byte; so must the stream.
    const text = `id,name,note\n${Array.from({ length: N }, (_, i) => `N${i},Ann,x`).join('\n')}\nN_last,caf\u00e9,x\n`;
    const err = thrown(() => loadDataset([notes], folder({ 'notes.csv': Buffer.from(text, 'latin1') }), UTC));
    expect(err.message.startsWith(`notes.csv:${N + 2}:11: the file is not UTF-8: the bytes E9 2C 78 0A here are not valid UTF-8 text. It looks like Windows-1252`)).toBe(true);
  });
});

describe('what reading the whole file first reported first is still reported first', () => {
  it('a quote never closed wins over a column missing from the header', () => {
    const err = thrown(() => loadDataset([notes], folder({ 'notes.csv': 'id,name,note\nN1,Ann,"open\n' }), UTC));
    expect(err.message).toBe(
      'notes.csv:2: a quoted value starts on this line but its closing quote (") is missing, so the rest of the file cannot be read (the line reads "N1,Ann,\\"open"); close the quote, or remove the stray one',
    );
  });

  it('a UTF-8 file declared windows-1252 is refused though its first letter beyond ASCII is past the first chunk', () => {
    streamSettings.chunkBytes = 4096;
    const N = 60_000;
    const text = `id,name,note,amount\n${Array.from({ length: N }, (_, i) => `N${i},Ann,x,1.25`).join('\n')}\nN_last,M\u00fcller,x,1.25\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(PREFIX_BYTES);
    const err = thrown(() => loadDataset([{ ...notes, encoding: 'windows-1252' }], folder({ 'notes.csv': text }), UTC));
    expect(err.message).toBe(
      `notes.csv:${N + 2}:9: the playbook declares encoding "windows-1252", but the file is UTF-8: line ${N + 2} reads "N_last,M\u00fcller,x,1.25" as UTF-8 and "N_last,M\u00c3\u00bcller,x,1.25" as windows-1252. Remove encoding "windows-1252" from table notes`,
    );
  });
});

describe('the streamed text is the text decoded whole', () => {
  const encodings: (Encoding | undefined)[] = [undefined, 'utf-8', 'gb18030', 'windows-1252', 'utf-16le', 'utf-16be'];
  const sample = fc.array(fc.oneof(fc.constantFrom('a', ',', '"', '\n', '\r', '\r\n', ' ', 'é', '王', '€', '😀'), fc.string({ maxLength: 6 })), { maxLength: 400 });

  /** The whole-file decoding and the streamed one of `bytes`: the text, or the error message. */
  function both(bytes: Buffer, encoding: Encoding | undefined): { whole: string | Error; streamed: string | Error } {
    const dir = folder({ 'f.csv': bytes });
    const source = { table: 't', file: 'f.csv' };
    const outcome = (f: () => string) => {
      try {
        return f();
      } catch (e) {
        return e as Error;
      }
    };
    return {
      whole: outcome(() => decodeDataFile(source, bytes, encoding)),
      streamed: outcome(() => Buffer.concat([...decodedBlocks({ source, path: join(dir, 'f.csv'), encoding, unreadable: (e) => new DataError(e.reason, { file: 'f.csv' }) })]).toString('utf8')),
    };
  }
  const encoded = (parts: string[], encoding: Encoding | undefined, corrupt: number | null): Buffer => {
    const name = encoding ?? 'utf-8';
    let bytes: Buffer = iconv.encode(parts.join(''), name === 'utf-8' ? 'utf8' : name, { addBOM: false });
    // Sometimes a byte the encoding may not accept.
    if (corrupt !== null && bytes.length > 0) bytes = Buffer.concat([bytes.subarray(0, corrupt % bytes.length), Buffer.from([0xff]), bytes.subarray(corrupt % bytes.length)]);
    return bytes;
  };

  it('same text or the same message, for any chunk size (property)', () => {
    fc.assert(
      fc.property(sample, fc.constantFrom(...encodings), fc.integer({ min: 1, max: 64 }), fc.option(fc.integer({ min: 0, max: 2000 })), (parts, encoding, chunk, corrupt) => {
        // The prefix is longer than these files, so this exercises blocks; chunk sizes count for later chunks.
        streamSettings.chunkBytes = chunk;
        const { whole, streamed } = both(encoded(parts, encoding, corrupt), encoding);
        if (whole instanceof Error) expect(streamed instanceof Error ? streamed.message : streamed).toBe(whole.message);
        else expect(streamed).toBe(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('lines cut inside (longer than the block limit): the same text, or an error naming the same line (property)', () => {
    fc.assert(
      fc.property(sample, fc.constantFrom(...encodings), fc.integer({ min: 4, max: 80 }), fc.option(fc.integer({ min: 0, max: 2000 })), (parts, encoding, carry, corrupt) => {
        streamSettings.lineCarry = carry;
        const { whole, streamed } = both(encoded(parts, encoding, corrupt), encoding);
        if (whole instanceof Error) {
          expect(streamed).toBeInstanceOf(DataError);
          // A column is counted from the cut when the cut is on the bad byte's line (see decode-stream.ts).
          expect((streamed as DataError).line).toBe((whole as DataError).line);
          expect((streamed as Error).message.split(':')[0]).toBe('f.csv');
        } else expect(streamed).toBe(whole);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the incremental CSV reader', () => {
  it('gives the records csv-parse/sync gives for the whole text (property)', () => {
    const cell = fc.oneof(fc.constantFrom('', 'a', 'x y', '"q"', '""', 'Ann, Bob', 'line\nbreak', '王芳'), fc.string({ maxLength: 5 }).filter((s) => !/["\r\n,]/.test(s)));
    const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }), (rows) => {
        const text = `h1,h2\n${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`;
        const expected = (parseSync(text, { relax_column_count: true, relax_quotes: true }) as string[][]).slice(1).filter((r) => r.some((c) => c.trim() !== ''));
        expect(readCsv(text, ',', 't.csv').records.map((r) => r.cells)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
