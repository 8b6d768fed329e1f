/**
 * `YYYY-MM-DD` of a date value, as `dateText` (runtime/periods.ts) writes it, made once per
 * distinct day: a long report names the same few thousand days millions of times (every
 * release of every deal has four dates), and making each text anew was a tenth of the writing.
 */
import { dateText } from './periods.js';

const DAY_MS = 86_400_000;
/** Days from 1970-01-01 kept (to the year 2149); other values are written without the cache. */
const KEPT_DAYS = 1 << 16;
const byDay: (string | undefined)[] = [];

/**
 * The `YYYY-MM-DD` text of `value` (milliseconds since 1970-01-01 UTC, the engine's date values).
 * @throws RangeError for a value that is not a date, as `dateText` does.
 */
export function dayText(value: number): string {
  const day = value / DAY_MS;
  // Only a midnight (a whole day) from 1970 on is kept: any other instant is written as it is.
  if (!(Number.isInteger(day) && day >= 0 && day < KEPT_DAYS)) return dateText(value);
  let text = byDay[day];
  if (text === undefined) {
    text = dateText(value);
    byDay[day] = text;
  }
  return text;
}
