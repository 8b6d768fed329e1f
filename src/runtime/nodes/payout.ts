/**
 * The payout: each rep's statement — the component lines (commissions, then
 * bonuses, then rankings, each in the order the playbook declares them), the
 * forfeits red lines and must-win rules impose (a forfeit takes away what the
 * component would pay; a clawback, being negative, stays owed), the review
 * flags, and the payout: the lines' sum less the forfeits.
 */
import { Decimal } from '../decimal.js';
import { type NodeInputs, type NodeOf, type RunContext, listIds } from '../context.js';
import type { Forfeit, PayoutLine, RepResult, ReviewFlag } from '../result.js';
import type { ComponentResult } from './commission.js';
import type { DrawResult } from './draw.js';
import type { CreditResult } from './credit.js';
import type { RankingResult } from './ranking.js';
import type { ActivityTrip, RedLineResult } from './redline.js';
import { messageFor } from '../redline-messages.js';
import { lastDayOf } from '../versions.js';

export interface PayoutResult {
  /** Every rep's statement, in reps-table order. */
  reps: RepResult[];
  /**
   * Deals that trip a red line or must-win rule but have no date (the credit rule's `on` field), so
   * no period holds them and they are charged to no one: named, never dropped without a word.
   */
  warnings: string[];
}

/** Declaration order, independent of where a node sits in the graph's list. */
export function bySource(a: { source: { line: number; column: number }; id: string }, b: { source: { line: number; column: number }; id: string }): number {
  return a.source.line - b.source.line || a.source.column - b.source.column || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function evaluatePayout(node: NodeOf<'payout'>, run: RunContext, inputs: NodeInputs): PayoutResult {
  const credit = inputs.get<CreditResult>('credit');
  const inputNodes = run.graph.nodes.filter((n) => node.inputs.includes(n.id)).sort(bySource);
  const components = (['commission', 'bonus', 'ranking'] as const).flatMap((kind) => inputNodes.filter((n) => n.kind === kind));
  const rankings = inputNodes.filter((n): n is NodeOf<'ranking'> => n.kind === 'ranking');
  const redlines = inputNodes.filter((n): n is NodeOf<'redline'> => n.kind === 'redline');
  const drawNode = inputNodes.find((n): n is NodeOf<'draw'> => n.kind === 'draw');
  const allComponents = node.components.map((c) => c.name);
  // Each red line's trips grouped by rep once (in trip order), not searched again for every rep.
  // A deal usually belongs to one rep; a split deal to everyone with a share (each is charged).
  // Each deal's first rep in a typed array, and the others (split deals) aside: no list per deal
  // (issue 10: a million small arrays kept a large heap busier for the collector).
  const dealRep = new Int32Array(run.deals.length).fill(-1);
  const otherReps = new Map<number, number[]>();
  run.reps.deals.forEach((list, r) => {
    for (const i of list) {
      if (dealRep[i] === -1) dealRep[i] = r;
      else {
        const more = otherReps.get(i);
        if (more) more.push(r);
        else otherReps.set(i, [r]);
      }
    }
  });
  const tripsByRep = new Map<string, { deals: Map<number, number[]>; activities: Map<string | null, ActivityTrip[]>; reps: Set<number> }>();
  for (const n of redlines) {
    const trips = inputs.get<RedLineResult>(n.id);
    const grouped = { deals: new Map<number, number[]>(), activities: new Map<string | null, ActivityTrip[]>(), reps: new Set(trips.reps) };
    for (const i of trips.deals) {
      if (dealRep[i] === -1 || !run.inPlan(credit.deals.value(i, run.deals.date))) continue;
      const charge = (r: number) => {
        const list = grouped.deals.get(r);
        if (list) list.push(i);
        else grouped.deals.set(r, [i]);
      };
      charge(dealRep[i]);
      for (const r of otherReps.get(i) ?? []) charge(r);
    }
    for (const t of trips.activities) {
      const list = grouped.activities.get(t.rep);
      if (list) list.push(t);
      else grouped.activities.set(t.rep, [t]);
    }
    tripsByRep.set(n.id, grouped);
  }
  // Where an activity's date is, to find which version of a red line on activities judged it.
  const activityRole = run.graph.roles.activities;
  const activityDate = activityRole ? (run.layout.get(activityRole.table)?.get(activityRole.date) ?? -1) : -1;
  const reps = run.reps.keys.map((key, r): RepResult => {
    const lines: PayoutLine[] = components.flatMap((c) => inputs.get<ComponentResult>(c.id).lines[r]);
    // The draw's top-ups and recoveries are lines of their own (a draw is never forfeited).
    const draw = drawNode ? inputs.get<DrawResult>(drawNode.id) : null;
    if (draw) lines.push(...draw.lines[r]);
    const reviews: ReviewFlag[] = rankings.flatMap((n) => inputs.get<RankingResult>(n.id).reviews[r]);
    const forfeits: Forfeit[] = [];
    const forfeited = new Set<string>();
    for (const n of redlines) {
      const trips = tripsByRep.get(n.id)!;
      let reason: string | null = null;
      if (n.subject === 'deals') {
        const mine = trips.deals.get(r) ?? [];
        if (mine.length > 0) reason = `${messageFor(n, mine.map((i) => run.deals.value(i, run.deals.date) as number | null), run.plan)} (deal${mine.length === 1 ? '' : 's'} ${listIds(mine.map(run.deals.id))})`;
      } else if (n.subject === 'activities') {
        const mine = trips.activities.get(key) ?? [];
        if (mine.length > 0) reason = `${messageFor(n, mine.map((t) => (activityDate >= 0 ? (t.row.values[activityDate] as number) : null)), run.plan)} (activit${mine.length === 1 ? 'y' : 'ies'} ${listIds(mine.map((t) => t.id))})`;
      } else if (trips.reps.has(r)) reason = messageFor(n, [lastDayOf(run.plan)], run.plan);
      if (reason === null) continue;
      if (n.effect === 'review') reviews.push({ rule: n.redline, period: run.plan.key, reason });
      if (n.effect !== 'forfeit') continue;
      for (const component of n.forfeits === 'all' ? allComponents : n.forfeits) {
        if (forfeited.has(component)) continue;
        forfeited.add(component);
        const earned = lines.filter((l) => l.component === component).reduce((s, l) => s.plus(l.amount), new Decimal(0));
        forfeits.push({ component, amount: Decimal.max(earned, 0), rule: n.redline, reason });
      }
    }
    const lost = forfeits.reduce((s, f) => s.plus(f.amount), new Decimal(0));
    const gross = lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
    return {
      rep: key,
      period: run.plan.key,
      credited: credit.repCredited[r],
      dealsCredited: credit.repDealsCredited[r],
      quotas: new Map(),
      lines,
      forfeits,
      forfeited: lost,
      reviews,
      payout: gross.minus(lost),
      ...(draw ? { draw: draw.draws[r] } : {}),
    };
  });
  const undated = undatedTripWarnings(run, redlines, (n) => inputs.get<RedLineResult>(n.id).deals, (i) => dealRep[i] !== -1, (i) => credit.deals.value(i, run.deals.date), (i) => credit.deals.line(i));
  return { reps, warnings: undated };
}

/**
 * One warning per deal that trips a red line or must-win rule with a forfeit or review but has no
 * date (the credit rule's `on` field): no period holds it, so its effect reaches no one, and the
 * analyst is told rather than the forfeit vanishing. (A blocked deal without a date is credited to
 * no one anyway, and the credit rule's own warning says so.) Shared with the DuckDB back end, which
 * gives its trips and dates the same way, so both engines print the same warnings.
 * @param tripsOf a deal red line's tripping deals (deal indexes, deals-table order)
 * @param hasRep whether the deal names a rep of the reps table
 * @param dateOf the deal's date (day number), null when missing
 * @param lineOf the deal's line in its file
 */
export function undatedTripWarnings(run: RunContext, redlines: readonly NodeOf<'redline'>[], tripsOf: (n: NodeOf<'redline'>) => readonly number[], hasRep: (i: number) => boolean, dateOf: (i: number) => unknown, lineOf: (i: number) => number): string[] {
  const out: string[] = [];
  for (const n of redlines) {
    if (n.subject !== 'deals' || n.effect === 'block') continue;
    for (const i of tripsOf(n)) {
      if (dateOf(i) !== null || !hasRep(i)) continue;
      const what = n.origin === 'mustwin' ? `is lost and falls under must-win rule "${n.redline}"` : `trips red line "${n.redline}"`;
      out.push(`${run.deals.table.schema.file}:${lineOf(i)}: deal ${run.deals.id(i)} ${what}, but its ${run.graph.roles.deals.date} is missing, so no period holds it and its ${n.effect} applies to no one; give it a date`);
    }
  }
  return out;
}
