/**
 * The rule graph as SQL: one view per graph node, in the scheduler's order (runtime/schedule.ts),
 * named after the rule, each with the playbook line it comes from in a comment. The views read
 * tables shaped like the playbook's declared tables (see {@link SqlProgram.tables}) and end in
 * result views: every deal's fate, every payout line, forfeit, ranking entry and rep payout.
 *
 * Money is exact: DECIMAL(38, s) with a scale known at compile time (`sql-expr.ts`), each payout
 * line rounded by the playbook's rule with the dialect's exact rounding (`dialect.ts`). A construct
 * SQL here cannot express is refused with {@link SqlRefusal} (codes PB6001–PB6002), never approximated.
 * The semantics mirror the JavaScript engine's evaluators (runtime/nodes/*), cited in each builder.
 */
import type { GraphNode, RuleGraph } from '../../graph/nodes.js';
import { schedule } from '../../runtime/schedule.js';
import { SqlBuild } from './build.js';
import type { SqlOptions, SqlProgram } from './sql-program.js';
import { bonusViews } from './views-bonus.js';
import { commissionView } from './views-commission.js';
import { creditColumns, dealRedLineColumn, derivedColumn, outcomeColumn } from './views-deals.js';
import { payoutViews } from './views-payout.js';
import { quotaView } from './views-periods.js';
import { rankingViews } from './views-ranking.js';
import { activityRedLineViews, repRedLineView } from './views-redline.js';

export { DEFAULT_SCALE, SqlRefusal, type SqlInputTable, type SqlOptions, type SqlProgram, type SqlResultViews, type SqlView } from './sql-program.js';

/**
 * Compiles `graph` to SQL views in `options.dialect`: one builder per node kind (views-*.ts), run in
 * the scheduler's order over one shared {@link SqlBuild}.
 * @throws SqlRefusal (PB6001, PB6002) naming the first rule SQL cannot express.
 */
export function compileToSql(graph: RuleGraph, options: SqlOptions): SqlProgram {
  const sb = new SqlBuild(graph, options);
  const { results } = sb;
  if (graph.roles.splits) throw sb.refusal(graph.nodes.find((n) => n.kind === 'credit')!, 'a split table (credit … split by)');
  for (const node of schedule(graph)) {
    // A rule with plan versions is judged by the version in force on each deal's date: not compiled yet.
    if ('versions' in node && node.versions !== undefined) throw sb.refusal(node, 'plan versions (effective dates)');
    switch (node.kind) {
      case 'derived':
        derivedColumn(sb, node);
        break;
      case 'outcome':
        outcomeColumn(sb, node);
        break;
      case 'redline':
        if (node.subject === 'reps') results.trips.set(node.id, repRedLineView(sb, node));
        else if (node.subject === 'activities') {
          const views = activityRedLineViews(sb, node);
          if (views) {
            results.activityTrips.set(node.id, views.activities);
            results.trips.set(node.id, views.trips);
          }
        } else dealRedLineColumn(sb, node);
        break;
      case 'credit':
        creditColumns(sb, node);
        break;
      case 'quota':
        results.quotas.set(node.id, quotaView(sb, node));
        break;
      case 'commission':
        // Each period paying the to-date commission less what earlier periods paid is not built in SQL yet.
        if (node.basis) throw sb.refusal(node, `a ${node.basis}-to-date basis`);
        results.commissions.set(node.id, commissionView(sb, node));
        break;
      case 'bonus':
        results.bonuses.set(node.id, bonusViews(sb, node));
        break;
      case 'ranking':
        results.rankings.set(node.id, rankingViews(sb, node));
        break;
      case 'payout':
        payoutViews(sb, node);
        break;
      default:
        throw sb.refusal(node, kindWords[node.kind] ?? `a ${node.kind} section`);
    }
  }
  results.deals = sb.rel(sb.dealsT);
  for (const [t, v] of sb.current) results.tables.set(t, v);
  return { dialect: sb.d.name, inputs: sb.inputs, prelude: sb.d.prelude, views: sb.views, results, scales: sb.scales };
}

const kindWords: Partial<Record<GraphNode['kind'], string>> = {
  scoring: 'relationship scoring',
  indicator: 'a relationship indicator',
  tiers: 'relationship tiers',
  review: 'the monthly review list',
  validation: 'a cost budget or assertions',
  stages: 'commission paid in stages',
  statements: 'payment statements',
  draw: 'a draw',
};
