/**
 * SQL for red lines (runtime/nodes/redline.ts) on reps and on activities; a red line on deals is a
 * per-deal flag column (views-deals.ts), its trips per rep made by the payout (views-payout.ts).
 */
import type { NodeOf } from '../../runtime/context.js';
import type { SqlBuild } from './build.js';
import { sqlExpr } from './sql-expr.js';
import { repPeriodRows } from './views-periods.js';

/**
 * runtime/nodes/redline.ts, on reps: a rep trips when the condition holds over the plan period
 * (its credited amount and quotas for the year); the trips view has the deals-subject shape, without deals.
 */
export function repRedLineView(sb: SqlBuild, node: NodeOf<'redline'>): string {
  const { d, q } = sb;
  const scope = sb.scopeFor(node, sb.repsT, 't', true);
  const cond = d.isTrue(sqlExpr(node.condition, scope).sql);
  return sb.add(`redline_${node.redline}`, node, `SELECT t.${q('_pb_row')} AS rep, '' AS ids, 1 AS n\nFROM ${sb.from(scope, repPeriodRows(sb, 'year', [node.condition]))} t WHERE ${cond}`);
}

/**
 * runtime/nodes/redline.ts, on activities: an activity dated in the plan period trips when the
 * condition holds on its row; each rep's trips (activities whose rep field names the rep's key),
 * with their ids (the key, or `line N`) in file order. Null when the playbook has no activities table.
 */
export function activityRedLineViews(sb: SqlBuild, node: NodeOf<'redline'>): { activities: string; trips: string } | null {
  const { d, q } = sb;
  const role = sb.graph.roles.activities;
  if (!role) return null;
  const scope = sb.scopeFor(node, role.table);
  const cond = d.isTrue(sqlExpr(node.condition, scope).sql);
  const date = `t.${q(role.date)}`;
  const text = d.name === 'duckdb' ? 'VARCHAR' : 'STRING';
  const id = role.key ? `CAST(t.${q(role.key)} AS ${text})` : `concat('line ', CAST(t.${q('_pb_line')} AS ${text}))`;
  const rep = role.rep ? `CAST(t.${q(role.rep)} AS ${text})` : `CAST(NULL AS ${text})`;
  const activities = sb.add(
    `redline_${node.redline}`,
    node,
    `SELECT t.${q('_pb_row')} AS act_row, ${id} AS id, ${rep} AS rep\nFROM ${sb.from(scope, sb.rel(role.table))} t WHERE ${date} >= ${sb.ts(sb.plan.start)} AND ${date} < ${sb.ts(sb.plan.end)} AND ${cond}`,
  );
  const trips = sb.add(
    `trips_${node.redline}`,
    null,
    `SELECT r.${q('_pb_row')} AS rep, ${d.joinedTexts('a.id', '|', 'a.act_row')} AS ids, COUNT(*) AS n\nFROM ${activities} a JOIN ${sb.rel(sb.repsT)} r ON CAST(r.${sb.repKey} AS ${text}) = a.rep\nGROUP BY r.${q('_pb_row')}`,
  );
  return { activities, trips };
}
