/**
 * Text → AST plus syntax diagnostics. Chevrotain's own messages are rewritten
 * into plain language for analysts (codes PB1001–PB1005).
 */
import type { ILexingResult, IRecognitionException, IToken } from 'chevrotain';
import { tokenMatcher } from '../../grammar/chevrotain.js';
import { parsePlaybookText } from '../../grammar/parser.js';
import { playbookLexer } from '../../grammar/lexer.js';
import { Identifier } from '../../grammar/tokens.js';
import type { PlaybookAst, Span } from './ast.js';
import { cstToAst, tokenSpan } from './cst-to-ast.js';
import { nearSectionWord } from './section-words.js';
import { type Diagnostic, error } from './diagnostics.js';
import { withoutFollowOns } from './syntax-cascade.js';
import { nearExpectedWord, slipDiagnostic } from './syntax-slips.js';
import { readWithLookalikes } from './lookalikes.js';
import { readPointBeforePercent } from './point-before-percent.js';
import { decimalCommaPercents } from './decimal-comma.js';

/** Largest playbook we read, in characters; larger files get PB1006 (a guard against runaway input). */
export const MAX_SOURCE_CHARS = 1_000_000;
/** Deepest nesting of parentheses, and longest run of prefix `not` / `-`, an expression may have (PB1007). */
export const MAX_NESTING = 50;
/** Most operators in one expression (PB1007): longer ones are split into derived fields. */
export const MAX_OPERATORS = 500;

/** Binary operators, and words that join two operands (`x is missing`, `x not in (…)`). */
const JOINING = new Set(['Plus', 'Minus', 'Times', 'Divide', 'And', 'Or', 'Equal', 'Less', 'Greater', 'LessEqual', 'GreaterEqual', 'NotEqual', 'Not', 'Is', 'In']);
/** Tokens after which a prefix `-` is a sign, not a subtraction. */
const BEFORE_PREFIX = new Set(['LParen', 'Not', 'Minus', 'Plus', 'Times', 'Divide', 'Equal', 'Less', 'Greater', 'LessEqual', 'GreaterEqual', 'NotEqual', 'And', 'Or', 'Comma', 'When', 'Pay', 'Amount', '']);
/** Tokens that can end an operand: a name (any soft keyword is a name too), a literal, `)`, `missing`. */
const OPERAND_END = new Set(['NumberLiteral', 'PercentLiteral', 'StringLiteral', 'True', 'False', 'RParen', 'Missing']);

function endsOperand(t: IToken): boolean {
  return OPERAND_END.has(t.tokenType.name) || tokenMatcher(t, Identifier);
}

/**
 * Finds an expression nested or chained beyond the limits before parsing, so no
 * text can exhaust the parser's or checker's stack. Reads tokens only.
 *
 * Operators are counted per expression: the count starts again only where an
 * expression has clearly ended — at the outermost level, after an operand, a
 * token that cannot continue it (`when`, `pay`, `review`, a new rule). An operand
 * followed by an operator always continues, whatever word the operand is
 * (`amount`, `credited` and `rep` are keywords as well as names).
 */
function nestingProblem(tokens: readonly IToken[]): Diagnostic | null {
  let depth = 0;
  let prefixRun = 0;
  let operators = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const name = t.tokenType.name;
    const previous = i > 0 ? tokens[i - 1] : null;
    if (depth === 0 && previous !== null && endsOperand(previous) && !JOINING.has(name) && name !== 'Dot' && name !== 'LParen') operators = 0;
    if (name === 'LParen') depth++;
    else if (name === 'RParen') depth = Math.max(0, depth - 1);
    const prefix = name === 'Not' || (name === 'Minus' && BEFORE_PREFIX.has(previous?.tokenType.name ?? ''));
    prefixRun = prefix ? prefixRun + 1 : 0;
    if (JOINING.has(name) || (name === 'Comma' && depth > 0)) operators++;
    if (depth > MAX_NESTING || prefixRun > MAX_NESTING || operators > MAX_OPERATORS) {
      const what = depth > MAX_NESTING ? `parentheses nested more than ${MAX_NESTING} deep` : prefixRun > MAX_NESTING ? `more than ${MAX_NESTING} "not" or "-" in a row` : `more than ${MAX_OPERATORS} operators in one expression`;
      return error('PB1007', tokenSpan(t), `this expression is too complex to read: ${what}`, 'split it into derived fields (derive x = …) and combine those');
    }
  }
  return null;
}

export interface ParseResult {
  ast: PlaybookAst;
  diagnostics: Diagnostic[];
}

const sectionWords = 'table, credit, quota, commission, bonus, red line, must win or ranking';
export { SECTION_FIRST_WORDS } from './section-words.js';

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

/**
 * `plan period 2026-03` or `plan period 2026-Q1`: the plan period is a fiscal year, so the parser
 * stops at the `-` after the year and would otherwise say that "-" does not start a section.
 */
function planPeriodDiagnostic(e: IRecognitionException, tokens: IToken[], index: number): Diagnostic | null {
  if (index < 3) return null;
  const [plan, period, year] = [tokens[index - 3], tokens[index - 2], tokens[index - 1]];
  if (plan.image !== 'plan' || period.image !== 'period' || !/^\d{4}$/.test(year.image)) return null;
  if (!/^[-/.]/.test(e.token.image)) return null;
  return error(
    'PB1005',
    { ...tokenSpan(year), endLine: tokenSpan(e.token).endLine, endColumn: e.token.endColumn! },
    `the plan period is one fiscal year, written as the calendar year it starts in: plan period ${year.image}, not a month or a quarter`,
    `write plan period ${year.image}; rules are paid per month or per quarter inside the year (commission … per month, bonus … per rep per quarter), and a rule in force for part of the year takes effective from "…" until "…"`,
  );
}

/** `draw -15,000 …`, `cap -5 per deal`, `minimum -500 per deal`: amounts that are above zero by nature. */
function negativeAmountDiagnostic(e: IRecognitionException, previous: IToken | undefined): Diagnostic | null {
  if (e.token.image !== '-' || !previous || !['draw', 'cap', 'minimum'].includes(previous.image)) return null;
  const what = previous.image;
  const example = what === 'draw' ? 'draw 15,000 per quarter recoverable, at year end write off' : what === 'cap' ? 'cap 2,000 per deal' : 'minimum 500 per deal';
  return error('PB1003', tokenSpan(e.token), `a ${what} is an amount above zero, not a negative one`, `write the amount without the minus sign: ${example}`);
}

/** PB1005 for `token`, a word where a section should start: "did you mean …?" when it is near a section word. */
function notASection(token: IToken, span: Span): Diagnostic {
  const near = nearSectionWord(token.image);
  const sectionWord = near === null ? '' : near === 'red' || near === 'redline' ? 'red line' : near === 'must' || near === 'mustwin' ? 'must win' : near;
  return error('PB1005', span, `${describeFound(token)} does not start a section`, near === null || sectionWord === token.image ? `each section starts with ${sectionWords}` : `did you mean "${sectionWord}"? (each section starts with ${sectionWords})`);
}

/**
 * PB1005 for each misspelt section word at the margin (`bonsu "b" per deal …`) that chevrotain's
 * recovery skipped without a word: after an earlier mistake it resumes at the next word that
 * starts a section (`pay`, inside that very line) and reports what follows that word instead
 * ("expected a quoted text but found "5""). Only on a line that holds a syntax error already, so
 * a name that merely looks like a section word (a field `quote`) is never reported.
 */
function skippedSectionWords(tokens: readonly IToken[], reported: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (reported.length === 0) return out; // no line with a syntax error: nothing was skipped
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.startColumn !== 1 || t.tokenType !== Identifier || nearSectionWord(t.image) === null) continue;
    const line = t.startLine;
    if (!reported.some((d) => d.span.line === line) || reported.some((d) => d.span.line === line && d.span.column === 1)) continue;
    out.push(notASection(t, tokenSpan(t)));
  }
  return out;
}

function syntaxDiagnostic(e: IRecognitionException, previous: IToken | undefined): Diagnostic {
  const token = e.token;
  const atEnd = token.tokenType.name === 'EOF' || Number.isNaN(token.startOffset);
  // At the end of the file point just after the last real token, not at a phantom position.
  const span: Span = atEnd
    ? previous
      ? { line: tokenSpan(previous).endLine, column: previous.endColumn! + 1, endLine: tokenSpan(previous).endLine, endColumn: previous.endColumn! + 1 }
      : { line: 1, column: 1, endLine: 1, endColumn: 1 }
    : tokenSpan(token);
  const found = describeFound(token);
  const rule = e.context?.ruleStack?.[e.context.ruleStack.length - 1] ?? '';
  const expected = [...new Set(expectedFrom(e.message))];
  if (e.name === 'NotAllInputParsedException' || expected.includes('EOF')) {
    // `comission`, `bonsu`: a section word misspelt.
    // `redline`, `mustwin` written as one word are near the two-word sections too.
    return notASection(token, span);
  }
  const near = nearExpectedWord(token, expected);
  const didYouMean = near === null ? '' : `did you mean "${near}"? `;
  if (rule === 'commissionRule' && expected.some((x) => x.includes('marginal'))) {
    return error(
      'PB1004',
      span,
      'say whether this commission table is marginal or retroactive',
      `${didYouMean}marginal: each band pays its own rate on the part that falls in it; retroactive: the band reached pays its rate on the whole amount`,
    );
  }
  const list = expected.length === 0 ? 'something else' : expected.length === 1 ? expected[0] : `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`;
  return error('PB1003', span, `expected ${list} but found ${found}`, near === null ? undefined : `did you mean "${near}"?`);
}

/** Digits a percent may have before its decimal point: the limit of an amount (check/expressions.ts `MAX_INTEGER_DIGITS`, PB3016), kept here because percents are found in the tokens, before any check. */
const MAX_PERCENT_DIGITS = 15;

/**
 * PB3016 for a percent with more than {@link MAX_PERCENT_DIGITS} digits before the point
 * (`base rate 20000000000000000000%`): a rate, a share or a threshold that large is a typing
 * slip, and it would otherwise pay an absurd amount after a mere warning.
 */
function percentTooLarge(t: IToken): Diagnostic | null {
  const digits = t.image.replace(/[,%\s]/g, '').split('.')[0].replace(/^0+/, '');
  if (digits.length <= MAX_PERCENT_DIGITS) return null;
  const shown = t.image.length > 24 ? `${t.image.slice(0, 20)}…%` : t.image;
  return error('PB3016', tokenSpan(t), `${shown} is too large: a percent has at most ${MAX_PERCENT_DIGITS} digits before the decimal point`, 'check for a missing decimal point or a stray run of zeros (2% is written 2%, 2.5% as 2.5%)');
}

/** Colons, and what the message adds to name the ones that are not the plain `:` (an input method in full-width mode types `：`). */
const COLONS = new Map([
  [':', ''],
  ['\uff1a', ', a full-width colon'],
  ['\ufe55', ', a small colon'],
]);

/**
 * Whether `text` is past what the parser reads: longer than {@link MAX_SOURCE_CHARS} (PB1006), or an
 * expression nested or chained too deep (PB1007). `check` reports these as errors; the formatter
 * refuses such a text the same way (formatting it would recurse as deep as the parentheses).
 * `lexed` is the text's tokens (the caller parses with them next, so the text is lexed once).
 */
export function beyondReadingLimits(text: string, lexed: ILexingResult): boolean {
  return text.length > MAX_SOURCE_CHARS || nestingProblem(lexed.tokens) !== null;
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
  // `20％`, `“name”`: read as the plain character, each reported once (PB1001), so no cascade follows.
  const looked = readWithLookalikes(text, playbookLexer.tokenize);
  // `2.%`: the point reported once and read as a space, so the section after it is read too.
  const pointed = readPointBeforePercent(looked.text, looked.lexed, playbookLexer.tokenize);
  const source = pointed?.text ?? looked.text;
  const lexed = pointed?.lexed ?? looked.lexed;
  const lookalikes = pointed ? [...looked.diagnostics, ...pointed.diagnostics] : looked.diagnostics;
  const tooDeep = nestingProblem(lexed.tokens);
  if (tooDeep) {
    return {
      ast: { header: { name: '', span: tooDeep.span, currency: null, timeZone: null, fiscalYearStart: null, planPeriod: null, rounding: null }, tables: [], rules: [] },
      diagnostics: [tooDeep],
    };
  }
  let parsed = parsePlaybookText(source, lexed);
  const diagnostics: Diagnostic[] = [...lookalikes];
  // `2,5%`: the comma reported once and read as a point, then the text parsed again (same length, same positions).
  const commas = parsed.parseErrors.length > 0 ? decimalCommaPercents(parsed.tokens, parsed.parseErrors) : null;
  if (commas) {
    const chars = source.split('');
    for (const offset of commas.offsets) chars[offset] = '.';
    const fixed = chars.join('');
    parsed = parsePlaybookText(fixed, playbookLexer.tokenize(fixed));
    diagnostics.push(...commas.diagnostics);
  }
  for (const e of parsed.lexErrors) {
    const line = e.line ?? 1;
    const column = e.column ?? 1;
    // The whole character: an emoji or a character beyond U+FFFF is two UTF-16 units (one alone prints as "�").
    const ch = String.fromCodePoint(text.codePointAt(e.offset) ?? 0xfffd);
    // Curly quotes come with text copied from a word processor or a slide: say which quote to type.
    const curly = /[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b\u300c\u300d\uff02]/.test(ch);
    // `currency: USD`, `base rate: 2%`: a colon as a form or a YAML file puts one after a setting's name.
    const colon = COLONS.get(ch);
    const message = curly ? `unexpected character "${ch}", a typographic quote` : colon !== undefined ? `unexpected character "${ch}"${colon}` : `unexpected character "${ch}"`;
    const hint = curly
      ? 'write names and texts between straight double quotes ("orders commission"), as a word processor copy replaces them with curly ones'
      : colon !== undefined
        ? 'remove it: a playbook writes a setting and its value with no colon between them (currency USD, plan period 2017, base rate 2%)'
        : 'remove it, or put text in double quotes';
    diagnostics.push(error('PB1001', { line, column, endLine: line, endColumn: column + ch.length - 1 }, message, hint));
  }
  if (lookalikes.length > 0) diagnostics.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
  // Indexed loops over the tokens (here and below): a short run is interpreted (short-run.cts), where
  // `for … of` makes an iterator result per token, tens of thousands in a large playbook.
  const tokens = parsed.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.tokenType.name === 'UnterminatedString') {
      diagnostics.push(error('PB1002', tokenSpan(t), 'this text has no closing double quote', 'end the text with " on the same line'));
    }
  }
  const seen = new Set<string>();
  for (const e of parsed.parseErrors) {
    if (e.token.tokenType.name === 'UnterminatedString') continue; // reported once above as PB1002
    const index = parsed.tokens.indexOf(e.token);
    const previous = index > 0 ? parsed.tokens[index - 1] : parsed.tokens[parsed.tokens.length - 1];
    const d = planPeriodDiagnostic(e, parsed.tokens, index) ?? negativeAmountDiagnostic(e, previous) ?? slipDiagnostic(e, parsed.tokens, index) ?? syntaxDiagnostic(e, previous);
    const key = `${d.span.line}:${d.span.column}`;
    if (seen.has(key)) continue; // one report per position: recovery can fail twice at the same token
    seen.add(key);
    diagnostics.push(d);
  }
  const skipped = skippedSectionWords(parsed.tokens, diagnostics);
  if (skipped.length > 0) {
    diagnostics.push(...skipped);
    diagnostics.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
  }
  diagnostics.splice(0, diagnostics.length, ...withoutFollowOns(diagnostics, parsed.tokens));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const tooLarge = t.tokenType.name === 'PercentLiteral' ? percentTooLarge(t) : null;
    if (tooLarge) diagnostics.push(tooLarge);
  }
  const built = cstToAst(parsed.cst, parsed.tokens);
  return { ast: built.ast, diagnostics: [...diagnostics, ...built.diagnostics] };
}
