/**
 * `playbook fmt`: one canonical layout for a playbook.
 *
 * - Sections start at the left margin, everything inside them is indented two
 *   spaces; one blank line between sections (runs of one-line sections of the
 *   same kind, such as tiers or quotas, stay together when they were), never two
 *   blank lines in a row.
 * - Tokens on a line are separated by one space (none inside `f(x, y)`,
 *   `account.name` or a written-together sign such as `-500`); header and
 *   scoring items on one line are separated by ` · `.
 * - The columns of consecutive `field`, band (`from … pay …`) and `action`
 *   lines are aligned.
 * - Comments stay on their line (a comment after code is set two spaces after it).
 *
 * Only the whitespace, separators (a comma between header items becomes `·`) and percent spelling change: the tokens the
 * parser sees are the same, so the compiled rule graph is too (a property test
 * checks it). A text with syntax errors is not formatted.
 */
import type { IToken } from 'chevrotain';
import stringWidth from 'string-width';
import { playbookLexer } from '../../../grammar/lexer.js';
import { parsePlaybookText } from '../../../grammar/parser.js';
import { Separator } from '../../../grammar/tokens.js';
import { beyondReadingLimits } from '../parse.js';
import { type ColumnLine, type Structure, structureOf } from './structure.js';

/** The text cannot be formatted (it has syntax errors); `check` explains them. */
export class FormatError extends Error {}

interface Line {
  indent: number;
  columns: string[];
  kind: ColumnLine['kind'] | null;
  comment: string | null;
  blankBefore: boolean;
  section: string | null;
  commentOnly: boolean;
}

const NAME_LIKE = new Set(['Identifier', 'QuotedIdentifier', 'Sum', 'Count', 'Distinct']);

function adjacent(a: IToken, b: IToken): boolean {
  return a.endOffset! + 1 === b.startOffset;
}

function isName(t: IToken): boolean {
  return NAME_LIKE.has(t.tokenType.name) || (t.tokenType.CATEGORIES ?? []).some((c) => c.name === 'Identifier');
}

/** Whether a space goes between `prev` and `t` (`before` is the token before `prev`). */
function spaceBetween(before: IToken | undefined, prev: IToken, t: IToken): boolean {
  const name = t.tokenType.name;
  if (name === 'Comma' || name === 'RParen' || name === 'Dot') return false;
  if (prev.tokenType.name === 'LParen' || prev.tokenType.name === 'Dot') return false;
  if (name === 'LParen' && isName(prev) && adjacent(prev, t)) return false;
  // A sign written against its number (`-500`) stays so; `a - b` keeps its spaces.
  if (prev.tokenType.name === 'Minus' && adjacent(prev, t) && !(before && adjacent(before, prev))) return false;
  return true;
}

function image(t: IToken): string {
  if (t.tokenType.name === 'PercentLiteral') return t.image.replace(/\s/g, '');
  if (t.tokenType.name === 'Separator') return '·';
  return t.image;
}

/** Lays out the tokens of one source line. */
function layoutLine(tokens: IToken[], structure: Structure): Line {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  const comment = last.tokenType.name === 'Comment' ? last.image.trimEnd() : null;
  const code = (comment === null ? tokens : tokens.slice(0, -1)).filter((t, i, all) => {
    // A separator is kept only between two items of the line, once.
    if (t.tokenType.name !== 'Separator') return true;
    const next = all[i + 1];
    const prev = all[i - 1];
    return prev !== undefined && next !== undefined && prev.tokenType.name !== 'Separator' && next.tokenType.name !== 'Separator';
  });
  const section = structure.sections.get(first.startOffset) ?? null;
  if (code.length === 0) {
    return { indent: first.startColumn === 1 ? 0 : 2, columns: [], kind: null, comment, blankBefore: false, section: null, commentOnly: true };
  }
  const lastCode = code[code.length - 1];
  const col = structure.columns.find((c) => c.start === code[0].startOffset && c.end === lastCode.startOffset) ?? null;
  const columns: string[] = [''];
  let itemOnLine = false;
  let separatorSinceItem = false;
  code.forEach((t, i) => {
    const prev = code[i - 1];
    if (col?.breaks.includes(t.startOffset)) columns.push('');
    else if (prev !== undefined) {
      if (structure.items.has(t.startOffset) && itemOnLine && !separatorSinceItem) columns[columns.length - 1] += ' ·';
      if (spaceBetween(code[i - 2], prev, t)) columns[columns.length - 1] += ' ';
    }
    if (structure.items.has(t.startOffset)) {
      itemOnLine = true;
      separatorSinceItem = false;
    }
    if (t.tokenType.name === 'Separator') separatorSinceItem = true;
    columns[columns.length - 1] += image(t);
  });
  return { indent: section === null ? 2 : 0, columns, kind: col?.kind ?? null, comment, blankBefore: false, section, commentOnly: false };
}

/** One blank line before each section (before the comments directly above it), unless it continues a run of its kind. */
function separateSections(lines: Line[]): void {
  let previousKind: string | null = null;
  lines.forEach((line, i) => {
    if (line.section === null) return;
    let top = i;
    while (top > 0 && lines[top - 1].commentOnly && !lines[top].blankBefore) top--;
    const continuesRun = line.section === previousKind && top === i && !line.blankBefore && line.section !== 'tableSection';
    if (top > 0 && !continuesRun) lines[top].blankBefore = true;
    previousKind = line.section;
  });
}

/**
 * Pads the columns of each run of consecutive lines of one kind to the same widths. A comment on a
 * line of its own inside a run (a note above one band) does not end it: the bands stay aligned
 * around it. A blank line does.
 */
function alignColumns(lines: Line[]): void {
  let i = 0;
  while (i < lines.length) {
    const kind = lines[i].kind;
    if (kind === null) {
      i++;
      continue;
    }
    const run = [lines[i]];
    let j = i + 1;
    for (; j < lines.length && !lines[j].blankBefore; j++) {
      if (lines[j].commentOnly) continue;
      if (lines[j].kind !== kind) break;
      run.push(lines[j]);
    }
    if (run.length > 1) {
      const n = Math.max(...run.map((l) => l.columns.length));
      for (let c = 0; c < n - 1; c++) {
        const width = Math.max(...run.filter((l) => l.columns.length > c + 1).map((l) => stringWidth(l.columns[c])));
        for (const l of run) if (l.columns.length > c + 1) l.columns[c] += ' '.repeat(width - stringWidth(l.columns[c]));
      }
    }
    i = j;
  }
}

function render(line: Line): string {
  const code = line.columns.join(' ');
  const text = line.commentOnly ? line.comment! : line.comment === null ? code : `${code}  ${line.comment}`;
  return `${' '.repeat(line.indent)}${text}`;
}

/**
 * Formats playbook `text` in the canonical layout.
 * @throws FormatError when the text has syntax errors.
 */
export function formatPlaybook(text: string): string {
  // A byte-order mark (a file saved by Notepad or Excel) is kept as it was, and not laid out as indentation.
  if (text.startsWith('\ufeff')) return `\ufeff${formatPlaybook(text.slice(1))}`;
  // Too long or nested too deep (PB1006, PB1007) is an error `check` reports, not a text to lay out.
  const lexed = playbookLexer.tokenize(text);
  if (beyondReadingLimits(text, lexed)) throw new FormatError('the playbook has syntax errors; fix them first (playbook check lists them)');
  const parsed = parsePlaybookText(text, lexed);
  if (parsed.lexErrors.length > 0 || parsed.parseErrors.length > 0) {
    throw new FormatError('the playbook has syntax errors; fix them first (playbook check lists them)');
  }
  const structure = structureOf(parsed.cst);
  // A comma between the header's items (`currency USD, time zone "UTC"`) is written as the separator `·`.
  const headerEnd = Math.min(...[...structure.sections].filter(([, kind]) => kind !== 'header').map(([offset]) => offset), Number.POSITIVE_INFINITY);
  const tokens = parsed.tokens.map((t) => (t.tokenType.name === 'Comma' && t.startOffset < headerEnd ? { ...t, tokenType: Separator } : t));
  const all = [...tokens, ...parsed.comments, ...parsed.separators].sort((a, b) => a.startOffset - b.startOffset);
  const byLine = new Map<number, IToken[]>();
  for (const t of all) {
    const list = byLine.get(t.startLine!) ?? [];
    list.push(t);
    byLine.set(t.startLine!, list);
  }
  const lines: Line[] = [];
  let previousLine = 0;
  for (const [number, tokens] of byLine) {
    const line = layoutLine(tokens, structure);
    line.blankBefore = lines.length > 0 && number - previousLine > 1;
    lines.push(line);
    previousLine = number;
  }
  separateSections(lines);
  alignColumns(lines);
  const out: string[] = [];
  for (const line of lines) {
    if (line.blankBefore) out.push('');
    out.push(render(line));
  }
  return `${out.join('\n')}\n`;
}
