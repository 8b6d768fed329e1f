/**
 * Which input tables each rule-graph node needs, computed from the graph alone: the tables its
 * evaluator reads itself (by its kind and its declared fields and roles, and every table its
 * expressions name) and, transitively, those its inputs need. The runtime uses it to run the
 * nodes that do not need a table still being read while it is read (issue 10: at a million
 * deals the activities file takes ~20 s in a worker thread; credit, quotas, commission, bonuses
 * and rankings never read it).
 *
 * Every node may also reach the deals, reps and split tables through the run context (each rep's
 * deals, split shares): those are {@link contextTables}, needed before any node runs.
 */
import type { TExpr } from './ir.js';
import type { GraphNode, RuleGraph } from './nodes.js';
import { walkExpr } from './walk.js';
import { nodeExpressions } from './dependencies.js';

/** The tables the run context reads before any node runs: deals, reps and the split table (if any). */
export function contextTables(graph: Pick<RuleGraph, 'roles'>): string[] {
  const { deals, reps, splits } = graph.roles;
  return [deals.table, reps.table, ...(splits ? [splits.table] : [])];
}

/** Adds to `into` every table expression `e` reads: each step of a field path (lookups), and the table of an aggregate. */
function expressionTables(e: TExpr, graph: Pick<RuleGraph, 'roles'>, into: Set<string>): void {
  walkExpr(e, (x) => {
    switch (x.k) {
      case 'field':
        for (const step of x.path) into.add(step.table);
        break;
      case 'firstPer':
        for (const step of [...x.group, ...x.order.flat()]) into.add(step.table);
        break;
      case 'sum':
      case 'count':
      case 'distinct':
        into.add(x.table);
        // Anything but a sum or count over the deals goes to the activity histories (runtime/expr.ts).
        if (x.k === 'distinct' || x.table !== graph.roles.deals.table) {
          const activities = graph.roles.activities?.table;
          if (activities !== undefined) into.add(activities);
        }
        break;
      default:
        break;
    }
  });
}

/**
 * The tables node `n`'s evaluator reads itself, besides {@link contextTables}: a derived field's
 * table, a red line's subject (activities), the activities log of the relationship nodes, the
 * tables a `pay … in stages` section's triggers and clawback read, and every table `n`'s
 * expressions name. Not transitive: see {@link nodesNeedingTables}.
 */
export function tablesRead(n: GraphNode, graph: Pick<RuleGraph, 'roles'>): Set<string> {
  const out = new Set<string>();
  const activities = graph.roles.activities?.table;
  for (const e of nodeExpressions(n)) expressionTables(e, graph, out);
  switch (n.kind) {
    case 'derived':
      out.add(n.table);
      break;
    case 'redline':
      if (n.subject === 'activities' && activities !== undefined) out.add(activities);
      break;
    case 'scoring':
    case 'indicator':
    case 'review':
    case 'tiers':
      if (activities !== undefined) out.add(activities);
      break;
    case 'stages': {
      for (const role of [n.tables.collections, n.tables.invoices, n.tables.progress, n.clawback?.reversals ?? null]) if (role !== null) out.add(role.table);
      // The clawback names the reversals file in its messages by the table called `reversals` (runtime/stages/clawback.ts).
      if (n.clawback !== undefined) out.add('reversals');
      break;
    }
    default:
      break;
  }
  return out;
}

/**
 * The ids of the nodes of `graph` that need one of `tables`: that read one themselves
 * ({@link tablesRead}) or have an input that needs one, through any number of inputs. A node not
 * listed can run before those tables are loaded (when none of them is a {@link contextTables}).
 */
export function nodesNeedingTables(graph: Pick<RuleGraph, 'roles' | 'nodes'>, tables: ReadonlySet<string>): Set<string> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const verdict = new Map<string, boolean>();
  const needs = (n: GraphNode, path: Set<string>): boolean => {
    const known = verdict.get(n.id);
    if (known !== undefined) return known;
    // A cycle is the scheduler's error to report; here it only must not recurse forever.
    if (path.has(n.id)) return false;
    path.add(n.id);
    let result = [...tablesRead(n, graph)].some((t) => tables.has(t));
    for (const id of n.inputs) {
      if (result) break;
      const input = byId.get(id);
      if (input !== undefined && needs(input, path)) result = true;
    }
    path.delete(n.id);
    verdict.set(n.id, result);
    return result;
  };
  return new Set(graph.nodes.filter((n) => needs(n, new Set())).map((n) => n.id));
}
