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


/**
 * Calls `visit(side, text)` for each comparison in `e` of an expression with a text literal:
 * `side = "text"`, `"text" = side`, `!=`, and each text option of `side in (…)` / `not in (…)`.
 * Used to tell the analyst about texts a rule names and the data spells otherwise.
 */
export function forEachTextComparison(e: TExpr, visit: (side: TExpr, text: string) => void): void {
  const compare = (side: TExpr, lit: TExpr) => {
    if (lit.k === 'lit' && typeof lit.v === 'string') visit(side, lit.v);
  };
  walkExpr(e, (x) => {
    if (x.k === 'bin' && (x.op === '=' || x.op === '!=')) {
      compare(x.l, x.r);
      compare(x.r, x.l);
    } else if (x.k === 'in') for (const o of x.options) compare(x.e, o);
  });
}
