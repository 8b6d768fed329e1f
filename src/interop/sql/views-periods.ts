/**
 * SQL for what rules read per rep and period: the credited amount per period (runtime/nodes/credit.ts
 * creditedIn), quotas split into fiscal months and summed per period (runtime/nodes/quota.ts), and a
 * rep's row per period with both as columns (the scope of bonuses and red lines on reps).
 */
import type { TExpr } from '../../graph/ir.js';
import { walkExpr } from '../../graph/walk.js';
import type { NodeOf } from '../../runtime/context.js';
import { planPeriods } from '../../runtime/periods.js';
import type { SqlBuild } from './build.js';
import { scaleOf } from './dialect.js';
import { cmpText } from './decimal-text.js';
import { sqlExpr } from './sql-expr.js';

/** Credited amount per rep and period of `unit` (runtime/nodes/credit.ts creditedIn): rep, rep_key, period, ord, credited, n_credited. */
export function creditedPerPeriod(sb: SqlBuild, unit: 'year' | 'quarter' | 'month'): string {
  const { d, q, repKey } = sb;
  const p = sb.periodsOf(unit);
  return `SELECT r.${q('_pb_row')} AS rep, r.${repKey} AS rep_key, p.period, p.ord,\n  CAST(COALESCE(SUM(CASE WHEN d.${q('_pb_credited')} THEN d.${q('_pb_amount')} END), 0) AS ${d.decimal(sb.amountScale())}) AS credited,\n  COUNT(CASE WHEN d.${q('_pb_credited')} THEN 1 END) AS n_credited\nFROM ${sb.rel(sb.repsT)} r CROSS JOIN ${p} p\nLEFT JOIN ${sb.rel(sb.dealsT)} d ON d.${q('_pb_rep')} = r.${q('_pb_row')} AND ${sb.dateCol('d')} >= p.p_start AND ${sb.dateCol('d')} < p.p_end\nGROUP BY r.${q('_pb_row')}, r.${repKey}, p.period, p.ord`;
}

/**
 * runtime/nodes/quota.ts: each rep's annual amount split into the twelve fiscal months (evenly, or
 * by the weights), each part rounded half-up to the currency's minor unit, no part going past what
 * is left of the whole, the last month taking the rest (runtime/money.ts splitExact). The JavaScript
 * engine multiplies by 1/12 to 40 digits and snaps to 20 places before rounding, which is the exact
 * quotient's rounding; the SQL rounds the exact quotient (dialect.divideRound).
 * Returns the view (rep, month: fiscal month 0–11, part).
 */
export function quotaView(sb: SqlBuild, node: NodeOf<'quota'>): string {
  const { d, q } = sb;
  if (node.prorate) throw sb.refusal(node, 'a quota prorated for reps who join during the year');
  const weights = node.split.kind === 'weights' ? node.split.weights : null;
  if (weights?.some((w) => cmpText(w, '0') < 0)) throw sb.refusal(node, 'a quota split by negative weights');
  const scope = sb.scopeFor(node, sb.repsT);
  const whole = sqlExpr(node.amount, scope);
  const digits = sb.graph.playbook.minorDigits;
  const minor = digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`;
  const qs = Math.max(whole.scale, digits);
  sb.quotaScales.set(node.name, qs);
  const ws = weights ? Math.max(0, ...weights.map(scaleOf)) : 0;
  const months = sb.add(`quota_${node.name}_months`, null, `SELECT * FROM ${d.inlineTable(['month', 'weight'], Array.from({ length: 12 }, (_, i) => [String(i), `CAST('${weights ? weights[i] : '0'}' AS ${d.decimal(ws)})`]))}`);
  const wholeCol = `CAST(x.whole AS ${d.decimal(whole.scale)})`;
  const part = weights ? d.roundToStep(`${wholeCol} * w.weight`, whole.scale + ws, minor, 'half-up') : d.divideRound(wholeCol, whole.scale, 12, minor, 'half-up')!;
  const rounded = `CAST(${part} AS ${d.decimal(qs)})`;
  const dq = d.decimal(qs);
  return sb.add(
    `quota_${node.name}`,
    node,
    `SELECT s.rep, s.month, CAST(s.capped - COALESCE(LAG(s.capped) OVER (PARTITION BY s.rep ORDER BY s.month), 0) AS ${dq}) AS part, s.written FROM (\n` +
      `SELECT c.rep, c.month, CAST(CASE WHEN c.month = 11 THEN c.whole WHEN c.whole < 0 THEN GREATEST(c.cum, c.whole) ELSE LEAST(c.cum, c.whole) END AS ${dq}) AS capped, c.written FROM (\n` +
      `SELECT x.rep, w.month, CAST(x.whole AS ${dq}) AS whole, SUM(${rounded}) OVER (PARTITION BY x.rep ORDER BY w.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum, x.written\n` +
      // A quota below zero has no parts (runtime/nodes/quota.ts leaves it out, with a warning that shows `written`).
      `FROM (SELECT y.rep, CASE WHEN y.written < 0 THEN NULL ELSE y.written END AS whole, y.written FROM (SELECT t.${q('_pb_row')} AS rep, ${whole.sql} AS written FROM ${sb.from(scope, sb.rel(sb.repsT))} t) y) x CROSS JOIN ${months} w) c) s`,
  );
}

/** Each rep's quota `name` per period of `unit` (rep, ord, quota): the sum of the period's months, NULL when the rep has none. */
export function quotaPer(sb: SqlBuild, name: string, unit: 'year' | 'quarter' | 'month'): string {
  let map = sb.monthMaps.get(unit);
  if (!map) {
    const list = planPeriods(unit, sb.graph.playbook.planYear, sb.graph.playbook.fiscalYearStartMonth);
    map = sb.add(`fiscal_months_${unit}`, null, `SELECT * FROM ${sb.d.inlineTable(['month', 'ord'], list.flatMap((p, i) => p.months.map((m) => [String(m), String(i)])))}`);
    sb.monthMaps.set(unit, map);
  }
  return `SELECT m.rep, p.ord, SUM(m.part) AS quota FROM ${sb.results.quotas.get(`quota:${name}`)} m JOIN ${map} p ON p.month = m.month GROUP BY m.rep, p.ord`;
}

/** Every rep's row for each period of `unit`, with the period's credited amount and the quotas `exprs` name as columns (the scope of a rep's period). */
export function repPeriodRows(sb: SqlBuild, unit: 'year' | 'quarter' | 'month', exprs: TExpr[]): string {
  const q = sb.q;
  const names = [...new Set(exprs.flatMap(quotaNamesIn))];
  return `(SELECT r.*, c.period AS ${q('_pb_period')}, c.ord AS ${q('_pb_ord')}, c.credited AS ${q('_pb_period_credited')}, pp.p_start AS ${q('_pb_p_start')}, pp.p_end AS ${q('_pb_p_end')}${names.map((n, i) => `, q${i}.quota AS ${q(`_pb_quota_${n}`)}`).join('')}\nFROM ${sb.rel(sb.repsT)} r JOIN (${creditedPerPeriod(sb, unit)}) c ON c.rep = r.${q('_pb_row')} JOIN ${sb.periodsOf(unit)} pp ON pp.ord = c.ord${names.map((n, i) => `\nLEFT JOIN (${quotaPer(sb, n, unit)}) q${i} ON q${i}.rep = c.rep AND q${i}.ord = c.ord`).join('')})`;
}

/** The quotas an expression names (`quota floor`). */
function quotaNamesIn(e: TExpr): string[] {
  const names: string[] = [];
  walkExpr(e, (x) => {
    if (x.k === 'builtin' && x.name === 'quota' && x.quota !== undefined) names.push(x.quota);
  });
  return names;
}
