/**
 * Diagnostics: findings about a playbook, each with a stable code, a position,
 * a message an analyst can act on and, where we know it, a hint.
 * Codes come from the registry in `codes.ts`; each is explained in `docs/errors.md`.
 * Rendering them for a terminal is `format-diagnostic.ts`.
 */
import type { Span } from './ast.js';
import type { DiagnosticCode, ErrorCode, Severity, WarningCode } from './codes.js';
import { compareText } from './collation.js';
import { withShortQuotes } from './shown-name.js';

export type { DiagnosticCode, Severity } from './codes.js';

export interface Diagnostic {
  /** Stable code from the registry, e.g. `PB2001`. Never reused for a different finding. */
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  hint?: string;
}

/**
 * A finding that stops the playbook from running. Only codes registered as errors are accepted.
 * A quoted name longer than 60 characters is shown by its start and end (language/shown-name.ts).
 */
export function error(code: ErrorCode, span: Span, message: string, hint?: string): Diagnostic {
  message = withShortQuotes(message);
  return hint === undefined ? { code, severity: 'error', message, span } : { code, severity: 'error', message, span, hint: withShortQuotes(hint) };
}

/** A finding about something probably not meant; the playbook still runs. Only codes registered as warnings are accepted. Long quoted names shortened as by {@link error}. */
export function warning(code: WarningCode, span: Span, message: string, hint?: string): Diagnostic {
  message = withShortQuotes(message);
  return hint === undefined ? { code, severity: 'warning', message, span } : { code, severity: 'warning', message, span, hint: withShortQuotes(hint) };
}

/** Sort by position, then code (code-point order, never the system locale), so output is deterministic. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column || compareText(a.code, b.code));
}
