/**
 * Plan versions at run time: which version of an effective-dated rule is in force on a day.
 * Version days are `YYYY-MM-DD` on the playbook's clock, both included (`until` null: open-ended);
 * dates in the runtime are ms local-as-UTC (see `periods.ts`), so a version runs from 00:00 on its
 * first day up to, not including, 00:00 on the day after its last.
 */
import { DAY_MS } from './periods.js';

export interface VersionSpan {
  from: string;
  until: string | null;
}

/** ms local-as-UTC of 00:00 on a `YYYY-MM-DD` day. */
export function dayStart(text: string): number {
  const [y, m, d] = text.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** True when `date` (ms local-as-UTC) falls on a day the version is in force. */
export function inForce(v: VersionSpan, date: number): boolean {
  return date >= dayStart(v.from) && (v.until === null || date < dayStart(v.until) + DAY_MS);
}

/** Index of the version in force on `date`, or -1 when none is (the checker rules this out inside the plan period). */
export function versionAt(versions: readonly VersionSpan[], date: number): number {
  return versions.findIndex((v) => inForce(v, date));
}

/** `from 2026-07-01 until 2026-12-31`, or `from 2026-07-01` when open-ended: how reports name a version. */
export function versionName(v: VersionSpan): string {
  return v.until === null ? `from ${v.from}` : `from ${v.from} until ${v.until}`;
}

/**
 * Index of the version that judges something dated `date` (ms local-as-UTC), for bonuses, red lines
 * and rankings (docs/language.md §9, §10, §12): the version in force on that day. Outside every
 * version's days (before the plan period or after it; the checker rules out gaps inside it) the
 * nearest version judges: the first for earlier dates, the last for later ones. A missing date is
 * judged on `otherwise` (the plan period's last day, for a deal without a credit date).
 * @param versions sorted by start day (the checker sorts them), at least one.
 */
export function versionJudging(versions: readonly VersionSpan[], date: number | null, otherwise: number): number {
  const day = date ?? otherwise;
  const at = versionAt(versions, day);
  if (at >= 0) return at;
  return day < dayStart(versions[0].from) ? 0 : versions.length - 1;
}

/** The last day of a period (ms local-as-UTC of its 00:00): the day whose version judges a rep's period. `end` is exclusive. */
export function lastDayOf(period: { end: number }): number {
  return period.end - DAY_MS;
}
