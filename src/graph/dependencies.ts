/**
 * Which node results a node needs, computed from what the node says (its
 * expressions and its kind). The compiler declares exactly these as the node's
 * `inputs`; the invariant check (`invariants.ts`) verifies that a graph's
 * declared inputs cover them, so a graph edited by hand or by another tool
 * cannot make the runtime read a result that was not computed first.
 */
import type { TExpr } from './ir.js';
import type { GraphNode } from './nodes.js';

/** The id of the node computing derived field `field` of `table`. */
export function derivedId(table: string, field: string): string {
  return `derived:${table}.${field}`;
}

/** The id of the `stages` node of a `pay … in stages` section, named by its first component. */
export function stagesId(component: string): string {
  return `stages:${component}`;
}

/** Adds to `into` the ids of the nodes an expression reads. `derived` holds the ids of all derived-field nodes. */
export function expressionInputs(expr: TExpr | null, derived: ReadonlySet<string>, into: Set<string>): Set<string> {
  if (!expr) return into;
  switch (expr.k) {
    case 'field':
      for (const step of expr.path) {
        const id = derivedId(step.table, step.field);
        if (derived.has(id)) into.add(id);
      }
      break;
    case 'builtin':
      if (expr.name === 'won' || expr.name === 'lost') into.add(`outcome:${expr.name}`);
      else if (expr.name === 'credited') into.add('credit');
      else if (expr.name === 'quota') into.add(`quota:${expr.quota}`);
      else if (expr.name === 'score') into.add('scoring');
      else if (expr.name === 'payout' || expr.name === 'forfeited') into.add('payout');
      else if (expr.name === 'held' || expr.name.startsWith('days_to_pay')) into.add('statements');
      else if (expr.name === 'indicator') into.add(`indicator:${expr.indicator}`);
      else if (expr.name === 'age') into.add('scoring');
      break;
    case 'neg':
    case 'not':
    case 'missing':
      expressionInputs(expr.e, derived, into);
      break;
    case 'bin':
      expressionInputs(expr.l, derived, into);
      expressionInputs(expr.r, derived, into);
      break;
    case 'in':
      expressionInputs(expr.e, derived, into);
      for (const o of expr.options) expressionInputs(o, derived, into);
      break;
    case 'call':
      for (const a of expr.args) expressionInputs(a, derived, into);
      break;
    case 'sum':
    case 'distinct':
      expressionInputs(expr.value, derived, into);
      expressionInputs(expr.filter, derived, into);
      // A sum over a rep's deals reads who is credited with what; one over activities reads the as-of window.
      into.add(expr.table === 'activities' ? 'scoring' : 'credit');
      break;
    case 'count':
      expressionInputs(expr.filter, derived, into);
      into.add(expr.table === 'activities' ? 'scoring' : 'credit');
      break;
    case 'firstPer':
      into.add('credit');
      break;
    case 'lit':
      break;
  }
  return into;
}

/** The expressions a node evaluates. */
export function nodeExpressions(n: GraphNode): TExpr[] {
  switch (n.kind) {
    case 'derived':
    case 'outcome':
      return [n.expr];
    case 'redline':
      return n.versions ? n.versions.map((v) => v.condition) : [n.condition];
    case 'credit':
      return [n.condition, n.amount];
    case 'quota':
      return n.versions ? n.versions.map((v) => v.amount) : [n.amount];
    case 'bonus':
      return (n.versions ?? [n]).flatMap((v) => (v.condition ? [v.condition, v.amount] : [v.amount]));
    case 'ranking':
      return [n.metric];
    case 'scoring':
      return n.weights.map((w) => w.condition);
    case 'indicator':
    case 'review':
      return [n.condition];
    case 'tiers':
      return n.tiers.flatMap((t) => (t.condition ? [t.condition] : []));
    case 'validation':
      return n.assertions.map((a) => a.condition);
    case 'commission':
    case 'draw':
    case 'payout':
    case 'stages':
    case 'statements':
      return [];
  }
}

/**
 * True when a graph's `pay … in stages` sections change what is paid (a cap, a minimum or a
 * clawback): the payout is then net of the adjustments of runtime/stages/adjustments.ts.
 */
export function adjustsPayout(nodes: readonly { kind: string; limits?: unknown; clawback?: unknown }[]): boolean {
  return nodes.some((n) => n.kind === 'stages' && (n.limits !== undefined || n.clawback !== undefined));
}

/**
 * The ids of the results `n` needs, given every node of its graph: what its expressions read, plus
 * what its kind always reads (a rule about reps reads credit; credit reads the red lines that block
 * it; scoring reads won/lost for each deal's as-of date; the payout reads every component and every
 * red line that forfeits or flags for review, and who is credited with what). Sorted.
 */
export function requiredInputs(n: GraphNode, all: readonly GraphNode[]): string[] {
  const derived = new Set(all.filter((m) => m.kind === 'derived').map((m) => m.id));
  const set = new Set<string>();
  for (const e of nodeExpressions(n)) expressionInputs(e, derived, set);
  const ids = (pred: (m: GraphNode) => boolean) => all.filter(pred).map((m) => m.id);
  switch (n.kind) {
    case 'redline':
      if (n.subject === 'reps') set.add('credit');
      if (n.origin === 'mustwin') set.add('outcome:lost');
      break;
    case 'credit':
      for (const id of ids((m) => m.kind === 'redline' && m.effect === 'block')) set.add(id);
      break;
    case 'commission':
      set.add('credit');
      for (const b of [...n.bands, ...(n.versions ?? []).flatMap((v) => v.bands)]) if (b.from.kind === 'quota') set.add(`quota:${b.from.quota}`);
      break;
    case 'bonus':
    case 'ranking':
      set.add('credit');
      break;
    case 'scoring':
      for (const id of ids((m) => m.kind === 'outcome')) set.add(id);
      break;
    case 'indicator':
    case 'tiers':
      set.add('scoring');
      break;
    case 'validation':
      set.add('payout');
      break;
    case 'stages':
      // The lines it releases, who is credited with which deal on which date, and the forfeits (never paid).
      set.add('credit');
      set.add('payout');
      for (const c of n.components) set.add(c.node);
      break;
    case 'statements':
      for (const id of ids((m) => m.kind === 'stages')) set.add(id);
      break;
    case 'draw':
      // A period's earnings: every component's lines.
      for (const id of ids((m) => m.kind === 'commission' || m.kind === 'bonus' || m.kind === 'ranking')) set.add(id);
      break;
    case 'payout':
      set.add('credit');
      if (all.some((m) => m.kind === 'draw')) set.add('draw');
      for (const id of ids((m) => m.kind === 'commission' || m.kind === 'bonus' || m.kind === 'ranking')) set.add(id);
      for (const id of ids((m) => m.kind === 'redline' && m.effect !== 'block')) set.add(id);
      break;
    default:
      break;
  }
  // A payout changed by caps, minimums or clawbacks is net of them: a rule reading the payout (the cost
  // budget, `payout` in an assertion) reads the statements too (runtime/stages/adjustments.ts).
  if (set.has('payout') && n.kind !== 'stages' && adjustsPayout(all)) set.add('statements');
  set.delete(n.id);
  // A built-in whose rule the playbook does not declare (say `lost` with no `lost when`) reads as never true.
  const present = new Set(all.map((m) => m.id));
  return [...set].filter((id) => present.has(id)).sort();
}
