/**
 * A data file's bytes → UTF-8 text blocks, decoded exactly or not at all, one block at a time
 * (the streaming form of `decodeDataFile`, with the same rules and the same messages; see
 * `decode.ts`). What is sniffed from a file's start — an Excel workbook, a byte-order mark, NUL
 * bytes (UTF-16 or binary), what a non-UTF-8 file looks like — is sniffed from its first chunk,
 * which holds at least the bytes the sniffers look at ({@link PREFIX_BYTES}). What only the whole
 * file can tell is checked block by block as it streams past, and a later block contradicting
 * the start (bytes that are not UTF-8, or mean no character in the declared encoding) stops the
 * run with the file, line, column and bytes, as when the file was read whole.
 *
 * Blocks end at a line break (a character is never split, a CRLF never parted), except when a
 * line is longer than `streamSettings.lineCarry` bytes: then it is cut at a character boundary, and a
 * message about a bad byte further on that line counts its column from the cut.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { statSync } from 'node:fs';
import { iconvLite } from './iconv.js';
import type { Encoding } from '../language/encodings.js';
import { DataError } from './errors.js';
import { bomConflict, checkNuls, exactOrFail, excel, LONE_SURROGATE, NOT_DECODED, notText, notUtf8, oddUtf16, utf16Name, utf16Order, utf8Declared, type Source } from './decode.js';
import { readChunks, UnreadableFile } from './read-file.js';
import { showValue } from './show-value.js';
import { byteOrderMark, firstInvalidUtf8, legacyGuess, notTextKind, spreadsheetKind } from './sniff.js';

/** Bytes the first chunk holds at least: the sniffers look at the first MiB after a byte-order mark. */
export const PREFIX_BYTES = (1 << 20) + 4;

/**
 * How files are cut while streamed. Tests lower these to put chunk and block boundaries where they want.
 * - `chunkBytes`: size of the chunks read after the first, in bytes;
 * - `lineCarry`: longest part of a line held back to end a block at a line break, in bytes
 *   (characters for UTF-16); a longer line is cut at a character boundary.
 */
export const streamSettings = { chunkBytes: 4 << 20, lineCarry: 16 << 20 };

/** Line breaks in `bytes`: LF, and CR not followed by LF (CRLF is one). */
function lineBreaks(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  for (let i = bytes.indexOf(13); i !== -1; i = bytes.indexOf(13, i + 1)) if (bytes[i + 1] !== 10) n++;
  return n;
}

/** Line breaks in `text`, as {@link lineBreaks} counts them. */
function textLineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) n++;
  return n;
}

/** Where to end a block of `buf`: after its last line break that cannot be the CR of a CRLF; 0 when there is none. */
function lineCut(buf: Buffer): number {
  let cut = buf.lastIndexOf(10) + 1;
  if (buf.length >= 2) {
    const cr = buf.lastIndexOf(13, buf.length - 2);
    if (cr + 1 > cut) cut = cr + 1;
  }
  return cut;
}

/** Where to cut `buf` inside an overlong line: before its last multi-byte UTF-8 sequence, and never after a CR. */
function forcedCut(buf: Buffer): number {
  let cut = buf.length;
  if (buf[cut - 1] === 13) cut--;
  let j = cut - 1;
  while (j > 0 && (buf[j] & 0xc0) === 0x80) j--;
  if (buf[j] >= 0xc0) cut = j;
  return cut;
}

/** `first`, then the chunks of `rest`, re-cut into blocks that end at line breaks (see the module doc). */
function* lineBlocks(first: Buffer, rest: Iterator<Buffer>): Generator<Buffer, void, undefined> {
  let carry = first;
  for (;;) {
    const next = rest.next();
    if (next.done) {
      if (carry.length > 0) yield carry;
      return;
    }
    const buf = carry.length > 0 ? Buffer.concat([carry, next.value]) : next.value;
    let cut = lineCut(buf);
    if (cut === 0) {
      if (buf.length < streamSettings.lineCarry) {
        carry = buf;
        continue;
      }
      cut = forcedCut(buf);
    }
    carry = buf.subarray(cut);
    if (cut > 0) yield buf.subarray(0, cut);
  }
}

/** True when every block left in `blocks` is valid UTF-8 (read to the end). */
function restIsUtf8(blocks: Iterator<Buffer>): boolean {
  let ok = true;
  for (let next = blocks.next(); !next.done; next = blocks.next()) ok &&= isUtf8(next.value);
  return ok;
}

/** Western single-byte encodings: any byte decodes, so a Chinese file declared as one reads as mojibake without an error. */
const WESTERN = new Set(['windows-1252', 'iso-8859-1', 'iso-8859-15', 'windows-1250', 'iso-8859-2', 'windows-1257']);

/**
 * A warning when a file declared in a Western single-byte encoding has the byte pattern of
 * GB18030/GBK (non-ASCII bytes in pairs): its names would read as `ÍõÂ·¼` instead of `王芳`.
 * `bytes` is the file's start (at least its first MiB).
 */
export function singleByteMismatch(file: string, bytes: Uint8Array, encoding: string): string | null {
  if (!WESTERN.has(encoding) || legacyGuess(bytes) !== 'gb18030') return null;
  const firstHigh = bytes.findIndex((b) => b >= 0x80);
  const start = bytes.lastIndexOf(0x0a, firstHigh) + 1;
  let end = bytes.indexOf(0x0a, firstHigh);
  if (end < 0) end = bytes.length;
  const line = bytes.subarray(0, start).filter((b) => b === 0x0a).length + 1;
  const slice = Buffer.from(bytes.subarray(start, end));
  return (
    `${file}: declared encoding "${encoding}", but its bytes look like GB18030/GBK (Chinese): line ${line} reads ${showValue(iconvLite().decode(slice, encoding).replace(/\r$/, ''))} as declared, ` +
    `${showValue(iconvLite().decode(slice, 'gb18030').replace(/\r$/, ''))} as GB18030. If the names in the report look garbled, declare encoding "gb18030"`
  );
}

/** A data file to be read as text, block by block. */
export interface TextFile {
  source: Source;
  /** Where the file is on disk. */
  path: string;
  /** The table's declared encoding (canonical name), or undefined for UTF-8. */
  encoding: Encoding | undefined;
  /** The DataError for a file that cannot be read at all (not found, a folder, a pipe…). */
  unreadable: (e: UnreadableFile) => DataError;
}

/**
 * The text of `file` as blocks of UTF-8 bytes (its byte-order mark dropped; line ends as in
 * the file), decoded exactly (see `decodeDataFile` for every rule and message). A warning goes
 * to `warnings` when a Western single-byte encoding is declared over bytes that look Chinese.
 *
 * @throws DataError naming the file — while iterating: at the first block for what the file's
 *   start shows, at a later block for bytes there that are not text in the encoding (with line
 *   and column), and at the end for a file declared in a legacy encoding that is all UTF-8.
 */
export function* decodedBlocks(file: TextFile, warnings?: string[]): Generator<Buffer, void, undefined> {
  const chunks = readChunks(file.path, streamSettings.chunkBytes, PREFIX_BYTES);
  try {
    const first = chunks.next();
    const prefix = first.done ? Buffer.alloc(0) : first.value;
    yield* decodeFrom(file, prefix, chunks, warnings);
  } catch (e) {
    throw e instanceof UnreadableFile ? file.unreadable(e) : e;
  } finally {
    chunks.return();
  }
}

function* decodeFrom(file: TextFile, prefix: Buffer, chunks: Iterator<Buffer>, warnings?: string[]): Generator<Buffer, void, undefined> {
  const s = file.source;
  const encoding = file.encoding;
  const sheet = spreadsheetKind(prefix);
  if (sheet !== null) throw excel(s, sheet);
  const other = notTextKind(prefix);
  if (other !== null) throw notText(s, other);
  const bom = byteOrderMark(prefix);
  const skip = bom?.length ?? 0;

  if (encoding === 'utf-16' || encoding === 'utf-16le' || encoding === 'utf-16be') {
    const order = utf16Order(s, prefix, bom, encoding);
    yield* utf16(file, prefix, skip, order, chunks);
    return;
  }
  if (bom !== null && bom.encoding !== 'utf-8') {
    if (encoding !== undefined) throw bomConflict(s, bom, encoding);
    yield* utf16(file, prefix, skip, bom.encoding, chunks);
    return;
  }
  checkNuls(s, prefix, skip, encoding);

  if (encoding === undefined || encoding === 'utf-8') {
    const body = prefix.subarray(skip);
    let lines = 0;
    for (const block of lineBlocks(body, chunks)) {
      if (!isUtf8(block)) throw notUtf8(s, body, block, firstInvalidUtf8(block, 0), lines);
      lines += lineBreaks(block);
      yield block;
    }
    return;
  }
  if (bom !== null) throw bomConflict(s, bom, encoding);
  const mismatch = singleByteMismatch(s.file, prefix, encoding);
  if (mismatch !== null) warnings?.push(mismatch);
  yield* legacy(s, prefix, encoding, chunks);
}

/**
 * Blocks decoded with iconv-lite from `encoding`. A file that is valid UTF-8 with letters beyond
 * ASCII is refused (read as declared, `Müller` would silently become `MÃ¼ller`): that needs the
 * whole file, so the refusal is prepared at the first such letter and thrown at the end — or at
 * a byte the encoding does not define, which such a file is then read to the end to tell.
 */
function* legacy(s: Source, prefix: Buffer, encoding: Encoding, chunks: Iterator<Buffer>): Generator<Buffer, void, undefined> {
  const decoder = iconvLite().getDecoder(encoding, { stripBOM: false });
  const blocks = lineBlocks(prefix, chunks);
  let lines = 0;
  let allUtf8 = true;
  let refusal: DataError | null = null;
  const exact = (text: string) => {
    if (text.search(NOT_DECODED) < 0) return;
    if (allUtf8 && refusal !== null && restIsUtf8(blocks)) throw refusal;
    exactOrFail(s, text, encoding, NOT_DECODED, lines);
  };
  // One block ahead: the last block's text includes what the decoder holds at the end (a cut-off character).
  let next = blocks.next();
  while (!next.done) {
    const block = next.value;
    next = blocks.next();
    if (allUtf8) {
      allUtf8 = isUtf8(block);
      if (allUtf8 && refusal === null && !isAscii(block)) refusal = utf8Declared(s, block, block.findIndex((b) => b >= 0x80), encoding, lines);
    }
    const text = decoder.write(block) + (next.done ? (decoder.end() ?? '') : '');
    exact(text);
    lines += lineBreaks(block);
    yield Buffer.from(text, 'utf8');
  }
  if (allUtf8 && refusal !== null) throw refusal;
}

/** Blocks of a UTF-16 file in byte order `order`, after `skip` bytes of byte-order mark. */
function* utf16(file: TextFile, prefix: Buffer, skip: number, order: 'utf-16le' | 'utf-16be', chunks: Iterator<Buffer>): Generator<Buffer, void, undefined> {
  const s = file.source;
  const size = statSync(file.path).size;
  if ((size - skip) % 2 !== 0) throw oddUtf16(s, size);
  const name = utf16Name(order);
  let odd: Buffer = Buffer.alloc(0);
  let carry = '';
  let lines = 0;
  const piece = (text: string): Buffer => {
    exactOrFail(s, text, name, LONE_SURROGATE, lines);
    lines += textLineBreaks(text);
    return Buffer.from(text, 'utf8');
  };
  for (let bytes: Buffer | null = prefix.subarray(skip); bytes !== null; ) {
    const all = odd.length > 0 ? Buffer.concat([odd, bytes]) : bytes;
    const even = all.length & ~1;
    odd = all.subarray(even);
    let units = all.subarray(0, even);
    if (order === 'utf-16be') units = Buffer.from(units).swap16();
    const text = carry + units.toString('utf16le');
    let cut = Math.max(text.lastIndexOf('\n'), text.length >= 2 ? text.lastIndexOf('\r', text.length - 2) : -1) + 1;
    if (cut === 0 && text.length >= streamSettings.lineCarry) {
      cut = text.length;
      const last = text.charCodeAt(cut - 1);
      if (last === 13 || (last >= 0xd800 && last <= 0xdbff)) cut--;
    }
    carry = text.slice(cut);
    if (cut > 0) yield piece(text.slice(0, cut));
    const next = chunks.next();
    bytes = next.done ? null : next.value;
  }
  if (carry !== '') yield piece(carry);
}
