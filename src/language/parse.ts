/**
 * Text → AST plus syntax diagnostics. Chevrotain's own messages are rewritten
 * into plain language for analysts (codes PB1001–PB1005).
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import { parsePlaybookText } from '../../grammar/parser.js';
import type { PlaybookAst, Span } from './ast.js';
import { cstToAst, tokenSpan } from './cst-to-ast.js';
import { type Diagnostic, error } from './diagnostics.js';

/** Largest playbook we read, in characters; larger files get PB1006 (a guard against runaway input). */
export const MAX_SOURCE_CHARS = 1_000_000;

export interface ParseResult {
  ast: PlaybookAst;
  diagnostics: Diagnostic[];
}

const sectionWords = 'table, credit, quota, commission, bonus, red line, must win or ranking';

function describeFound(token: IToken): string {
  if (token.tokenType.name === 'EOF' || Number.isNaN(token.startOffset)) return 'the end of the file';
  // A quoted text already shows its own quotes.
  return token.image.startsWith('"') ? token.image : `"${token.image}"`;
}

/** Pulls the expected token labels out of a chevrotain message. */
function expectedFrom(message: string): string[] {
  const found = new Set<string>();
  const single = /-->\s*(.+?)\s*<--/.exec(message);
  if (single) found.add(single[1]);
  for (const match of message.matchAll(/\[([^\]]*)\]/g)) {
    const first = match[1].split(',')[0]?.trim();
    if (first) found.add(first);
  }
  return [...found].map((label) => (label === 'Identifier' ? 'a name' : label === 'QuotedIdentifier' ? 'a name' : label));
}

function syntaxDiagnostic(e: IRecognitionException, previous: IToken | undefined): Diagnostic {
  const token = e.token;
  const atEnd = token.tokenType.name === 'EOF' || Number.isNaN(token.startOffset);
  // At the end of the file point just after the last real token, not at a phantom position.
  const span: Span = atEnd && previous ? { ...tokenSpan(previous), column: previous.endColumn! + 1, endColumn: previous.endColumn! + 1 } : tokenSpan(token);
  const found = describeFound(token);
  const rule = e.context?.ruleStack?.[e.context.ruleStack.length - 1] ?? '';
  const expected = [...new Set(expectedFrom(e.message))];
  if (e.name === 'NotAllInputParsedException' || expected.includes('EOF')) {
    return error('PB1005', span, `${found} does not start a section`, `each section starts with ${sectionWords}`);
  }
  if (rule === 'commissionRule' && expected.some((x) => x.includes('marginal'))) {
    return error(
      'PB1004',
      span,
      'say whether this commission table is marginal or retroactive',
      'marginal: each band pays its own rate on the part that falls in it; retroactive: the band reached pays its rate on the whole amount',
    );
  }
  const list = expected.length === 0 ? 'something else' : expected.length === 1 ? expected[0] : `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`;
  return error('PB1003', span, `expected ${list} but found ${found}`);
}

/** Parses a playbook. Never throws on bad text; every problem becomes a diagnostic. */
export function parsePlaybook(text: string): ParseResult {
  if (text.length > MAX_SOURCE_CHARS) {
    const span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    return {
      ast: { header: { name: '', span, currency: null, timeZone: null, fiscalYearStart: null, planPeriod: null, rounding: null }, tables: [], rules: [] },
      diagnostics: [error('PB1006', span, `the playbook is ${text.length} characters long; the limit is ${MAX_SOURCE_CHARS}`, 'split it, or check that this is the right file')],
    };
  }
  const parsed = parsePlaybookText(text);
  const diagnostics: Diagnostic[] = [];
  for (const e of parsed.lexErrors) {
    const line = e.line ?? 1;
    const column = e.column ?? 1;
    const ch = text.slice(e.offset, e.offset + 1);
    diagnostics.push(error('PB1001', { line, column, endLine: line, endColumn: column }, `unexpected character "${ch}"`, 'remove it, or put text in double quotes'));
  }
  for (const t of parsed.tokens) {
    if (t.tokenType.name === 'UnterminatedString') {
      diagnostics.push(error('PB1002', tokenSpan(t), 'this text has no closing double quote', 'end the text with " on the same line'));
    }
  }
  const seen = new Set<string>();
  for (const e of parsed.parseErrors) {
    if (e.token.tokenType.name === 'UnterminatedString') continue; // reported once above as PB1002
    const index = parsed.tokens.indexOf(e.token);
    const previous = index > 0 ? parsed.tokens[index - 1] : parsed.tokens[parsed.tokens.length - 1];
    const d = syntaxDiagnostic(e, previous);
    const key = `${d.span.line}:${d.span.column}`;
    if (seen.has(key)) continue; // one report per position: recovery can fail twice at the same token
    seen.add(key);
    diagnostics.push(d);
  }
  const built = cstToAst(parsed.cst);
  return { ast: built.ast, diagnostics: [...diagnostics, ...built.diagnostics] };
}
