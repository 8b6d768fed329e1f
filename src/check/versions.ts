/**
 * Plan versions (effective-dated rules): the checks on `effective from "…" until "…"`.
 *
 * A commission table, quota, bonus, red line or ranking may be written several times under one name, each
 * version with the days it is in force (both days included; no `until` means "from
 * then on"). Over the plan period, exactly one version must be in force on every day:
 * `check` reports a day no version covers (PB5102) and days two versions cover
 * (PB5103), each with the dates, so a deal's credit date always picks one version.
 * Dates are calendar days (`YYYY-MM-DD`) on the playbook's clock.
 */
import type * as A from '../language/ast.js';
import type { ErrorCode } from '../language/codes.js';

type Report = (code: ErrorCode, span: A.Span, message: string, hint?: string) => void;

const DAY_MS = 86_400_000;

/** A version's days: first and last day in force (`YYYY-MM-DD`, both included); `until` null = open-ended. */
export interface VersionDates {
  from: string;
  until: string | null;
}

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` text, or null when it is not a real day. */
export function dayOf(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** `YYYY-MM-DD` of a day number. */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Reads a version's dates, reporting PB5101 for a text that is not a day, an `until`
 * before the `from`, and (with `monthly`, for quotas, which are split by month) a version
 * that does not start on the first day of a month or end on the last.
 * @returns the dates, or null when they cannot be used.
 */
export function versionDates(e: A.EffectiveDates, what: string, report: Report, monthly = false): VersionDates | null {
  const from = dayOf(e.from.text);
  if (from === null) {
    report('PB5101', e.from.span, `"${e.from.text}" is not a date: ${what} cannot start on it`, 'write the day as "YYYY-MM-DD", e.g. effective from "2026-07-01"');
    return null;
  }
  const until = e.until === null ? null : dayOf(e.until.text);
  if (e.until !== null && until === null) {
    report('PB5101', e.until.span, `"${e.until.text}" is not a date: ${what} cannot end on it`, 'write the day as "YYYY-MM-DD", e.g. until "2026-06-30"');
    return null;
  }
  if (until !== null && until < from) {
    report('PB5101', e.until!.span, `${what} ends on ${e.until!.text}, before it starts on ${e.from.text}`, '"until" is the last day the version is in force: it cannot be before "from"');
    return null;
  }
  if (monthly) {
    if (new Date(from * DAY_MS).getUTCDate() !== 1) {
      report('PB5101', e.from.span, `${what} starts on ${e.from.text}, which is not the first day of a month`, 'a quota is split by month, so a version of it starts on the 1st, e.g. effective from "2026-07-01"');
      return null;
    }
    if (until !== null && new Date((until + 1) * DAY_MS).getUTCDate() !== 1) {
      report('PB5101', e.until!.span, `${what} ends on ${e.until!.text}, which is not the last day of a month`, 'a quota is split by month, so a version of it ends on a month\'s last day, e.g. until "2026-06-30"');
      return null;
    }
  }
  return { from: e.from.text, until: e.until?.text ?? null };
}

/** The plan period's first and last day (day numbers) for a fiscal year named by the calendar year it starts in. */
export function planDays(planYear: number, fiscalYearStartMonth: number): { first: number; last: number } {
  const first = Date.UTC(planYear, fiscalYearStartMonth - 1, 1) / DAY_MS;
  const next = Date.UTC(planYear + 1, fiscalYearStartMonth - 1, 1) / DAY_MS;
  return { first, last: next - 1 };
}

/** One written version of a rule, for the coverage check. */
export interface WrittenVersion {
  dates: VersionDates;
  effective: A.EffectiveDates;
}

/**
 * Reports every stretch of the plan period that no version covers (PB5102) and every
 * stretch two versions both cover (PB5103). `what` names the rule: `commission "orders"`.
 */
export function checkCoverage(what: string, versions: WrittenVersion[], plan: { first: number; last: number }, report: Report, consequences?: { gap: string; overlap: string }): void {
  if (versions.length === 0) return;
  const list = versions
    .map((v) => ({ v, from: dayOf(v.dates.from)!, until: v.dates.until === null ? Number.POSITIVE_INFINITY : dayOf(v.dates.until)! }))
    .sort((a, b) => a.from - b.from || a.until - b.until);
  const range = (a: number, b: number) => (a === b ? `on ${dayText(a)}` : `from ${dayText(a)} to ${dayText(b)}`);
  const consequence = consequences?.gap ?? (what.startsWith('quota') ? 'the months in those days would have no part of the quota' : 'deals credited on those days would be paid under no table');
  const overlapConsequence = consequences?.overlap ?? 'a deal credited on those days would be paid under both';
  let coveredTo = plan.first - 1; // the last day some earlier version covers
  let previous: (typeof list)[number] | null = null;
  for (const item of list) {
    const gapFrom = Math.max(coveredTo + 1, plan.first);
    const gapTo = Math.min(item.from - 1, plan.last);
    if (gapFrom <= gapTo) {
      report('PB5102', item.v.effective.from.span, `no version of ${what} is in force ${range(gapFrom, gapTo)}: ${consequence}`, previous ? `start this version the day after the one before it ends (${previous.v.dates.until ?? ''}), or add a version for those days` : `start the first version on the first day of the plan period, ${dayText(plan.first)}`);
    }
    if (previous && item.from <= coveredTo) {
      const overlapFrom = Math.max(item.from, plan.first);
      const overlapTo = Math.min(coveredTo, item.until, plan.last);
      if (overlapFrom <= overlapTo) {
        report('PB5103', item.v.effective.from.span, `two versions of ${what} are in force ${range(overlapFrom, overlapTo)}: ${overlapConsequence}`, `end the earlier version the day before this one starts: until "${dayText(item.from - 1)}"`);
      }
    }
    coveredTo = Math.max(coveredTo, item.until);
    previous = item;
  }
  if (coveredTo < plan.last) {
    const last = list[list.length - 1].v.effective;
    report('PB5102', last.until?.span ?? last.from.span, `no version of ${what} is in force ${range(Math.max(coveredTo + 1, plan.first), plan.last)}: ${consequence}`, `let the last version run to the end of the plan period, ${dayText(plan.last)} (or leave out its "until")`);
  }
}
