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
