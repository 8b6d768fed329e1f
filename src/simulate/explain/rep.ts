/**
 * `explain --rep`: a rep's payout as a tree down to source rows — each payout
 * line with its formula, the tier bands with the credited amount falling in
 * each and what each band paid, the rounding, the deals behind the credit with
 * their `file:line`, bonuses per deal, ranking periods, forfeits and what they
 * removed, and the credit red lines blocked.
 */
import { ADJUSTMENT_TITLES, isAdjustment } from '../../runtime/stages/adjustments.js';
import type { GraphNode } from '../../graph/nodes.js';
import type { NodeOf } from '../../runtime/context.js';
import { Decimal } from '../../runtime/decimal.js';
import type { GraphRun } from '../../runtime/engine.js';
import { percentText } from '../../runtime/money.js';
import type { Period } from '../../runtime/periods.js';
import type { PayoutLine, RepResult } from '../../runtime/result.js';
import { stagesChild, statementChild } from './stages.js';
import { ALL_COMPONENTS, type ExplainNode, node } from './tree.js';
import { messageFor } from '../../runtime/redline-messages.js';

export interface RepFilter {
  /** Only lines (and forfeits) of this component. */
  component?: string;
  /**
   * Only what belongs to this period of the plan (`2017`, `2017-Q1`, `2017-03`): lines whose own
   * period lies inside it, blocked deals dated in it, review flags for it, and forfeits when it
   * is the whole plan period (a forfeit is for the year). Lines for a longer period that contains
   * it are listed as context.
   */
  period?: Period;
}

function ruleOf(n: GraphNode): ExplainNode['rule'] {
  return { file: n.source.file, line: n.source.line, name: n.source.name };
}

function dealRow(g: GraphRun, i: number): ExplainNode['row'] {
  return { file: g.run.deals.table.schema.file, line: g.run.deals.rows[i].line };
}

function roundingChild(g: GraphRun, line: PayoutLine, parts: Decimal): ExplainNode[] {
  const diff = line.amount.minus(parts);
  if (diff.isZero()) return [];
  const r = g.run.graph.playbook.rounding;
  return [node(`rounding (${r.mode} to ${r.step} per payout line)`, diff, true, { formula: `${parts.toFixed()} → ${line.amount.toFixed()}` })];
}

/** The bands of a commission (or accelerator) line: each band's share of the line. */
function bandChildren(g: GraphRun, line: PayoutLine, n: NodeOf<'commission'>): ExplainNode[] {
  const t = line.trace!;
  const tableBase = n.baseRate === null || n.excessName === null ? null : new Decimal(n.baseRate);
  const money = g.run.money;
  const out: ExplainNode[] = [];
  for (const b of t.bands ?? []) {
    if (b.basis.isZero()) continue;
    // A table with plan versions: each band part names its version and is split at that version's base rate.
    const base = b.version === undefined ? tableBase : n.excessName === null ? null : (b.baseRate ?? null);
    const version = b.version === undefined ? '' : `version ${b.version}: `;
    // A split table pays the base rate (or less) on the base line and the rest on the excess line.
    const rate = base === null ? b.rate : line.kind === 'accelerator' ? b.rate.minus(Decimal.min(b.rate, base)) : Decimal.min(b.rate, base);
    if (rate.isZero() && line.kind === 'accelerator') continue;
    const range = `${money(b.from)}${b.to === null ? ' and above' : ` to ${money(b.to)}`}`;
    const shown = base !== null && line.kind === 'accelerator' ? `(${percentText(b.rate)} − ${percentText(Decimal.min(b.rate, base))} base)` : percentText(rate);
    const retro = t.method === 'retroactive' ? ' (retroactive: the reached band’s rate on the whole amount)' : '';
    out.push(node(`${version}band ${range} at ${base !== null && line.kind === 'accelerator' ? `${percentText(b.rate)}, above the base rate` : percentText(rate)}`, b.basis.mul(rate), true, { formula: `${shown} × ${money(b.basis)} credited in the band${retro}` }));
  }
  return out;
}

function creditedChild(g: GraphRun, line: PayoutLine): ExplainNode[] {
  const deals = line.trace?.deals ?? [];
  if (deals.length === 0) return [];
  const total = deals.reduce((s, d) => s.plus(d.amount), new Decimal(0));
  const when = line.trace?.toDate ? line.trace.toDate.range : line.period;
  const info = node(`credited in ${when}: ${deals.length} deal${deals.length === 1 ? '' : 's'}`, total, false);
  info.children = deals.map((d) => node(`deal ${g.run.deals.id(d.deal)}`, d.amount, true, { row: dealRow(g, d.deal) }));
  return [info];
}

/** A line's name: its component, and for an adjustment (caps, top-ups, reversals) what it is (`orders: clawed back`). */
function titleOf(line: PayoutLine): string {
  return isAdjustment(line.kind) ? `${line.component}: ${ADJUSTMENT_TITLES[line.kind]}` : line.component;
}

function lineNode(g: GraphRun, line: PayoutLine, rep: string): ExplainNode {
  const n = g.run.graph.nodes.find((m) => m.id === line.node)!;
  const out = node(`${titleOf(line)} (${line.period})`, line.amount, true, { formula: line.explain, rule: ruleOf(n) });
  const t = line.trace;
  if (!t) return out;
  if (n.kind === 'commission') {
    const bands = bandChildren(g, line, n);
    const parts = bands.reduce((s, b) => s.plus(b.amount!), new Decimal(0));
    // A to-date line is the to-date commission (the bands) less what earlier periods paid.
    const before = t.toDate && !t.toDate.paidBefore.isZero() ? [node(`paid for earlier ${t.toDate.payUnit}s`, t.toDate.paidBefore.neg(), true)] : [];
    const net = t.toDate ? parts.minus(t.toDate.paidBefore) : parts;
    out.children = [...bands, ...before, ...roundingChild(g, line, net), ...creditedChild(g, line), ...stagesChild(g, rep, line)];
  } else if (n.kind === 'bonus' && n.scope === 'deal') {
    out.children = (t.deals ?? []).map((d) => node(`deal ${g.run.deals.id(d.deal)}`, d.amount, true, { row: dealRow(g, d.deal), formula: `rounded per deal` }));
  } else if (n.kind === 'bonus') {
    // An instalment is a part of the year's amount: its condition (if any) was judged on the year, not the month.
    const label = n.instalments ? (n.condition ? `condition met in ${g.run.plan.key}; this month's part of the year's amount` : `part of the year's amount (no condition)`) : `condition met in ${line.period}`;
    out.children = [node(n.instalments === 'quarter' ? label.replace("this month's", "this quarter's") : label, t.unrounded, true), ...roundingChild(g, line, t.unrounded)];
  } else if (n.kind === 'ranking') {
    const ranks = (t.ranks ?? []).map((r) => node(`${r.period}: rank ${r.rank} of ${r.of}`, r.reward, true));
    out.children = [...ranks, ...roundingChild(g, line, t.unrounded)];
  }
  return out;
}

/** The plan's period with this key (year, quarter or month), if any. */
function periodOf(g: GraphRun, key: string): Period | undefined {
  return [g.run.plan, ...g.run.periods('quarter'), ...g.run.periods('month')].find((p) => p.key === key);
}

const inside = (p: Period | undefined, outer: Period) => p !== undefined && p.start >= outer.start && p.end <= outer.end;

/** The explanation tree of one rep's statement (`rep` as evaluated with traces on). */
export function repTree(g: GraphRun, rep: RepResult, filter: RepFilter = {}): ExplainNode {
  const period = filter.period;
  const ofComponent = (c: string) => filter.component === undefined || c === filter.component;
  const mine = rep.lines.filter((l) => ofComponent(l.component));
  const lines = mine.filter((l) => period === undefined || inside(periodOf(g, l.period), period)).map((l) => lineNode(g, l, rep.rep));
  // A line for a longer period (the year's commission, when a month is asked for) cannot be cut: shown as context.
  const longer = period === undefined ? [] : mine.filter((l) => !inside(periodOf(g, l.period), period) && inside(period, periodOf(g, l.period) ?? g.run.plan));
  // A ranking line adds up rewards per ranking period: the rewards of periods inside the one asked for are its part.
  const rankParts = longer.flatMap((l) => {
    const ranks = (l.trace?.ranks ?? []).filter((r) => inside(periodOf(g, r.period), period!));
    if (ranks.length === 0) return [];
    const n = g.run.graph.nodes.find((m) => m.id === l.node)!;
    const part = node(`${l.component}: rewards in ${period!.key}`, ranks.reduce((sum, r) => sum.plus(r.reward), new Decimal(0)), true, { formula: `part of the ${l.period} line: ${l.explain}`, rule: ruleOf(n) });
    part.children = ranks.map((r) => node(`${r.period}: rank ${r.rank} of ${r.of}`, r.reward, true));
    return [part];
  });
  const split = new Set(rankParts.map((p) => p.label.split(':')[0]));
  const context = longer
    .filter((l) => !split.has(l.component))
    .map((l) => node(`${titleOf(l)} (${l.period}) is paid for the whole ${l.period}, not per ${period!.key}`, l.amount, false, { formula: l.explain }));
  const forfeits = rep.forfeits
    .filter((f) => ofComponent(f.component) && (period === undefined || period.key === rep.period))
    .map((f) => {
      const rule = g.run.graph.nodes.find((n) => n.kind === 'redline' && n.redline === f.rule);
      return node(`forfeited: ${f.component} (${f.rule})`, f.amount.neg(), true, { formula: f.reason, ...(rule ? { rule: ruleOf(rule) } : {}) });
    });
  const whole = filter.component === undefined && filter.period === undefined;
  const parts = [...lines, ...rankParts, ...forfeits];
  const amount = whole ? rep.payout : parts.reduce((s, c) => s.plus(c.amount!), new Decimal(0));
  const what = whole ? `payout of ${rep.rep} for ${rep.period}` : `${filter.component ?? ALL_COMPONENTS} of ${rep.rep}${period ? ` in ${period.key}` : ` for ${rep.period}`}`;
  const adjusted = parts.length > 0 && rep.lines.some((l) => isAdjustment(l.kind));
  const root = node(what, amount, true, { formula: adjusted ? 'the payout lines, after caps, top-ups and reversals, less the forfeits' : 'the payout lines less the forfeits' });
  const reviews = rep.reviews.filter((r) => period === undefined || inside(periodOf(g, r.period), period));
  const statement = period && period.months.length === 1 ? statementChild(g, rep.rep, period.key) : [];
  root.children = [...parts, ...context, ...statement, ...drawYearEndChild(g, rep, filter), ...drawNotInPostChild(g, rep, filter, period), ...blockedChild(g, rep, period), ...reviews.map((r) => node(`flagged for review: ${r.rule} (${r.period})`, null, false, { formula: r.reason }))];
  return root;
}

/**
 * A recoverable draw's balance at year end, as context (it pays nothing): written off, or carried
 * over and still owed. Shown when the whole plan period (or the draw lines) is explained.
 */
function drawYearEndChild(g: GraphRun, rep: RepResult, filter: RepFilter): ExplainNode[] {
  const d = rep.draw;
  if (!d || d.yearEnd === null || filter.period !== undefined || (filter.component !== undefined && !filter.component.startsWith('draw'))) return [];
  const owed = d.yearEnd === 'write off' ? d.writtenOff : d.carriedOver;
  const n = g.run.graph.nodes.find((m) => m.kind === 'draw')!;
  const label = d.yearEnd === 'write off' ? 'draw balance written off at year end' : 'draw balance carried over: still owed after the plan period';
  return [node(label, owed, false, { formula: `${d.periods.map((p) => `${p.period} ${g.run.money(p.balance)}`).join(', ')} owed at each period's end`, rule: ruleOf(n) })];
}

/**
 * A joiner's draw periods before the start date (docs/language.md §9a): no draw is advanced while
 * the rep is not in post, as context (it pays nothing), as simulate's draw table says.
 */
function drawNotInPostChild(g: GraphRun, rep: RepResult, filter: RepFilter, period: Period | undefined): ExplainNode[] {
  const d = rep.draw;
  if (!d || d.notInPost.length === 0 || (filter.component !== undefined && !filter.component.startsWith('draw'))) return [];
  const periods = d.notInPost.filter((key) => period === undefined || inside(periodOf(g, key), period));
  if (periods.length === 0) return [];
  const n = g.run.graph.nodes.find((m) => m.kind === 'draw')!;
  return [node(`no draw before the start date ${d.startDate}`, null, false, { formula: `${periods.join(', ')}: ${rep.rep} was not yet in post, so no draw was advanced (the start date of the quota's proration)`, rule: ruleOf(n) })];
}

function blockedChild(g: GraphRun, rep: RepResult, period: Period | undefined): ExplainNode[] {
  const r = g.run.reps.indexByKey.get(rep.rep);
  const credit = g.results.get('credit') as { blockedCredit: Uint8Array; amounts: (Decimal | null)[] };
  const dated = (i: number) => {
    const d = g.run.deals.rows[i].values[g.run.deals.date];
    return period === undefined || (typeof d === 'number' && d >= period.start && d < period.end);
  };
  const blocked = r === undefined ? [] : g.run.reps.deals[r].filter((i) => credit.blockedCredit[i] && dated(i));
  if (blocked.length === 0) return [];
  const total = blocked.reduce((s, i) => s.plus(credit.amounts[i]!), new Decimal(0));
  const info = node(`credit blocked by red lines: ${blocked.length} deal${blocked.length === 1 ? '' : 's'}`, total, false);
  const lines = g.run.graph.nodes.filter((n): n is NodeOf<'redline'> => n.kind === 'redline' && n.effect === 'block');
  info.children = blocked.map((i) => {
    const why = lines.filter((n) => (g.results.get(n.id) as { deals: number[] }).deals.includes(i));
    return node(`deal ${g.run.deals.id(i)}`, credit.amounts[i], true, { row: dealRow(g, i), formula: why.map((n) => `${n.redline}: ${messageFor(n, [g.run.deals.rows[i].values[g.run.deals.date] as number | null], g.run.plan)}`).join('; ') });
  });
  return [info];
}
