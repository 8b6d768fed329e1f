/**
 * One mistake, one report, after the parser's own (language/syntax-cascade.ts): a section whose
 * first word is misspelt (`comission "orders commission" …`, `tabel deals …`) is not read, so
 * everything it defines is unknown to the checks that follow, and each use of it elsewhere gets an
 * error of its own (`there is no commission called "orders commission"`, `"won" is not defined`,
 * `there is no table "deals"`). Those errors go away with the typo; they are left out here, and the
 * section's PB1005 says how many.
 */
import { closest } from '../language/closest.js';
import type { Diagnostic } from '../language/diagnostics.js';
import { SECTION_FIRST_WORDS, nearSectionWord } from '../language/section-words.js';

/** Semantic codes that report a use of a name the playbook does not define. */
const UNKNOWN_NAME = new Set(['PB2001', 'PB2003', 'PB2004', 'PB2005', 'PB2209', 'PB2502']);

/** The words and quoted names on lines `[from, to)` (1-based) of `lines`, comments left out. */
function wordsOn(lines: readonly string[], from: number, to: number): Set<string> {
  const words = new Set<string>();
  for (let i = from - 1; i < Math.min(to - 1, lines.length); i++) {
    const line = lines[i];
    for (const m of line.matchAll(/"([^"\n]*)"|#.*$|[\p{L}_][\p{L}\p{N}_]*/gu)) {
      if (m[0].startsWith('#')) break;
      words.add(m[1] ?? m[0]);
    }
  }
  return words;
}

/** Whether a section line starts with a word near `credit` (`credti`, `credits`): the credit rule that could not be read. */
function misspeltCredit(line: string): boolean {
  const first = /^[A-Za-z]+/.exec(line)?.[0].toLowerCase() ?? '';
  return first.length > 3 && closest(first, SECTION_FIRST_WORDS, 2) === 'credit';
}

/**
 * The line after `line` where the next section starts: the next line that starts at the margin, not
 * blank and not a comment; when the lines under `line` are not indented, the next such line whose
 * first word starts a section (or is near one), as in language/syntax-cascade.ts.
 */
function nextSectionLine(lines: readonly string[], line: number): number {
  const firstUnder = lines.findIndex((l, i) => i >= line && /^\s*[^\s#]/.test(l));
  const indented = firstUnder === -1 || /^\s/.test(lines[firstUnder]);
  for (let i = line; i < lines.length; i++) {
    if (!/^[^\s#]/.test(lines[i])) continue;
    if (indented || nearSectionWord(/^[A-Za-z]+/.exec(lines[i])?.[0] ?? '') !== null) return i + 1;
  }
  return lines.length + 1;
}

/** The line (1-based) of the section that holds line `line`: the last line at or before it that starts at the margin with a section word; null when none. */
function sectionStart(lines: readonly string[], line: number): number | null {
  for (let i = line - 1; i >= 0; i--) {
    if (!/^[^\s#]/.test(lines[i] ?? '')) continue;
    return nearSectionWord(/^[A-Za-z]+/.exec(lines[i])?.[0] ?? '') !== null ? i + 1 : null;
  }
  return null;
}

/**
 * `semantic` without the unknown-name errors that an unread section explains: an error whose every
 * quoted name is written on the lines of a section that could not be read (a PB1005 at column 1 in
 * `syntax`), "the playbook has no deals table" when that section names `deals`, and "the playbook
 * has no credit rule" when its first word is a misspelt `credit`; and likewise for a section with a
 * syntax error inside it (PB1003). The first error of each such section gets a hint saying how many
 * were left out. "The playbook does not say its …" is left out when the header has a syntax error.
 * Returns both lists.
 */
export function withoutUnreadFollowOns(text: string, syntax: readonly Diagnostic[], semantic: readonly Diagnostic[]): { syntax: Diagnostic[]; semantic: Diagnostic[] } {
  const unread = syntax.filter((d) => d.code === 'PB1005' && d.span.column === 1);
  const broken = syntax.filter((d) => d.code === 'PB1003');
  if (syntax.length === 0) return { syntax: [], semantic: [...semantic] };
  const lines = text.split(/\r\n|\r|\n/);
  // A syntax error in the header (`fiscal year starts Sept.`, `plan period FY2017`) stops the parser
  // reading the header lines after it: "the playbook does not say its plan period" is then untrue.
  const headerLine = lines.findIndex((l) => /^playbook\b/.test(l)) + 1;
  const headerEnd = headerLine === 0 ? 0 : nextSectionLine(lines, headerLine);
  const headerBroken = syntax.some((d) => d.span.line >= headerLine && d.span.line < headerEnd);
  const sections = unread.map((d) => ({ d, words: wordsOn(lines, d.span.line, nextSectionLine(lines, d.span.line)), credit: misspeltCredit(lines[d.span.line - 1] ?? ''), left: 0 }));
  // A section with a syntax error inside (`base rate 2,5 %` under a commission) may not be built either:
  // the names it defines are unknown elsewhere (there is no payout component "accelerator" to forfeit).
  for (const d of broken) {
    const start = sectionStart(lines, d.span.line);
    if (start === null || sections.some((s) => s.d.span.line === start)) continue;
    sections.push({ d, words: wordsOn(lines, start, nextSectionLine(lines, start)), credit: false, left: 0 });
  }
  const kept = semantic.filter((e) => {
    if (headerBroken && e.code === 'PB2101' && e.message.startsWith('the playbook does not say')) return false;
    const names = [...e.message.matchAll(/"([^"\n]*)"/g)].map((m) => m[1]);
    const explainedBy = sections.find((s) =>
      e.code === 'PB2201'
        ? s.d.code === 'PB1005' && s.words.has('deals')
        : e.code === 'PB2202'
          ? s.credit
          : e.code === 'PB2203'
            ? s.words.has('lost') // "a must-win rule needs to know which deals are lost": the unread lines declare it
            : UNKNOWN_NAME.has(e.code) && names.length > 0 && names.every((n) => s.words.has(n)),
    );
    if (explainedBy === undefined) return true;
    explainedBy.left++;
    return false;
  });
  const hinted = syntax.map((d) => {
    const s = sections.find((x) => x.d === d);
    if (s === undefined || s.left === 0) return d;
    const either = d.hint?.includes('not listed yet') ? ' either' : '';
    const what = s.left === 1 ? `1 error elsewhere, about a name this line defines, is not shown${either}: it goes away` : `${s.left} errors elsewhere, about names this line defines, are not shown${either}: they go away`;
    return { ...d, hint: `${d.hint ? `${d.hint}; ` : ''}${what} once this line is corrected` };
  });
  return { syntax: hinted, semantic: kept };
}
