/**
 * A percent written with a decimal comma (`base rate 2,5%`, as a German or French keyboard and
 * spreadsheet write it): the lexer reads the number `2`, a comma and `5%`, and the parser then
 * reports the `2` and every line of the section after it. Each such comma is reported once (PB1003,
 * saying how a percent is written) and read as the point it stands for, so nothing else is reported.
 * The playbook still has an error, so nothing is paid from it.
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import { type Diagnostic, error } from './diagnostics.js';

/**
 * The commas of `<digits>,<one or two digits>%` written without spaces where the parser stopped at
 * the number before them (`errors`: the parser's), each with its PB1003. A comma before three
 * digits groups thousands (`1,500%` is one token) and is never taken.
 */
export function decimalCommaPercents(tokens: readonly IToken[], errors: readonly IRecognitionException[]): { offsets: number[]; diagnostics: Diagnostic[] } | null {
  const offsets: number[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const e of errors) {
    const at = tokens.indexOf(e.token);
    const [number, comma, percent] = [tokens[at], tokens[at + 1], tokens[at + 2]];
    if (at < 0 || !number || !comma || !percent) continue;
    if (number.tokenType.name !== 'NumberLiteral' || comma.tokenType.name !== 'Comma' || percent.tokenType.name !== 'PercentLiteral') continue;
    if (comma.startOffset !== number.endOffset! + 1 || percent.startOffset !== comma.endOffset! + 1 || !/^\d{1,2}%$/.test(percent.image)) continue;
    if (offsets.includes(comma.startOffset)) continue;
    offsets.push(comma.startOffset);
    const written = `${number.image},${percent.image}`;
    const meant = `${number.image}.${percent.image}`;
    const line = comma.startLine ?? 1;
    const column = comma.startColumn ?? 1;
    diagnostics.push(error('PB1003', { line, column, endLine: line, endColumn: column }, `${written} is written with a decimal comma; a percent's decimals follow a point`, `write ${meant}`));
  }
  return offsets.length === 0 ? null : { offsets, diagnostics };
}
