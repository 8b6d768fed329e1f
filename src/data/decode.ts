/**
 * Bytes of a data file → text, exactly or not at all.
 *
 * - No `encoding` declared: the file must be UTF-8 (a UTF-8 byte-order mark is
 *   dropped) — or carry a UTF-16 byte-order mark, which says exactly how to read it.
 *   Any byte that is not valid UTF-8 stops the run with the file, line and column,
 *   the bytes, and what the file looks like (UTF-16, GB18030/GBK, Windows-1252),
 *   rather than turning into U+FFFD: `Müller` and `Möller` in Latin-1, or `王芳`
 *   and `李娜` in GB18030, would otherwise become one name.
 * - `encoding "…"` declared: decoded with iconv-lite; a byte sequence the encoding
 *   does not define stops the run the same way.
 * - Excel workbooks and binary files are recognised by their first bytes and refused.
 */
import { isUtf8 } from 'node:buffer';
import { iconvLite } from './iconv.js';
import type { Encoding } from '../language/encodings.js';
import { DataError } from './errors.js';
import { showValue } from './show-value.js';
import { byteOrderMark, DESCRIPTIONS, firstInvalidUtf8, legacyGuess, notTextKind, nulPattern, spreadsheetKind, type Bom } from './sniff.js';

/** Where a decoding problem is: the table and its file as the playbook names them. */
export interface Source {
  table: string;
  file: string;
}

const declareHint = (s: Source, encoding: string) => `declare it on the table: table ${s.table} from "${s.file}" encoding "${encoding}"`;

export function excel(s: Source, kind: 'xlsx' | 'xls'): DataError {
  const what = kind === 'xlsx' ? 'an Excel workbook (.xlsx, or another ZIP archive)' : 'an old-style Excel workbook (.xls)';
  return new DataError(
    `${s.file}: this is ${what}, not a CSV file. Open it in Excel, choose File › Save As › "CSV UTF-8 (Comma delimited) (*.csv)", ` +
      `and point the table at the saved file (table ${s.table} from "….csv")` +
      (kind === 'xlsx' ? `; or read the workbook itself by naming it with its .xlsx extension (table ${s.table} from "….xlsx" sheet "…")` : ''),
    { file: s.file },
  );
}

/** A file that is an image, a PDF or a compressed archive (see sniff.ts `notTextKind`): `what` says which. */
export function notText(s: Source, what: string): DataError {
  const advice = /compressed|archive/.test(what) ? 'unpack it and point the table at the CSV file inside' : 'point the table at the CRM export itself';
  return new DataError(`${s.file}: this is ${what}, not a CSV file; ${advice} (table ${s.table} from "….csv")`, { file: s.file });
}

/** 1-based line and column of byte `offset` (columns count characters of the valid UTF-8 before it). */
function bytePosition(bytes: Uint8Array, offset: number, skip: number): { line: number; column: number; lineStart: number } {
  let line = 1;
  let lineStart = skip;
  for (let i = skip; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, offset - lineStart).toString('utf8');
  return { line, column: [...before].length + 1, lineStart };
}

/** The bytes of the line starting at `lineStart` (at most 300). */
function lineBytes(bytes: Uint8Array, lineStart: number): Buffer {
  let end = lineStart;
  while (end < bytes.length && end - lineStart < 300 && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
  return Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, end - lineStart);
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/**
 * Where `bytes` (after `skip` bytes of byte-order mark) first stop being valid
 * UTF-8: line and column (1-based) and the bytes there (hex, at most 4), or null
 * when they are all valid.
 */
export function invalidUtf8At(bytes: Uint8Array, skip = 0): { line: number; column: number; bytes: string } | null {
  if (isUtf8(bytes.subarray(skip))) return null;
  const offset = firstInvalidUtf8(bytes, skip);
  const { line, column } = bytePosition(bytes, offset, skip);
  return { line, column, bytes: hex(bytes.subarray(offset, Math.min(bytes.length, offset + 4))) };
}

/**
 * True when the bytes are UTF-8 text with a few damaged bytes rather than another encoding:
 * characters beyond ASCII decode as UTF-8 at least twice as often as bytes fail to.
 */
function damagedUtf8(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
  let good = 0;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) good++;
  }
  return good >= 2 * bad;
}

/**
 * The error for bytes that are not valid UTF-8, saying where and what the file looks like.
 * `body` is the file after its byte-order mark (only its first MiB is looked at); the bad byte
 * is at `offset` in `block`, a part of the file that starts at a line start after
 * `linesBefore` lines (the whole body and 0 when the file is read whole).
 */
export function notUtf8(s: Source, body: Uint8Array, block: Uint8Array, offset: number, linesBefore = 0): DataError {
  const position = bytePosition(block, offset, 0);
  const line = position.line + linesBefore;
  const { column, lineStart } = position;
  const bad = block.subarray(offset, Math.min(block.length, offset + 4));
  if (damagedUtf8(body)) {
    const asUtf8 = new TextDecoder('utf-8').decode(lineBytes(block, lineStart));
    return new DataError(
      `${s.file}:${line}:${column}: the file is UTF-8 but has a damaged character here: the bytes ${hex(bad)} are not valid UTF-8 ` +
        `(line ${line} reads ${showValue(asUtf8)}, with \uFFFD where the bytes fail). The rest of the file is UTF-8, so do not declare another encoding: retype that character, or export the file again`,
      { file: s.file, line },
    );
  }
  const guess = legacyGuess(body);
  const asGuess = iconvLite().decode(lineBytes(block, lineStart), guess);
  return new DataError(
    `${s.file}:${line}:${column}: the file is not UTF-8: the bytes ${hex(bad)} here are not valid UTF-8 text. ` +
      `It looks like ${DESCRIPTIONS[guess]}; read so, line ${line} is ${showValue(asGuess)}. ` +
      `If that is right, ${declareHint(s, guess)}; or save the file again as "CSV UTF-8"`,
    { file: s.file, line },
  );
}

/** Line and column (1-based) of UTF-16 unit `index` in `text`. */
function textPosition(text: string, index: number): { line: number; column: number; lineText: string } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  return { line, column: [...text.slice(start, index)].length + 1, lineText: text.slice(start, Math.min(end, start + 300)).replace(/\r$/, '') };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NOT_DECODED = /\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Refuses decoded text holding a lone UTF-16 surrogate, or — for iconv-lite, which
 * puts U+FFFD where bytes mean no character — U+FFFD. (In UTF-16 a U+FFFD is a
 * real character; a text cell holding one is reported by the row checks.)
 * `text` starts at a line start after `linesBefore` lines of the file.
 */
export function exactOrFail(s: Source, text: string, encoding: string, pattern = NOT_DECODED, linesBefore = 0): string {
  const bad = text.search(pattern);
  if (bad < 0) return text;
  const position = textPosition(text, bad);
  const line = position.line + linesBefore;
  const { column, lineText } = position;
  throw new DataError(
    `${s.file}:${line}:${column}: the file cannot be read as ${encoding}: the bytes here mean no character in ${encoding} ` +
      `(line ${line} reads ${showValue(lineText)}). Check which encoding the export uses and declare that one, or save the file again as "CSV UTF-8"`,
    { file: s.file, line },
  );
}

/** The pattern of text iconv-lite could not decode exactly (U+FFFD or a lone surrogate). */
export { NOT_DECODED, LONE_SURROGATE };

/** The name of a UTF-16 byte order as messages say it. */
export const utf16Name = (order: 'utf-16le' | 'utf-16be') => (order === 'utf-16le' ? 'UTF-16 (little-endian)' : 'UTF-16 (big-endian)');

/** The error for a UTF-16 file (after its byte-order mark) with an odd number of bytes; `size` is the whole file's. */
export function oddUtf16(s: Source, size: number): DataError {
  return new DataError(`${s.file}: the file cannot be UTF-16: it has an odd number of bytes (${size}), so its last character is cut off; export it again`, { file: s.file });
}

function decodeUtf16(s: Source, bytes: Uint8Array, order: 'utf-16le' | 'utf-16be', skip: number): string {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + skip, bytes.length - skip);
  if (body.length % 2 !== 0) throw oddUtf16(s, bytes.length);
  let text: string;
  if (order === 'utf-16le') text = body.toString('utf16le');
  else {
    const swapped = Buffer.from(body);
    swapped.swap16();
    text = swapped.toString('utf16le');
  }
  return exactOrFail(s, text, utf16Name(order), LONE_SURROGATE);
}

export function bomConflict(s: Source, bom: Bom, declared: string): DataError {
  return new DataError(
    `${s.file}: the file starts with a ${bom.encoding.toUpperCase()} byte-order mark, so it is ${bom.encoding.toUpperCase()}, but the playbook declares encoding "${declared}"; ` +
      `remove encoding "${declared}" from table ${s.table}${bom.encoding === 'utf-8' ? '' : ` or declare encoding "${bom.encoding}"`}`,
    { file: s.file },
  );
}

/**
 * Refuses a file declared in a legacy encoding whose bytes are valid UTF-8 with
 * letters beyond ASCII: read as declared, `Müller` would silently become `MÃ¼ller`.
 * (Real Windows-1252 or GB18030 text is practically never valid UTF-8.)
 */
function refuseUtf8(s: Source, bytes: Uint8Array, encoding: Encoding): void {
  const first = bytes.findIndex((b) => b >= 0x80);
  if (first < 0 || !isUtf8(bytes)) return;
  throw utf8Declared(s, bytes, first, encoding);
}

/**
 * The error for a file declared in legacy `encoding` that is valid UTF-8 with letters beyond
 * ASCII; the first such byte is at `first` in `block`, a part of the file that starts at a line
 * start after `linesBefore` lines.
 */
export function utf8Declared(s: Source, block: Uint8Array, first: number, encoding: Encoding, linesBefore = 0): DataError {
  const position = bytePosition(block, first, 0);
  const line = position.line + linesBefore;
  const text = lineBytes(block, position.lineStart);
  return new DataError(
    `${s.file}:${line}:${position.column}: the playbook declares encoding "${encoding}", but the file is UTF-8: line ${line} reads ${showValue(text.toString('utf8'))} as UTF-8 ` +
      `and ${showValue(iconvLite().decode(text, encoding))} as ${encoding}. Remove encoding "${encoding}" from table ${s.table}`,
    { file: s.file, line },
  );
}

/** Refuses a file whose NUL bytes say it is binary, or UTF-16 while another encoding is declared or assumed. */
export function checkNuls(s: Source, bytes: Uint8Array, skip: number, declared: Encoding | undefined): void {
  const pattern = nulPattern(bytes, skip);
  if (pattern === null) return;
  if (pattern === 'binary') {
    throw new DataError(
      `${s.file}: this is not a text file: it holds many NUL bytes (character 0), which CSV exports never do. Check that the table points at the right file, and export it again as "CSV UTF-8"`,
      { file: s.file },
    );
  }
  const said = declared === undefined ? 'is read as UTF-8 (no encoding is declared)' : `is declared as ${declared}`;
  throw new DataError(
    `${s.file}: the file looks like ${DESCRIPTIONS[pattern]} without a byte-order mark, but it ${said}; ${declareHint(s, pattern)}, or save the file again as "CSV UTF-8"`,
    { file: s.file },
  );
}

/**
 * The byte order of a file declared UTF-16: from its byte-order mark, the declared `utf-16le` /
 * `utf-16be`, or (for plain `utf-16`) the pattern of NUL bytes in `bytes` (the file's first bytes).
 * @throws DataError when the mark contradicts the declaration, or the order cannot be told.
 */
export function utf16Order(s: Source, bytes: Uint8Array, bom: ReturnType<typeof byteOrderMark>, encoding: 'utf-16' | 'utf-16le' | 'utf-16be'): 'utf-16le' | 'utf-16be' {
  if (bom?.encoding === 'utf-8') throw bomConflict(s, bom, encoding);
  const marked = bom?.encoding as 'utf-16le' | 'utf-16be' | undefined;
  if (marked !== undefined && encoding !== 'utf-16' && marked !== encoding) throw bomConflict(s, bom!, encoding);
  if (marked !== undefined) return marked;
  if (encoding !== 'utf-16') return encoding;
  const pattern = nulPattern(bytes);
  if (pattern === 'utf-16le' || pattern === 'utf-16be') return pattern;
  throw new DataError(
    `${s.file}: the playbook declares encoding "utf-16", but the file has no byte-order mark saying which byte order it uses and its bytes do not tell; declare "utf-16le" (Windows) or "utf-16be"`,
    { file: s.file },
  );
}

/**
 * The text of a data file, decoded exactly (see the module doc). The byte-order
 * mark, if any, is not part of the text.
 *
 * @param bytes the whole file.
 * @param encoding the table's declared encoding (canonical name), or undefined for UTF-8.
 * @throws DataError naming the file (and line and column where a byte is bad) for
 *   an Excel workbook, a binary file, bytes that are not text in the encoding, a
 *   byte-order mark that contradicts the declared encoding, or UTF-16 without a way
 *   to tell its byte order.
 */
export function decodeDataFile(s: Source, bytes: Uint8Array, encoding: Encoding | undefined): string {
  const sheet = spreadsheetKind(bytes);
  if (sheet !== null) throw excel(s, sheet);
  const other = notTextKind(bytes);
  if (other !== null) throw notText(s, other);
  const bom = byteOrderMark(bytes);
  const skip = bom?.length ?? 0;

  if (encoding === 'utf-16' || encoding === 'utf-16le' || encoding === 'utf-16be') {
    const order = utf16Order(s, bytes, bom, encoding);
    return decodeUtf16(s, bytes, order, skip);
  }

  if (bom !== null && bom.encoding !== 'utf-8') {
    if (encoding !== undefined) throw bomConflict(s, bom, encoding);
    return decodeUtf16(s, bytes, bom.encoding, skip);
  }
  checkNuls(s, bytes, skip, encoding);

  if (encoding === undefined || encoding === 'utf-8') {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset + skip, bytes.length - skip);
    if (isUtf8(body)) return body.toString('utf8');
    throw notUtf8(s, body, body, firstInvalidUtf8(body, 0));
  }
  if (bom !== null) throw bomConflict(s, bom, encoding);
  refuseUtf8(s, bytes, encoding);
  return exactOrFail(s, iconvLite().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding, { stripBOM: false }), encoding);
}
