/**
 * Syntax errors that come from habits of other tools, each said in its own words instead of
 * chevrotain's list of what could come next: `==` and `=>` (spreadsheets and code), `is more than`
 * (English), `2x base`, `10,00` (a decimal comma), `3,00,000` (Indian grouping), `200 USD` (a currency after an amount), `1 cent`,
 * `plan period FY2017`, and a field's column name written without the word `column`. Each is
 * recognised from the token where the parser stopped and the tokens around it; anything else keeps
 * the generic message (parse.ts). Codes stay those of the generic report (PB1003, PB1005).
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Span } from './ast.js';
import { closest } from './closest.js';
import { tokenSpan } from './cst-to-ast.js';
import { type Diagnostic, error } from './diagnostics.js';

/** From the start of `a` to the end of `b`. */
function across(a: IToken, b: IToken): Span {
  const s = tokenSpan(a);
  const e = tokenSpan(b);
  return { line: s.line, column: s.column, endLine: e.endLine, endColumn: e.endColumn };
}

/** Whether `b` follows `a` with nothing between them. */
function touching(a: IToken | undefined, b: IToken | undefined): boolean {
  return a !== undefined && b !== undefined && a.endOffset !== undefined && a.endOffset + 1 === b.startOffset;
}

function sameLine(a: IToken | undefined, b: IToken | undefined): boolean {
  return a !== undefined && b !== undefined && a.startLine === b.startLine;
}

const typeName = (t: IToken | undefined): string => t?.tokenType.name ?? '';

/** Words written after `is` for a comparison (`is more than 100`). */
const COMPARISON_WORDS = new Set(['more', 'less', 'greater', 'bigger', 'smaller', 'higher', 'lower', 'above', 'below', 'over', 'under', 'at', 'equal', 'equals']);

/** Tokens of a value compared with `is` instead of `=` (`stage is "Won"`). */
const COMPARED_VALUE = new Set(['StringLiteral', 'NumberLiteral', 'PercentLiteral', 'True', 'False']);

/** ISO 4217-like codes written after an amount: three capital letters, a common code in lower case, or a currency's name. */
const CURRENCY_CODE = /^[A-Z]{3}$/;
const CURRENCY_WORD = /^(?:usd|eur|gbp|jpy|cny|rmb|inr|aud|cad|chf|sek|nok|dkk|brl|mxn|krw|sgd|hkd|dollars?|euros?|pounds?|yen|yuan|rupees?|francs?)$/;

/** `AND`, `Or`, `NOT`: the words of a condition in capitals, as SQL and Excel write them. */
const CAPITAL_LOGIC = /^(and|or|not)$/i;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The month (0–11) the header's `fiscal year starts …` names before `tokens[before]`, or null when the header does not say (or names no month). */
function fiscalStartMonth(tokens: readonly IToken[], before: number): number | null {
  for (let i = 2; i + 1 < before; i++) {
    if (tokens[i].image === 'starts' && tokens[i - 1].image === 'year' && tokens[i - 2].image === 'fiscal') {
      const month = MONTHS.findIndex((m) => m.toLowerCase() === tokens[i + 1].image.toLowerCase());
      return month === -1 ? null : month;
    }
  }
  return null;
}

/**
 * What to write for `plan period FY<year>`: with a fiscal year from January, the year itself; from
 * another month the two calendar years FY<year> can mean (companies name a fiscal year by the year it
 * starts or the year it ends in), with their months; without a fiscal year line, both cases.
 */
function fiscalYearHint(year: number, start: number | null): string {
  if (start === 0) return `write plan period ${year}: with fiscal year starts January, the plan year is the calendar year`;
  const from = MONTHS[start ?? 3];
  const to = MONTHS[((start ?? 3) + 11) % 12];
  const years = `plan period ${year - 1} runs from ${from} ${year - 1} to ${to} ${year}, plan period ${year} from ${from} ${year} to ${to} ${year + 1}`;
  return start === null ? `write plan period ${year} if it starts in ${year}; with fiscal year starts April, ${years}` : `with fiscal year starts ${from}, ${years}: write the one FY${year} is`;
}

/** `FY2017`, `FY17`, `FY 2017` read as a name: the year it names, in four digits. */
function fiscalYearName(image: string): string | null {
  const m = /^FY(\d{2}|\d{4})$/i.exec(image);
  if (!m) return null;
  return m[1].length === 4 ? m[1] : `20${m[1]}`;
}

/** The index of the first token on the line of token `index`. */
function lineStart(tokens: readonly IToken[], index: number): number {
  let i = index;
  while (i > 0 && tokens[i - 1].startLine === tokens[index].startLine) i--;
  return i;
}

/** Field types that take a date format, written as a text right after them. */
const DATE_TYPES = new Set(['date', 'timestamp']);

/** Whether the line of `tokens[index]` holds the word `word`. */
function lineHas(tokens: readonly IToken[], index: number, word: string): boolean {
  const line = tokens[index].startLine;
  for (let i = lineStart(tokens, index); i < tokens.length && tokens[i].startLine === line; i++) if (tokens[i].image === word) return true;
  return false;
}

/**
 * Whether the text at `tokens[index]`, on a field line, stands where the column's name goes with the
 * word `column` left out: right after the type (or after a date type's format), on a line without
 * `column`. (`label "Price" "USD"` and `alias "A" "B"` are other slips.)
 */
function columnWordMissing(tokens: readonly IToken[], index: number): boolean {
  if (lineHas(tokens, index, 'column')) return false;
  const start = lineStart(tokens, index);
  const before = tokens[index - 1];
  // field NAME TYPE "col"  or  field NAME TYPE "FORMAT" "col"
  if (index - start === 3) return true;
  return index - start === 4 && typeName(before) === 'StringLiteral' && DATE_TYPES.has(tokens[index - 2].image);
}

/**
 * The report for a syntax error at `tokens[index]` (`e.token`) that is one of the slips above,
 * or null. `index` is -1 at the end of the file.
 */
export function slipDiagnostic(e: IRecognitionException, tokens: readonly IToken[], index: number): Diagnostic | null {
  // A commission band pays a percent or a multiple of the base rate, never an amount: "write 200 alone"
  // or "write 10.00" would be refused there too, so the generic message (what a band takes) stays.
  const inBand = e.context?.ruleStack?.includes('band') ?? false;
  const bandRate = inBand ? bareBandRate(e.token, tokens, index) : null;
  if (bandRate !== null) return bandRate;
  if (index < 1) return null;
  const found = e.token;
  const previous = tokens[index - 1];
  const next = tokens[index + 1];
  const image = found.image;
  // A band's `from` bound is an amount, like any other: only what a band pays keeps the generic message.
  const inBandRate = inBand && tokens[index - 2]?.image !== 'from';
  if (previous.image === '=' && touching(previous, found)) {
    if (image === '=') {
      // `===` (JavaScript) as well as `==`: all of it underlined and named.
      const third = next?.image === '=' && touching(found, next) ? next : null;
      return error('PB1003', across(previous, third ?? found), `"${third ? '===' : '=='}" is not an operator in a playbook: compare with a single "="`, 'stage = "Won"; for "not equal to" write !=');
    }
    if (image === '>' || image === '<') {
      const right = `${image}=`;
      return error('PB1003', across(previous, found), `"=${image}" is not an operator: write "${right}" for "${image === '>' ? 'at least' : 'at most'}"`, `amount ${right} 100`);
    }
  }
  // `at` and `over` are keywords elsewhere in the language: the word is matched, whatever its token.
  if (previous.image === 'is' && COMPARISON_WORDS.has(image.toLowerCase())) {
    // `is more than`, `is equal to`, `is at least`: the words of the comparison, underlined together.
    const last = next !== undefined && sameLine(found, next) && /^(than|to|least|most)$/i.test(next.image) ? next : found;
    return error(
      'PB1003',
      across(previous, last),
      `"is ${image}${last === found ? '' : ` ${last.image}`}" is not a comparison: write > (more than), >= (at least), < (less than), <= (at most) or = (equal to)`,
      '"is" is only used in "is missing" and "is not missing": amount > 100',
    );
  }
  // `stage is "Won"`, `stage is not "Lost"`: "is" for equality, as in English or SQL's IS.
  const isNot = previous.image === 'not' && tokens[index - 2]?.image === 'is' && sameLine(tokens[index - 2], found);
  if ((previous.image === 'is' || isNot) && sameLine(previous, found) && COMPARED_VALUE.has(typeName(found))) {
    const is = isNot ? tokens[index - 2] : previous;
    const left = tokens[index - (isNot ? 3 : 2)];
    const operand = left !== undefined && sameLine(left, is) && (typeName(left) === 'Identifier' || left.tokenType.CATEGORIES?.some((c) => c.name === 'Identifier')) ? left.image : '…';
    return error(
      'PB1003',
      across(is, previous),
      `"${isNot ? 'is not' : 'is'}" only compares with missing (${isNot ? 'is not missing' : 'is missing'}): to compare with a value write ${isNot ? '!=' : '='}`,
      `${operand} ${isNot ? '!=' : '='} ${image}`,
    );
  }
  if ((image === 'x' || image === 'X') && typeName(previous) === 'NumberLiteral' && sameLine(previous, found)) {
    const after = next && sameLine(found, next) ? ` ${next.image}` : '';
    return error('PB1003', across(previous, found), `"${previous.image}${touching(previous, found) ? '' : ' '}${image}" is not a multiplication: write × or * for times`, `${previous.image} ×${after} (or ${previous.image} *${after})`);
  }
  if (typeName(found) === 'Comma' && typeName(previous) === 'NumberLiteral' && /^\d{1,2}$/.test(previous.image) && touching(previous, found) && typeName(next) === 'NumberLiteral' && touching(found, next) && /^\d{2}(,\d{2})*,\d{3}$/.test(next.image)) {
    const digits = `${previous.image}${next.image.replace(/,/g, '')}`;
    const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return error('PB1003', across(previous, next), `"${previous.image},${next.image}" is grouped in lakhs and crores: a playbook groups digits in threes`, `write ${grouped} or ${digits}`);
  }
  // `pay 2,5 × base`: a multiple with a decimal comma reads as 2.5 × base with a point; a bare `pay 10,00` would be refused even so.
  const multiple = tokens[index + 2]?.tokenType.name === 'Times';
  if ((!inBandRate || multiple) && typeName(found) === 'Comma' && typeName(previous) === 'NumberLiteral' && !previous.image.includes('.') && touching(previous, found) && typeName(next) === 'NumberLiteral' && touching(found, next) && /^\d{1,2}$/.test(next.image)) {
    return error(
      'PB1003',
      across(previous, next),
      `"${previous.image},${next.image}" is not a number: a comma groups digits in threes (10,000)`,
      `for a decimal ${multiple ? 'number' : 'amount'} write a point: ${previous.image}.${next.image}`,
    );
  }
  // `1,0000`, `10,0000`: a comma that does not group digits in threes (a typo in a thousands separator).
  if (!inBandRate && typeName(found) === 'Comma' && typeName(previous) === 'NumberLiteral' && /^\d{1,3}$/.test(previous.image) && touching(previous, found) && typeName(next) === 'NumberLiteral' && touching(found, next) && /^\d{4,}$/.test(next.image)) {
    const digits = `${previous.image}${next.image}`;
    const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return error('PB1003', across(previous, next), `"${previous.image},${next.image}" is not a number: a comma groups digits in threes`, `write ${grouped} or ${digits} if that is the amount`);
  }
  if (!inBandRate && typeName(found) === 'Identifier' && (CURRENCY_CODE.test(image) || CURRENCY_WORD.test(image.toLowerCase())) && typeName(previous) === 'NumberLiteral' && sameLine(previous, found)) {
    return error('PB1003', tokenSpan(found), `"${image}" after an amount: amounts are written without a currency`, `every amount is in the playbook's currency (the header's currency line); write ${previous.image} alone`);
  }
  if (typeName(found) === 'Identifier' && CAPITAL_LOGIC.test(image)) {
    const word = image.toLowerCase();
    return error('PB1003', tokenSpan(found), `write "${word}" in lower case: the words of a playbook are lower case`, `… ${word} …`);
  }
  if (typeName(found) === 'Identifier' && /^cents?$/i.test(image) && typeName(previous) === 'NumberLiteral') {
    return error('PB1003', across(previous, found), `"${previous.image} ${image}" is not an amount a playbook can read: write the amount in the currency's units`, 'a cent is 0.01: rounding half-up to 0.01 per payout line');
  }
  // `FY2017`, or `FY 2017` (the name, then the year as a number).
  const spaced = /^FY$/i.test(image) && typeName(next) === 'NumberLiteral' && sameLine(found, next) ? next : null;
  const year = typeName(found) === 'Identifier' ? fiscalYearName(spaced === null ? image : `FY${spaced.image}`) : null;
  if (year !== null && previous.image === 'period' && tokens[index - 2]?.image === 'plan') {
    return error(
      'PB1003',
      spaced === null ? tokenSpan(found) : across(found, spaced),
      `the plan period is written as the calendar year the plan year starts in, not as "${spaced === null ? image : `${image} ${spaced.image}`}"`,
      fiscalYearHint(Number(year), fiscalStartMonth(tokens, index)),
    );
  }
  // field NAME date "DD/MM/YYYY" "YYYY-MM-DD" column …: two formats, for a column that mixes them (or "either").
  const fieldStart = lineStart(tokens, index);
  if (typeName(found) === 'StringLiteral' && tokens[fieldStart].image === 'field' && index - fieldStart === 4 && typeName(previous) === 'StringLiteral' && DATE_TYPES.has(tokens[index - 2].image) && lineHas(tokens, index, 'column')) {
    return error(
      'PB1003',
      tokenSpan(found),
      `a ${tokens[index - 2].image} field reads one format: ${previous.image} and ${image} are two`,
      'keep the format the export uses: a row written in another is refused with its line, so a column that mixes formats shows; fix those rows in the export',
    );
  }
  if (typeName(found) === 'StringLiteral' && tokens[fieldStart].image === 'field' && columnWordMissing(tokens, index)) {
    return error('PB1003', tokenSpan(found), `a field names its column with the word column: column ${image}`, `field … column ${image}`);
  }
  return null;
}

/**
 * `from 0 pay 5` (5 meaning 5%) or `pay 3 percent`: a band's rate written without `%`, which the parser
 * reads as the start of `5 × base` (and a missing base rate follows). `found` is the token the parser
 * stopped at (the end of the file has `index` -1). Null for anything else.
 */
function bareBandRate(found: IToken, tokens: readonly IToken[], index: number): Diagnostic | null {
  const at = index === -1 ? tokens.length : index;
  const number = tokens[at - 1];
  if (typeName(number) !== 'NumberLiteral' || tokens[at - 2]?.image !== 'pay') return null;
  if (index !== -1 && /^(percent|pct)$/i.test(found.image) && sameLine(number, found)) {
    return error('PB1003', across(number, found), `"${number.image} ${found.image}" is not a rate a playbook reads: write ${number.image}% (the percent sign right after the number)`, `from … pay ${number.image}%`);
  }
  if (index !== -1 && sameLine(number, found)) return null;
  return error(
    'PB1003',
    tokenSpan(number),
    `"pay ${number.image}" does not say what ${number.image} is: a band pays a percent or a multiple of the base rate`,
    `write ${number.image}% for a rate of ${number.image} percent, or ${number.image} × base for ${number.image} times the base rate`,
  );
}

/**
 * "did you mean …?" for a name where the parser expected one of a few words (`reveiw` for
 * `review`, `marginl` for `marginal`): the nearest of `expected`'s quoted words, or null.
 * @param expected the expected labels as parse.ts lists them (`'block'`, `'review'`, `a name` …).
 */
export function nearExpectedWord(found: IToken, expected: readonly string[]): string | null {
  if (typeName(found) !== 'Identifier') return null;
  const words = expected.filter((x) => /^'[a-z][a-z -]*'$/.test(x)).map((x) => x.slice(1, -1));
  if (words.length === 0) return null;
  const near = closest(found.image, words);
  return near === found.image ? null : near;
}
