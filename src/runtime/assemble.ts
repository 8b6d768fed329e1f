/**
 * Turns a graph run's node results into the evaluation every report reads:
 * each rep's statement (sorted by rep key), each deal's fate (sorted by id),
 * the rankings, the red-line summaries, the relationship model, the forecast,
 * the assertions and the warnings (in evaluation order). Reads results only.
 */
import type { GraphNode } from '../graph/nodes.js';
import { printExpr } from '../graph/print.js';
import type { NodeOf } from './context.js';
import { Decimal } from './decimal.js';
import type { GraphRun } from './engine.js';
import { pipelineForecast } from './forecast.js';
import { type CreditResult, creditAmountOf } from './nodes/credit.js';
import type { IndicatorResult } from './nodes/indicator.js';
import type { OutcomeResult } from './nodes/outcome.js';
import { type PayoutResult, bySource } from './nodes/payout.js';
import type { QuotaResult } from './nodes/quota.js';
import type { RankingResult } from './nodes/ranking.js';
import type { RedLineResult } from './nodes/redline.js';
import type { ScoringResult } from './nodes/scoring.js';
import type { StatementsResult } from './nodes/statements.js';
import type { TiersResult } from './nodes/tiers.js';
import type { ValidationResult } from './nodes/validation.js';
import { outsidePlanNote, planPeriodText } from './nodes/outside-plan.js';
import { blockedCreditNoteWarnings } from './blocked-credit-notes.js';
import { dateText } from './periods.js';
import type { RelationshipModel } from './relationship.js';
import { type DealFacts, DealView, type RelationshipFacts } from './deal-view.js';
import { relationshipAt } from './relationship-at.js';
import { withAdjustments } from './stages/adjustments.js';
import { summaryMessage } from './redline-messages.js';
import type { DealResult, Evaluation, RedLineSummary, RepResult } from './result.js';

const byKey = (a: { rep: string }, b: { rep: string }) => (a.rep < b.rep ? -1 : a.rep > b.rep ? 1 : 0);

function nodesOf<K extends GraphNode['kind']>(g: GraphRun, kind: K): NodeOf<K>[] {
  return g.run.graph.nodes.filter((n): n is NodeOf<K> => n.kind === kind).sort(bySource);
}

function relationshipOf(g: GraphRun): { model: RelationshipModel; facts: RelationshipFacts } | null {
  const node = nodesOf(g, 'scoring')[0];
  const role = g.run.graph.roles.activities;
  if (!node || !role || !g.run.tables.get(role.table)) return null;
  const scoring = g.results.get(node.id) as ScoringResult;
  const indicators = nodesOf(g, 'indicator');
  const indicatorValues = indicators.map((n) => (g.results.get(n.id) as IndicatorResult).values);
  const tiersNode = nodesOf(g, 'tiers')[0];
  const tiers = tiersNode ? (g.results.get(tiersNode.id) as TiersResult) : null;
  // Deals share their indicators' values (a handful of patterns), read-only, instead of an array each.
  // A deal's pattern is found by a number (a digit in base 3 per indicator: missing, yes, no), so
  // no array nor text is made per deal unless its pattern is new (issue 10: a million deals).
  const patterns = new Map<number | string, readonly (boolean | null)[]>();
  const byNumber = indicatorValues.length <= 30; // 3^30 < 2^53: the number is exact
  const shared = (i: number | null): (boolean | null)[] => {
    let key: number | string;
    if (byNumber) {
      key = 0;
      for (let k = indicatorValues.length - 1; k >= 0; k--) {
        const v = i === null ? null : indicatorValues[k][i];
        key = key * 3 + (v === null ? 0 : v ? 1 : 2);
      }
    } else key = indicatorValues.map((v) => (i === null || v[i] === null ? 'n' : v[i] ? 't' : 'f')).join('');
    let hit = patterns.get(key);
    if (!hit) patterns.set(key, (hit = Object.freeze(indicatorValues.map((v) => (i === null ? null : v[i])))));
    return hit as (boolean | null)[];
  };
  const facts: RelationshipFacts = {
    scoring,
    tier: tiers ? tiers.tier : null,
    tierNames: tiersNode ? tiersNode.tiers.map((t) => t.name) : [],
    probabilities: tiers ? tiers.probabilities : [],
    indicators: shared,
  };
  const model: RelationshipModel = {
    node,
    indicatorNames: indicators.map((n) => n.name),
    indicatorLabels: indicators.map((n) => n.label),
    tiers: tiersNode?.tiers ?? [],
    scoreAccount: scoring.scorer.scoreAccount,
  };
  return { model, facts };
}

function redlineSummaries(g: GraphRun, credit: CreditResult): RedLineSummary[] {
  const { run } = g;
  return nodesOf(g, 'redline').map((n): RedLineSummary => {
    const r = g.results.get(n.id) as RedLineResult;
    if (n.subject === 'activities') {
      const amount = r.activities.reduce((s, t) => (t.value ? s.plus(t.value) : s), new Decimal(0));
      const reps = [...new Set(r.activities.map((t) => t.rep).filter((x): x is string => x !== null))].sort();
      return { id: n.redline, subject: n.subject, effect: n.effect, message: summaryMessage(n), deals: r.activities.length, amount, reps, activityTrips: r.activities };
    }
    if (n.subject === 'reps') return { id: n.redline, subject: n.subject, effect: n.effect, message: summaryMessage(n), deals: r.reps.length, amount: new Decimal(0), reps: r.reps.map((i) => run.reps.keys[i]) };
    // The summary is about the plan period: deals dated in it (a deal's red lines are listed on it whatever its date).
    const trips = r.deals.filter((i) => run.inPlan(run.deals.value(i, run.deals.date)));
    // Read one by one: the credit node makes its array of a Decimal per deal only when `amounts` is read.
    const amount = trips.reduce((s, i) => {
      const a = creditAmountOf(credit, i);
      return a ? s.plus(a) : s;
    }, new Decimal(0));
    return { id: n.redline, subject: n.subject, effect: n.effect, message: summaryMessage(n), deals: trips.length, amount, reps: [] };
  });
}

/**
 * Each deal's fate, sorted by id: a view per deal over the run's columns and results (deal-view.ts),
 * in the deals table's order when it is already sorted by id (no ids kept), else in id order.
 */
function dealResults(g: GraphRun, credit: CreditResult, relationship: RelationshipFacts | null): DealResult[] {
  const { run } = g;
  const flags = (id: string) => (g.results.get(id) as OutcomeResult | undefined)?.flags;
  const n = run.deals.length;
  const redlines = new Map<number, string[]>();
  const tripped = new Uint8Array(n);
  for (const node of nodesOf(g, 'redline')) if (node.subject === 'deals') for (const i of (g.results.get(node.id) as RedLineResult).deals) {
    const list = redlines.get(i);
    if (list) list.push(node.redline);
    else redlines.set(i, [node.redline]);
    tripped[i] = 1;
  }
  const facts: DealFacts = { deals: run.deals, source: run.deals.source, credit, won: flags('outcome:won'), lost: flags('outcome:lost'), redlines, tripped, relationship, splits: run.splits, repKeys: run.reps.keys };
  const order = idOrder(run.deals.id, n);
  const deals = new Array<DealResult>(n);
  for (let k = 0; k < n; k++) deals[k] = new DealView(facts, order === null ? k : order[k]);
  return deals;
}

/**
 * The deals' indexes sorted by id (string order; deals with equal ids keep their table order, as a
 * stable sort of the deals by id did), or null when the table is in that order already: checked by
 * comparing each id with the next, without keeping the ids.
 */
function idOrder(id: (i: number) => string, n: number): Int32Array | null {
  let sorted = true;
  let last = n > 0 ? id(0) : '';
  for (let i = 1; i < n && sorted; i++) {
    const next = id(i);
    if (next < last) sorted = false;
    last = next;
  }
  if (sorted) return null;
  const ids = Array.from({ length: n }, (_, i) => id(i));
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
  return Int32Array.from(order);
}

/**
 * Why nothing was credited, with the likely cause: deals dated in the plan period that meet no
 * credit rule (say, no stage is spelt as `won when` expects), or no deal dated in the plan period.
 */
function noCreditWarning(g: GraphRun): string {
  const { run } = g;
  const source = run.deals.source;
  const dated: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const v = source.value(i, run.deals.date);
    if (typeof v === 'number') dated.push(v);
  }
  const inPlan = dated.filter((d) => run.inPlan(d)).length;
  const period = planPeriodText(run.plan);
  if (inPlan > 0) {
    const credit = run.graph.nodes.find((n) => n.kind === 'credit');
    const named = credit?.kind === 'credit' && credit.label !== 'credit' ? ` "${credit.label}"` : '';
    const rule = credit?.kind === 'credit' ? `${named} (when ${printExpr(credit.condition)})` : '';
    return `no deal was credited in ${period}: ${inPlan} deal${inPlan === 1 ? ' is' : 's are'} dated in it, but none meets the credit rule${rule}. Check how the export spells the values the rule looks for (the warnings above may name them)`;
  }
  const range = dated.length === 0 ? (source.length === 0 ? 'the deals file has no deals' : 'no deal has a date') : `the deals' dates run ${dateText(dated.reduce((a, b) => Math.min(a, b)))} … ${dateText(dated.reduce((a, b) => Math.max(a, b)))}`;
  return `no deal was credited in ${period}; ${range}. Is the plan period right?`;
}

/**
 * A draw tops up (and recovers from) the payout lines as the commission tables computed them. A
 * `pay … in stages` section's caps, minimums and clawbacks change what a rep is really paid but
 * not those lines, so the draw statement of a rep they touched (its earnings and its `paid`) is not
 * what the rep received: say so, naming the reps and the amounts, rather than print it without a word.
 */
/** Where the draw warning starts naming reps: a report that must name no rep (`compare --min-group`) cuts it there. */
export const DRAW_REPS_MARK = ' Reps: ';

function drawBlindSpotWarning(g: GraphRun, reps: RepResult[], payments: StatementsResult): string | null {
  const touched: string[] = [];
  for (const r of reps) {
    if (!r.draw) continue;
    const mine = payments.totals.filter((t) => t.rep === r.rep);
    const sum = (f: (t: StatementsResult['totals'][number]) => Decimal) => mine.reduce((s, t) => s.plus(f(t)), new Decimal(0));
    const parts = [
      ['capped', sum((t) => t.capped)],
      ['topped up', sum((t) => t.toppedUp)],
      ['clawed back', sum((t) => t.clawedBack)],
      ['cancelled', sum((t) => t.cancelled)],
    ] as const;
    const said = parts.filter(([, v]) => !v.isZero()).map(([k, v]) => `${k} ${g.run.money(v)}`);
    if (said.length > 0) touched.push(`${r.rep} (${said.join(', ')})`);
  }
  if (touched.length === 0) return null;
  const list = touched.length > 5 ? `${touched.slice(0, 5).join(', ')} and ${touched.length - 5} more reps` : touched.join(', ');
  return `the draw tops up and recovers from the commission lines as the tables computed them, before pay in stages: the caps, minimums and clawbacks of pay in stages are not in its earnings, so the draw statement (earnings, paid) is not what ${touched.length} rep${touched.length === 1 ? '' : 's'} received. Work their draw out by hand from the paying-in-stages figures.${DRAW_REPS_MARK}${list}`;
}

/**
 * The kinds of node whose results {@link assemble} (with `relationshipAt`) reads; of the others
 * it reads only their warnings. Keep in step with the functions above: a result read after the
 * run that is not listed was let go, and reading it throws an internal error (`liveness.ts`).
 */
const ASSEMBLED_KINDS: ReadonlySet<GraphNode['kind']> = new Set(['outcome', 'redline', 'credit', 'quota', 'payout', 'ranking', 'scoring', 'indicator', 'tiers', 'review', 'validation', 'statements']);

/**
 * The ids of the nodes of `graph` whose results {@link assemble} reads after the run: the kinds it
 * assembles, and the inputs of the indicators and tiers (`relationshipAt` evaluates their conditions
 * again, reading those inputs). Every other result may be let go during the run (`liveness.ts`).
 */
export function readAfterRun(graph: { nodes: readonly GraphNode[] }): Set<string> {
  const kept = new Set<string>();
  for (const n of graph.nodes) {
    if (ASSEMBLED_KINDS.has(n.kind)) kept.add(n.id);
    if (n.kind === 'indicator' || n.kind === 'tiers') for (const id of n.inputs) kept.add(id);
  }
  return kept;
}

/** Builds the {@link Evaluation} of a finished graph run. */
export function assemble(g: GraphRun): Evaluation {
  const { run } = g;
  const credit = g.results.get('credit') as CreditResult;
  const payout = g.results.get('payout') as PayoutResult;
  const quotas = nodesOf(g, 'quota');
  const statements = g.results.get('statements') as StatementsResult | undefined;
  // Caps, minimums and reversals change what is paid: the payout says so (stages/adjustments.ts).
  const adjusts = statements !== undefined && (statements.limits || statements.clawbacks);
  const reps: RepResult[] = payout.reps
    .map((r) => (adjusts ? withAdjustments(r, statements, run.money) : r))
    .map((r, i) => ({ ...r, quotas: new Map(quotas.flatMap((q) => { const a = (g.results.get(q.id) as QuotaResult).annual.get(i); return a ? [[q.name, a] as const] : []; })) }))
    .sort(byKey);
  const rel = relationshipOf(g);
  const deals = dealResults(g, credit, rel?.facts ?? null);
  const ranking = nodesOf(g, 'ranking').flatMap((n) => (g.results.get(n.id) as RankingResult).entries);
  // Each once: two `pay … in stages` sections reading one progress table warn about it alike.
  const warnings = [...new Set(g.order.flatMap((n) => (g.results.get(n.id) as { warnings?: string[] }).warnings ?? []))];
  const totals = {
    credited: reps.reduce((s, r) => s.plus(r.credited), new Decimal(0)),
    payout: reps.reduce((s, r) => s.plus(r.payout), new Decimal(0)),
    forfeited: reps.reduce((s, r) => s.plus(r.forfeited), new Decimal(0)),
  };
  const validation = g.results.get('validation') as ValidationResult | undefined;
  warnings.push(...blockedCreditNoteWarnings(g, credit));
  if (totals.credited.isZero() && reps.every((r) => r.dealsCredited === 0)) warnings.push(noCreditWarning(g));
  const payments = g.results.get('statements') as StatementsResult | undefined;
  const unseen = payments ? drawBlindSpotWarning(g, reps, payments) : null;
  if (unseen) warnings.push(unseen);
  return {
    reps,
    deals,
    ranking,
    redlines: redlineSummaries(g, credit),
    warnings,
    outsidePlan: outsidePlanNote(run, credit.creditable, credit.credited),
    totals,
    relationship: rel?.model ?? null,
    relationshipAt: rel ? relationshipAt(g) : null,
    forecast: rel ? pipelineForecast(deals) : [],
    assertions: validation?.assertions ?? [],
    ...(g.results.has('statements') ? { payments: g.results.get('statements') as StatementsResult } : {}),
  };
}
