/**
 * Date and timestamp reading.
 *
 * Values are encoded as "local wall-clock milliseconds": the wall-clock time in the
 * playbook's time zone, encoded as if it were UTC (`Date.UTC(y, m-1, d, h, mi, s)`).
 * A `date` keeps only the local calendar day (midnight).
 *
 * Formats use the analyst's notation (`YYYY-MM-DD`, `DD/MM/YYYY`, `MM/DD/YYYY HH:mm`),
 * the same tokens as luxon's `fromFormat` after {@link toLuxonFormat}. They are compiled
 * once per column into a plain regular expression (luxon parses ~30 µs per cell, far
 * too slow for 10k-row files); the test suite checks that both agree. Text without an
 * offset is the local wall time as written; ISO text with an offset (`Z`, `+08:00`) is
 * converted to the playbook's zone.
 */
import { DateTime, IANAZone } from 'luxon';
import { isKnownTimeZone } from '../language/time-zone.js';
import { DateFormatError, analyseDateFormat, fullYear, isIsoFormat } from '../language/date-format.js';
import { INVALID, type Invalid } from './sentinels.js';

/** Result of compiling a date format. */
export interface DateReader {
  /** Wall-clock ms (see module doc) of trimmed, non-empty `text`, or `INVALID`. */
  parse(text: string): number | Invalid;
  /** What a valid cell looks like, e.g. `a date in the form YYYY-MM-DD`. */
  expected: string;
  /** Why trimmed `text` (which `parse` refused) is not read, when more can be said than `expected`. */
  hint?(text: string): string | undefined;
  /**
   * For an analyst format with a day and a month after one another (`D/M/YYYY`): the
   * same format with day and month swapped (`M/D/YYYY`) and its parser, used to tell
   * which order a column's values use. Absent for ISO and year-first formats.
   */
  otherOrder?: { format: string; parse(text: string): number | Invalid };
  /**
   * True when `parse` reads a cell of exactly the shape `YYYY-MM-DD` as {@link ymdBytes} does
   * (ISO, or the format `YYYY-MM-DD`): the loader may then read such a cell from its bytes.
   */
  ymd?: boolean;
}

export { DateFormatError };

const DAY_MS = 86_400_000;

/** Analyst token → [luxon token, regex source]. */
const TOKENS: Record<string, [string, string]> = {
  YYYY: ['yyyy', '(\\d{4})'],
  YY: ['yy', '(\\d{2})'],
  MM: ['MM', '(\\d{2})'],
  M: ['M', '(\\d{1,2})'],
  DD: ['dd', '(\\d{2})'],
  D: ['d', '(\\d{1,2})'],
  HH: ['HH', '(\\d{2})'],
  H: ['H', '(\\d{1,2})'],
  mm: ['mm', '(\\d{2})'],
  ss: ['ss', '(\\d{2})'],
};

/**
 * Luxon `fromFormat` equivalent of an analyst format: `DD/MM/YYYY HH:mm` → `dd/MM/yyyy HH:mm`
 * (letters that are literals are quoted). Throws DateFormatError for unsupported tokens.
 */
export function toLuxonFormat(format: string): string {
  return analyseDateFormat(format)
    .parts.map((p) => ('token' in p ? TOKENS[p.token][0] : /[A-Za-z']/.test(p.literal) ? `'${p.literal === "'" ? "''" : p.literal}'` : p.literal))
    .join('');
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why year `y`, month `mo`, day `d` (read from a cell in the right form) is not a day of the
 * calendar — `February 2017 has 28 days`, `there is no month 13` — or undefined when it is one.
 */
function impossibleDay(y: number, mo: number, d: number): string | undefined {
  if (mo < 1 || mo > 12) return `there is no month ${mo}: check the order of day and month, or a slip in the date`;
  const days = daysInMonth(y, mo);
  if (d < 1 || d > days) return `there is no such day: ${MONTH_NAMES[mo - 1]} ${y} has ${days} days`;
  return undefined;
}

/** Wall-clock ms of validated components, or INVALID when a component is out of range (24:00 allowed). */
function encode(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | Invalid {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || mi > 59 || s > 59) return INVALID;
  // 24:00 is the end of the day, i.e. midnight of the next day (ISO 8601; luxon agrees).
  if (h > 23 && (h !== 24 || mi !== 0 || s !== 0 || ms !== 0)) return INVALID;
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  t.setUTCFullYear(y); // Date.UTC maps years 0..99 to 1900..1999
  return t.getTime();
}

/**
 * Days from 1970-01-01 to the proleptic Gregorian date `y`-`m`-`d` (a valid date), by integer
 * arithmetic alone (H. Hinnant's `days_from_civil`): `Date.UTC(y, m − 1, d)` ÷ 86,400,000 without
 * a call into the runtime per cell (ten million activity dates; issue 10, scale).
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** {@link encode} of a midnight: the same value, by {@link daysFromCivil} for years from 100 on. */
function encodeDay(y: number, mo: number, d: number): number | Invalid {
  if (y < 100) return encode(y, mo, d, 0, 0, 0, 0);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return INVALID;
  return daysFromCivil(y, mo, d) * DAY_MS;
}

/** Digit value of char code `c`, or -1. */
function digit(c: number): number {
  return c >= 48 && c <= 57 ? c - 48 : -1;
}

/**
 * Fast path for the commonest cell shape, exactly `YYYY-MM-DD` (10 characters):
 * wall-clock ms of midnight, INVALID for a day that does not exist, or `undefined`
 * when `text` has another shape. Avoids a regex match array per cell.
 */
function ymd(text: string): number | Invalid | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const y0 = digit(text.charCodeAt(0)), y1 = digit(text.charCodeAt(1)), y2 = digit(text.charCodeAt(2)), y3 = digit(text.charCodeAt(3));
  const m0 = digit(text.charCodeAt(5)), m1 = digit(text.charCodeAt(6)), d0 = digit(text.charCodeAt(8)), d1 = digit(text.charCodeAt(9));
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  return encodeDay(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
}

/**
 * {@link ymd} over the UTF-8 bytes `[start, end)` of a cell (no string made): wall-clock ms of
 * midnight, INVALID for a day that does not exist, or `undefined` for another shape.
 */
export function ymdBytes(bytes: Uint8Array, start: number, end: number): number | Invalid | undefined {
  if (end - start !== 10 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return undefined;
  const y0 = digit(bytes[start]), y1 = digit(bytes[start + 1]), y2 = digit(bytes[start + 2]), y3 = digit(bytes[start + 3]);
  const m0 = digit(bytes[start + 5]), m1 = digit(bytes[start + 6]), d0 = digit(bytes[start + 8]), d1 = digit(bytes[start + 9]);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  return encodeDay(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
}

/** Local midnight of a wall-clock ms value. */
function toDay(ms: number): number {
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/** A reader of an analyst format, and the year, month and day of a cell in its form (whether or not that day exists). */
interface FormatReader extends DateReader {
  dayFields(text: string): [number, number, number] | null;
}

/** Compiles an analyst format (see {@link tokenize}) into a fast reader. */
function compileFormat(format: string, kind: 'date' | 'timestamp'): FormatReader {
  const { parts, order } = analyseDateFormat(format);
  let source = '^';
  for (const p of parts) {
    source += 'token' in p ? TOKENS[p.token][1] : p.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  source += '$';
  const hasTime = order.includes('h');
  const re = new RegExp(source);
  const isYmd = format === 'YYYY-MM-DD';
  const twoDigitYear = parts.some((p) => 'token' in p && p.token === 'YY');
  const idx = { y: 0, M: 0, d: 0, h: 0, m: 0, s: 0 };
  order.forEach((c, i) => (idx[c] = i + 1));
  const day = kind === 'date';
  return {
    expected: `${kind === 'timestamp' && hasTime ? 'a date and time' : 'a date'} in the form ${format}`,
    ymd: isYmd,
    dayFields(text) {
      const m = re.exec(text);
      return m === null ? null : [twoDigitYear ? fullYear(+m[idx.y]) : +m[idx.y], +m[idx.M], +m[idx.d]];
    },
    parse(text) {
      if (isYmd) return ymd(text) ?? INVALID;
      const m = re.exec(text);
      if (m === null) return INVALID;
      const v = encode(
        twoDigitYear ? fullYear(+m[idx.y]) : +m[idx.y],
        +m[idx.M],
        +m[idx.d],
        idx.h ? +m[idx.h] : 0,
        idx.m ? +m[idx.m] : 0,
        idx.s ? +m[idx.s] : 0,
        0,
      );
      return v === INVALID || !day ? v : toDay(v);
    },
  };
}

// YYYY-MM-DD, optional [T ]HH:mm[:ss[.fff]], optional offset Z / ±HH[:MM].
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;
// Text luxon's fromISO reads but that is not a full date: a year or year-month alone
// (luxon takes the 1st of January / of the month) or a time alone (luxon takes today).
const PARTIAL_ISO = /^[+-]?\d{4,6}(?:-\d{2})?$|^[^\d+-]|^\d{1,3}(?!\d)|^[+-]?\d{2}:/;

/** ISO 8601 reader; offsets are converted to `timeZone`. */
function compileIso(kind: 'date' | 'timestamp', timeZone: string): DateReader {
  // Created on first use: building a zone costs ~20 ms of ICU start-up, and most
  // files never need it (only text with an explicit offset does).
  let zone: IANAZone | null = null;
  const getZone = (): IANAZone => (zone ??= new IANAZone(timeZone));
  const fixedUtc = /^(utc|etc\/utc|gmt|etc\/gmt)$/i.test(timeZone);
  const day = kind === 'date';
  const toLocal = (instant: number): number => (fixedUtc ? instant : instant + getZone().offset(instant) * 60_000);
  return {
    expected: day ? 'a date in the form YYYY-MM-DD' : 'a date and time in the form YYYY-MM-DDTHH:mm:ss',
    ymd: true,
    hint(text) {
      const m = /^(\d{4})-(\d{2})-(\d{2})(?![\d])/.exec(text);
      return m === null ? undefined : impossibleDay(+m[1], +m[2], +m[3]);
    },
    parse(text) {
      const fast = ymd(text);
      if (fast !== undefined) return fast;
      const m = ISO.exec(text);
      let v: number | Invalid;
      if (m !== null) {
        const ms = m[7] === undefined ? 0 : +(m[7] + '00').slice(0, 3);
        v = encode(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, ms);
        if (v === INVALID) return INVALID;
        if (m[8] !== undefined || m[9] !== undefined) {
          let offsetMin = 0;
          if (m[9] !== undefined) {
            const oh = +m[10];
            const om = m[11] ? +m[11] : 0;
            if (oh > 23 || om > 59) return INVALID;
            offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
          }
          v = toLocal(v - offsetMin * 60_000);
        }
      } else {
        // Rarer ISO shapes (week dates 2017-W13-5, ordinal dates 2017-090, basic 20170331): luxon.
        if (PARTIAL_ISO.test(text)) return INVALID;
        const dt = DateTime.fromISO(text, { zone: getZone() });
        if (!dt.isValid) return INVALID;
        v = dt.toMillis() + dt.offset * 60_000;
      }
      return day ? toDay(v) : v;
    },
  };
}

/** True when `timeZone` is an IANA zone name this runtime knows (e.g. `UTC`, `Asia/Shanghai`, `US/Eastern`). */
export function isValidTimeZone(timeZone: string): boolean {
  return isKnownTimeZone(timeZone);
}

/**
 * Compiles the reader for one `date` / `timestamp` column.
 * `format` undefined or `ISO` (any case) → ISO 8601; otherwise analyst notation.
 * Throws DateFormatError when the format cannot be used; `timeZone` must be valid.
 */
export function compileDateReader(kind: 'date' | 'timestamp', format: string | undefined, timeZone: string): DateReader {
  if (isIsoFormat(format)) return compileIso(kind, timeZone);
  const f = format!.trim();
  const reader = compileFormat(f, kind);
  const swapped = swappedFormat(f);
  const other = swapped === null ? null : compileFormat(swapped, kind);
  const shortYear = f.includes('YYYY') ? f.replace('YYYY', 'YY') : null;
  const short = shortYear === null ? null : compileFormat(shortYear, kind);
  // `DD/MM/YYYY` declared, `1/3/2017` written: the same format with one-or-two-digit day and month reads both
  // (and hour: Excel writes `3/1/2017 0:00`).
  const loose = f.replace(/DD/g, 'D').replace(/MM/g, 'M').replace(/HH/g, 'H');
  const lenient = loose === f ? null : compileFormat(loose, kind);
  if (other !== null) reader.otherOrder = { format: swapped!, parse: other.parse };
  reader.hint = (text) => {
    if (other !== null && other.parse(text) !== INVALID) return `read as ${swapped} it would be a date: check which order this column writes day and month in`;
    const fields = reader.dayFields(text);
    const impossible = fields === null ? undefined : impossibleDay(...fields);
    if (impossible !== undefined) return impossible;
    if (lenient !== null && lenient.parse(text) !== INVALID) {
      const what = /HH/.test(f) && !/DD|MM/.test(f.replace(/HH/g, '')) ? 'the hour is' : /HH/.test(f) ? 'the day, month or hour is' : 'the day or month is';
      return `${what} written with one digit; declare the format "${loose}", which reads ${/HH/.test(f) ? '1/3/2017 0:00 and 01/03/2017 00:00' : '1/3/2017 and 01/03/2017'} alike`;
    }
    if (short !== null && short.parse(text) !== INVALID) {
      return `the year has two digits; if the file writes years so, declare the format "${shortYear}" (00–69 are read as 2000–2069, 70–99 as 1970–1999)`;
    }
    return undefined;
  };
  return reader;
}

/**
 * `format` with its day and month tokens exchanged (`D/M/YYYY` → `M/D/YYYY`,
 * `DD.MM.YYYY HH:mm` → `MM.DD.YYYY HH:mm`), or null when the format starts with the
 * year (`YYYY-MM-DD`: nobody writes `YYYY-DD-MM`) or is ISO. The format must be valid.
 */
export function swappedFormat(format: string): string | null {
  const { parts, order } = analyseDateFormat(format);
  if (order[0] === 'y') return null;
  const swap: Record<string, string> = { DD: 'MM', D: 'M', MM: 'DD', M: 'D' };
  return parts.map((p) => ('token' in p ? (swap[p.token] ?? p.token) : p.literal)).join('');
}
