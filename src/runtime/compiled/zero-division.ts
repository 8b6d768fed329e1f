/**
 * Which rows of a derived number divide by zero, decided over columns without evaluating the
 * number itself (issue 10: `derive margin = (amount - cost) / amount` was computed in decimals for a
 * million deals just to find the few whose amount is zero).
 *
 * The decimal evaluator (expr.ts) counts a division by zero when it evaluates `l / r` with both
 * sides present and `r` zero. In an expression made only of numbers, fields, negation and `+ − × ÷`
 * every part is evaluated on every row (no part is skipped), so a row divides by zero exactly when
 * one of its divisions has `l` present, `r` present and `r = 0`. That yes/no condition is compiled
 * like any other (compiled/decision.ts: exact integers over columns), and its answer per row is the
 * decimal evaluator's — or FALLBACK where exactness is not proven (a divisor through an earlier
 * division may hold a tiny non-zero decimal), where the caller evaluates the row as before.
 * Calls (`min`, `max` stop at their first missing argument), aggregates and conditions are not
 * rewritten: {@link zeroDivisionCondition} returns null and every row is evaluated as before.
 */
import type { TExpr } from '../../graph/ir.js';

/** True when every part of `e` is evaluated on every row by the decimal evaluator (no call, aggregate or condition). */
function evaluatedWhole(e: TExpr): boolean {
  switch (e.k) {
    case 'lit':
    case 'field':
    case 'builtin':
      return true;
    case 'neg':
      return evaluatedWhole(e.e);
    case 'bin':
      return (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/') && evaluatedWhole(e.l) && evaluatedWhole(e.r);
    default:
      return false;
  }
}

/** The divisions of `e`, outermost first. */
function divisions(e: TExpr, out: Extract<TExpr, { k: 'bin' }>[] = []): Extract<TExpr, { k: 'bin' }>[] {
  if (e.k === 'neg') divisions(e.e, out);
  else if (e.k === 'bin') {
    if (e.op === '/') out.push(e);
    divisions(e.l, out);
    divisions(e.r, out);
  }
  return out;
}

const present = (e: TExpr): TExpr => ({ k: 'missing', t: 'boolean', e, neg: true });
const and = (l: TExpr, r: TExpr): TExpr => ({ k: 'bin', t: 'boolean', op: 'and', l, r });

/**
 * The yes/no expression "some division of `expr` divides by zero" (`(l is not missing and r is not
 * missing and r = 0) or …` over its divisions), or null when `expr` cannot be rewritten so (see the
 * file's comment) — and the constant `false` expression when it has no division at all.
 * @param expr a derived field's number expression (money, number, ratio, percent)
 */
export function zeroDivisionCondition(expr: TExpr): TExpr | null {
  if (!evaluatedWhole(expr)) return null;
  const clauses = divisions(expr).map((d) => and(and(present(d.l), present(d.r)), { k: 'bin', t: 'boolean', op: '=', l: d.r, r: { k: 'lit', t: 'number', v: '0' } }));
  if (clauses.length === 0) return { k: 'lit', t: 'boolean', v: false };
  return clauses.reduce((l, r) => ({ k: 'bin', t: 'boolean', op: 'or', l, r }));
}
