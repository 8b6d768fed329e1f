/**
 * A Decimal made straight from an integer and a decimal scale, without going through text.
 *
 * Money and numbers read from data files are kept as whole units and a scale (`1234.50` →
 * 123450 with scale 2; src/data/column-store.ts). Making the Decimal back from
 * `` `${units}e-${scale}` `` parses a string for every value read — a few microseconds, paid for
 * every amount of every deal each time a rule reads it (issue 10: ~7% of a simulate's CPU). This
 * writes decimal.js's own fields instead: the sign `s`, the decimal exponent `e` of the leading
 * digit, and the digits `d` in base-10^7 words aligned on the decimal point — exactly what
 * decimal.js's own parser makes from the same value (pinned field by field by a property test,
 * test/unit/decimal-units.test.ts), so every later result is the same.
 */
import { Decimal } from './decimal.js';

/**
 * A number field's exact values as the data loader holds them (`ColumnStore.numberParts`, read
 * through `RowSource.numberParts`): row `i` is `units[i] × 10^-scales[i]` (units an integer below
 * 2^53, scale 0–39), or missing when `scales[i]` is {@link NUMBER_MISSING}, or a Decimal held
 * aside, which only the source's `value` gives, when it is {@link NUMBER_ASIDE}.
 */
export interface NumberParts {
  units: ArrayLike<number>;
  scales: Int8Array;
}
/** Scale of a missing number in {@link NumberParts}. */
export const NUMBER_MISSING = -1;
/** Scale of a number of more digits, kept aside as its Decimal, in {@link NumberParts}. */
export const NUMBER_ASIDE = -2;

/** Digits per word of decimal.js's representation (its `LOG_BASE`). */
const LOG_BASE = 7;
const BASE = 1e7;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];
/** Below this every integer is exact in a double (2^53). */
const SAFE = 9007199254740992;

/**
 * The Decimal `units × 10^-scale`.
 * @param units an integer, |units| < 2^53
 * @param scale a whole number of decimal places, 0–39 (a negative scale multiplies by 10^-scale)
 * @returns a Decimal equal, field for field, to `new Decimal(`${units}e-${scale}`)`
 * @throws Error when `units` is not a safe integer (a caller's bug: the column store keeps larger values aside as Decimals)
 */
export function decimalOfUnits(units: number, scale: number): Decimal {
  if (!Number.isInteger(units) || units >= SAFE || units <= -SAFE) throw new Error(`internal: ${units} is not a whole number of units below 2^53`);
  const x = new Decimal(0) as unknown as { s: number; e: number; d: number[] };
  if (units === 0) return x as unknown as Decimal;
  let u = units < 0 ? -units : units;
  x.s = units < 0 ? -1 : 1;
  // decimal.js drops trailing zeros before splitting the digits into words.
  while (u % 10 === 0) {
    u /= 10;
    scale--;
  }
  let digits = 1;
  for (let p = 10; p <= u; p *= 10) digits++; // powers of ten up to 10^22 are exact doubles
  const e = digits - 1 - scale;
  // The leading word holds the digits down to the next word boundary (counted from the decimal
  // point); the last word is padded on the right with zeros to a whole word.
  let first = (e + 1) % LOG_BASE;
  if (e < 0) first += LOG_BASE;
  if (first === 0) first = LOG_BASE;
  const pad = digits <= first ? first - digits : (LOG_BASE - ((digits - first) % LOG_BASE)) % LOG_BASE;
  // Words from the right: the lowest takes 7 − pad digits of u and the padding zeros.
  const lowDigits = LOG_BASE - pad;
  const low = u % POW10[lowDigits];
  let rest = (u - low) / POW10[lowDigits];
  const lowWord = low * POW10[pad];
  if (rest === 0) x.d = [lowWord];
  else {
    const w1 = rest % BASE;
    rest = (rest - w1) / BASE;
    if (rest === 0) x.d = [w1, lowWord];
    else {
      const w2 = rest % BASE;
      rest = (rest - w2) / BASE;
      x.d = rest === 0 ? [w2, w1, lowWord] : [rest, w2, w1, lowWord];
    }
  }
  x.e = e;
  return x as unknown as Decimal;
}
