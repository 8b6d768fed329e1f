/**
 * Money as whole minor units (cents for USD) held in a plain number, and back: the exact bridge
 * between a Decimal and the typed arrays that hold amounts at scale (issue 10). Credit, the stages
 * and the statements all use it, so it sits beside them in src/runtime rather than in stages/.
 */
import { decimalOfUnits } from '../graph/decimal-units.js';
import { Decimal } from './decimal.js';
import { minorUnitsText } from './money-text.js';

/**
 * `amount` in whole minor units (`12.34` with 2 digits → 1234), or NaN when it is not a whole
 * number of them or lies beyond ±(2^53 − 1) (then it is kept as a Decimal).
 *
 * Read from the Decimal's own digits (decimal.js keeps a sign `s`, an exponent `e` and the digits
 * in words of 7, `d`, the first without leading zeros): no Decimal is made. Every step is exact
 * or detected: the digits are read as an integer only when it is a safe one, the scaling by a
 * power of ten is checked to stay a safe integer, and a division by one is checked to leave no
 * remainder (issue 10: about 2.2 million amounts at 1,000,000 deals).
 */
export function toMinorUnits(amount: Decimal, digits: number): number {
  const d = amount.d;
  // NaN and ±Infinity have no digits; zero is [0].
  if (!d || d.length > 4) return NaN;
  if (d.length === 1 && d[0] === 0) return 0;
  // The digits as an integer, the last word's trailing zeros left out (`9100000` → `91`).
  let mantissa = d[0];
  let after = 0;
  for (let k = 1; k < d.length; k++) {
    let word = d[k];
    let width = 7;
    if (k === d.length - 1) while (word % 10 === 0 && width > 0) {
      word /= 10;
      width--;
    }
    mantissa = mantissa * 10 ** width + word;
    after += width;
  }
  if (!Number.isSafeInteger(mantissa)) return NaN;
  // value = mantissa × 10^(e − (digits of the first word − 1) − digits after it); in minor units, × 10^digits more.
  const shift = amount.e - (String(d[0]).length - 1) - after + digits;
  let units: number;
  if (shift >= 0) {
    if (shift > 16) return NaN;
    units = mantissa * 10 ** shift;
    if (!Number.isSafeInteger(units)) return NaN;
  } else {
    if (shift < -16) return NaN;
    const divisor = 10 ** -shift;
    if (mantissa % divisor !== 0) return NaN;
    units = mantissa / divisor;
  }
  return amount.s < 0 ? -units : units;
}

/**
 * {@link toMinorUnits} of the value `units × 10^-scale` (as the data loader holds a number: units
 * an integer below 2^53, scale 0–39), without making its Decimal: the same number, or NaN exactly
 * when {@link toMinorUnits} gives NaN for that value (not a whole number of minor units, or not
 * below 2^53 in them). A product or quotient of exact doubles is exact when the exact result is
 * below 2^53, and 2^53 or more (so refused) when the exact one is.
 */
export function minorOfUnits(units: number, scale: number, digits: number): number {
  if (units === 0) return 0;
  const shift = digits - scale;
  if (shift >= 0) {
    if (shift > 22) return NaN;
    const out = units * 10 ** shift;
    return Number.isSafeInteger(out) ? out : NaN;
  }
  if (-shift > 22) return NaN;
  const divisor = 10 ** -shift;
  return units % divisor === 0 ? units / divisor : NaN;
}

/**
 * The Decimal of a whole number of minor units (exact: the value of the text `minorUnitsText`
 * writes). Made from its fields (`decimalOfUnits`, field for field what decimal.js parses from that
 * text: no text made and parsed, issue 10), the text parsed only for a number past ±2^53 (where
 * `minorUnitsText` throws, as before).
 */
export function fromMinorUnits(units: number, digits: number): Decimal {
  return Number.isSafeInteger(units) && digits <= 39 ? decimalOfUnits(units, digits) : new Decimal(minorUnitsText(units, digits));
}
