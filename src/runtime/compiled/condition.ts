/**
 * A condition decided for each row of a table: the compiled decision (exact integers over
 * columns, see `decision.ts`) where it applies, the decimal evaluator (expr.ts) for the rows or
 * expressions it cannot prove exact. Both give the same answer; the compiled one builds no
 * Decimal and allocates nothing per row.
 */
import type { TExpr } from '../../graph/ir.js';
import type { NodeInputs, RunContext } from '../context.js';
import { type CompileContext, type Env, compileContext, compileExpr } from '../expr.js';
import type { RowLike } from '../values.js';
import { type Decision, FALLBACK, FALSE, TRUE, compileDecision } from './decision.js';

/** Decides row `i` (whose env — row, deal — the caller has positioned): true, false, or null (unknown). */
export interface RowCondition {
  (i: number, env: Env): boolean | null;
  /** True when the expression compiled to exact integer arithmetic (false: every row uses the decimal evaluator). */
  readonly compiled: boolean;
}

/** `table.field` → expression of every derived field of the graph (the compiled decisions inline them). */
export function derivedExpressions(run: RunContext): Map<string, TExpr> {
  const map = new Map<string, TExpr>();
  for (const n of run.graph.nodes) if (n.kind === 'derived') map.set(`${n.table}.${n.name}`, n.expr);
  return map;
}

/**
 * Compiles the condition `expr` over the rows of `table` for a node with `inputs`.
 * @param rows the rows that `i` indexes (the table's rows).
 */
export function compileCondition(expr: TExpr, run: RunContext, inputs: NodeInputs, table: string, rows: RowLike[]): RowCondition {
  const cc = compileContext(run, inputs);
  return conditionOver(expr, cc, table, rows, derivedExpressions(run), table === run.graph.roles.deals.table && rows === run.deals.rows);
}

/** {@link compileCondition} over an explicit compile context (tests, and callers without a run). */
export function conditionOver(expr: TExpr, cc: CompileContext, table: string, rows: RowLike[], derived: ReadonlyMap<string, TExpr>, deals: boolean): RowCondition {
  const fast: Decision | null = compileDecision(expr, { cc, table, rows, derived, deals });
  let slow: ((env: Env) => unknown) | null = null;
  const decimal = (env: Env): boolean | null => {
    slow ??= compileExpr(expr, cc);
    const v = slow(env);
    return v === null ? null : v === true;
  };
  if (!fast) return Object.assign((_i: number, env: Env) => decimal(env), { compiled: false });
  return Object.assign(
    (i: number, env: Env) => {
      const r = fast(i);
      if (r === TRUE) return true;
      if (r === FALSE) return false;
      if (r === FALLBACK) return decimal(env);
      return null;
    },
    { compiled: true },
  );
}
