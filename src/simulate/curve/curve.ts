/**
 * `curve`: what a rep's commission tables pay as a function of the credited
 * amount, against the rep's real quotas — every band edge marked, every cliff
 * (a retroactive table re-pricing the whole amount at an edge) with its jump,
 * and the marginal rate (what the next unit of credit earns) at each point.
 * Amounts are exact `Decimal`s in the playbook currency; each line is rounded
 * by the playbook's rule, as a statement would be.
 */
import type { GraphNode, RuleGraph } from '../../graph/nodes.js';
import { commissionAmounts, resolveBands } from '../../runtime/commission.js';
import { Decimal } from '../../runtime/decimal.js';
import { evaluate } from '../../runtime/evaluate.js';
import { groupedText, percentText, roundTo } from '../../runtime/money.js';
import type { ResolvedBand } from '../../runtime/tiers.js';
import type { TableLike } from '../../runtime/values.js';
import { ExplainRequestError, resolve } from '../explain/index.js';

type CommissionNode = Extract<GraphNode, { kind: 'commission' }>;

/** One point of the curve. */
export interface CurvePoint {
  credited: Decimal;
  /** Quota name → credited ÷ the rep's annual quota. */
  attainment: { quota: string; ratio: Decimal }[];
  /** Σ the tables' rounded lines at this credited amount. */
  payout: Decimal;
  /** Σ the rates at which the next unit of credit is paid (the band it falls in, per table). */
  marginalRate: Decimal;
  /** Why the point is on the curve: `band edge: commission from 250,000 pays 4%`, `cliff: +5,000.00`, `today`. */
  marks: string[];
}

export interface Curve {
  playbook: string;
  currency: string;
  minorDigits: number;
  rep: string;
  /** What the rep was credited in the plan period, and what the tables paid on it. */
  credited: Decimal;
  quotas: { quota: string; amount: Decimal }[];
  /** The tables drawn: each with its method and its bands resolved against the rep's quotas. */
  tables: { name: string; method: 'marginal' | 'retroactive'; bands: ResolvedBand[]; missingQuotas: string[] }[];
  points: CurvePoint[];
  /** Tables left out (paid per quarter or month: one curve per year would mislead). */
  notDrawn: string[];
  /**
   * Drawn tables with plan versions: the curve draws the first version only, while the rep was
   * paid each deal under the version in force on its credit date. `drawn` names the version
   * (`from 2026-01-01 until 2026-06-30`); `paid` is what the table really paid the rep (currency).
   */
  versioned: { name: string; versions: number; drawn: string; paid: Decimal }[];
  /**
   * The limits of a `pay … in stages` section on the drawn tables (docs/language.md §12c):
   * `capPerYear` — a cap per year, drawn: each component in `capped` (the table's line, its excess
   * line) pays at most that a year, each on its own (§12c); `notDrawn` — caps per
   * deal, month or quarter and minimums per deal, which depend on each deal or period and are not.
   */
  limits: { name: string; capPerYear: Decimal | null; capped: string[]; notDrawn: string[] }[];
}

/** The rep's annual quotas and credited amount from a full evaluation. */
function repFacts(graph: RuleGraph, tables: Map<string, TableLike>, wanted: string) {
  const repTable = tables.get(graph.roles.reps.table);
  if (!repTable) throw new ExplainRequestError(`the reps table ${graph.roles.reps.table} was not loaded`);
  const keyIndex = repTable.schema.fields.findIndex((f) => f.name === graph.roles.reps.key);
  const row = repTable.rows[resolve(repTable, wanted, 'rep', keyIndex)];
  const key = String(row.values[keyIndex]);
  const rep = evaluate(graph, tables).reps.find((r) => r.rep === key)!;
  return { key, credited: rep.credited, quotas: rep.quotas, lines: rep.lines };
}

/** A drawn table: its node, its bands resolved for the rep, and the cap per year on each of its components paid in stages. */
interface DrawnTable {
  node: CommissionNode;
  bands: ResolvedBand[];
  caps: Map<string, Decimal>;
}

/** What one component of a table pays at `credited`, rounded as its line is, before any cap. */
function componentPayAt(graph: RuleGraph, t: DrawnTable, credited: Decimal, component: string): Decimal {
  const { step, mode } = graph.playbook.rounding;
  const line = commissionAmounts(t.node, credited, t.bands, graph.playbook.minorDigits).lines.find((l) => l.component === component);
  return line ? roundTo(line.amount, step, mode) : new Decimal(0);
}

/** What one table pays, rounded per line, at `credited`, each line up to its component's cap per year. */
function tablePayAt(graph: RuleGraph, t: DrawnTable, credited: Decimal): Decimal {
  const { step, mode } = graph.playbook.rounding;
  return commissionAmounts(t.node, credited, t.bands, graph.playbook.minorDigits).lines.reduce((x, l) => {
    const pay = roundTo(l.amount, step, mode);
    const cap = t.caps.get(l.component);
    return x.plus(cap === undefined ? pay : Decimal.min(pay, cap));
  }, new Decimal(0));
}

/** What the tables pay, rounded per line (each up to its cap per year), at `credited`. */
function payAt(graph: RuleGraph, drawn: DrawnTable[], credited: Decimal): Decimal {
  return drawn.reduce((s, t) => s.plus(tablePayAt(graph, t, credited)), new Decimal(0));
}

/** The rate the next unit above `credited` adds to one component of a table: its band's rate, split at the base rate when the table reports its excess. */
function componentRate(t: DrawnTable, credited: Decimal, component: string): Decimal {
  const rate = rateAbove(t.bands, credited);
  if (t.node.excessName === null || t.node.baseRate === null) return rate;
  const base = new Decimal(t.node.baseRate);
  return component === t.node.name ? Decimal.min(rate, base) : Decimal.max(rate.minus(base), 0);
}

/** The components of a table: its line, and its excess line when it reports one. */
const componentsOf = (node: CommissionNode): string[] => (node.excessName !== null && node.baseRate !== null ? [node.name, node.excessName] : [node.name]);

/** The limits a `pay … in stages` section puts on commission table `node` (money in the playbook currency). */
function limitsOf(graph: RuleGraph, node: CommissionNode, money: (d: Decimal) => string): { capPerYear: Decimal | null; capped: string[]; notDrawn: string[] } {
  const stages = graph.nodes.find((n): n is Extract<GraphNode, { kind: 'stages' }> => n.kind === 'stages' && n.components.some((c) => c.node === node.id));
  const limits = stages?.limits;
  if (!stages || !limits) return { capPerYear: null, capped: [], notDrawn: [] };
  const notDrawn: string[] = [];
  if (limits.capPerDeal !== null) notDrawn.push(`cap ${money(new Decimal(limits.capPerDeal))} per deal`);
  if (limits.capPerPeriod !== null && limits.capPerPeriod.period !== 'year') notDrawn.push(`cap ${money(new Decimal(limits.capPerPeriod.amount))} per ${limits.capPerPeriod.period}`);
  if (limits.minimumPerDeal !== null) notDrawn.push(`minimum ${money(new Decimal(limits.minimumPerDeal))} per deal`);
  const perYear = limits.capPerPeriod?.period === 'year' ? new Decimal(limits.capPerPeriod.amount) : null;
  const capped = perYear === null ? [] : stages.components.filter((c) => c.node === node.id).map((c) => c.name);
  return { capPerYear: perYear, capped, notDrawn };
}

/**
 * The rate the next unit of credit above `credited` is paid at in one table: its band's rate
 * (marginal, and retroactive while the unit stays in the band; the jump at a retroactive
 * table's edge is a cliff, reported on its own).
 */
function rateAbove(bands: ResolvedBand[], credited: Decimal): Decimal {
  const sorted = [...bands].sort((x, y) => x.from.comparedTo(y.from));
  const band = [...sorted].reverse().find((b) => credited.gte(b.from)) ?? (sorted[0]?.from.lte(0) ? sorted[0] : undefined);
  return band ? band.rate : new Decimal(0);
}

/** An amount as the playbook writes it: `250,000`, `1,234.5`. */
export const plain = (d: Decimal): string => groupedText(d, Math.max(0, d.decimalPlaces()));

/**
 * An attainment ratio (0.9999999 = 99.99999%) as a percent to one decimal, rounded toward zero:
 * the point one cent below a retroactive band's edge reads 99.9%, never 100.0% (rounding half-up
 * would show the rep as on target where the cliff says they are not).
 */
export const attainmentText = (ratio: Decimal): string => `${ratio.mul(100).toFixed(1, Decimal.ROUND_DOWN)}%`;

/**
 * The payout curve of `rep` (key or name) under the commission tables of `graph` over `tables`.
 * Points: 0, each band edge (and, for a retroactive table, one minor unit below it, to show the
 * cliff), the rep's credited amount, and even steps up to 1.5 × the highest edge or the rep's
 * credited amount, whichever is higher.
 * @throws ExplainRequestError for an unknown rep, or a playbook without a commission table paid per year.
 */
export function payoutCurve(graph: RuleGraph, tables: Map<string, TableLike>, rep: string, steps = 10): Curve {
  const facts = repFacts(graph, tables, rep);
  const nodes = graph.nodes.filter((n): n is CommissionNode => n.kind === 'commission');
  if (nodes.length === 0) throw new ExplainRequestError('the playbook has no commission table, so there is no payout curve to draw');
  const yearly = nodes.filter((n) => n.period === 'year');
  if (yearly.length === 0) {
    // A table of zeros, with the reason in a last line, read as a plan that pays nothing (found by a trial user).
    const which = nodes.length === 1 ? `its commission table, "${nodes[0].name}", is paid per ${nodes[0].period}` : `its commission tables are paid per period (${nodes.map((n) => `"${n.name}" per ${n.period}`).join(', ')})`;
    throw new ExplainRequestError(
      `there is no payout curve to draw: the curve shows commission tables paid per year, and ${which}, where a yearly curve would mislead; playbook explain with --rep shows what each period paid`,
    );
  }
  const money = (d: Decimal) => groupedText(d, graph.playbook.minorDigits);
  const limited = new Map(yearly.map((node) => [node.id, limitsOf(graph, node, money)]));
  const drawn: (DrawnTable & { missingQuotas: string[] })[] = yearly.map((node) => {
    const l = limited.get(node.id)!;
    return { node, ...resolveBands(node, facts.quotas), caps: new Map(l.capped.map((c) => [c, l.capPerYear!])) };
  });
  const unit = new Decimal(1).div(new Decimal(10).pow(graph.playbook.minorDigits));
  const edges = drawn.flatMap((t) => t.bands.filter((b) => b.from.gt(0)).map((b) => ({ t, b })));
  const top = Decimal.max(facts.credited, ...edges.map((e) => e.b.from), 1).mul('1.5');
  const stepSize = top.div(steps).toDecimalPlaces(0, Decimal.ROUND_UP);
  const xs = new Map<string, { x: Decimal; marks: string[] }>();
  const add = (x: Decimal, mark?: string) => {
    const entry = xs.get(x.toFixed()) ?? { x, marks: [] };
    if (mark) entry.marks.push(mark);
    xs.set(x.toFixed(), entry);
  };
  for (let i = 0; i <= steps; i++) add(stepSize.mul(i));
  add(facts.credited, 'the rep today');
  for (const { t, b } of edges) {
    const before = payAt(graph, drawn, b.from.minus(unit));
    const at = payAt(graph, drawn, b.from);
    // Beyond what the rate below the edge pays on one unit, rounding moves a line by at most one
    // unit; anything more is the whole amount re-priced: a cliff.
    const jump = at.minus(before).minus(rateAbove(t.bands, b.from.minus(unit)).mul(unit));
    add(b.from, `edge: ${drawn.length > 1 ? `${t.node.name} ` : ''}from ${plain(b.from)} pays ${percentText(b.rate)}`);
    // A cliff either way: a retroactive band paying a lower rate than the one below it drops the
    // payout on everything (found by a trial user: only rises were marked).
    if (t.node.method === 'retroactive' && jump.abs().gt(unit.mul(2))) {
      add(b.from.minus(unit));
      const change = at.minus(before);
      xs.get(b.from.toFixed())!.marks.push(change.isNegative() ? `cliff: ${groupedText(change, graph.playbook.minorDigits)} for ${plain(unit)} more (the payout falls)` : `cliff: +${groupedText(change, graph.playbook.minorDigits)} for ${plain(unit)} more`);
    }
  }
  // Where a cap per year is reached: the first unit at which the table pays its cap (pay only rises
  // with credit up to it on a marginal table; on a retroactive one the first point at or above it).
  for (const t of drawn) {
    for (const [component, cap] of t.caps) {
      const reached = capReachedAt((x) => componentPayAt(graph, t, x, component), cap, t, top, unit);
      if (reached !== null) add(reached, `capped: ${drawn.length > 1 || t.caps.size > 1 || componentsOf(t.node).length > 1 ? `${component} ` : ''}pays at most ${money(cap)} a year from here`);
    }
  }
  const points = [...xs.values()]
    .sort((p, q) => p.x.comparedTo(q.x))
    .map(({ x, marks }) => ({
      credited: x,
      attainment: [...facts.quotas].filter(([, q]) => !q.isZero()).map(([quota, q]) => ({ quota, ratio: x.div(q) })),
      payout: payAt(graph, drawn, x),
      marginalRate: drawn.reduce((s, t) => componentsOf(t.node).reduce((r, component) => {
        const cap = t.caps.get(component);
        return cap !== undefined && componentPayAt(graph, t, x, component).gte(cap) ? r : r.plus(componentRate(t, x, component));
      }, s), new Decimal(0)),
      marks,
    }));
  return {
    playbook: graph.playbook.name,
    currency: graph.playbook.currency,
    minorDigits: graph.playbook.minorDigits,
    rep: facts.key,
    credited: facts.credited,
    quotas: [...facts.quotas].map(([quota, amount]) => ({ quota, amount })),
    tables: drawn.map((t) => ({ name: t.node.name, method: t.node.method, bands: t.bands, missingQuotas: t.missingQuotas })),
    points,
    notDrawn: nodes.filter((n) => n.period !== 'year').map((n) => `${n.name} (paid per ${n.period})`),
    limits: yearly.map((n) => ({ name: n.name, ...limited.get(n.id)! })).filter((l) => l.capped.length > 0 || l.notDrawn.length > 0),
    versioned: yearly
      .filter((n) => (n.versions?.length ?? 0) > 1)
      .map((n) => {
        const first = n.versions![0];
        return {
          name: n.name,
          versions: n.versions!.length,
          drawn: `from ${first.from}${first.until === null ? '' : ` until ${first.until}`}`,
          paid: facts.lines.filter((l) => l.node === n.id).reduce((sum, l) => sum.plus(l.amount), new Decimal(0)),
        };
      }),
  };
}

/**
 * The smallest credited amount (in whole minor units, up to `limit`) at which `pay` reaches `cap`,
 * by bisection; null when it never does there, or when the table can pay less for more (a
 * retroactive band at a lower rate): the cap may then be reached, left and reached again, and the
 * curve's points show where rather than one mark.
 */
function capReachedAt(pay: (x: Decimal) => Decimal, cap: Decimal, t: DrawnTable, limit: Decimal, unit: Decimal): Decimal | null {
  const sorted = [...t.bands].sort((x, y) => x.from.comparedTo(y.from));
  if (t.node.method === 'retroactive' && sorted.some((b, k) => k > 0 && b.rate.lt(sorted[k - 1].rate))) return null;
  const reaches = (x: Decimal) => pay(x).gte(cap);
  if (!reaches(limit)) return null;
  let lo = new Decimal(0);
  let hi = limit.div(unit).toDecimalPlaces(0, Decimal.ROUND_UP);
  if (reaches(lo)) return lo;
  while (hi.minus(lo).gt(1)) {
    const mid = lo.plus(hi).div(2).floor();
    if (reaches(mid.mul(unit))) hi = mid;
    else lo = mid;
  }
  return hi.mul(unit);
}
