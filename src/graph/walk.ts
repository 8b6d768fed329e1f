/** Walking the expression IR: every sub-expression of an expression, in order. */
import type { TExpr } from './ir.js';

/** Calls `visit` on every sub-expression of `e`. */
export function walkExpr(e: TExpr | null, visit: (e: TExpr) => void): void {
  if (!e) return;
  visit(e);
  switch (e.k) {
    case 'neg':
    case 'not':
    case 'missing':
      walkExpr(e.e, visit);
      break;
    case 'bin':
      walkExpr(e.l, visit);
      walkExpr(e.r, visit);
      break;
    case 'in':
      walkExpr(e.e, visit);
      e.options.forEach((o) => walkExpr(o, visit));
      break;
    case 'call':
      e.args.forEach((a) => walkExpr(a, visit));
      break;
    case 'sum':
    case 'distinct':
      walkExpr(e.value, visit);
      walkExpr(e.filter, visit);
      break;
    case 'count':
      walkExpr(e.filter, visit);
      break;
    default:
      break;
  }
}

