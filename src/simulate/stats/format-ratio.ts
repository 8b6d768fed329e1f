import { requireFinite } from './validate.js';

/**
 * Formats a ratio (or any statistic) with a fixed number of decimals for reports.
 *
 * Uses `Number.prototype.toFixed`, which ECMAScript specifies exactly (the
 * nearest decimal to the number's exact binary value, ties away from zero), so
 * output is the same on every platform. A result that rounds to zero never keeps
 * a minus sign: −0 and −0.00001 both give "0.0000". NaN and ±Infinity throw, so
 * they never reach a report.
 *
 * @param x the value, e.g. a ratio in [0, 1] (any finite number with |x| < 1e21 is accepted)
 * @param digits decimals, a whole number 0 … 20 (default 4)
 * @returns e.g. `formatRatio(0.8) === "0.8000"`, `formatRatio(1 / 3, 2) === "0.33"`
 * @throws RangeError when x is NaN, ±Infinity or |x| ≥ 1e21 (toFixed would switch to
 *   exponent notation), or digits is out of range.
 */
export function formatRatio(x: number, digits: number = 4): string {
  const fn = 'formatRatio';
  requireFinite(fn, 'x', x);
  if (Math.abs(x) >= 1e21) throw new RangeError(`${fn}: x is too large to format, got ${x}`);
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`${fn}: digits must be a whole number from 0 to 20, got ${String(digits)}`);
  }
  const text = x.toFixed(digits);
  return /^-[0.]*$/.test(text) ? text.slice(1) : text;
}
