/**
 * What a file's bytes look like, for messages about files that are not what the
 * playbook says: an Excel workbook, UTF-16, GB18030/GBK, Windows-1252, binary.
 * These are guesses used only to say how to fix a file; nothing is ever decoded
 * on a guess.
 */

/** A byte-order mark at the start of a file. */
export type Bom = { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number };

/** The byte-order mark `bytes` start with, or null. */
export function byteOrderMark(bytes: Uint8Array): Bom | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** `xlsx` for a ZIP container (Excel 2007+ workbooks are ZIP files), `xls` for the old OLE format, else null. */
export function spreadsheetKind(bytes: Uint8Array): 'xlsx' | 'xls' | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.length >= 8 && ole.every((b, i) => bytes[i] === b)) return 'xls';
  return null;
}

/** File signatures of kinds that are never a table of text: what the file is, in an analyst's words. */
const NOT_TEXT: readonly { magic: readonly number[]; what: string }[] = [
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  { magic: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { magic: [0x42, 0x5a, 0x68], what: 'a bzip2-compressed file' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
];

/**
 * What the file is when its first bytes are the signature of an image, a PDF or a compressed
 * archive (`a PNG image`), else null: such a file must be named as what it is, not read as text in
 * a guessed encoding. (Excel workbooks: {@link spreadsheetKind}.)
 */
export function notTextKind(bytes: Uint8Array): string | null {
  for (const { magic, what } of NOT_TEXT) if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return what;
  return null;
}

/** How NUL bytes are spread over the start of the file (after `skip` bytes). */
export function nulPattern(bytes: Uint8Array, skip = 0): 'utf-16le' | 'utf-16be' | 'binary' | null {
  const end = Math.min(bytes.length, skip + 8192);
  let even = 0;
  let odd = 0;
  for (let i = skip; i < end; i++) {
    if (bytes[i] !== 0) continue;
    if ((i - skip) % 2 === 0) even++;
    else odd++;
  }
  const pairs = Math.max(1, Math.floor((end - skip) / 2));
  // Text in UTF-16 with mostly Latin letters has a zero in (nearly) every other byte.
  if (odd >= pairs * 0.3 && even <= pairs * 0.02) return 'utf-16le';
  if (even >= pairs * 0.3 && odd <= pairs * 0.02) return 'utf-16be';
  // Text files hold no NULs at all; a few stray ones are left to the row checks.
  if (even + odd >= Math.max(4, (end - skip) * 0.01)) return 'binary';
  return null;
}

/**
 * The legacy encoding a non-UTF-8 text file most likely uses. Chinese text in
 * GB18030/GBK writes each character as two bytes of 0x81–0xFE, so bytes above
 * 0x7F come in pairs; Western European text in Windows-1252 has single accented
 * letters (`Müller`) between ASCII ones.
 */
export function legacyGuess(bytes: Uint8Array): 'gb18030' | 'windows-1252' {
  let runs = 0;
  let paired = 0;
  const end = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i < end; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && bytes[j] >= 0x80) j++;
    runs++;
    if ((j - i) % 2 === 0) paired++;
    i = j;
  }
  return runs > 0 && paired / runs > 0.6 ? 'gb18030' : 'windows-1252';
}

/** Names and hints for the guesses, as messages say them. */
export const DESCRIPTIONS: Record<'gb18030' | 'windows-1252' | 'utf-16le' | 'utf-16be', string> = {
  gb18030: 'GB18030/GBK (Simplified Chinese, as Chinese Windows and many Chinese CRMs export)',
  'windows-1252': 'Windows-1252 (Western European, as Excel on Windows saves "CSV (Comma delimited)")',
  'utf-16le': 'UTF-16 little-endian (as Excel saves "Unicode Text")',
  'utf-16be': 'UTF-16 big-endian',
};

/**
 * Offset of the first byte of `bytes` (from `start`) that is not part of a valid
 * UTF-8 sequence (overlong forms, surrogates and code points above U+10FFFF are
 * invalid, as in the WHATWG decoder), or -1 when all are valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0): number {
  let i = start;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
