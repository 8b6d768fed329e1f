/**
 * The note on deals that meet the credit rule (rep, date and amount present, no blocking red line)
 * but are dated outside the plan period: they credit no one in this plan, which is right, but a
 * report that leaves them out without a word reads as if they never existed (a deal won on
 * 2018-01-05 in a 2017 plan, a date typed a year off). Counted before and after the period, with
 * the first few of each named. A note, not a warning: an export of several years (history for the
 * relationship scores) has such deals on purpose.
 */
import type { RunContext } from '../context.js';
import { type Period, dateText } from '../periods.js';

/** Deals named on each side of the plan period; the rest are counted only. */
const NAMED = 3;

/**
 * `plan period 2017 (2017-01-01 … 2017-12-31)`: the plan period's key and its first and last day
 * (the run's time zone; `end` is exclusive).
 */
export function planPeriodText(plan: Period): string {
  return `plan period ${plan.key} (${dateText(plan.start)} … ${dateText(plan.end - 1)})`;
}

/**
 * The note for the deals with `creditable[i] = 1` and `credited[i] = 0` (dated outside
 * `run.plan`), or null when there are none.
 * @param creditable 1 for a deal that meets the credit rule, is not blocked and has rep, date and amount.
 * @param credited 1 for such a deal dated in the plan period.
 */
export function outsidePlanNote(run: RunContext, creditable: Uint8Array, credited: Uint8Array): string | null {
  const source = run.deals.source;
  const sides = { before: { count: 0, named: [] as string[] }, after: { count: 0, named: [] as string[] } };
  for (let i = 0; i < creditable.length; i++) {
    if (creditable[i] !== 1 || credited[i] === 1) continue;
    const date = source.value(i, run.deals.date) as number;
    const side = date < run.plan.start ? sides.before : sides.after;
    if (side.count++ < NAMED) side.named.push(`${run.deals.id(i)} on ${dateText(date)}`);
  }
  const total = sides.before.count + sides.after.count;
  if (total === 0) return null;
  const part = (side: { count: number; named: string[] }, where: string) =>
    side.count === 0 ? [] : [`${side.count} ${where} (${side.named.join(', ')}${side.count > side.named.length ? ', …' : ''})`];
  const parts = [...part(sides.before, 'before it starts'), ...part(sides.after, 'after it ends')];
  const noun = total === 1 ? 'deal meets' : 'deals meet';
  return `${total} ${noun} the credit rule but ${total === 1 ? 'is' : 'are'} dated outside ${planPeriodText(run.plan)}, so ${total === 1 ? 'it credits' : 'they credit'} no one in this plan: ${parts.join('; ')}`;
}
