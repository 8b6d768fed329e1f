/**
 * A percent typed with a decimal point and no decimals (`base rate 2.%`, `from 80.% of quota`): the
 * lexer reads `2` and `.` and stops at the `%`, and the parser then reports the number, the `%` and
 * every line of the section after it (six errors for one slip). Here the point is reported once
 * (PB1001) and the percent read as `2%`, so nothing else is reported. The playbook still
 * has an error, so nothing is paid from it: the point may stand for a digit left out (2.5%).
 */
import { type Diagnostic, error } from './diagnostics.js';
import type { Lexed } from './lookalikes.js';

/**
 * `text` with each `<digits>.%` or `<digits>. %` outside texts and comments read as `<digits>%`
 * (followed by spaces), relexed with `lex`, and one PB1001 per point; null when there is none (found from
 * the lexer's own errors: a `%` it could not read, just after such a point). Same length and
 * positions as `text`.
 */
export function readPointBeforePercent<L extends Lexed>(text: string, lexed: L, lex: (t: string) => L): { text: string; lexed: L; diagnostics: Diagnostic[] } | null {
  let chars: string[] | null = null;
  const diagnostics: Diagnostic[] = [];
  for (const e of lexed.errors) {
    if (text[e.offset] !== '%') continue;
    const before = /(\d[\d,]*)\.(\s?)$/.exec(text.slice(Math.max(0, e.offset - 40), e.offset));
    if (!before) continue;
    const point = e.offset - 1 - before[2].length;
    const line = e.line ?? 1;
    const column = (e.column ?? 1) - 1 - before[2].length;
    chars ??= text.split('');
    // `2.%` → `2% `, `2. %` → `2%  `: same length, so every later position stays as typed.
    chars[point] = '%';
    chars[e.offset] = ' ';
    const written = `${before[1]}.${before[2]}%`;
    diagnostics.push(
      error('PB1001', { line, column, endLine: line, endColumn: column }, `unexpected character "." in ${written}: a decimal point needs digits after it`, `write ${before[1]}%, or the percent with its decimals (${before[1]}.5%)`),
    );
  }
  if (chars === null) return null;
  const replaced = chars.join('');
  return { text: replaced, lexed: lex(replaced), diagnostics };
}
