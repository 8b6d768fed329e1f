/**
 * One mistake, one report. A section whose first word is misspelt (`comission "orders
 * commission" …`) cannot be read, and chevrotain's recovery then tries to read each of its
 * indented lines as a section of its own (`pay base` as `pay "…" in stages`), reporting an
 * "expected …" for each: three or four errors for one typo, the later ones misleading. Those
 * follow-on syntax errors are dropped here, and the section's first error says which lines were
 * not read. The lines under a section are the ones after it up to the next line that starts at
 * column 1 (sections start at the margin, their lines are indented); in a playbook written without
 * indentation, up to the next line whose first word starts a section (or is near one: `bonsu`). The same holds under a section line that starts well but breaks
 * off (PB1003 on a line at the margin, `red lin "margin floor" on deals`).
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic } from './diagnostics.js';
import { nearSectionWord } from './section-words.js';

/** Syntax codes whose reports inside an unread section are follow-on errors. */
const FOLLOW_ON = new Set(['PB1003', 'PB1005']);

/**
 * `diagnostics` (the syntax reports of one text, in text order) without the syntax errors on the
 * indented lines under a line whose first word does not start a section (PB1005 at column 1), or
 * under a section line with a syntax error (PB1003 on a line that starts at column 1); that first
 * report gets a hint naming the lines not read. Other reports are kept as they are.
 */
export function withoutFollowOns(diagnostics: readonly Diagnostic[], tokens: readonly IToken[]): Diagnostic[] {
  // Nothing to leave out (a playbook without syntax errors, the common case): no pass over the tokens.
  if (diagnostics.length === 0) return [];
  // The lines where a token starts at column 1: each ends the unread lines of the section before it.
  const marginLines: number[] = [];
  const marginTokens: IToken[] = [];
  for (const t of tokens) {
    if (t.startColumn !== 1 || t.startLine === undefined || marginLines[marginLines.length - 1] === t.startLine) continue;
    marginLines.push(t.startLine);
    marginTokens.push(t);
  }
  // Of those, the lines whose first word starts a section or is near a word that does (`bonsu`); found only when needed.
  let sectionLines: number[] | null = null;
  /**
   * The line where the section that starts on `line` ends: the next line at the margin when the
   * lines under it are indented; when they are not (`base rate 2%` at the margin too), the next
   * line at the margin that starts a section.
   */
  const sectionEnd = (line: number): number => {
    const firstUnder = tokens.find((t) => (t.startLine ?? 0) > line);
    const indented = firstUnder === undefined || firstUnder.startColumn !== 1;
    if (indented) return marginLines.find((l) => l > line) ?? Number.POSITIVE_INFINITY;
    sectionLines ??= marginTokens.filter((t) => nearSectionWord(t.image) !== null).map((t) => t.startLine!);
    return sectionLines.find((l) => l > line) ?? Number.POSITIVE_INFINITY;
  };
  const out: Diagnostic[] = [];
  let skipUntil = 0; // lines before this one are under an unread section
  for (const d of diagnostics) {
    if (d.span.line < skipUntil && FOLLOW_ON.has(d.code)) continue;
    const unread = d.code === 'PB1005' && d.span.column === 1;
    // A header that starts a section but breaks off (`red lin "margin floor" on deals`): chevrotain
    // then reads the lines under it out of step too (`message` taken where `deals` was expected).
    const brokenHeader = d.code === 'PB1003' && marginLines.includes(d.span.line);
    if (unread || brokenHeader) {
      const next = sectionEnd(d.span.line);
      const dropped = diagnostics.some((e) => e !== d && FOLLOW_ON.has(e.code) && e.span.line > d.span.line && e.span.line < next);
      skipUntil = next;
      if (dropped) {
        const last = Math.max(...diagnostics.filter((e) => FOLLOW_ON.has(e.code) && e.span.line > d.span.line && e.span.line < next).map((e) => e.span.line));
        const once = unread ? 'this line starts a section' : 'this line is corrected';
        out.push({ ...d, hint: `${d.hint ? `${d.hint}; ` : ''}the lines under it, to line ${last}, are read once ${once}, so their errors are not listed yet` });
        continue;
      }
    }
    out.push(d);
  }
  return withoutOutOfStepPay(out, tokens);
}

/**
 * After a mistake inside a section (`base rate two%`), chevrotain's recovery leaves the section
 * and resumes at the next `pay`, taking an indented band line (`from 0 pay base`) for a `pay "…" in
 * stages` section: "expected a quoted text but found "base"" on every band line. A `pay` that is not
 * at the margin never starts a section, so those reports are dropped, and the mistake before them
 * says which lines were not read.
 */
function withoutOutOfStepPay(diagnostics: readonly Diagnostic[], tokens: readonly IToken[]): Diagnostic[] {
  const outOfStep = (d: Diagnostic): boolean => {
    if (d.code !== 'PB1003' || !d.message.startsWith('expected a quoted text but found')) return false;
    const at = tokens.findIndex((t) => t.startLine === d.span.line && t.startColumn === d.span.column);
    const before = at > 0 ? tokens[at - 1] : undefined;
    return before !== undefined && before.image.toLowerCase() === 'pay' && before.startColumn !== 1;
  };
  const kept: Diagnostic[] = [];
  const lastDropped = new Map<Diagnostic, number>();
  for (const d of diagnostics) {
    const owner = kept[kept.length - 1];
    if (owner !== undefined && outOfStep(d)) lastDropped.set(owner, d.span.line);
    else kept.push(d);
  }
  if (lastDropped.size === 0) return kept;
  return kept.map((d) => {
    const last = lastDropped.get(d);
    // A report dropped on the mistake's own line (`from 3,00,000 pay 2 × base`) leaves no line unread.
    if (last === undefined || last <= d.span.line) return d;
    const said = /the lines under it, to line (\d+), are read/.exec(d.hint ?? '');
    if (said) return { ...d, hint: d.hint!.replace(said[0], `the lines under it, to line ${Math.max(last, Number(said[1]))}, are read`) };
    return { ...d, hint: `${d.hint ? `${d.hint}; ` : ''}the lines after it, to line ${last}, are read once it is corrected, so their errors are not listed yet` };
  });
}
