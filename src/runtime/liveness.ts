/**
 * Last-use analysis of a rule graph run (issue 10, memory at scale): a node's result is needed
 * only until the last node that declares it as an input has run — unless something reads it
 * after the run (the evaluation's assembly, `assemble.ts`, says which through `keep`). Like a
 * compiler's liveness of temporaries, it is computed from the schedule and the declared inputs
 * alone, never from a list of node names; an evaluator reads only its declared inputs (the
 * engine enforces it), so a result let go after its last reader is never read again.
 *
 * A released result is replaced by a {@link releasedResult}: it keeps the node's warnings (the
 * evaluation lists every node's warnings) and throws an internal error on any other read, so a
 * mistake in the analysis fails loudly instead of reading a stale value.
 */
import type { GraphNode } from '../graph/nodes.js';

/**
 * For each node of `order` (the scheduler's order), the ids of the results that can be let go
 * right after it ran: those whose last reader it is (or, for a result no node reads, the node
 * itself), less those `keep` holds (read after the run). Nodes that release nothing are absent.
 * @param order every node of the graph, each after its inputs (see `schedule.ts`).
 * @param keep ids of the results read after the run.
 */
export function releasePlan(order: readonly GraphNode[], keep: ReadonlySet<string>): Map<string, string[]> {
  const lastReader = new Map<string, string>();
  // Every result is at least "read" by its own node, so a result no node reads goes right after it is made.
  for (const node of order) {
    lastReader.set(node.id, node.id);
    for (const input of node.inputs) lastReader.set(input, node.id);
  }
  const ids = new Set(order.map((n) => n.id));
  const plan = new Map<string, string[]>();
  for (const [id, reader] of lastReader) {
    // An input of a node the graph does not have (none in a valid graph) has no result to let go.
    if (keep.has(id) || !ids.has(id)) continue;
    const list = plan.get(reader);
    if (list) list.push(id);
    else plan.set(reader, [id]);
  }
  return plan;
}

/** Marks a released result (see {@link releasedResult}). */
const RELEASED = Symbol('released result');

/**
 * What stands for node `id`'s result once it was let go: its `warnings` (when it had any) are
 * still there; reading anything else throws an internal error naming the node.
 */
export function releasedResult(id: string, result: unknown): object {
  const warnings = result !== null && typeof result === 'object' ? (result as { warnings?: unknown }).warnings : undefined;
  const kept = { warnings, [RELEASED]: true };
  return new Proxy(kept, {
    get(target, key) {
      if (key === 'warnings' || key === RELEASED) return target[key as keyof typeof target];
      throw new Error(`internal error: the result of rule graph node ${id} was read (${String(key)}) after it was let go as no longer needed`);
    },
  });
}

/** True when `value` stands for a result that was let go. */
export function isReleased(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[RELEASED] === true;
}
