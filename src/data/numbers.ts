/**
 * Strict number reading for CSV cells, in `en` (`1,234.50`) or `de` (`1.234,50`) notation.
 * Values become exact `Decimal`s; JS floats are never involved.
 */
import { Decimal } from '../graph/decimal.js';

/** Number notation of a file. */
export type NumberLocale = 'en' | 'de';

// sign, grouped-or-plain integer part, fraction | fraction only.
// A trailing point with no digits (`5.`, as some exports and hand edits write a whole amount) is read as the whole number.
const EN = /^([+-])?(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?|\.(\d+))$/;
const DE = /^([+-])?(?:(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d*))?|,(\d+))$/;
const PARENS = /^\(\s*(.*?)\s*\)$/;
const PERCENT_SIGN = /^(.*?)\s*%$/;

/**
 * Canonical decimal text (`-1234.50`) of a number written in `locale` notation, or
 * `null` when `text` is not a plain number.
 *
 * Accepted (en): `1234`, `-12.5`, `+3`, `.5`, `5.` (= 5), `1,234.50` (groups of exactly 3 digits),
 * accounting negatives `(1,234.50)`. de swaps `.` and `,`. Rejected: anything else,
 * notably `N/A`, `-`, `NaN`, `Infinity`, `1e3` (no exponents), `12,5OO`, `$12`.
 * `text` must already be trimmed.
 */
export function canonicalNumber(text: string, locale: NumberLocale): string | null {
  if (isDigits(text)) return text;
  let negate = false;
  let body = text;
  if (body.charCodeAt(0) === 40 /* ( */) {
    const p = PARENS.exec(body);
    if (p === null) return null;
    body = p[1];
    negate = true;
  }
  const m = (locale === 'de' ? DE : EN).exec(body);
  if (m === null) return null;
  const sign = m[1];
  if (negate && sign !== undefined) return null; // "(-5)" is ambiguous
  let intPart = m[2];
  const frac = m[3] || m[4]; // `5.` has an empty fraction: no point in the canonical text
  if (intPart === undefined) intPart = '0';
  else if (intPart.length > 3) intPart = intPart.replaceAll(locale === 'de' ? '.' : ',', '');
  const negative = negate || sign === '-';
  return (negative ? '-' : '') + intPart + (frac !== undefined ? '.' + frac : '');
}

/** True for a non-empty run of ASCII digits (the commonest cell, checked without a regex). */
function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const ZERO = new Decimal(0);

function toDecimal(canonical: string): Decimal {
  const d = new Decimal(canonical);
  return d.isZero() ? ZERO : d; // no negative zero
}

/**
 * Digits a number cell may have before the decimal point (a quadrillion; 15, like the
 * playbook's literals) and after it: the engine computes with 40 significant digits,
 * so a cell must leave room for exact sums and products.
 */
export const MAX_INTEGER_DIGITS = 15;
export const MAX_FRACTION_DIGITS = 10;

function withinLimits(canonical: string): boolean {
  const [int, frac = ''] = canonical.replace('-', '').split('.');
  return int.replace(/^0+/, '').length <= MAX_INTEGER_DIGITS && frac.length <= MAX_FRACTION_DIGITS;
}

/**
 * For a cell that is a well-formed number but too long to read exactly: which limit
 * it breaks, e.g. `it has 16 digits before the decimal point; amounts may have at
 * most 15 (up to 999,999,999,999,999) and 10 after it`. Undefined otherwise.
 */
export function numberLimitHint(text: string, locale: NumberLocale, what: string): string | undefined {
  const c = canonicalNumber(text.replace(/^\((.*)\)$/, '$1'), locale);
  if (c === null || withinLimits(c)) return undefined;
  const [int, frac = ''] = c.replace('-', '').split('.');
  const intDigits = int.replace(/^0+/, '').length;
  const limits = `${what} may have at most ${MAX_INTEGER_DIGITS} digits before the decimal point (up to 999,999,999,999,999) and ${MAX_FRACTION_DIGITS} after it`;
  return intDigits > MAX_INTEGER_DIGITS
    ? `it has ${intDigits} digits before the decimal point; ${limits}`
    : `it has ${frac.length} digits after the decimal point; ${limits}`;
}

/**
 * For a cell that is not a number in `locale` notation: why, when it is a number written another way
 * — in the other notation (`1.054,00` in an `en` table, `4,514.50` in a `de` one), with a typographic
 * minus (`−4514`, as a word processor or a report writes it) or in full-width digits (`４５１４`, from a
 * Chinese or Japanese export) — or in the scientific notation Excel shows when a column is too narrow
 * (`1.23457E+14`, which may have lost digits). Undefined otherwise (and for a number too long: {@link numberLimitHint}).
 */
export function notationHint(text: string, locale: NumberLocale, what: string): string | undefined {
  const limit = numberLimitHint(text, locale, what);
  if (limit !== undefined) return limit;
  const body = text.replace(/^\((.*)\)$/, '$1');
  const other: NumberLocale = locale === 'en' ? 'de' : 'en';
  // `(-5)`: a number the table reads, inside parentheses, with its own sign. Not a notation of
  // the other locale (it reads in both), which would send the analyst from one locale to the other.
  if (body !== text && /^[-+]/.test(body) && canonicalNumber(body, locale) !== null) {
    return `it has a sign inside parentheses: parentheses already mark a negative ${what === 'amounts' ? 'amount' : 'number'}; write ${body.startsWith('-') ? `${body} or (${body.slice(1)})` : `(${body.slice(1)}) for a negative, ${body.slice(1)} for a positive`} in the file`;
  }
  if (canonicalNumber(body, other) !== null && canonicalNumber(body, locale) === null) {
    return locale === 'en'
      ? 'it is written with a decimal comma (1.234,56), as German or French spreadsheets write numbers: declare the table with locale de'
      : 'it is written with a decimal point (1,234.56), the English way, but the table is declared locale de: remove locale de from the table';
  }
  if (/^[\u2212\u2012\u2013]/.test(body) && canonicalNumber(`-${body.slice(1)}`, locale) !== null) {
    return `it starts with a typographic minus or dash ("${body[0]}"), not the "-" sign: replace it with "-" in the file`;
  }
  const plain = body.normalize('NFKC');
  if (plain !== body && canonicalNumber(plain, locale) !== null) return `it is written in full-width characters (${plain} in plain digits): export the column with plain digits`;
  // `1 234,50`, `1 234 567` (a space, no-break or narrow no-break space between groups): French, Nordic and ISO exports.
  if (SPACE_GROUPED.test(body)) {
    return `its digits are grouped with spaces, as French or Nordic spreadsheets write ${what}, which no locale of the playbook reads: export the column without thousands separators (${body.replace(/[ \u00a0\u202f]/g, '')})`;
  }
  if (SCIENTIFIC.test(body)) {
    return 'it is in scientific notation, as Excel writes a number too wide for its column, and may have lost digits: format the column as Number (with its decimals) in Excel and save the CSV again';
  }
  const money = currencyMarked(body, locale) ?? currencyMarked(body, other);
  if (money !== null) {
    const kind = /^[A-Z]{3}$/.test(money.mark) ? 'code' : 'sign';
    const notation = canonicalNumber(money.number, locale) !== null ? '' : locale === 'en' ? ', and declare the table with locale de (the number has a decimal comma)' : ', and remove locale de from the table (the number has a decimal point)';
    const currency = what === 'amounts' ? ", in the playbook's currency" : '';
    return `it carries a currency ${kind} ("${money.mark}"): ${what} are read as plain numbers, such as ${money.number}${currency}; remove the ${kind} in the file${notation} (in Excel, format the column as Number rather than Currency before saving it as CSV)`;
  }
  return undefined;
}

/** `1 234,50`, `-12 500`, `1\u00a0234.5`: digits in groups of three set apart by a space of any kind. */
const SPACE_GROUPED = /^[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$/;

/** `1.23457E+14`, `4.5e-3`, `1,2E+05`: a number in scientific notation (either decimal mark). */
const SCIENTIFIC = /^[-+]?\d+(?:[.,]\d+)?[eE][-+]?\d+$/;

/** Currency signs an export writes with amounts (`$`, `US$`, `€`, `£`, `¥`, `₹`, `₩`, `₽`, `₺`, `₪`, `₫`, `R$`, `CHF`…) or an ISO 4217 code. */
const CURRENCY = '(?:[A-Z]{0,2}\\$|[€£¥￥₹₩₽₺₪₫]|[A-Z]{3})';
/** `$4,514.00`, `-$12`, `USD 4,514.00`, `$ (12.00)`: the mark before the number (a sign may come first). */
const MARK_BEFORE = new RegExp(`^([-+]?)\\s*(${CURRENCY})\\s*(.+)$`, 'u');
/** `4.514,00 €`, `4514 EUR`: the mark after the number. */
const MARK_AFTER = new RegExp(`^(.+?)\\s*(${CURRENCY})$`, 'u');

/**
 * A cell that is a number in `locale` notation once a currency sign or code written before or
 * after it is taken away: the mark and the number as written without it; null otherwise.
 */
function currencyMarked(text: string, locale: NumberLocale): { mark: string; number: string } | null {
  const before = MARK_BEFORE.exec(text);
  if (before !== null) {
    const number = `${before[1]}${before[3]}`;
    if (canonicalNumber(number, locale) !== null) return { mark: before[2], number };
  }
  const after = MARK_AFTER.exec(text);
  if (after !== null && canonicalNumber(after[1], locale) !== null) return { mark: after[2], number: after[1] };
  return null;
}

/** Exact `Decimal` of a number cell (see {@link canonicalNumber}), or `null` when invalid or too long. */
export function parseNumber(text: string, locale: NumberLocale): Decimal | null {
  const c = canonicalNumber(text, locale);
  return c === null || !withinLimits(c) ? null : toDecimal(c);
}

/**
 * A percent cell as an exact ratio: `20%`, `20`, `7.5 %` → 0.2, 0.2, 0.075;
 * `(5%)` → -0.05. Number notation as in {@link canonicalNumber}. `null` when invalid.
 */
export function parsePercent(text: string, locale: NumberLocale): Decimal | null {
  let body = text;
  let negate = false;
  if (body.charCodeAt(0) === 40 /* ( */) {
    const p = PARENS.exec(body);
    if (p === null) return null;
    body = p[1];
    negate = true;
  }
  const pct = PERCENT_SIGN.exec(body);
  if (pct !== null) body = pct[1];
  if (negate && body.charCodeAt(0) === 40) return null;
  const c = canonicalNumber(body, locale);
  if (c === null || !withinLimits(c)) return null;
  if (negate && (c.startsWith('-') || body.startsWith('+'))) return null;
  // Shifting the exponent divides by 100 exactly (no rounding to Decimal.precision).
  return toDecimal((negate ? '-' : '') + c + 'e-2');
}
