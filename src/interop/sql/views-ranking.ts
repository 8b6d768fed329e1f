/** SQL for rankings (runtime/ranking.ts): reps ranked per period by credited amount, top and bottom groups rewarded. */
import type { NodeOf } from '../../runtime/context.js';
import type { SqlBuild } from './build.js';
import { scaleOf } from './dialect.js';
import { creditedPerPeriod } from './views-periods.js';

/** runtime/ranking.ts rankPeriod: by metric (highest first), then the tie field, then rep key; top and bottom groups of ceil(n × ratio). */
export function rankingViews(sb: SqlBuild, node: NodeOf<'ranking'>): { entries: string; lines: string } {
  const { d, q } = sb;
  if (!(node.metric.k === 'builtin' && node.metric.name === 'credited')) throw sb.refusal(node, 'a ranking measure other than credited');
  const tie = node.tieBreak ? sb.tableOf(sb.repsT).fields.find((f) => f.name === node.tieBreak!.field) : undefined;
  if (node.tieBreak && (!tie || tie.optional)) throw sb.refusal(node, `ties broken by an optional field (${node.tieBreak.field}), whose missing values the JavaScript engine orders differently from SQL`);
  const per = creditedPerPeriod(sb, node.period).replace(`r.${sb.repKey} AS rep_key,`, `r.${sb.repKey} AS rep_key, ${tie ? `r.${q(tie.name)}` : 'NULL'} AS tie,`).replace(`GROUP BY r.${q('_pb_row')}, r.${sb.repKey},`, `GROUP BY r.${q('_pb_row')}, r.${sb.repKey}, ${tie ? `r.${q(tie.name)}, ` : ''}`);
  const active = node.onlyCreditedPeriods ? `WHERE m.period IN (SELECT period FROM (${per}) x GROUP BY period HAVING SUM(n_credited) > 0)` : '';
  const tieOrder = tie ? `m.tie ${node.tieBreak!.descending ? 'DESC' : 'ASC'}, ` : '';
  const count = (ratio: string) => `CAST(ceil(CAST(k.n AS ${d.decimal(0)}) * CAST('${ratio}' AS ${d.decimal(scaleOf(ratio))})) AS BIGINT)`;
  const topCount = node.top ? count(node.top.ratio) : '0';
  const bottomCount = node.bottom ? count(node.bottom.ratio) : '0';
  const band = `CASE WHEN k.rnk <= ${topCount} AND k.metric > 0 THEN 'top' WHEN k.rnk > k.n - ${bottomCount} THEN 'bottom' ELSE 'middle' END`;
  const rewardScale = Math.max(0, ...[node.top?.reward, node.bottom?.reward].filter((x): x is string => !!x).map(scaleOf));
  const rd = (x: string) => `CAST(${x} AS ${d.decimal(rewardScale)})`;
  const reward = (b: string) => `CASE ${b} ${node.top ? `WHEN 'top' THEN ${rd(`'${node.top.reward}'`)} ` : ''}${node.bottom ? `WHEN 'bottom' THEN ${rd(`'${node.bottom.reward}'`)} ` : ''}ELSE ${rd('0')} END`;
  const entries = sb.add(
    `ranking_${node.name}`,
    node,
    `SELECT k.rep, k.rep_key, k.period, k.ord, k.metric, k.rnk, k.n, ${band} AS band, ${reward(band)} AS reward FROM (\nSELECT m.rep, m.rep_key, m.period, m.ord, m.credited AS metric,\n  row_number() OVER (PARTITION BY m.period ORDER BY m.credited DESC, ${tieOrder}m.rep_key ASC) AS rnk, COUNT(*) OVER (PARTITION BY m.period) AS n\nFROM (${per}) m ${active}) k`,
  );
  const sumScale = Math.max(0, ...[node.top?.reward, node.bottom?.reward].filter((x): x is string => !!x).map(scaleOf));
  const linesView = sb.add(
    `ranking_${node.name}_lines`,
    null,
    `SELECT r.${q('_pb_row')} AS rep, ${sb.round(node, `CAST(COALESCE(SUM(e.reward), 0) AS ${d.decimal(sumScale)})`, sumScale)} AS amount1\nFROM ${sb.rel(sb.repsT)} r LEFT JOIN ${entries} e ON e.rep = r.${q('_pb_row')}\nGROUP BY r.${q('_pb_row')}`,
  );
  sb.lineViews.push({ node, view: linesView, amounts: ['amount1'], components: [node.name] });
  return { entries, lines: linesView };
}
