/**
 * Parse and check a playbook's text in one call: the entry point for `playbook check`
 * and for everything that compiles a playbook.
 */
import type { PlaybookAst } from '../language/ast.js';
import { type Diagnostic, sortDiagnostics } from '../language/diagnostics.js';
import { parsePlaybook } from '../language/parse.js';
import { analyse } from './analysis/index.js';
import { checkPlaybook } from './checker.js';
import type { CheckedPlaybook } from './model.js';
import { withoutUnreadFollowOns } from './unread-sections.js';

export interface CheckedSource {
  ast: PlaybookAst;
  /** Null when the text has any error. */
  checked: CheckedPlaybook | null;
  /** Syntax and semantic findings together, sorted by position. */
  diagnostics: Diagnostic[];
}

/** Parses and checks `text`. Semantic checks run even after syntax errors, so one run reports every mistake. */
export function checkSource(text: string): CheckedSource {
  const parsed = parsePlaybook(text);
  if (parsed.diagnostics.some((d) => d.code === 'PB1006' || d.code === 'PB1007')) return { ast: parsed.ast, checked: null, diagnostics: parsed.diagnostics };
  const result = checkPlaybook(parsed.ast);
  // Static analysis needs a resolved playbook, so it runs once there are no errors.
  const findings = result.checked && parsed.diagnostics.length === 0 ? analyse(parsed.ast, result.checked) : [];
  // A section not read (a misspelt first word) makes each use of what it defines an error too: left out.
  const { syntax, semantic } = withoutUnreadFollowOns(text, parsed.diagnostics, withoutMisreadText(parsed.diagnostics, result.diagnostics));
  const diagnostics = sortDiagnostics([...syntax, ...semantic, ...findings]);
  const hasSyntaxErrors = parsed.diagnostics.some((d) => d.severity === 'error');
  return { ast: parsed.ast, checked: hasSyntaxErrors ? null : result.checked, diagnostics };
}

/** Whether position (line, column) comes before (or is) position (line2, column2). */
function atOrBefore(line: number, column: number, line2: number, column2: number): boolean {
  return line < line2 || (line === line2 && column <= column2);
}

/**
 * `semantic` without the findings about text that a syntax error says the parser misread: a
 * semantic finding whose span overlaps a syntax error's. `rounding half-up to 5 cents` is one
 * mistake (PB1003 at `5 cents`, whose hint says a cent is 0.01), not also "rounding to 5 is not
 * supported" about the 5 the parser kept; once the syntax is mended the check runs on what the
 * analyst meant, and says then what is still wrong.
 */
function withoutMisreadText(syntax: readonly Diagnostic[], semantic: Diagnostic[]): Diagnostic[] {
  const errors = syntax.filter((d) => d.severity === 'error' && d.span.line > 0);
  if (errors.length === 0) return semantic;
  const overlaps = (a: Diagnostic['span'], b: Diagnostic['span']) =>
    atOrBefore(a.line, a.column, b.endLine, b.endColumn) && atOrBefore(b.line, b.column, a.endLine, a.endColumn);
  return semantic.filter((d) => d.span.line === 0 || !errors.some((e) => overlaps(d.span, e.span)));
}

export type { CheckedPlaybook } from './model.js';
