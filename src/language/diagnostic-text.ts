/**
 * A diagnostic rendered for a terminal, compiler style, with the caret line's display width measured
 * by the caller's function. format-diagnostic.ts gives it string-width's; `playbook check` gives it
 * {@link asciiWidth} first and loads string-width only when a caret line has other characters: loading
 * string-width builds an `Intl.Segmenter`, which reads ICU's whole list of locales (about 92 M
 * instructions, a tenth of a small check with a finding; bench/RESULTS.md, branch startup5).
 */
import type { Diagnostic } from './diagnostics.js';

/**
 * The display width of `text` in terminal columns when it is printable ASCII only (U+0020–U+007E: one
 * column each, as string-width counts them), else null (the caller measures it otherwise).
 */
export function asciiWidth(text: string): number | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return null;
  }
  return text.length;
}

/**
 * Renders one diagnostic the way compilers do, `width` giving a text's display width in columns:
 * ```
 * file:line:col: error PB2001: message
 *   12 |   when won and discont > 20%
 *      |                ^^^^^^^
 *   hint: did you mean "discount"?
 * ```
 */
export function renderDiagnostic(d: Diagnostic, file: string, source: string, width: (text: string) => number): string {
  const head = visible(`${file}:${d.span.line}:${d.span.column}: ${d.severity} ${d.code}: ${d.message}`);
  // A byte-order mark is not part of the first line (the checker reads the text without it).
  // Line breaks as the lexer counts them: CRLF, LF, or a lone CR (old Mac files, some exports).
  const lines = source.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const line = lines[d.span.line - 1];
  const text = line === undefined ? undefined : visible(line);
  const out = [head];
  if (text !== undefined && d.span.line > 0) {
    const gutter = String(d.span.line);
    // Columns count characters; the caret is placed by display width (a Chinese character takes two).
    const start = Math.max(0, d.span.column - 1);
    const end = d.span.endLine === d.span.line ? Math.max(start + 1, d.span.endColumn) : Math.max(start + 1, text.length);
    const shown = lineWindow(text, start, end);
    // Tabs before the span are repeated as tabs, so the terminal moves the caret line as far as the source line.
    const indent = shown.text
      .slice(0, shown.start)
      .split('\t')
      .map((part) => ' '.repeat(width(part)))
      .join('\t');
    const caret = Math.max(1, width(shown.text.slice(shown.start, shown.end)));
    out.push(`  ${gutter} | ${shown.text}`);
    out.push(`  ${' '.repeat(gutter.length)} | ${indent}${'^'.repeat(caret)}`);
  }
  if (d.hint) out.push(`  hint: ${visible(d.hint)}`);
  return out.join('\n');
}

/** Longest source line shown whole under a message, in characters; a longer one is cut around the caret. */
const WIDEST_LINE = 160;
/** Characters kept before the caret in a cut line, so the reader sees what leads up to it. */
const LEAD = 40;

/** Moves `i` off the second half of a surrogate pair, so a cut never splits a character. */
function onCharacter(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/**
 * The part of source line `text` to print for the span `[start, end)` (character offsets): the whole
 * line up to {@link WIDEST_LINE} characters, else a window of that many from {@link LEAD} before the
 * span, with "…" where the line was cut; `start` and `end` are moved into the window (a span longer
 * than the window is underlined to its edge).
 */
export function lineWindow(text: string, start: number, end: number): { text: string; start: number; end: number } {
  if (text.length <= WIDEST_LINE) return { text, start, end };
  const from = onCharacter(text, Math.max(0, Math.min(start - LEAD, text.length - WIDEST_LINE)));
  const to = onCharacter(text, Math.min(text.length, from + WIDEST_LINE));
  const before = from > 0 ? '…' : '';
  const after = to < text.length ? '…' : '';
  const shift = before.length - from;
  return { text: before + text.slice(from, to) + after, start: start + shift, end: Math.min(end, to) + shift };
}

/**
 * Control characters as their visible pictures (ESC → ␛, NUL → ␀, DEL → ␡), one character for one,
 * so a playbook cannot send escape sequences to the terminal through a message and the caret stays
 * under the right column. Tabs are kept.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, (c) => (c === '\u007F' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))));
}
