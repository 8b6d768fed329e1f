/**
 * A red line (domain.md §6): which deals, reps or activities trip it. Deals are
 * checked whatever their date (a deal's red lines are listed on it); a must-win
 * rule trips only on lost deals. Reps are checked over the plan period;
 * activities dated in the plan period. The effect (block, forfeit, review) is
 * applied by the nodes that read this result: credit and payout. With plan
 * versions, a deal is judged by the version in force on its credit date, an
 * activity by the one on its date, a rep by the one on the plan period's last day.
 */
import type { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { compileContext, compileExpr, newEnv } from '../expr.js';
import type { OutcomeResult } from './outcome.js';
import type { RowLike } from '../values.js';
import { lastDayOf, versionJudging } from '../versions.js';

/** An activity that tripped a red line on activities. */
export interface ActivityTrip {
  row: RowLike;
  /** The activity's key, or `line N`. */
  id: string;
  rep: string | null;
  /** Its declared value (cost), if any. */
  value: Decimal | null;
}

export interface RedLineResult {
  /** Deal indexes that trip it, in deals-table order (subject deals). */
  deals: number[];
  /** Rep indexes that trip it (subject reps). */
  reps: number[];
  /** Activities that trip it (subject activities). */
  activities: ActivityTrip[];
}

export function evaluateRedLine(node: NodeOf<'redline'>, run: RunContext, inputs: NodeInputs): RedLineResult {
  const ctx = compileContext(run, inputs);
  // One compiled condition per plan version; `judge(date)` picks the one for a date (docs/language.md §10).
  const conditions = (node.versions ?? [node]).map((v) => compileExpr(v.condition, ctx));
  const judge = (date: number | null) => conditions[node.versions ? versionJudging(node.versions, date, lastDayOf(run.plan)) : 0];
  const env = newEnv(run);
  const result: RedLineResult = { deals: [], reps: [], activities: [] };
  if (node.subject === 'deals') {
    const lost = node.origin === 'mustwin' ? inputs.maybe<OutcomeResult>('outcome:lost')?.flags : undefined;
    const rows = run.deals.rows;
    for (let i = 0; i < rows.length; i++) {
      env.row = rows[i];
      env.deal = i;
      // A deal is judged by the version in force on its credit date.
      if (judge(rows[i].values[run.deals.date] as number | null)(env) !== true || (node.origin === 'mustwin' && lost?.[i] !== 1)) continue;
      result.deals.push(i);
    }
  } else if (node.subject === 'reps') {
    env.period = run.plan;
    // A rep is judged over the plan period, by the version in force on its last day.
    const fn = judge(lastDayOf(run.plan));
    for (let r = 0; r < run.reps.rows.length; r++) {
      env.rep = r;
      env.row = run.reps.rows[r];
      if (fn(env) === true) result.reps.push(r);
    }
  } else {
    const role = run.graph.roles.activities;
    const table = role ? run.tables.get(role.table) : undefined;
    if (!role || !table) return result;
    const fields = run.layout.get(role.table)!;
    const date = fields.get(role.date)!;
    const rep = role.rep === null ? -1 : fields.get(role.rep)!;
    const value = role.value === null ? -1 : fields.get(role.value)!;
    const key = role.key === null ? -1 : fields.get(role.key)!;
    for (const row of table.rows) {
      if (!run.inPlan(row.values[date])) continue;
      env.row = row;
      if (judge(row.values[date] as number)(env) !== true) continue;
      result.activities.push({
        row,
        id: key >= 0 ? String(row.values[key]) : `line ${row.line}`,
        rep: rep < 0 || row.values[rep] === null ? null : String(row.values[rep]),
        value: value < 0 ? null : (row.values[value] as Decimal | null),
      });
    }
  }
  return result;
}
