/**
 * Money as text without a regular expression or a decimal.js `toFixed` per value (issue 10,
 * scale: a report over a million deals prints several million amounts). Each function here gives
 * exactly the text of the general one in `money.ts` (differential tests compare them over random
 * values of every sign, size and scale), or says it cannot (null) and the general one is used.
 */
import type { Decimal } from './decimal.js';

/** Fraction digits and powers of ten handled here; beyond them, toFixed writes the text. */
const MAX_DIGITS = 100;
const MAX_EXPONENT = 1000;

const ZEROS = '0000000000000000000000000000000000000000';

/** `n` zeros (any n ≥ 0). */
function zeros(n: number): string {
  return n <= ZEROS.length ? ZEROS.slice(0, n) : '0'.repeat(n);
}

/**
 * The digits of a non-negative integer text `int` grouped by threes with commas, from the right:
 * `"1234567"` → `"1,234,567"` (what `/\B(?=(\d{3})+(?!\d))/g` does to a run of digits).
 */
export function groupThousands(int: string): string {
  const n = int.length;
  if (n <= 3) return int;
  const head = n % 3 || 3;
  let out = int.slice(0, head);
  for (let i = head; i < n; i += 3) out += `,${int.slice(i, i + 3)}`;
  return out;
}

/** The digit string `digits` plus one in its last place: `"1299"` → `"1300"`, `"999"` → `"1000"`. */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57) i--;
  if (i < 0) return `1${zeros(digits.length)}`;
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + zeros(digits.length - 1 - i);
}

/** Integer part and fraction digits of the last {@link fixedParts} (magnitude only). */
const parts = { negative: false, int: '', frac: '' };

/**
 * Splits `|amount|` rounded half-up (away from zero) to `digits` decimal places into
 * {@link parts}: the integer digits (no sign, no grouping) and exactly `digits` fraction digits;
 * `negative` is false for a value that prints as zero (moneyText never prints "-0.00").
 * Reads decimal.js's documented read-only fields (`d`: base-10⁷ words, the first unpadded;
 * `e`: the power of ten of the first digit; `s`: the sign). False when it does not apply — not
 * finite, a digit count toFixed refuses, a power of ten beyond ±1000 — and the caller uses `toFixed`.
 */
function fixedParts(amount: Decimal, digits: number): boolean {
  const d = amount.d as number[] | null | undefined;
  // Not finite; a digit count toFixed refuses; a magnitude beyond what a report prints (its throws and texts are toFixed's).
  if (d === null || d === undefined || !(digits >= 0 && digits <= MAX_DIGITS && Number.isInteger(digits)) || amount.e > MAX_EXPONENT || amount.e < -MAX_EXPONENT) return false;
  if (wholeUnits(d, amount.e, digits)) return unitsParts(amount.s < 0, digits);
  let coefficient = String(d[0]);
  for (let i = 1; i < d.length; i++) {
    const word = String(d[i]);
    coefficient += ZEROS.slice(0, 7 - word.length) + word;
  }
  const intLength = amount.e + 1;
  let int: string;
  let frac: string;
  if (intLength <= 0) {
    int = '0';
    frac = zeros(-intLength) + coefficient;
  } else if (intLength >= coefficient.length) {
    int = coefficient + zeros(intLength - coefficient.length);
    frac = '';
  } else {
    int = coefficient.slice(0, intLength);
    frac = coefficient.slice(intLength);
  }
  let negative = amount.s < 0;
  if (frac.length > digits) {
    // Half-up on the magnitude (half away from zero): the first dropped digit decides.
    const up = frac.charCodeAt(digits) >= 53;
    frac = frac.slice(0, digits);
    if (up) {
      const kept = incremented(int + frac);
      const cut = kept.length - digits;
      int = kept.slice(0, cut);
      frac = kept.slice(cut);
      // Rounded up, the magnitude is not zero: the sign stays.
      parts.negative = negative;
      parts.int = int;
      parts.frac = frac;
      return true;
    }
  } else if (frac.length < digits) frac += zeros(digits - frac.length);
  if (negative && int === '0') {
    negative = false;
    for (let i = 0; i < frac.length; i++) {
      if (frac.charCodeAt(i) !== 48) {
        negative = true;
        break;
      }
    }
  }
  parts.negative = negative;
  parts.int = int;
  parts.frac = frac;
  return true;
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** The result of the last successful {@link wholeUnits}. */
let units = 0;

/**
 * `|value|` in whole units of 10^−digits, rounded half away from zero, into {@link units} — by
 * Float64 integer arithmetic on decimal.js's words (`d`, `e`: see {@link fixedParts}), exact
 * while every product and sum stays below 2^53; false when it might not (the digit strings are
 * used then). Half-up needs only the first dropped digit, so words below it are never read.
 */
function wholeUnits(d: number[], e: number, digits: number): boolean {
  let width = 1;
  const first = d[0];
  while (width < 7 && first >= POW10[width]) width++;
  // Power, in units, of the last digit of word i: p0 − 7i.
  const p0 = e - width + 1 + digits;
  let sum = 0;
  let roundDigit = 0;
  for (let i = 0; i < d.length; i++) {
    const p = p0 - 7 * i;
    const w = d[i];
    if (p >= 0) {
      // w < 10^7: w × 10^p < 2^53 for p ≤ 8.
      if (p > 8) return false;
      sum += w * POW10[p];
      continue;
    }
    const drop = -p;
    const wordWidth = i === 0 ? width : 7;
    if (drop <= wordWidth) {
      const scale = POW10[drop];
      sum += Math.floor(w / scale);
      roundDigit = Math.floor(w / POW10[drop - 1]) % 10;
    }
    break;
  }
  if (roundDigit >= 5) sum += 1;
  if (sum > Number.MAX_SAFE_INTEGER) return false;
  units = sum;
  return true;
}

/** {@link parts} from {@link units} (the magnitude in units of 10^−digits) and the sign. */
function unitsParts(negative: boolean, digits: number): true {
  let magnitude = String(units);
  if (magnitude.length <= digits) magnitude = zeros(digits + 1 - magnitude.length) + magnitude;
  const cut = magnitude.length - digits;
  parts.int = magnitude.slice(0, cut);
  parts.frac = magnitude.slice(cut);
  // Zero has no sign: moneyText never prints "-0.00".
  parts.negative = negative && units !== 0;
  return true;
}

/**
 * `amount` rounded half away from zero to `digits` decimal places, as a signed whole number of
 * units of 10^−digits (`71.23455`, 4 → 712346), read from decimal.js's words without a Decimal
 * or a text made; NaN when that cannot be done exactly (beyond 2^53 units, not finite, a digit
 * count or power of ten out of range): then the caller rounds the Decimal. A negative amount that
 * rounds to zero gives −0.
 */
export function roundedUnits(amount: Decimal, digits: number): number {
  const d = amount.d as number[] | null | undefined;
  if (d === null || d === undefined || !(digits >= 0 && digits <= MAX_DIGITS && Number.isInteger(digits)) || amount.e > MAX_EXPONENT || amount.e < -MAX_EXPONENT) return NaN;
  if (!wholeUnits(d, amount.e, digits)) return NaN;
  return amount.s < 0 ? -units : units;
}

/** `moneyText(amount, digits)` (see money.ts), or null when the general path must write it. */
export function fastMoneyText(amount: Decimal, digits: number): string | null {
  if (!fixedParts(amount, digits)) return null;
  const body = digits > 0 ? `${parts.int}.${parts.frac}` : parts.int;
  return parts.negative ? `-${body}` : body;
}

/** `groupedText(amount, digits)` (see money.ts), or null when the general path must write it. */
export function fastGroupedText(amount: Decimal, digits: number): string | null {
  if (!fixedParts(amount, digits)) return null;
  const int = groupThousands(parts.int);
  const body = digits > 0 ? `${int}.${parts.frac}` : int;
  return parts.negative ? `-${body}` : body;
}

/** Minor digits up to which {@link minorUnitsText} takes them from a table (10^4 texts at most). */
const MINOR_TABLE_DIGITS = 4;
const minorTables: string[][] = [];
/** `"00"` … `"99"` for 2 digits: every minor-digits text of `digits` digits, by value. */
function minorDigits(digits: number): string[] {
  return (minorTables[digits] ??= Array.from({ length: POW10[digits] }, (_, k) => String(k).padStart(digits, '0')));
}

/**
 * Money given as a whole number of minor units (cents when `digits` is 2) as fixed-digit text:
 * `minorUnitsText(123450, 2)` → `"1234.50"`, `(-5, 2)` → `"-0.05"`, `(0, 2)` → `"0.00"`;
 * with `grouped`, the integer digits in threes with commas (`"1,234.50"`), as `groupedText`.
 * The same text as `moneyText` / `groupedText` of the amount `units ÷ 10^digits`.
 * For an evaluation that keeps money as integer minor units.
 *
 * @param units a safe integer (|units| ≤ 2^53 − 1) or a bigint of minor units.
 * @param digits the currency's minor digits (0 to 20).
 * @throws RangeError for a number that is not a safe integer.
 */
export function minorUnitsText(units: number | bigint, digits: number, grouped = false): string {
  if (typeof units === 'number' && !Number.isSafeInteger(units)) throw new RangeError(`minorUnitsText: ${units} is not a whole number of minor units within ±2^53`);
  if (typeof units === 'number' && digits > 0 && digits <= MINOR_TABLE_DIGITS) {
    // Integer and minor digits by division (exact: see below), the minor digits' text from a table (no digit string sliced).
    const magnitude = units < 0 ? -units : units;
    const scale = POW10[digits];
    const whole = Math.floor(magnitude / scale);
    const minor = magnitude - whole * scale;
    // |units| < 2^53: the quotient's rounding error is below 1/scale, never enough to cross a whole number; checked all the same.
    if (minor >= 0 && minor < scale) {
      const body = `${grouped ? groupThousands(String(whole)) : whole}.${minorDigits(digits)[minor]}`;
      return units < 0 ? `-${body}` : body;
    }
  }
  const negative = units < 0;
  let magnitude = (negative ? -units : units).toString();
  if (magnitude.length <= digits) magnitude = zeros(digits + 1 - magnitude.length) + magnitude;
  const cut = magnitude.length - digits;
  const int = grouped ? groupThousands(magnitude.slice(0, cut)) : magnitude.slice(0, cut);
  const body = digits > 0 ? `${int}.${magnitude.slice(cut)}` : int;
  // Zero has no sign (moneyText never prints "-0.00"); a negative magnitude is never zero here.
  return negative ? `-${body}` : body;
}

/**
 * `percentText(min(part ÷ whole, 1))` (money.ts: the ratio × 100 to 4 decimals, half-up, trailing
 * zeros dropped, then `%`) for two amounts given in the same whole minor units: `(3, 8)` →
 * `"37.5%"`, `(2, 3)` → `"66.6667%"`, `(9, 8)` → `"100%"`; null when it does not apply (a part
 * below zero, a whole not above zero, or either not a safe integer) — then the caller divides Decimals.
 * Exact integer arithmetic: the quotient part × 10^6 ÷ whole, rounded half-up by its remainder.
 * (decimal.js divides to 40 significant digits first; with a whole below 2^53 the true quotient is
 * never within 10^-17 of a half, so that first rounding never changes the result.)
 * For the release explanations of `pay … in stages` (domain.md §4), written at scale from integers.
 */
export function percentOfUnits(part: number, whole: number): string | null {
  if (!(Number.isSafeInteger(part) && Number.isSafeInteger(whole) && part >= 0 && whole > 0)) return null;
  if (part >= whole) return '100%';
  // Units of 10^-4 percent: part × 10^6 ÷ whole (part < whole, so below 10^6).
  let q: number;
  const scaled = part * 1e6;
  // q × whole ≤ scaled + whole: every product and difference below stays an exact integer.
  if (scaled + whole <= Number.MAX_SAFE_INTEGER) {
    q = Math.floor(scaled / whole);
    let r = scaled - q * whole;
    // The float quotient may be one off near a whole number: the remainder says.
    if (r < 0) {
      q--;
      r += whole;
    } else if (r >= whole) {
      q++;
      r -= whole;
    }
    if (2 * r >= whole) q++;
  } else {
    const w = BigInt(whole);
    const s = BigInt(part) * 1_000_000n;
    const big = s / w;
    q = Number(2n * (s - big * w) >= w ? big + 1n : big);
  }
  const int = Math.floor(q / 10_000);
  let frac = q - int * 10_000;
  if (frac === 0) return `${int}%`;
  let width = 4;
  while (frac % 10 === 0) {
    frac /= 10;
    width--;
  }
  const fracText = String(frac);
  return `${int}.${zeros(width - fracText.length)}${fracText}%`;
}
