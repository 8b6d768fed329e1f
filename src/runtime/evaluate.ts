/**
 * Evaluating a rule graph: the scheduler runs each node's evaluator in an
 * order computed from the nodes' declared inputs (`engine.ts`), and the node
 * results are assembled into every rep's statement, every deal's fate, the
 * rankings and the red-line summary (`assemble.ts`). Each payout line is
 * rounded by the playbook's rounding rule; sums of rounded lines are exact.
 */
import type { RuleGraph } from '../graph/nodes.js';
import { assemble, readAfterRun } from './assemble.js';
import { type PendingTables, runGraph } from './engine.js';
import type { Evaluation } from './result.js';
import type { TableLike } from './values.js';

export { EvaluationError } from './context.js';

export interface EvaluateOptions {
  /** Keep the detail behind every payout line (`explain`); off by default. */
  trace?: boolean;
  /** Called after each step (graph node) with the steps done and their total, for a progress display. */
  onStep?: (done: number, total: number) => void;
  /**
   * Tables not loaded yet (see `runGraph`): the nodes that do not need them run while they load.
   * Internal to `simulate`; the results, warnings and errors are those of a run given every table.
   */
  pending?: PendingTables;
}

/**
 * Evaluates `graph` over `tables` (table name → loaded table). Row value arrays
 * of the given tables are extended in place with derived fields.
 * @throws EvaluationError when a table the graph needs is missing.
 */
export function evaluate(graph: RuleGraph, tables: Map<string, TableLike>, options: EvaluateOptions = {}): Evaluation {
  // Only what the assembly reads outlives the run: the other results go after their last reader (issue 10).
  const g = runGraph(graph, tables, options.trace ?? false, options.onStep, options.pending, readAfterRun(graph));
  // The nodes that find deals by id have run; the assembly finds none (its run context lives on in the evaluation).
  g.run.deals.forgetIndex();
  return assemble(g);
}
