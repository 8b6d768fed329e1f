/**
 * PB3024: `and` inside `or` without parentheses. `and` is read first, so
 * `stage = "A" or stage = "B" and won` means `stage = "A" or (stage = "B" and won)`: a red line
 * written that way also trips on deals in stage A that were lost. Parentheses around the `and`
 * part say that this is meant and silence the warning.
 */
import type { Expr, Span } from '../language/ast.js';
import { type Diagnostic, warning } from '../language/diagnostics.js';

type Binary = Extract<Expr, { kind: 'binary' }>;

/** How the message names the `and` part: underlined on one line; over several, by its lines (only the first is shown underlined). */
function partName(span: Span): string {
  return span.line === span.endLine ? 'the underlined part' : `the part on lines ${span.line}–${span.endLine}`;
}

/** The PB3024 warnings of one `or` (none for another operator): an operand that is an `and` written without parentheses. */
export function mixedAndOrFindings(expr: Binary): Diagnostic[] {
  if (expr.op !== 'or') return [];
  const out: Diagnostic[] = [];
  for (const side of ['first', 'last'] as const) {
    const operand = side === 'first' ? expr.left : expr.right;
    if (operand.kind !== 'binary' || operand.op !== 'and' || operand.parenthesized) continue;
    const part = partName(operand.span);
    const reading = side === 'first' ? `(${part}) or …` : `… or (${part})`;
    const other = side === 'first' ? '… and (… or …)' : '(… or …) and …';
    out.push(
      warning(
        'PB3024',
        operand.span,
        `"and" and "or" without parentheses: "and" is read first, so this reads as "${reading}"`,
        `if the ${side} condition should apply to all, write "${other}"; to keep this meaning, put ${part} in parentheses`,
      ),
    );
  }
  return out;
}
