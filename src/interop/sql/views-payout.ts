/** SQL for the payout (runtime/nodes/payout.ts): every payout line per rep, the red lines' trips and forfeits, gross and forfeited per rep. */
import type { NodeOf } from '../../runtime/context.js';
import { bySource } from '../../runtime/nodes/payout.js';
import type { SqlBuild } from './build.js';

/** runtime/nodes/payout.ts: the lines' sum less the forfeits (the first rule to forfeit a component takes what it would pay, never below 0). */
export function payoutViews(sb: SqlBuild, node: NodeOf<'payout'>): void {
  const { d, q } = sb;
  const inputNodes = sb.graph.nodes.filter((n) => node.inputs.includes(n.id)).sort(bySource);
  const ordered = (['commission', 'bonus', 'ranking'] as const).flatMap((k) => inputNodes.filter((n) => n.kind === k));
  const unions = ordered.flatMap((n) => {
    const lv = sb.lineViews.find((l) => l.node.id === n.id)!;
    return lv.amounts.map((a, i) => `SELECT rep, ${d.text(lv.components[i])} AS component, ${a} AS amount FROM ${lv.view}`);
  });
  const linesView = sb.add('payout_lines', null, unions.length === 0 ? `SELECT CAST(NULL AS BIGINT) AS rep, CAST(NULL AS ${d.name === 'duckdb' ? 'VARCHAR' : 'STRING'}) AS component, CAST(0 AS ${d.decimal(0)}) AS amount WHERE FALSE` : unions.join('\nUNION ALL\n'));
  const redlines = inputNodes.filter((n): n is NodeOf<'redline'> => n.kind === 'redline');
  const allComponents = node.components.map((c) => c.name);
  const forfeitRows: string[] = [];
  redlines.forEach((n, k) => {
    const trips = sb.results.trips.get(n.id) ?? sb.add(
      `trips_${n.redline}`,
      null,
      `SELECT t.${q('_pb_rep')} AS rep, ${d.joinedTexts(sb.dealId('t'), '|', `t.${q('_pb_row')}`)} AS ids, COUNT(*) AS n\nFROM ${sb.rel(sb.dealsT)} t WHERE t.${q(`_pb_rl_${n.redline}`)} AND t.${q('_pb_rep')} IS NOT NULL AND ${sb.inPlan('t')}\nGROUP BY t.${q('_pb_rep')}`,
    );
    sb.results.trips.set(n.id, trips);
    if (n.effect !== 'forfeit') return;
    (n.forfeits === 'all' ? allComponents : n.forfeits).forEach((component, ci) => {
      forfeitRows.push(
        `SELECT tr.rep, ${k} AS rule_ord, ${ci} AS comp_ord, ${d.text(component)} AS component, ${d.text(n.redline)} AS rule,\n  (SELECT COALESCE(SUM(pl.amount), 0) FROM ${linesView} pl WHERE pl.rep = tr.rep AND pl.component = ${d.text(component)}) AS earned\nFROM ${trips} tr`,
      );
    });
  });
  const forfeits = sb.add(
    'forfeits',
    null,
    forfeitRows.length === 0
      ? `SELECT CAST(NULL AS BIGINT) AS rep, 0 AS rule_ord, 0 AS comp_ord, '' AS component, '' AS rule, CAST(0 AS ${d.decimal(0)}) AS amount WHERE FALSE`
      : `SELECT f.rep, f.rule_ord, f.comp_ord, f.component, f.rule, CASE WHEN f.earned > 0 THEN f.earned ELSE f.earned * 0 END AS amount FROM (\nSELECT u.*, row_number() OVER (PARTITION BY u.rep, u.component ORDER BY u.rule_ord, u.comp_ord) AS pick FROM (\n${forfeitRows.join('\nUNION ALL\n')}) u) f WHERE f.pick = 1`,
  );
  sb.results.forfeits = forfeits;
  sb.results.payout = sb.add(
    'payout',
    node,
    `SELECT r.${q('_pb_row')} AS rep, r.${sb.repKey} AS rep_key,\n  COALESCE((SELECT SUM(pl.amount) FROM ${linesView} pl WHERE pl.rep = r.${q('_pb_row')}), 0) AS gross,\n  COALESCE((SELECT SUM(f.amount) FROM ${forfeits} f WHERE f.rep = r.${q('_pb_row')}), 0) AS forfeited\nFROM ${sb.rel(sb.repsT)} r`,
  );
}
