/**
 * What the two decision compilers share (`decision.ts`, the vectorised program; `kernel.ts`, the
 * fused comparison loop): the per-row answers, the compile context and the inlining of derived fields.
 */
import type { FieldStep, TExpr } from '../../graph/ir.js';
import type { CompileContext } from '../expr.js';
import type { RowSource } from '../values.js';

/** Results of a compiled condition for one row. */
export const FALSE = 0;
export const TRUE = 1;
/** The condition's value is unknown (a missing value reached it): it does not hold. */
export const UNKNOWN = 2;
/** The row must be decided by the decimal evaluator (exactness could not be proven). */
export const FALLBACK = 3;

/** A compiled condition: `run()` decides every row and returns, per row, FALSE, TRUE, UNKNOWN or FALLBACK. */
export interface Decision {
  /** Recomputes every row (the returned array is reused by the next run). */
  run(): Uint8Array;
  /** Recomputes every row and lists, in row order, those to keep: see {@link Collect}. */
  collect: Collect;
}

/**
 * Decides every row afresh and writes into `list` (one slot per row at least) the rows whose answer
 * is TRUE, as `i`, or FALLBACK, as `~i` (negative: ask the decimal evaluator), in row order;
 * returns how many it wrote. Rows that are FALSE or UNKNOWN are not listed.
 */
export type Collect = (list: Int32Array) => number;

/** A condition per row: `r[i]` is FALSE, TRUE, UNKNOWN or FALLBACK; `run()` refills `r`. */
export interface BoolVec {
  r: Uint8Array;
  run: () => void;
  /** The fused kernel only: {@link Collect} without filling `r` (one loop, no store per row). */
  collect?: Collect;
  /** True when `r` only ever holds FALSE or TRUE (the won/lost flags): the kernel's fastest loop reads it as a gate. */
  twoValued?: boolean;
}

/** {@link Collect} over the answers `r` of a program that fills them (the vectorised one). */
export function collectFrom(r: Uint8Array, list: Int32Array): number {
  let k = 0;
  for (let i = 0; i < r.length; i++) {
    const a = r[i];
    if (a === TRUE) list[k++] = i;
    else if (a === FALLBACK) list[k++] = ~i;
  }
  return k;
}

/** What compiling a decision needs: the expression context, the rows decided and the derived fields to inline. */
export interface DecisionContext {
  cc: CompileContext;
  /** The table whose rows are decided (index `i` is into its rows). */
  table: string;
  /** The rows decided, read field by field (`rows.length` of them). */
  rows: RowSource;
  /** True when the rows are the deals table's (deal built-ins: won, lost, credited, indicators). */
  deals: boolean;
  /** `table.field` → the expression of each derived field, inlined instead of read back as a rounded Decimal. */
  derived: ReadonlyMap<string, TExpr>;
}

/** Derived fields are inlined while the expanded expression stays this small (a long chain of derived fields is read back as stored). */
const INLINE_LIMIT = 64;

/** The derived expression to inline for a field, or undefined (not derived, another table, or too large once expanded). */
export function derivedOf(path: FieldStep[], dc: DecisionContext): TExpr | undefined {
  const e = path.length === 1 && path[0].table === dc.table ? dc.derived.get(`${path[0].table}.${path[0].field}`) : undefined;
  return e && expandedSize(e, dc, INLINE_LIMIT) <= INLINE_LIMIT ? e : undefined;
}

/** Nodes of `e` with its derived fields expanded, counted up to just past `limit`. */
function expandedSize(e: TExpr, dc: DecisionContext, limit: number): number {
  let n = 0;
  const visit = (x: TExpr): void => {
    if (++n > limit) return;
    switch (x.k) {
      case 'field': {
        const inner = x.path.length === 1 && x.path[0].table === dc.table ? dc.derived.get(`${x.path[0].table}.${x.path[0].field}`) : undefined;
        if (inner) visit(inner);
        return;
      }
      case 'neg':
      case 'not':
      case 'missing':
        return visit(x.e);
      case 'in':
        visit(x.e);
        for (const o of x.options) if (n <= limit) visit(o);
        return;
      case 'bin':
        visit(x.l);
        if (n <= limit) visit(x.r);
        return;
      case 'call':
        for (const a of x.args) if (n <= limit) visit(a);
        return;
      default:
        return;
    }
  };
  visit(e);
  return n;
}

