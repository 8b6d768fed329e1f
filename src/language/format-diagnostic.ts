/**
 * A diagnostic rendered for a terminal, compiler style. Its own module because measuring a
 * line's display width (string-width) costs about 2% of a clean `check`'s instructions to load:
 * commands import this only when they have a finding to print.
 */
import stringWidth from 'string-width';
import type { Diagnostic } from './diagnostics.js';

/**
 * Renders one diagnostic the way compilers do:
 * ```
 * file:line:col: error PB2001: message
 *   12 |   when won and discont > 20%
 *      |                ^^^^^^^
 *   hint: did you mean "discount"?
 * ```
 */
export function formatDiagnostic(d: Diagnostic, file: string, source: string): string {
  const head = visible(`${file}:${d.span.line}:${d.span.column}: ${d.severity} ${d.code}: ${d.message}`);
  const lines = source.split(/\r?\n/);
  const line = lines[d.span.line - 1];
  const text = line === undefined ? undefined : visible(line);
  const out = [head];
  if (text !== undefined && d.span.line > 0) {
    const gutter = String(d.span.line);
    // Columns count characters; the caret is placed by display width (a Chinese character takes two).
    const start = Math.max(0, d.span.column - 1);
    const end = d.span.endLine === d.span.line ? Math.max(start + 1, d.span.endColumn) : Math.max(start + 1, text.length);
    const indent = stringWidth(text.slice(0, start));
    const width = Math.max(1, stringWidth(text.slice(start, end)));
    out.push(`  ${gutter} | ${text}`);
    out.push(`  ${' '.repeat(gutter.length)} | ${' '.repeat(indent)}${'^'.repeat(width)}`);
  }
  if (d.hint) out.push(`  hint: ${visible(d.hint)}`);
  return out.join('\n');
}

/**
 * Control characters as their visible pictures (ESC → ␛, NUL → ␀, DEL → ␡), one character for one,
 * so a playbook cannot send escape sequences to the terminal through a message and the caret stays
 * under the right column. Tabs are kept.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, (c) => (c === '\u007F' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))));
}
