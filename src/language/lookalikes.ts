/**
 * Characters the lexer cannot read that stand for one it can: a full-width sign typed by a Chinese
 * or Japanese input method (`20％`, `（`, `，`, `＜`), a curly quote copied from a word processor.
 * Each becomes a PB1001 error naming the character, and the text is read again with the plain
 * character in its place, so one slip gives one error and not a cascade (`base rate 2％` used to
 * give PB1003 on every line of its table as well).
 */
import type { LexError } from '../../grammar/lexer.js';
import { type Diagnostic, error } from './diagnostics.js';

/** Curly and angle double quotes, and the corner brackets Chinese and Japanese text quotes with. */
const QUOTES = /[\u201c\u201d\u201e\u201f\u00ab\u00bb\u300c\u300d\uff02]/;

/**
 * The plain character that `ch` stands for, or null. Full-width forms U+FF01–U+FF5E map to ASCII
 * (U+FF05 ％ → %); their letters do not, as a name may hold them (they are letters to the lexer).
 */
export function plainFor(ch: string): string | null {
  if (QUOTES.test(ch)) return '"';
  const c = ch.charCodeAt(0);
  if (c < 0xff01 || c > 0xff5e) return null;
  if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return null;
  return String.fromCharCode(c - 0xfee0);
}

function diagnosticFor(run: string, line: number, column: number): Diagnostic {
  const span = { line, column, endLine: line, endColumn: column + run.length - 1 };
  if (QUOTES.test(run[0])) {
    return error('PB1001', span, `unexpected character "${run[0]}", a typographic quote`, 'write names and texts between straight double quotes ("orders commission"), as a word processor copy replaces them with curly ones');
  }
  const plain = [...run].map((ch) => plainFor(ch) ?? ch).join('');
  const what = run.length === 1 ? `unexpected character "${run}", a full-width "${plain}"` : `unexpected characters "${run}", full-width "${plain}"`;
  return error('PB1001', span, what, `type the plain "${plain}": an input method in full-width mode types "${run}" instead (a name that holds it goes between double quotes)`);
}

/**
 * One pass: the lexer errors whose skipped characters start with a lookalike (of the kind `quotes`
 * asks for) get that leading run replaced and one error each; the rest of a run is left to be
 * reported as it is read again.
 */
function replacePass(text: string, errors: readonly LexError[], quotes: boolean): { text: string; diagnostics: Diagnostic[] } | null {
  let chars: string[] | null = null;
  const diagnostics: Diagnostic[] = [];
  for (const e of errors) {
    let n = 0;
    while (n < e.length && plainFor(text[e.offset + n]) !== null && QUOTES.test(text[e.offset + n]) === quotes) n++;
    if (n === 0) continue;
    chars ??= text.split('');
    const run = text.slice(e.offset, e.offset + n);
    if (quotes) {
      // Each quote on its own: an opening and a closing one are two runs, one error each.
      for (let i = 0; i < n; i++) {
        chars[e.offset + i] = '"';
        diagnostics.push(diagnosticFor(run[i], e.line ?? 1, (e.column ?? 1) + i));
      }
    } else {
      for (let i = 0; i < n; i++) chars[e.offset + i] = plainFor(run[i])!;
      diagnostics.push(diagnosticFor(run, e.line ?? 1, e.column ?? 1));
    }
  }
  return chars === null ? null : { text: chars.join(''), diagnostics };
}

/** A text read by the lexer: its tokens and errors (the lexer's result, whatever its other fields). */
export interface Lexed {
  errors: readonly LexError[];
}

/**
 * Reads `text` with `lex`, and again with its lookalikes replaced while the lexer reports some:
 * quotes first (so a full-width sign inside a text quoted with curly quotes is read as part of that
 * text, not reported), then full-width signs. Returns the text finally read (same length and
 * positions as `text`: every lookalike is one UTF-16 unit), its lexing, and a PB1001 per lookalike
 * run. Characters inside quoted texts and comments are never touched: the lexer reads those.
 */
export function readWithLookalikes<L extends Lexed>(text: string, lex: (t: string) => L): { text: string; lexed: L; diagnostics: Diagnostic[] } {
  let lexed = lex(text);
  const diagnostics: Diagnostic[] = [];
  for (const quotes of [true, false]) {
    if (lexed.errors.length === 0) break;
    const pass = replacePass(text, lexed.errors, quotes);
    if (pass === null) continue;
    text = pass.text;
    diagnostics.push(...pass.diagnostics);
    lexed = lex(text);
  }
  return { text, lexed, diagnostics };
}
