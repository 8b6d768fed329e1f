/**
 * Text encodings a table may declare (`table deals from "deals.csv" encoding "gb18030"`).
 * One list, used by the checker (an unknown name is PB2107) and by the data loader
 * (which decodes with iconv-lite; a test checks iconv-lite knows every name here).
 */

/** Canonical names, as the docs list them. */
export const ENCODINGS = [
  'utf-8',
  'utf-16',
  'utf-16le',
  'utf-16be',
  'gb18030',
  'gbk',
  'gb2312',
  'big5',
  'shift_jis',
  'euc-jp',
  'euc-kr',
  'windows-1250',
  'windows-1251',
  'windows-1252',
  'windows-1253',
  'windows-1254',
  'windows-1257',
  'iso-8859-1',
  'iso-8859-2',
  'iso-8859-15',
] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Other spellings analysts use, mapped to the canonical name. */
const ALIASES: Record<string, Encoding> = {
  utf8: 'utf-8',
  utf16: 'utf-16',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  'ucs-2': 'utf-16le',
  cp936: 'gbk',
  cp1250: 'windows-1250',
  cp1251: 'windows-1251',
  cp1252: 'windows-1252',
  cp1253: 'windows-1253',
  cp1254: 'windows-1254',
  cp1257: 'windows-1257',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  latin9: 'iso-8859-15',
  sjis: 'shift_jis',
  'shift-jis': 'shift_jis',
};

/** The canonical encoding for a declared name (any case, `utf8` or `utf-8`), or null when it is not supported. */
export function canonicalEncoding(name: string): Encoding | null {
  const n = name.trim().toLowerCase();
  if ((ENCODINGS as readonly string[]).includes(n)) return n as Encoding;
  return Object.prototype.hasOwnProperty.call(ALIASES, n) ? ALIASES[n] : null;
}
