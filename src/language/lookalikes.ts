/**
 * Characters the lexer cannot read that stand for one it can: a full-width sign typed by a Chinese
 * or Japanese input method (`20％`, `（`, `，`, `＜`), a curly quote copied from a word processor.
 * Each becomes a PB1001 error naming the character, and the text is read again with the plain
 * character in its place, so one slip gives one error and not a cascade (`base rate 2％` used to
 * give PB1003 on every line of its table as well).
 */
import type { LexError } from '../../grammar/lexer.js';
import { type Diagnostic, error } from './diagnostics.js';

/**
 * Curly and angle double quotes, the corner brackets Chinese and Japanese text quotes with, and the
 * double angle brackets Chinese quotes a title with.
 */
const QUOTES = /[\u201c\u201d\u201e\u201f\u00ab\u00bb\u300c\u300d\u300e\u300f\u300a\u300b\uff02]/;

/**
 * Curly single quotes (‘ ’, and the reversed ‛): a text quoted so in a word processor. Only an
 * opening one outside a text starts a text here, which runs to the closing ’ on its line; an
 * apostrophe inside a text (“client’s”) is the text's own.
 */
const SINGLE_OPEN = /[\u2018\u201b]/;
const SINGLE_CLOSE = '\u2019';

/** The ideographic full stop and comma (U+3002, U+3001), typed for . and , in Chinese text. */
const IDEOGRAPHIC: Readonly<Record<string, string>> = { '\u3002': '.', '\u3001': ',' };

/**
 * The plain character that `ch` stands for, or null. Full-width forms U+FF01–U+FF5E map to ASCII
 * (U+FF05 ％ → %); their letters do not, as a name may hold them (they are letters to the lexer).
 * 。 and 、 stand for . and ,.
 */
export function plainFor(ch: string): string | null {
  if (QUOTES.test(ch)) return '"';
  if (IDEOGRAPHIC[ch] !== undefined) return IDEOGRAPHIC[ch];
  const c = ch.charCodeAt(0);
  if (c < 0xff01 || c > 0xff5e) return null;
  if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return null;
  return String.fromCharCode(c - 0xfee0);
}

function diagnosticFor(run: string, line: number, column: number): Diagnostic {
  const span = { line, column, endLine: line, endColumn: column + run.length - 1 };
  if (QUOTES.test(run[0]) || SINGLE_OPEN.test(run[0]) || run[0] === SINGLE_CLOSE) {
    return error('PB1001', span, `unexpected character "${run[0]}", a typographic quote`, 'write names and texts between straight double quotes ("orders commission"), as a word processor copy replaces them with curly ones');
  }
  const plain = [...run].map((ch) => plainFor(ch) ?? ch).join('');
  const kind = IDEOGRAPHIC[run[0]] !== undefined ? 'an ideographic' : 'a full-width';
  const what = run.length === 1 ? `unexpected character "${run}", ${kind} "${plain}"` : `unexpected characters "${run}", full-width "${plain}"`;
  return error('PB1001', span, what, `type the plain "${plain}": an input method in full-width mode types "${run}" instead (a rule's name or a message that holds it goes between double quotes)`);
}

/**
 * The quote pass: scans the text as the lexer would (comments, straight-quoted texts and backtick
 * names are skipped) and replaces each lookalike quote outside them with `"`, one error each. A text
 * opened by a lookalike runs to the next straight or lookalike quote on its line (one opened by ‘
 * to the next ’), so a text like
 * `“毛利分成（试行）”` or `“30% # of target”` is read whole (what it holds is never a sign or a comment).
 */
function replaceQuotes(text: string): { text: string; diagnostics: Diagnostic[] } | null {
  // Most playbooks hold none: one native search instead of a scan of every character.
  if (!QUOTES.test(text) && !SINGLE_OPEN.test(text)) return null;
  let chars: string[] | null = null;
  const diagnostics: Diagnostic[] = [];
  let line = 1;
  let lineStart = 0;
  const replace = (i: number): void => {
    chars ??= text.split('');
    chars[i] = '"';
    diagnostics.push(diagnosticFor(text[i], line, i - lineStart + 1));
  };
  /** From just after an opening quote, the index of the closing one (or of the line's end). */
  const textEnd = (from: number, lookalikeCloses: boolean): number => {
    let i = from;
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r') {
      if (text[i] === '\\') i += 2;
      else if (text[i] === '"' || (lookalikeCloses && QUOTES.test(text[i]))) return i;
      else i++;
    }
    return Math.min(i, text.length);
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '"') {
      const end = textEnd(i + 1, false);
      i = end < text.length && text[end] === '"' ? end + 1 : end;
    } else if (ch === '`') {
      const close = text.indexOf('`', i + 1);
      const eol = text.indexOf('\n', i + 1);
      i = close !== -1 && (eol === -1 || close < eol) ? close + 1 : i + 1;
    } else if (SINGLE_OPEN.test(ch)) {
      replace(i);
      let end = i + 1;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r' && text[end] !== SINGLE_CLOSE && text[end] !== '"') end++;
      if (end < text.length && text[end] === SINGLE_CLOSE) replace(end);
      i = end < text.length && (text[end] === SINGLE_CLOSE || text[end] === '"') ? end + 1 : end;
    } else if (QUOTES.test(ch)) {
      replace(i);
      const end = textEnd(i + 1, true);
      if (end < text.length && QUOTES.test(text[end])) replace(end);
      i = end < text.length && (text[end] === '"' || QUOTES.test(text[end])) ? end + 1 : end;
    } else {
      i++;
    }
  }
  return chars === null ? null : { text: (chars as string[]).join(''), diagnostics };
}

/**
 * The full-width pass: the lexer errors whose skipped characters start with a full-width sign get
 * that leading run replaced and one error each; the rest of a run is left to be reported as it is
 * read again. Returns the replaced runs too, so one that did not help can be put back.
 */
function replaceFullWidth(text: string, errors: readonly LexError[]): { text: string; runs: Run[] } | null {
  let chars: string[] | null = null;
  const runs: Run[] = [];
  for (const e of errors) {
    let n = 0;
    while (n < e.length && plainFor(text[e.offset + n]) !== null && !QUOTES.test(text[e.offset + n])) n++;
    if (n === 0) continue;
    chars ??= text.split('');
    for (let i = 0; i < n; i++) chars[e.offset + i] = plainFor(text[e.offset + i])!;
    runs.push({ offset: e.offset, length: n, diagnostic: diagnosticFor(text.slice(e.offset, e.offset + n), e.line ?? 1, e.column ?? 1) });
  }
  return chars === null ? null : { text: (chars as string[]).join(''), runs };
}

/** A run of full-width signs replaced by the plain ones, and its error. */
interface Run {
  offset: number;
  length: number;
  diagnostic: Diagnostic;
}

/** A text read by the lexer: its tokens and errors (the lexer's result, whatever its other fields). */
export interface Lexed {
  errors: readonly LexError[];
}

/**
 * Reads `text` with `lex` after replacing its lookalikes: quotes first, by scanning the text (so a
 * full-width sign, a `#` or a `）` inside a text quoted with curly quotes is read as part of that
 * text), then the full-width signs the lexer stops at. Returns the text finally read (same length
 * and positions as `text`: every lookalike is one UTF-16 unit), its lexing, and a PB1001 per
 * lookalike run. Characters inside quoted texts and comments are never touched. A full-width sign
 * whose plain form the lexer cannot read there either is left as typed (the parser reports it).
 */
export function readWithLookalikes<L extends Lexed>(text: string, lex: (t: string) => L): { text: string; lexed: L; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const quoted = replaceQuotes(text);
  if (quoted !== null) {
    text = quoted.text;
    diagnostics.push(...quoted.diagnostics);
  }
  let lexed = lex(text);
  const wide = lexed.errors.length === 0 ? null : replaceFullWidth(text, lexed.errors);
  if (wide === null) return { text, lexed, diagnostics };
  const original = text;
  let replaced = wide.text;
  let relexed = lex(replaced);
  // A sign whose plain form cannot be read there either (＄ for $, ％ with no number before it) is
  // put back: reported once as the character typed, not as a plain one that is wrong too.
  const useless = wide.runs.filter((r) => relexed.errors.some((e) => e.offset >= r.offset && e.offset < r.offset + r.length));
  if (useless.length > 0) {
    const chars = replaced.split('');
    for (const r of useless) for (let i = r.offset; i < r.offset + r.length; i++) chars[i] = original[i];
    replaced = chars.join('');
    relexed = lex(replaced);
  }
  diagnostics.push(...wide.runs.filter((r) => !useless.includes(r)).map((r) => r.diagnostic));
  if (useless.length === wide.runs.length) return { text, lexed, diagnostics };
  return { text: replaced, lexed: relexed, diagnostics };
}
