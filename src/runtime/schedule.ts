/**
 * The scheduler: the order the runtime evaluates a rule graph's nodes in,
 * computed from their declared inputs alone (never from the order of the
 * graph's node list). Among nodes that are ready at the same time, a fixed
 * tie-break (node kind, then where the rule is written, then id) makes the
 * order — and so the order of warnings — deterministic.
 */
import { GraphInvariantError, checkInvariants, topologicalIds } from '../graph/invariants.js';
import type { GraphNode, RuleGraph } from '../graph/nodes.js';
import { bySource } from './nodes/payout.js';

const KIND_RANK: Record<GraphNode['kind'], number> = {
  derived: 0,
  outcome: 1,
  redline: 2,
  credit: 3,
  quota: 4,
  commission: 5,
  bonus: 6,
  ranking: 7,
  scoring: 8,
  indicator: 9,
  tiers: 10,
  review: 11,
  draw: 12,
  payout: 12,
  validation: 13,
  stages: 14,
  statements: 15,
};

/**
 * The evaluation order of `graph`'s nodes: every node after all of its inputs.
 * @throws GraphInvariantError when the graph breaks an invariant (see `graph/invariants.ts`).
 */
export function schedule(graph: RuleGraph): GraphNode[] {
  const problems = checkInvariants(graph);
  if (problems.length > 0) throw new GraphInvariantError(`internal error: the rule graph is inconsistent: ${problems.join('; ')}`);
  const order = topologicalIds(graph.nodes, (a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || bySource(a, b));
  if (!order) throw new GraphInvariantError('internal error: the rule graph has a cycle');
  return order;
}
