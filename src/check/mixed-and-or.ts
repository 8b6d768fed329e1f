/**
 * PB3024: `and` inside `or` without parentheses. `and` is read first, so
 * `stage = "A" or stage = "B" and won` means `stage = "A" or (stage = "B" and won)`: a red line
 * written that way also trips on deals in stage A that were lost. Parentheses around the `and`
 * part say that this is meant and silence the warning.
 */
import type { Expr } from '../language/ast.js';
import { type Diagnostic, warning } from '../language/diagnostics.js';

type Binary = Extract<Expr, { kind: 'binary' }>;

/** The PB3024 warnings of one `or` (none for another operator): an operand that is an `and` written without parentheses. */
export function mixedAndOrFindings(expr: Binary): Diagnostic[] {
  if (expr.op !== 'or') return [];
  const out: Diagnostic[] = [];
  const { left, right } = expr;
  if (left.kind === 'binary' && left.op === 'and' && !left.parenthesized) {
    out.push(
      warning(
        'PB3024',
        left.span,
        '"and" and "or" without parentheses: "and" is read first, so this reads as "(the underlined part) or …"',
        'if the first condition should apply to all, write "… and (… or …)"; to keep this meaning, put the underlined part in parentheses',
      ),
    );
  }
  if (right.kind === 'binary' && right.op === 'and' && !right.parenthesized) {
    out.push(
      warning(
        'PB3024',
        right.span,
        '"and" and "or" without parentheses: "and" is read first, so this reads as "… or (the underlined part)"',
        'if the last condition should apply to all, write "(… or …) and …"; to keep this meaning, put the underlined part in parentheses',
      ),
    );
  }
  return out;
}
