/**
 * A rep's time in post (docs/language.md §7, §9 and §9a). The playbook says when reps start
 * through its prorated quotas (`prorated by months|days from START_FIELD`): that reps-table date
 * field is the rep's start date (the latest of them when quotas name several fields). A period
 * that ends on or before the start date is not the rep's: a bonus per rep is not looked at in it
 * (its quota there is prorated to 0, and `credited >= floor` would hold with nothing credited), a
 * ranking does not rank the rep in it (nor count them in the group sizes), and a draw is not
 * advanced for it; a credited deal dated before it is named in a warning (nodes/credit.ts). A rep
 * whose start date is missing, or a playbook with no prorated quota, is in post all plan period.
 */
import type { RunContext } from './context.js';

/**
 * Each rep's start date (a date value, midnight of the start day in the playbook's time zone), in
 * reps-table order; null when the rep has none or the playbook prorates no quota.
 */
export function repStartDays(run: RunContext): (number | null)[] {
  const fields = new Set<string>();
  for (const n of run.graph.nodes) {
    if (n.kind !== 'quota') continue;
    if (n.prorate) fields.add(n.prorate.field);
    for (const v of n.versions ?? []) if (v.prorate) fields.add(v.prorate.field);
  }
  const layout = run.layout.get(run.graph.roles.reps.table)!;
  const columns = [...fields].map((f) => layout.get(f)!);
  return run.reps.rows.map((row) => {
    let start: number | null = null;
    for (const c of columns) {
      const v = row.values[c];
      if (typeof v === 'number' && (start === null || v > start)) start = v;
    }
    return start;
  });
}

/** Whether a period ending at `end` (exclusive, a date value) ends on or before the rep's start date. */
export function beforeStart(start: number | null, end: number): boolean {
  return start !== null && end <= start;
}
