/**
 * SQL for the per-row steps: each adds columns to its table's relation — a derived field
 * (runtime/nodes/derived.ts), won/lost (runtime/nodes/outcome.ts), a red line's flag on deals
 * (runtime/nodes/redline.ts), and the credit (runtime/nodes/credit.ts) with the credited amount per rep.
 */
import type { NodeOf } from '../../runtime/context.js';
import type { SqlBuild } from './build.js';
import { sqlExpr } from './sql-expr.js';

/** runtime/nodes/derived.ts: the value, and whether computing it divided by zero (for the warning). */
export function derivedColumn(sb: SqlBuild, node: NodeOf<'derived'>): void {
  const q = sb.q;
  const scope = sb.scopeFor(node, node.table);
  const x = sqlExpr(node.expr, scope);
  if (node.type === 'money' || node.type === 'number' || node.type === 'ratio') sb.scales.set(`${node.table}.${node.name}`, x.scale);
  sb.current.set(node.table, sb.add(`derived_${node.table}_${node.name}`, node, `SELECT t.*, ${x.sql} AS ${q(node.name)}, ${x.dz ? `COALESCE(${x.dz}, FALSE)` : 'FALSE'} AS ${q(`_pb_dz_${node.name}`)}\nFROM ${sb.from(scope, sb.rel(node.table))} t`));
}

/** runtime/nodes/outcome.ts: whether each deal is won (or lost). */
export function outcomeColumn(sb: SqlBuild, node: NodeOf<'outcome'>): void {
  const scope = sb.scopeFor(node, sb.dealsT);
  const x = sqlExpr(node.expr, scope);
  sb.current.set(sb.dealsT, sb.add(`outcome_${node.outcome}`, node, `SELECT t.*, ${sb.d.isTrue(x.sql)} AS ${sb.q(`_pb_${node.outcome}`)}\nFROM ${sb.from(scope, sb.rel(sb.dealsT))} t`));
  sb.dealCols.add(`_pb_${node.outcome}`);
}

/** runtime/nodes/redline.ts on deals: deals trip whatever their date; a must-win rule only on lost deals. */
export function dealRedLineColumn(sb: SqlBuild, node: NodeOf<'redline'>): void {
  const { d, q } = sb;
  const scope = sb.scopeFor(node, sb.dealsT);
  const x = sqlExpr(node.condition, scope);
  const lost = node.origin === 'mustwin' ? ` AND ${sb.dealCols.has('_pb_lost') ? `t.${q('_pb_lost')}` : 'FALSE'}` : '';
  sb.current.set(sb.dealsT, sb.add(`redline_${node.redline}`, node, `SELECT t.*, (${d.isTrue(x.sql)}${lost}) AS ${q(`_pb_rl_${node.redline}`)}\nFROM ${sb.from(scope, sb.rel(sb.dealsT))} t`));
  sb.dealCols.add(`_pb_rl_${node.redline}`);
}

/**
 * runtime/nodes/credit.ts: creditable = meets the rule, not blocked, rep, date and amount present;
 * credited = and dated in the plan period. Also the credited amount and deal count per rep.
 */
export function creditColumns(sb: SqlBuild, node: NodeOf<'credit'>): void {
  const { d, q } = sb;
  const { dealsT, repsT } = sb;
  const scope = sb.scopeFor(node, dealsT);
  const cond = sqlExpr(node.condition, scope);
  const amount = sqlExpr(node.amount, scope);
  sb.scales.set(`${dealsT}._pb_amount`, amount.scale);
  const blocks = sb.graph.nodes.filter((n): n is NodeOf<'redline'> => n.kind === 'redline' && n.effect === 'block' && node.inputs.includes(n.id));
  const blocked = blocks.length === 0 ? 'FALSE' : blocks.map((b) => `t.${q(`_pb_rl_${b.redline}`)}`).join(' OR ');
  const rep = `t.${q(node.repField)}`;
  const present = `c.${q('_pb_amount')} IS NOT NULL AND ${sb.dateCol('c')} IS NOT NULL AND c.${q(node.repField)} IS NOT NULL`;
  const inner = `SELECT t.*, ${amount.sql} AS ${q('_pb_amount')}, ${d.isTrue(cond.sql)} AS ${q('_pb_meets')}, (${blocked}) AS ${q('_pb_blocked')},\n  (SELECT ${d.anyValue}(r.${q('_pb_row')}) FROM ${sb.rel(repsT)} r WHERE r.${sb.repKey} = ${rep}) AS ${q('_pb_rep')}\nFROM ${sb.from(scope, sb.rel(dealsT))} t`;
  const missing = `CASE WHEN c.${q('_pb_meets')} AND NOT c.${q('_pb_blocked')} THEN CASE WHEN c.${q('_pb_amount')} IS NULL THEN 'amount' WHEN ${sb.dateCol('c')} IS NULL THEN ${d.text(node.dateField)} WHEN c.${q(node.repField)} IS NULL THEN ${d.text(node.repField)} END END`;
  sb.current.set(
    dealsT,
    sb.add(
      'credit',
      node,
      `SELECT c.*, (c.${q('_pb_meets')} AND NOT c.${q('_pb_blocked')} AND ${present}) AS ${q('_pb_creditable')},\n  (c.${q('_pb_meets')} AND NOT c.${q('_pb_blocked')} AND ${present} AND ${sb.inPlan('c')}) AS ${q('_pb_credited')},\n  (c.${q('_pb_meets')} AND c.${q('_pb_blocked')} AND ${present} AND ${sb.inPlan('c')}) AS ${q('_pb_blocked_credit')},\n  ${missing} AS ${q('_pb_missing')}\nFROM (${inner}) c`,
    ),
  );
  sb.dealCols.add('_pb_credited').add('_pb_creditable');
  sb.results.creditReps = sb.add(
    'credit_reps',
    null,
    `SELECT r.${q('_pb_row')} AS rep, CAST(COALESCE(SUM(CASE WHEN d.${q('_pb_credited')} THEN d.${q('_pb_amount')} END), 0) AS ${d.decimal(amount.scale)}) AS credited,\n  COUNT(CASE WHEN d.${q('_pb_credited')} THEN 1 END) AS deals\nFROM ${sb.rel(repsT)} r LEFT JOIN ${sb.rel(dealsT)} d ON d.${q('_pb_rep')} = r.${q('_pb_row')}\nGROUP BY r.${q('_pb_row')}`,
  );
}
