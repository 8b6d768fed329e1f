/**
 * A condition decided for each row of a table: the compiled decision (exact integers over
 * columns, see `decision.ts`) where it applies, the decimal evaluator (expr.ts) for the rows or
 * expressions it cannot prove exact. Both give the same answer; the compiled one builds no
 * Decimal and allocates nothing per row.
 *
 * A compiled program (its loops and their output arrays) is kept per expression, rows array and
 * input results it reads, so evaluating the same node again over the same rows (the benchmark,
 * `compare`, repeated runs) reruns the loops without compiling or allocating again.
 */
import type { TExpr } from '../../graph/ir.js';
import type { NodeInputs, RunContext } from '../context.js';
import { type CompileContext, type Env, compileContext, compileExpr } from '../expr.js';
import { asSource } from '../row-source.js';
import type { RowLike, RowSource } from '../values.js';
import { type Decision, FALLBACK, FALSE, TRUE, compileDecision } from './decision.js';

/** Decides row `i` (whose env — row, deal — the caller has positioned): true, false, or null (unknown). */
export interface RowCondition {
  (i: number, env: Env): boolean | null;
  /** True when the expression compiled to exact integer arithmetic (false: every row uses the decimal evaluator). */
  readonly compiled: boolean;
  /** Rows decided by the decimal evaluator although the expression compiled (exactness not proven there); counted from `results` when first read. */
  readonly fallbacks: number;
  /**
   * The compiled answers per row (FALSE, TRUE, UNKNOWN, or FALLBACK: ask the function), for loops
   * that scan them directly; null when the expression did not compile. Valid until the same
   * condition is compiled again over the same rows.
   */
  readonly results: Uint8Array | null;
}

/** `table.field` → expression of every derived field of the graph (the compiled decisions inline them). */
export function derivedExpressions(run: RunContext): Map<string, TExpr> {
  const map = new Map<string, TExpr>();
  for (const n of run.graph.nodes) if (n.kind === 'derived') map.set(`${n.table}.${n.name}`, n.expr);
  return map;
}

/**
 * Compiles the condition `expr` over the rows of `table` for a node with `inputs` and decides every
 * row at once (the returned function reads the answers; rows the compiler could not prove exact
 * are evaluated by the decimal evaluator when asked).
 * @param rows the rows that `i` indexes (the table's rows, or its row source: the deals' `DealsView.source`).
 */
export function compileCondition(expr: TExpr, run: RunContext, inputs: NodeInputs, table: string, rows: RowLike[] | RowSource): RowCondition {
  const source = asSource(rows);
  return conditionOver(expr, compileContext(run, inputs), table, source, derivedExpressions(run), table === run.graph.roles.deals.table && source === run.deals.source);
}

interface Kept {
  deps: unknown[];
  derived: ReadonlyMap<string, TExpr>;
  decision: Decision | null;
  /** The list {@link rowsHolding} fills, reused across passes. */
  list: Int32Array | null;
}
const kept = new WeakMap<TExpr, WeakMap<RowSource, Kept>>();

/** The input results a compiled expression reads (won/lost flags, credit, indicators): a kept program is reused only with the same ones. */
function dependencies(expr: TExpr, cc: CompileContext, derived: ReadonlyMap<string, TExpr>, out: unknown[] = []): unknown[] {
  // Each derived field is looked into once (a chain of derived fields may name one many times).
  const seen = new Set<TExpr>();
  const visit = (e: TExpr): void => {
    switch (e.k) {
      case 'builtin':
        if (e.name === 'won' || e.name === 'lost') out.push(cc.inputs.maybe(`outcome:${e.name}`));
        else if (e.name === 'credited') out.push(cc.inputs.maybe('credit'));
        else if (e.name === 'indicator') out.push(cc.inputs.maybe(`indicator:${e.indicator}`));
        return;
      case 'firstPer':
        out.push(cc.inputs.maybe('credit'));
        return;
      case 'field': {
        const inline = e.path.length === 1 ? derived.get(`${e.path[0].table}.${e.path[0].field}`) : undefined;
        if (inline && !seen.has(inline)) {
          seen.add(inline);
          visit(inline);
        }
        return;
      }
      case 'neg':
      case 'not':
      case 'missing':
        return visit(e.e);
      case 'in':
        visit(e.e);
        return e.options.forEach(visit);
      case 'bin':
        visit(e.l);
        return visit(e.r);
      case 'call':
        return e.args.forEach(visit);
      default:
        return;
    }
  };
  visit(expr);
  return out;
}

/** The kept program of `expr` over `rows` (compiled again only when the inputs it reads or the derived fields changed); null decision: not compilable. */
function keptDecision(expr: TExpr, cc: CompileContext, table: string, rows: RowSource, derived: ReadonlyMap<string, TExpr>, deals: boolean): Kept {
  const deps = dependencies(expr, cc, derived);
  let byRows = kept.get(expr);
  if (!byRows) kept.set(expr, (byRows = new WeakMap()));
  let entry = byRows.get(rows);
  if (!entry || entry.derived !== derived && !sameMap(entry.derived, derived) || entry.deps.length !== deps.length || entry.deps.some((d, k) => d !== deps[k])) {
    entry = { deps, derived, decision: compileDecision(expr, { cc, table, rows, derived, deals }), list: null };
    byRows.set(rows, entry);
  }
  return entry;
}

/** The rows where a condition holds, for loops that only need those (a red line's flagged deals). */
export interface RowsHolding {
  /** `list[0..count)`: the rows whose compiled answer is TRUE (`i`) or must be asked (`~i`), in row order. Valid until the next decision over the same rows. */
  list: Int32Array;
  count: number;
  /** The decimal evaluator's answer (true when the condition holds) for the row the caller positioned `env` at (row, deal): for the `~i` entries. */
  ask(env: Env): boolean;
}

/**
 * {@link compileCondition} when only the rows where the condition holds are wanted: the fused
 * kernel (kernel.ts) lists them in its one loop without writing an answer per row. Null when the
 * condition does not compile (the caller then asks the decimal evaluator on every row).
 * The condition is decided afresh on every call; only the program and the columns are kept.
 */
export function rowsHolding(expr: TExpr, run: RunContext, inputs: NodeInputs, table: string, source: RowLike[] | RowSource): RowsHolding | null {
  const cc = compileContext(run, inputs);
  const rows = asSource(source);
  const entry = keptDecision(expr, cc, table, rows, derivedExpressions(run), table === run.graph.roles.deals.table && rows === run.deals.source);
  if (!entry.decision) return null;
  if (!entry.list || entry.list.length < rows.length) entry.list = new Int32Array(rows.length);
  const count = entry.decision.collect(entry.list);
  let slow: ((env: Env) => unknown) | null = null;
  return {
    list: entry.list,
    count,
    ask: (env) => (slow ??= compileExpr(expr, cc))(env) === true,
  };
}

/** {@link compileCondition} over an explicit compile context (tests, and callers without a run). */
export function conditionOver(expr: TExpr, cc: CompileContext, table: string, rows: RowLike[] | RowSource, derived: ReadonlyMap<string, TExpr>, deals: boolean): RowCondition {
  const entry = keptDecision(expr, cc, table, asSource(rows), derived, deals);
  let slow: ((env: Env) => unknown) | null = null;
  const decimal = (env: Env): boolean | null => {
    slow ??= compileExpr(expr, cc);
    const v = slow(env);
    return v === null ? null : v === true;
  };
  if (!entry.decision) return Object.assign((_i: number, env: Env) => decimal(env), { compiled: false, fallbacks: 0, results: null });
  const results = entry.decision.run();
  const condition = (i: number, env: Env) => {
    const r = results[i];
    if (r === TRUE) return true;
    if (r === FALSE) return false;
    if (r === FALLBACK) return decimal(env);
    return null;
  };
  // Counted only when asked (the benchmark, tests): a pass over every row that deciding does not need.
  let fallbacks = -1;
  return Object.defineProperties(condition, {
    compiled: { value: true },
    results: { value: results },
    fallbacks: {
      get: () => {
        if (fallbacks < 0) {
          fallbacks = 0;
          for (let i = 0; i < results.length; i++) if (results[i] === FALLBACK) fallbacks++;
        }
        return fallbacks;
      },
    },
  }) as RowCondition;
}

function sameMap(a: ReadonlyMap<string, TExpr>, b: ReadonlyMap<string, TExpr>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
