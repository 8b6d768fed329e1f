/**
 * SQL for bonuses (runtime/nodes/bonus.ts): per deal — each credited deal meeting the condition pays
 * the amount, rounded per deal, `first credited per …` flags computed beforehand — or per rep and
 * period, the row being the rep's with the period's credited amount and quotas, paid at once or in
 * instalments (runtime/instalments.ts).
 */
import type { TExpr } from '../../graph/ir.js';
import type { NodeOf } from '../../runtime/context.js';
import { planPeriods } from '../../runtime/periods.js';
import type { SqlBuild } from './build.js';
import { scaleOf } from './dialect.js';
import { sqlExpr } from './sql-expr.js';
import { repPeriodRows } from './views-periods.js';

/**
 * runtime/nodes/bonus.ts, per rep: each rep and period of the bonus in which the condition holds
 * pays the amount (rows with a missing amount are kept for the warning). The row is the rep's, with
 * the period's credited amount and the quotas the expressions name as columns.
 */
export function repBonusView(sb: SqlBuild, node: NodeOf<'bonus'>): { reps: string; deals: string } {
  const { d, q } = sb;
  const exprs = [node.condition, node.amount].filter((e): e is TExpr => e !== null);
  const base = repPeriodRows(sb, node.period, exprs);
  const scope = sb.scopeFor(node, sb.repsT, 't', true);
  const cond = node.condition ? d.isTrue(sqlExpr(node.condition, scope).sql) : 'TRUE';
  const value = sqlExpr(node.amount, scope);
  let select = `SELECT b.*, ${sb.round(node, 'b.value', value.scale)} AS amount1 FROM (\nSELECT t.${q('_pb_row')} AS rep, t.${q('_pb_period')} AS period, t.${q('_pb_ord')} AS ord, ${value.sql} AS value, t.${q('_pb_period_credited')} AS basis\nFROM ${sb.from(scope, base)} t WHERE ${cond}) b`;
  if (node.instalments) {
    // runtime/instalments.ts: every part but the last is the rounded amount ÷ parts, rounded again; the last takes the rest.
    const count = planPeriods(node.instalments, sb.graph.playbook.planYear, sb.graph.playbook.fiscalYearStartMonth).length;
    const { mode, step } = sb.graph.playbook.rounding;
    const k = scaleOf(step);
    const part = d.divideRound('i.amount1', k, count, step, mode)!;
    select = `SELECT i.*, ${part} AS part, CAST(i.amount1 - ${part} * ${count - 1} AS ${d.decimal(k)}) AS last_part FROM (\n${select}) i`;
  }
  const view = sb.add(`bonus_${node.name}`, node, select);
  sb.lineViews.push({ node, view, amounts: ['amount1'], components: [node.name] });
  return { reps: view, deals: '' };
}

/** runtime/nodes/bonus.ts, per deal: each credited deal meeting the condition pays the amount, rounded per deal. */
export function bonusViews(sb: SqlBuild, node: NodeOf<'bonus'>): { reps: string; deals: string } {
  const { d, q } = sb;
  if (node.scope !== 'deal') return repBonusView(sb, node);
  for (const fp of [node.condition, node.amount].flatMap((e) => (e ? firstPers(e) : []))) {
    const key = JSON.stringify(fp);
    if (sb.firstPerCols.has(key)) continue;
    // runtime/expr.ts compileFirstPer: the earliest creditable deal of each group (order fields ascending, missing last, then file order).
    const scope = sb.scopeFor(node, sb.dealsT);
    const group = sqlExpr({ k: 'field', t: 'text', path: fp.group }, scope).sql;
    const order = fp.order.map((o) => `${sqlExpr({ k: 'field', t: 'text', path: o }, scope).sql} ASC NULLS LAST`);
    const col = `_pb_first_${sb.firstPerCols.size + 1}`;
    const eligible = `(t.${q('_pb_creditable')} AND ${group} IS NOT NULL)`;
    sb.current.set(sb.dealsT, sb.add(`first_per_${sb.firstPerCols.size + 1}`, node, `SELECT t.*, (${eligible} AND row_number() OVER (PARTITION BY ${eligible}, ${group} ORDER BY ${[...order, `t.${q('_pb_row')}`].join(', ')}) = 1) AS ${q(col)}\nFROM ${sb.from(scope, sb.rel(sb.dealsT))} t`));
    sb.firstPerCols.set(key, `t.${q(col)}`);
  }
  const scope = sb.scopeFor(node, sb.dealsT);
  const cond = node.condition ? d.isTrue(sqlExpr(node.condition, scope).sql) : 'TRUE';
  const value = sqlExpr(node.amount, scope);
  const deals = sb.add(
    `bonus_${node.name}_deals`,
    node,
    `SELECT b.*, ${sb.round(node, 'b.value', value.scale)} AS rounded FROM (\nSELECT t.${q('_pb_rep')} AS rep, t.${q('_pb_row')} AS deal, ${sb.dealId('t')} AS id, ${value.sql} AS value, t.${q('_pb_amount')} AS basis\nFROM ${sb.from(scope, sb.rel(sb.dealsT))} t WHERE t.${q('_pb_credited')} AND t.${q('_pb_rep')} IS NOT NULL AND ${cond}) b`,
  );
  const paid = `b.rounded IS NOT NULL AND b.rounded <> 0`;
  const reps = sb.add(
    `bonus_${node.name}`,
    null,
    `SELECT r.${q('_pb_row')} AS rep, COALESCE(SUM(CASE WHEN ${paid} THEN b.rounded END), 0) AS amount1, COALESCE(SUM(CASE WHEN ${paid} THEN b.basis END), 0) AS basis\nFROM ${sb.rel(sb.repsT)} r LEFT JOIN ${deals} b ON b.rep = r.${q('_pb_row')}\nGROUP BY r.${q('_pb_row')}`,
  );
  sb.lineViews.push({ node, view: reps, amounts: ['amount1'], components: [node.name] });
  return { reps, deals };
}

/** Every `first credited per …` inside an expression. */
function firstPers(e: TExpr): Extract<TExpr, { k: 'firstPer' }>[] {
  switch (e.k) {
    case 'firstPer':
      return [e];
    case 'neg':
    case 'not':
    case 'missing':
      return firstPers(e.e);
    case 'bin':
      return [...firstPers(e.l), ...firstPers(e.r)];
    case 'in':
      return [e.e, ...e.options].flatMap(firstPers);
    case 'call':
      return e.args.flatMap(firstPers);
    default:
      return [];
  }
}
