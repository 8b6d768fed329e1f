/**
 * Calendar dates as whole day numbers (days since 1970-01-01, UTC), so that
 * date arithmetic is integer arithmetic. Formatting is always YYYY-MM-DD.
 */
import type { Rng } from './prng.js';

const MS_PER_DAY = 86_400_000;

/** "2026-03-31" -> day number. */
export function day(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${text}`);
  const n = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
  if (formatDay(n) !== text) throw new Error(`no such date: ${text}`);
  return n;
}

/** Day number -> "2026-03-31". */
export function formatDay(n: number): string {
  const d = new Date(n * MS_PER_DAY);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${d.getUTCFullYear()}-${mm}-${dd}`;
}

/** "2026-03" for a day number. */
export function monthOf(n: number): string {
  return formatDay(n).slice(0, 7);
}

/** Day of the month, 1..31. */
export function dayOfMonth(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCDate();
}

/** Monday to Friday. */
export function isWeekday(n: number): boolean {
  const w = new Date(n * MS_PER_DAY).getUTCDay();
  return w !== 0 && w !== 6;
}

/** First and last day numbers of a month "2026-03". */
export function monthSpan(month: string): [number, number] {
  const first = day(`${month}-01`);
  const [y, m] = month.split('-').map(Number);
  const nextFirst = Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) / MS_PER_DAY;
  return [first, nextFirst - 1];
}

/**
 * A uniformly chosen ordinary working day in [from, to]: Monday to Friday and
 * never the 31st (the 31sts in the dataset are planted on purpose).
 * Returns undefined when the range holds no such day.
 */
export function randomWorkday(rng: Rng, from: number, to: number): number | undefined {
  const candidates: number[] = [];
  for (let n = from; n <= to; n++) {
    if (isWeekday(n) && dayOfMonth(n) !== 31) candidates.push(n);
  }
  return candidates.length === 0 ? undefined : rng.pick(candidates);
}
