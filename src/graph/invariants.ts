/**
 * The rule graph's invariants, in one place. A graph that holds them can be
 * evaluated in any topological order of its declared inputs and give the same
 * results. Checked after compiling, before evaluating, and in the fuzz tests.
 *
 * 1. Node ids are unique.
 * 2. Every declared input is the id of a node of the graph.
 * 3. Every input a node needs (`requiredInputs`) is declared.
 * 4. The inputs form no cycle.
 * 5. Every table and field an expression or a role names is declared (a source
 *    field of that table, or a derived field of it).
 * 6. A derived field's declared type is its expression's type.
 */
import { nodeExpressions, requiredInputs } from './dependencies.js';
import type { FieldStep, TExpr } from './ir.js';
import type { GraphNode, RuleGraph } from './nodes.js';
import { walkExpr } from './walk.js';

/** Raised by the runtime when a graph breaks an invariant: an internal error, never the analyst's mistake. */
export class GraphInvariantError extends Error {}

/** Ids in an order where every node comes after its inputs (Kahn's algorithm), or null if there is a cycle. */
export function topologicalIds(nodes: readonly GraphNode[], tieBreak: (a: GraphNode, b: GraphNode) => number): GraphNode[] | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const waiting = new Map(nodes.map((n) => [n.id, new Set(n.inputs.filter((i) => byId.has(i)))]));
  const readers = new Map<string, string[]>();
  for (const n of nodes) for (const i of waiting.get(n.id)!) readers.set(i, [...(readers.get(i) ?? []), n.id]);
  const ready = nodes.filter((n) => waiting.get(n.id)!.size === 0);
  const out: GraphNode[] = [];
  while (ready.length > 0) {
    ready.sort(tieBreak);
    const next = ready.shift()!;
    out.push(next);
    for (const r of readers.get(next.id) ?? []) {
      const w = waiting.get(r)!;
      w.delete(next.id);
      if (w.size === 0) ready.push(byId.get(r)!);
    }
  }
  return out.length === nodes.length ? out : null;
}

/** Every field path step an expression reads (`first credited per` reads its group and order fields). */
function fieldSteps(e: TExpr, into: FieldStep[]): FieldStep[] {
  walkExpr(e, (x) => {
    if (x.k === 'field') into.push(...x.path);
    else if (x.k === 'firstPer') into.push(...x.group, ...x.order.flat());
  });
  return into;
}

/** Every broken invariant, in words (empty when the graph is sound). */
export function checkInvariants(graph: RuleGraph): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const n of graph.nodes) {
    if (ids.has(n.id)) problems.push(`node ${n.id} appears twice`);
    ids.add(n.id);
  }
  const fields = new Map<string, Set<string>>(graph.tables.map((t) => [t.name, new Set(t.fields.map((f) => f.name))]));
  for (const n of graph.nodes) if (n.kind === 'derived') fields.get(n.table)?.add(n.name);
  const hasField = (table: string, field: string) => fields.get(table)?.has(field) ?? false;
  for (const n of graph.nodes) {
    for (const i of n.inputs) if (!ids.has(i)) problems.push(`node ${n.id} reads ${i}, which is not in the graph`);
    const declared = new Set(n.inputs);
    for (const need of requiredInputs(n, graph.nodes)) if (!declared.has(need)) problems.push(`node ${n.id} needs the result of ${need} but does not declare it as an input`);
    for (const e of nodeExpressions(n)) {
      for (const step of fieldSteps(e, [])) if (!hasField(step.table, step.field)) problems.push(`node ${n.id} reads ${step.table}.${step.field}, which no table declares`);
    }
    if (n.kind === 'derived' && n.type !== n.expr.t) problems.push(`derived field ${n.table}.${n.name} is declared ${n.type} but computes ${n.expr.t}`);
  }
  if (topologicalIds(graph.nodes, (a, b) => (a.id < b.id ? -1 : 1)) === null) problems.push('the nodes depend on each other in a circle');
  const r = graph.roles;
  const role = (table: string, field: string | null, what: string) => {
    if (field !== null && !hasField(table, field)) problems.push(`the ${what} field ${table}.${field} is not declared`);
  };
  role(r.deals.table, r.deals.rep, "deal's rep");
  role(r.deals.table, r.deals.date, "deal's credit date");
  role(r.deals.table, r.deals.account, "deal's account");
  role(r.deals.table, r.deals.key, "deal's key");
  role(r.reps.table, r.reps.key, "rep's key");
  if (r.activities) {
    for (const [what, field] of Object.entries({ date: r.activities.date, account: r.activities.account, action: r.activities.action, rep: r.activities.rep, value: r.activities.value, key: r.activities.key })) role(r.activities.table, field, `activity's ${what}`);
  }
  return problems;
}
