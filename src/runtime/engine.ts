/**
 * The engine: evaluates a rule graph over loaded tables by running each node's
 * evaluator in the scheduler's order. An evaluator reads only the results of
 * the node's declared inputs (anything else is an internal error) and returns
 * its own result, stored by node id. Nothing else is shared between nodes.
 */
import type { GraphNode, RuleGraph } from '../graph/nodes.js';
import { contextTables, nodesNeedingTables } from '../graph/table-reads.js';
import { type NodeInputs, type NodeOf, type RunContext, makeContext } from './context.js';
import { evaluateBonus } from './nodes/bonus.js';
import { evaluateCommission } from './nodes/commission.js';
import { evaluateCredit } from './nodes/credit.js';
import { evaluateDerived } from './nodes/derived.js';
import { evaluateDraw } from './nodes/draw.js';
import { evaluateIndicator } from './nodes/indicator.js';
import { evaluateReview } from './nodes/review.js';
import { evaluateOutcome } from './nodes/outcome.js';
import { evaluatePayout } from './nodes/payout.js';
import { evaluateQuota } from './nodes/quota.js';
import { evaluateRanking } from './nodes/ranking.js';
import { evaluateRedLine } from './nodes/redline.js';
import { evaluateScoring } from './nodes/scoring.js';
import { evaluateStages, prepareStages } from './nodes/stages.js';
import { evaluateStatements } from './nodes/statements.js';
import { evaluateTiers } from './nodes/tiers.js';
import { evaluateValidation } from './nodes/validation.js';
import { releasePlan, releasedResult } from './liveness.js';
import { schedule } from './schedule.js';
import type { TableLike } from './values.js';

type Evaluator<K extends GraphNode['kind']> = (node: NodeOf<K>, run: RunContext, inputs: NodeInputs) => unknown;

/** One evaluator per node kind. */
const EVALUATORS: { [K in GraphNode['kind']]: Evaluator<K> } = {
  derived: evaluateDerived,
  outcome: evaluateOutcome,
  redline: evaluateRedLine,
  credit: evaluateCredit,
  quota: evaluateQuota,
  commission: evaluateCommission,
  bonus: evaluateBonus,
  ranking: evaluateRanking,
  scoring: evaluateScoring,
  indicator: evaluateIndicator,
  tiers: evaluateTiers,
  review: evaluateReview,
  draw: evaluateDraw,
  payout: evaluatePayout,
  validation: evaluateValidation,
  stages: evaluateStages,
  statements: evaluateStatements,
};

/**
 * Work a node may do before its inputs are all computed, while a table the run waits for is still
 * being read in a worker thread (issue 10, scale: at 1,000,000 deals the main thread waited for
 * the activities several seconds with nothing to do). `ready(id)` gives a declared input's result
 * once it is computed, else undefined. A preparer returns what the node's evaluator would compute
 * from those inputs and the loaded tables (the evaluator finds it as `inputs.prepared`), or
 * undefined when it cannot yet; it must not change anything the run shares but its caches (the
 * deal index by id). When it throws, the work is left to the evaluator, which then meets the same
 * error in its turn.
 */
type Preparer<K extends GraphNode['kind']> = (node: NodeOf<K>, run: RunContext, ready: (id: string) => unknown) => unknown;

/** The node kinds with a {@link Preparer}. */
const PREPARERS: { [K in GraphNode['kind']]?: Preparer<K> } = {
  stages: prepareStages,
};

/** Every node's result, by id, with the run context and the order they ran in. */
export interface GraphRun {
  run: RunContext;
  order: GraphNode[];
  results: Map<string, unknown>;
}

/** The inputs accessor of `node` over a finished (or running) graph run: what its evaluator saw. */
export function nodeInputs(g: Pick<GraphRun, 'results'> & { run: { graph: RuleGraph } }, node: GraphNode): NodeInputs {
  return inputsOf(node, g.results, new Set(g.run.graph.nodes.map((n) => n.id)));
}

function inputsOf(node: GraphNode, results: Map<string, unknown>, present: ReadonlySet<string>, prepared?: unknown): NodeInputs {
  const declared = new Set(node.inputs);
  const read = <T>(id: string, required: boolean): T | undefined => {
    if (!declared.has(id)) {
      // `maybe` of a rule the playbook does not have is fine; of one it has but the node does not declare, never.
      if (!required && !present.has(id)) return undefined;
      throw new Error(`internal error: rule graph node ${node.id} read ${id}, which it does not declare as an input`);
    }
    if (!results.has(id)) throw new Error(`internal error: rule graph node ${node.id} ran before its input ${id}`);
    return results.get(id) as T;
  };
  return { get: <T>(id: string) => read<T>(id, true)!, maybe: <T>(id: string) => read<T>(id, false), ...(prepared === undefined ? {} : { prepared }) };
}

/**
 * Tables still being loaded when the evaluation starts (issue 10: the largest file is read in a
 * worker thread): the nodes that need none of them run first, then `wait` is called, then the rest.
 */
export interface PendingTables {
  /** Names of the tables not yet in the tables map. */
  tables: ReadonlySet<string>;
  /**
   * Puts them in the tables map (the same Map object the run was given), or throws what loading
   * them found (a DataError, bad rows): errors of the data come before any error of a node.
   */
  wait(): void;
}

/**
 * The order nodes run in while tables are pending: those not in `late` (the nodes needing a
 * pending table), then those in `late`, each part in the schedule's `order`. A result's last
 * reader is the last in this order (see `liveness.ts`), not in the schedule's: a late node may
 * come before an early one in the schedule and still run after it.
 */
export function runOrder(order: readonly GraphNode[], late: ReadonlySet<string>): GraphNode[] {
  return [...order.filter((n) => !late.has(n.id)), ...order.filter((n) => late.has(n.id))];
}

/**
 * Runs every node of `graph` over `tables`. Derived fields are added to their tables: as columns of
 * a table held as columns (see `nodes/derived.ts`; the rows made later hold them), else written into
 * the rows' value arrays. The deals are read through `run.deals.source`: a run makes no deal row.
 *
 * With `pending` tables, the nodes that need none of them (`nodesNeedingTables`, from the graph)
 * run first, in the schedule's order, then the others' preparers ({@link PREPARERS}), then
 * `pending.wait()`, then the others in the schedule's order; when a node (or the schedule, or the run context) throws before that, `pending.wait()` is
 * called first, so that an error in the data is the one thrown, as when loading came first. The
 * results are the same as without `pending`: each node reads only its declared inputs, which ran
 * before it either way; the returned `order` is the schedule's and `results` is in that order
 * (warnings are gathered in it).
 * @param trace keep the detail `explain` needs (payout line traces).
 * @param onStep called after each node with the nodes done and their total (progress display).
 * @param keep when given, the ids of the results read after the run: every other result is let go
 *   once the last node that reads it ran (see `liveness.ts`; its warnings stay). Absent: all are kept.
 * @throws EvaluationError when a table the graph needs is missing; GraphInvariantError on a broken graph.
 */
export function runGraph(
  graph: RuleGraph,
  tables: Map<string, TableLike>,
  trace = false,
  onStep?: (done: number, total: number) => void,
  pending?: PendingTables,
  keep?: ReadonlySet<string>,
): GraphRun {
  const results = new Map<string, unknown>();
  const present = new Set(graph.nodes.map((n) => n.id));
  let order: GraphNode[] = [];
  // What goes after each node, from the order the nodes actually run in (early nodes first when a table is pending).
  let release: Map<string, string[]> | null = null;
  // What the preparers of late nodes computed while the pending tables loaded, by node id.
  const prepared = new Map<string, unknown>();
  const step = (node: GraphNode, run: RunContext) => {
    const evaluator = EVALUATORS[node.kind] as Evaluator<GraphNode['kind']>;
    const ahead = prepared.get(node.id);
    prepared.delete(node.id);
    results.set(node.id, evaluator(node, run, inputsOf(node, results, present, ahead)));
    for (const id of release?.get(node.id) ?? []) results.set(id, releasedResult(id, results.get(id)));
    onStep?.(results.size, order.length);
  };
  if (pending === undefined || contextTables(graph).some((t) => pending.tables.has(t))) {
    pending?.wait();
    order = schedule(graph);
    release = keep === undefined ? null : releasePlan(order, keep);
    const run = makeContext(graph, tables, trace);
    for (const node of order) step(node, run);
    return { run, order, results };
  }
  let run: RunContext;
  let late: Set<string>;
  try {
    order = schedule(graph);
    late = nodesNeedingTables(graph, pending.tables);
    release = keep === undefined ? null : releasePlan(runOrder(order, late), keep);
    run = makeContext(graph, tables, trace);
    for (const node of order) if (!late.has(node.id)) step(node, run);
  } catch (e) {
    pending.wait();
    throw e;
  }
  for (const node of order) if (late.has(node.id)) prepare(node, run, results, prepared);
  pending.wait();
  for (const node of order) if (late.has(node.id)) step(node, run);
  return { run, order, results: new Map(order.map((n) => [n.id, results.get(n.id)])) };
}

/** Runs the {@link Preparer} of `node`'s kind, if any, keeping what it gives in `prepared` (see there for errors). */
function prepare(node: GraphNode, run: RunContext, results: Map<string, unknown>, prepared: Map<string, unknown>): void {
  const preparer = PREPARERS[node.kind] as Preparer<GraphNode['kind']> | undefined;
  if (preparer === undefined) return;
  const declared = new Set(node.inputs);
  try {
    const value = preparer(node, run, (id) => (declared.has(id) ? results.get(id) : undefined));
    if (value !== undefined) prepared.set(node.id, value);
  } catch {
    // Left to the evaluator, which meets the same error where the run would have met it.
  }
}
