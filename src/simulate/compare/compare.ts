/**
 * `compare`: what changes for each rep, in total and in the distribution, if
 * plan B replaces plan A over the same CRM export — with the rule changes
 * behind it and each rep's difference attributed, exactly, to the payout
 * components (B's lines less B's forfeits, minus the same under A).
 */
import type { RuleGraph } from '../../graph/nodes.js';
import { Decimal } from '../../runtime/decimal.js';
import { evaluate } from '../../runtime/evaluate.js';
import { DRAW_REPS_MARK } from '../../runtime/assemble.js';
import { parseDateText, planPeriods } from '../../runtime/periods.js';
import type { DealResult, Evaluation, RepResult } from '../../runtime/result.js';
import { type InputAccount, loadData, type RejectedRowReport } from '../simulate.js';
import { type Distribution, distribution } from './distribution.js';
import { diffGraphs, type RuleChange } from './graph-diff.js';
import { groupReps, type RepGroup } from './groups.js';

/** Who counts as a winner or loser: a change of at least a share of A's payout, or of an amount. */
export type Threshold = { kind: 'percent'; ratio: Decimal } | { kind: 'amount'; amount: Decimal };

export interface ComparePlan {
  graph: RuleGraph;
  /** Path of the playbook, as given. */
  file: string;
}

/** One rep under one plan. `present` is false when the plan's reps table does not list the rep (all amounts are then zero). */
export interface RepSide {
  present: boolean;
  credited: Decimal;
  dealsCredited: number;
  payout: Decimal;
  forfeited: Decimal;
  /** Quota name → credited ÷ quota (quotas that are zero are left out). */
  attainment: { quota: string; ratio: Decimal }[];
  /** payout ÷ credited, null when nothing was credited. */
  costOfSales: Decimal | null;
  /** Component → Σ its lines less what was forfeited of it. */
  components: Map<string, Decimal>;
}

/** One component's share of a rep's difference, with the rule changes that act on it. */
export interface AttributionPart {
  component: string;
  /** B's lines less forfeits minus A's: the parts of a rep add up exactly to its difference. */
  amount: Decimal;
  /** Of which: the change in what was forfeited of this component (B − A, counted negative when B forfeits more). */
  forfeitEffect: Decimal;
  /** The rule changes acting on this component directly, in words; empty when it moved only through credit or rank. */
  causes: string[];
}

export type Verdict = 'winner' | 'loser' | 'unchanged';

export interface RepComparison {
  rep: string;
  a: RepSide;
  b: RepSide;
  /** B's payout − A's. */
  difference: Decimal;
  /** difference ÷ A's payout, null when A paid nothing. */
  percent: Decimal | null;
  verdict: Verdict;
  /** Non-zero parts only, in the order of the payout's components. */
  attribution: AttributionPart[];
}

export type DealFate = 'credited' | 'blocked' | 'not credited';

export interface DealDifference {
  id: string;
  rep: string | null;
  amount: Decimal | null;
  a: { fate: DealFate; redlines: string[] } | null;
  b: { fate: DealFate; redlines: string[] } | null;
}

export interface RedLineDifference {
  id: string;
  a: { effect: string; count: number; amount: Decimal } | null;
  b: { effect: string; count: number; amount: Decimal } | null;
}

export interface ForfeitDifference {
  rep: string;
  component: string;
  a: { amount: Decimal; rule: string } | null;
  b: { amount: Decimal; rule: string } | null;
}

export interface Comparison {
  a: ComparePlan & { name: string; input: InputAccount[]; rejectedRows: RejectedRowReport[] };
  b: ComparePlan & { name: string; input: InputAccount[]; rejectedRows: RejectedRowReport[] };
  currency: string;
  minorDigits: number;
  threshold: Threshold;
  changes: RuleChange[];
  reps: RepComparison[];
  totals: { a: Distribution; b: Distribution; difference: Decimal };
  /** Winners, unchanged, losers; with `minGroup`, groups smaller than it merged into their neighbour. */
  groups: RepGroup[];
  minGroup: number | null;
  deals: DealDifference[];
  redlines: RedLineDifference[];
  forfeits: ForfeitDifference[];
  warnings: string[];
}

export interface CompareOptions {
  /** Default: any change at all (an amount of 0). */
  threshold?: Threshold;
  /** Merge winner/loser groups with fewer reps than this (and hide per-rep detail in reports). */
  minGroup?: number;
  skipBadRows?: boolean;
}

const zero = new Decimal(0);
const sum = (xs: Decimal[]): Decimal => xs.reduce((s, x) => s.plus(x), zero);

function side(r: RepResult | undefined): RepSide {
  if (!r) return { present: false, credited: zero, dealsCredited: 0, payout: zero, forfeited: zero, attainment: [], costOfSales: null, components: new Map() };
  const components = new Map<string, Decimal>();
  for (const l of r.lines) components.set(l.component, (components.get(l.component) ?? zero).plus(l.amount));
  for (const f of r.forfeits) components.set(f.component, (components.get(f.component) ?? zero).minus(f.amount));
  return {
    present: true,
    credited: r.credited,
    dealsCredited: r.dealsCredited,
    payout: r.payout,
    forfeited: r.forfeited,
    attainment: [...r.quotas].filter(([, q]) => !q.isZero()).map(([quota, q]) => ({ quota, ratio: r.credited.div(q) })),
    costOfSales: r.credited.isZero() ? null : r.payout.div(r.credited),
    components,
  };
}

/** A rep is a winner (loser) when B pays more (less) by at least the threshold. */
export function verdictOf(a: Decimal, difference: Decimal, t: Threshold): Verdict {
  if (difference.isZero()) return 'unchanged';
  const size = difference.abs();
  const enough = t.kind === 'amount' ? size.gte(t.amount) : a.isZero() || size.div(a.abs()).gte(t.ratio);
  return enough ? (difference.gt(0) ? 'winner' : 'loser') : 'unchanged';
}

function forfeitedOf(r: RepResult | undefined, component: string): Decimal {
  return sum((r?.forfeits ?? []).filter((f) => f.component === component).map((f) => f.amount));
}

/** The components of both plans' payouts, A's order first. */
function componentNames(a: RuleGraph, b: RuleGraph): string[] {
  const names = (g: RuleGraph) => (g.nodes.find((n) => n.kind === 'payout') as { components: { name: string }[] } | undefined)?.components.map((c) => c.name) ?? [];
  return [...new Set([...names(a), ...names(b)])];
}

function attribute(components: string[], ra: RepResult | undefined, rb: RepResult | undefined, sa: RepSide, sb: RepSide, changes: RuleChange[]): AttributionPart[] {
  // Lines no payout component names (a draw and its recovery) are parts of the change too, after the components.
  const all = [...new Set([...components, ...sa.components.keys(), ...sb.components.keys()])];
  return all.flatMap((component) => {
    const amount = (sb.components.get(component) ?? zero).minus(sa.components.get(component) ?? zero);
    if (amount.isZero()) return [];
    const causes = changes.filter((c) => c.components !== 'credit' && c.components.includes(component)).map((c) => `${c.rule}: ${c.what}`);
    return [{ component, amount, forfeitEffect: forfeitedOf(ra, component).minus(forfeitedOf(rb, component)), causes }];
  });
}

const fate = (d: DealResult): DealFate => (d.credited ? 'credited' : d.blockedCredit ? 'blocked' : 'not credited');

/**
 * Deals whose fate differs in the plan period: credited, blocked or not, and the red lines they trip.
 * A deal dated outside the plan period is credited under neither plan, so its red lines are left out
 * of the comparison (they change no one's pay).
 */
function dealDifferences(a: Evaluation, b: Evaluation, graph: RuleGraph): DealDifference[] {
  const plan = planPeriods('year', graph.playbook.planYear, graph.playbook.fiscalYearStartMonth)[0];
  const inPlan = (d: DealResult) => d.date !== null && parseDateText(d.date) >= plan.start && parseDateText(d.date) < plan.end;
  const inB = new Map(b.deals.map((d) => [d.id, d]));
  const seen = new Set<string>();
  const out: DealDifference[] = [];
  const entry = (d: DealResult | undefined) => (d ? { fate: fate(d), redlines: inPlan(d) ? [...d.redlines] : [] } : null);
  for (const da of a.deals) {
    seen.add(da.id);
    const db = inB.get(da.id);
    const x = entry(da);
    const y = entry(db);
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ id: da.id, rep: da.rep, amount: da.amount, a: x, b: y });
  }
  for (const db of b.deals) if (!seen.has(db.id)) out.push({ id: db.id, rep: db.rep, amount: db.amount, a: null, b: entry(db) });
  return out;
}

function redlineDifferences(a: Evaluation, b: Evaluation): RedLineDifference[] {
  const ids = [...new Set([...a.redlines, ...b.redlines].map((r) => r.id))];
  const pick = (e: Evaluation, id: string) => {
    const r = e.redlines.find((x) => x.id === id);
    return r ? { effect: r.effect, count: r.subject === 'deals' ? r.deals : r.reps.length, amount: r.amount } : null;
  };
  return ids
    .map((id) => ({ id, a: pick(a, id), b: pick(b, id) }))
    .filter((d) => !d.a || !d.b || d.a.effect !== d.b.effect || d.a.count !== d.b.count || !d.a.amount.eq(d.b.amount));
}

function forfeitDifferences(reps: string[], byA: Map<string, RepResult>, byB: Map<string, RepResult>): ForfeitDifference[] {
  const out: ForfeitDifference[] = [];
  for (const rep of reps) {
    const fa = byA.get(rep)?.forfeits ?? [];
    const fb = byB.get(rep)?.forfeits ?? [];
    for (const component of [...new Set([...fa, ...fb].map((f) => f.component))]) {
      const x = fa.find((f) => f.component === component);
      const y = fb.find((f) => f.component === component);
      if (x && y && x.amount.eq(y.amount) && x.rule === y.rule) continue;
      out.push({ rep, component, a: x ? { amount: x.amount, rule: x.rule } : null, b: y ? { amount: y.amount, rule: y.rule } : null });
    }
  }
  return out;
}

/**
 * Evaluates plan A and plan B over the CRM export in `dataDir` (each reads the
 * tables it declares) and compares them rep by rep.
 * @throws DataError (from the loader) for a missing file or column;
 * @throws BadRowsError when rows were rejected and `skipBadRows` is not set.
 */
export function compare(a: ComparePlan, b: ComparePlan, dataDir: string, options: CompareOptions = {}): Comparison {
  const run = (p: ComparePlan) => {
    const { dataset, input, rejectedRows } = loadData(p.graph, dataDir, { skipBadRows: options.skipBadRows ?? false });
    return { input, rejectedRows, evaluation: evaluate(p.graph, dataset.tables, { trace: true }), warnings: dataset.warnings };
  };
  const ra = run(a);
  const rb = run(b);
  return compareEvaluations({ ...a, ...ra }, { ...b, ...rb }, options);
}

/**
 * `warning` with every whole-word occurrence of a rep's name replaced by "a rep", for reports
 * that must name no one (`compare --min-group`). Longer names are replaced first, so "ann" does
 * not cut "anna"; a name is whole when no letter, digit or underscore touches it (any script).
 */
export function withoutNames(warning: string, names: readonly string[]): string {
  let out = warning;
  for (const name of [...names].filter((n) => n !== '').sort((x, y) => y.length - x.length)) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A placeholder first, so a rep called "rep" does not match the words put in for another.
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu'), '\u0000');
  }
  return out.replaceAll('\u0000', 'a rep');
}

/** A comparison that cannot be made as asked (plans in two currencies). */
export class CompareError extends Error {}

/** {@link compare} on plans already evaluated (the library's entry point when the caller loads the data). */
export function compareEvaluations(
  a: ComparePlan & { evaluation: Evaluation; input?: InputAccount[]; rejectedRows?: RejectedRowReport[]; warnings?: string[] },
  b: ComparePlan & { evaluation: Evaluation; input?: InputAccount[]; rejectedRows?: RejectedRowReport[]; warnings?: string[] },
  options: CompareOptions = {},
): Comparison {
  if (a.graph.playbook.currency !== b.graph.playbook.currency) {
    throw new CompareError(`plan A pays in ${a.graph.playbook.currency} and plan B in ${b.graph.playbook.currency}: the two cannot be compared amount for amount; write both plans in one currency`);
  }
  const threshold = options.threshold ?? { kind: 'amount', amount: zero };
  const changes = diffGraphs(a.graph, b.graph);
  const byA = new Map(a.evaluation.reps.map((r) => [r.rep, r]));
  const byB = new Map(b.evaluation.reps.map((r) => [r.rep, r]));
  const names = [...new Set([...byA.keys(), ...byB.keys()])];
  const components = componentNames(a.graph, b.graph);
  const reps = names.map((rep): RepComparison => {
    const sa = side(byA.get(rep));
    const sb = side(byB.get(rep));
    const difference = sb.payout.minus(sa.payout);
    return {
      rep,
      a: sa,
      b: sb,
      difference,
      percent: sa.payout.isZero() ? null : difference.div(sa.payout.abs()),
      verdict: verdictOf(sa.payout, difference, threshold),
      attribution: attribute(components, byA.get(rep), byB.get(rep), sa, sb, changes),
    };
  });
  const dist = (e: Evaluation) => distribution(e.reps.map((r) => r.payout), e.totals.credited);
  // With --min-group the report names no rep: the draw warning keeps its count, not its list.
  const anonymous = (w: string) => (options.minGroup != null && w.includes(DRAW_REPS_MARK) ? w.slice(0, w.indexOf(DRAW_REPS_MARK)) : w);
  const warnings = [...new Set([...(a.warnings ?? []), ...a.evaluation.warnings, ...(b.warnings ?? []), ...b.evaluation.warnings].map(anonymous))];
  const onlyA = names.filter((n) => !byB.has(n));
  const onlyB = names.filter((n) => !byA.has(n));
  // With --min-group the report names no rep: the lists become counts, and any other warning
  // that names a rep (a rep named as their own manager, say) has the name taken out.
  const listed = (reps: string[]) => (options.minGroup != null ? '' : `: ${reps.join(', ')}`);
  if (onlyA.length > 0) warnings.push(`${onlyA.length} rep(s) only plan A pays (B counts them as paid nothing)${listed(onlyA)}`);
  if (onlyB.length > 0) warnings.push(`${onlyB.length} rep(s) only plan B pays (A counts them as paid nothing)${listed(onlyB)}`);
  if (options.minGroup != null) for (let i = 0; i < warnings.length; i++) warnings[i] = withoutNames(warnings[i], names);
  if (a.graph.playbook.currency !== b.graph.playbook.currency) warnings.push(`the plans pay in different currencies (${a.graph.playbook.currency}, ${b.graph.playbook.currency}): differences mix them`);
  const plan = (p: typeof a) => ({ graph: p.graph, file: p.file, name: p.graph.playbook.name, input: p.input ?? [], rejectedRows: p.rejectedRows ?? [] });
  return {
    a: plan(a),
    b: plan(b),
    currency: b.graph.playbook.currency,
    minorDigits: Math.max(a.graph.playbook.minorDigits, b.graph.playbook.minorDigits),
    threshold,
    changes,
    reps,
    totals: { a: dist(a.evaluation), b: dist(b.evaluation), difference: b.evaluation.totals.payout.minus(a.evaluation.totals.payout) },
    groups: groupReps(reps, options.minGroup ?? null),
    minGroup: options.minGroup ?? null,
    deals: dealDifferences(a.evaluation, b.evaluation, a.graph),
    redlines: redlineDifferences(a.evaluation, b.evaluation),
    forfeits: forfeitDifferences(names, byA, byB),
    warnings,
  };
}
