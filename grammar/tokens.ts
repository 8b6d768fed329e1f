/**
 * Tokens of the playbook language.
 *
 * The lexer reads names; a name that is exactly a keyword then gets the
 * keyword's token (so `amount_due` stays a name although it starts with
 * `amount`; see `playbookLexer`). An
 * identifier is any run of Unicode letters, digits and `_` that starts with a
 * letter or `_`, so rep, account and tier names may be Chinese. A reserved
 * word used as a field name is written in backticks: `` `count` ``.
 */
import type { ILexingResult, TokenType } from 'chevrotain';
import { Lexer, createToken } from './chevrotain.js';

const identifierPattern = /[\p{L}_][\p{L}\p{N}_]*/uy;

/**
 * The characters a name can start with, for chevrotain's "first character" optimisation (the lexer
 * then tries only the few patterns that can start at a character, instead of every pattern at every
 * character). A custom pattern must list them, else the optimisation is off for the whole lexer:
 * the Latin-1 letters and `_` exactly. Above U+00FF chevrotain keeps one list of patterns per block
 * of 255 code units, so one code unit every 64 from U+0100 on names every block (a superset: the
 * pattern itself still decides). Listing all 65,280 cost more at start-up than the lexing it saves;
 * test/grammar/validations.test.ts lexes every letter of the Basic Multilingual Plane to prove the cover.
 */
function nameStartCodes(): number[] {
  const codes: number[] = [];
  const start = /[\p{L}_]/u;
  for (let c = 0; c < 256; c++) if (start.test(String.fromCharCode(c))) codes.push(c);
  for (let c = 256; c < 0x10000; c += 64) codes.push(c);
  codes.push(0xffff);
  return codes;
}

/** A name: field, table, quota. Unicode letters allowed. */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: {
    exec: (text: string, offset: number) => {
      identifierPattern.lastIndex = offset;
      return identifierPattern.exec(text);
    },
  },
  start_chars_hint: nameStartCodes(),
  line_breaks: false,
});

/** A name in backticks, for a field whose name is a reserved word (`and`, `per`, `by`, ...). */
export const QuotedIdentifier = createToken({ name: 'QuotedIdentifier', pattern: /`[^`\n\r]+`/ });

const keywordList: TokenType[] = [];
const keywordMap = new Map<string, TokenType>();
/** Each keyword's token type by its word (`amount` → Amount): a name that is exactly one of these gets that type. */
export const keywordByWord: ReadonlyMap<string, TokenType> = keywordMap;
const hardWords = new Set(['and', 'or', 'not', 'is', 'missing', 'in', 'true', 'false', 'first', 'where', 'of', 'per', 'by', 'sum', 'count', 'distinct', 'when']);
/**
 * Most words are *soft* keywords: they also count as identifiers (chevrotain
 * token categories), so `amount`, `rep` or `period` stay usable as field names.
 * The few words that can appear inside an expression are *hard* (reserved).
 */
function keyword(word: string, name = word.charAt(0).toUpperCase() + word.slice(1)): TokenType {
  const soft = !hardWords.has(word);
  // Keywords are not tried by the lexer one by one (about 170 patterns at every word): the lexer
  // reads a name, and `playbookLexer.tokenize` then gives a name that is exactly a keyword its
  // keyword type. Same result as `longer_alt` (`amount_due` stays a name), several times faster.
  const token = createToken({
    name,
    pattern: Lexer.NA,
    label: `'${word}'`,
    ...(soft ? { categories: [Identifier] } : {}),
  });
  keywordList.push(token);
  keywordMap.set(word, token);
  return token;
}

// Header
export const Playbook = keyword('playbook');
export const Currency = keyword('currency');
export const Time = keyword('time');
export const Zone = keyword('zone');
export const Fiscal = keyword('fiscal');
export const Year = keyword('year');
export const Starts = keyword('starts');
export const Plan = keyword('plan');
export const Period = keyword('period');
export const Rounding = keyword('rounding');
export const Payout = keyword('payout');
export const Line = keyword('line');
// Data
export const Table = keyword('table');
export const From = keyword('from');
export const Field = keyword('field');
export const Column = keyword('column');
export const Key = keyword('key');
export const Optional = keyword('optional');
export const Default = keyword('default');
export const Lookup = keyword('lookup');
export const Alias = keyword('alias');
export const Label = keyword('label');
export const Derive = keyword('derive');
export const Delimiter = keyword('delimiter');
export const Locale = keyword('locale');
export const Encoding = keyword('encoding');
export const Sheet = keyword('sheet');
export const Multiline = keyword('multiline');
export const Won = keyword('won');
export const Lost = keyword('lost');
// Rules
export const Credit = keyword('credit');
export const Deals = keyword('deals');
export const To = keyword('to');
export const On = keyword('on');
export const Amount = keyword('amount');
export const Quota = keyword('quota');
export const Per = keyword('per');
export const Split = keyword('split');
export const Evenly = keyword('evenly');
export const By = keyword('by');
export const Month = keyword('month');
export const Quarter = keyword('quarter');
export const Weights = keyword('weights');
export const Commission = keyword('commission');
export const Credited = keyword('credited');
export const Marginal = keyword('marginal');
export const Retroactive = keyword('retroactive');
export const Base = keyword('base');
export const Rate = keyword('rate');
export const Pay = keyword('pay');
export const Of = keyword('of');
export const Report = keyword('report');
export const Excess = keyword('excess');
export const Over = keyword('over');
export const As = keyword('as');
export const Bonus = keyword('bonus');
export const Deal = keyword('deal');
export const Rep = keyword('rep');
export const When = keyword('when');
export const Red = keyword('red');
export const Block = keyword('block');
export const Forfeit = keyword('forfeit');
export const All = keyword('all');
export const Review = keyword('review');
export const Message = keyword('message');
export const Must = keyword('must');
export const Win = keyword('win');
export const Ranking = keyword('ranking');
export const Population = keyword('population');
export const Reps = keyword('reps');
export const Activities = keyword('activities');
export const Accounts = keyword('accounts');
export const Ties = keyword('ties');
export const Ascending = keyword('ascending');
export const Descending = keyword('descending');
export const Top = keyword('top');
export const Bottom = keyword('bottom');
export const Reward = keyword('reward');
export const Only = keyword('only');
export const Periods = keyword('periods');
export const With = keyword('with');
export const First = keyword('first');
export const Where = keyword('where');
export const Sum = keyword('sum');
export const Count = keyword('count');
export const Distinct = keyword('distinct');
// Relationship scoring
export const Scoring = keyword('scoring');
export const Look = keyword('look');
export const Back = keyword('back');
export const Days = keyword('days');
export const Half = keyword('half');
export const Life = keyword('life');
export const Cap = keyword('cap');
export const Open = keyword('open');
export const Action = keyword('action');
export const Points = keyword('points');
export const Every = keyword('every');
export const Once = keyword('once');
export const At = keyword('at');
export const Most = keyword('most');
export const Weight = keyword('weight');
export const Indicator = keyword('indicator');
export const Tier = keyword('tier');
export const Otherwise = keyword('otherwise');
export const Probability = keyword('probability');
// Validation
export const Budget = keyword('budget');
export const Assert = keyword('assert');
export const For = keyword('for');
export const Each = keyword('each');
export const Prorated = keyword('prorated');
export const Months = keyword('months');
// Plan versions (effective-dated rules)
export const Effective = keyword('effective');
export const Until = keyword('until');
// Splits and roll-ups
export const Team = keyword('team');
// Paying in stages (the money lifecycle): `pay "…" in stages`, `paid monthly on the 5th after the trigger`
export const Stages = keyword('stages');
export const Collected = keyword('collected');
export const Recognised = keyword('recognised');
export const Paid = keyword('paid');
export const After = keyword('after');
export const The = keyword('the');
export const Trigger = keyword('trigger');
export const Monthly = keyword('monthly');
export const Other = keyword('other');
export const Next = keyword('next');
export const Business = keyword('business');
export const Day = keyword('day');
// Clawbacks (the money lifecycle): `clawed back on reversal`, `clawed back when cash is not collected within 120 days of booking`
export const Clawed = keyword('clawed');
export const Within = keyword('within');
// Minimums and caps of a staged commission: `minimum 500 per deal`, `cap 250,000 per year`
export const Minimum = keyword('minimum');
// Draws and instalments: `draw 5,000 per month recoverable, recover at most 50% of earnings per month,
// at year end write off`; `pay 50,000 per year in monthly instalments`
export const Draw = keyword('draw');
export const Guaranteed = keyword('guaranteed');
export const Recoverable = keyword('recoverable');
export const Recover = keyword('recover');
export const Earnings = keyword('earnings');
export const End = keyword('end');
export const Write = keyword('write');
export const Off = keyword('off');
export const Carry = keyword('carry');
export const Instalments = keyword('instalments');
export const Quarterly = keyword('quarterly');
// Expressions
export const And = keyword('and');
export const Or = keyword('or');
export const Not = keyword('not');
export const Is = keyword('is');
export const Missing = keyword('missing');
export const In = keyword('in');
export const True = keyword('true');
export const False = keyword('false');

/** Rounding modes are hyphenated words, so they are tokens of their own. */
export const RoundingMode = createToken({ name: 'RoundingMode', pattern: /half-up|half-even|half-down|up|down/, longer_alt: Identifier, categories: [Identifier], label: 'a rounding mode (half-up, half-even, half-down, up, down)' });

/** `20%`, `7.5%`, `1,000%`: a ratio written as a percent. */
export const PercentLiteral = createToken({ name: 'PercentLiteral', pattern: /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?%/, label: 'a percent such as 20%' });
/** `5th`, `1st`, `22nd`: a day of the month in a pay calendar. */
export const Ordinal = createToken({ name: 'Ordinal', pattern: /\d{1,2}(?:st|nd|rd|th)(?![A-Za-z0-9_])/, label: 'a day of the month such as 5th' });
/** `year-to-date`, `quarter-to-date`: the basis of a commission table paid per shorter period. */
const toDateBasisPattern = /(?:year|quarter)-to-date(?![\p{L}\p{N}_])/uy;
// A custom pattern with its first characters: a regular expression with the `u` flag would switch the
// lexer's first-character optimisation off (chevrotain cannot analyse it).
export const ToDateBasis = createToken({
  name: 'ToDateBasis',
  pattern: {
    exec: (text: string, offset: number) => {
      toDateBasisPattern.lastIndex = offset;
      return toDateBasisPattern.exec(text);
    },
  },
  start_chars_hint: ['y', 'q'],
  line_breaks: false,
  label: "'year-to-date' or 'quarter-to-date'",
});
/** `1,000`, `10,000,000.50`, `0.01`: commas group exactly three digits. */
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?/, label: 'a number' });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\n\r]|\\.)*"/, label: 'a quoted text' });
/** A string that reaches the end of the line without its closing quote. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\n\r]|\\.)*/ });

export const LessEqual = createToken({ name: 'LessEqual', pattern: /<=|≤/, label: "'<='" });
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: />=|≥/, label: "'>='" });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /!=|≠|<>/, label: "'!='" });
export const Less = createToken({ name: 'Less', pattern: /</, label: "'<'" });
export const Greater = createToken({ name: 'Greater', pattern: />/, label: "'>'" });
export const Equal = createToken({ name: 'Equal', pattern: /=/, label: "'='" });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, label: "'+'" });
export const Minus = createToken({ name: 'Minus', pattern: /-|−/, label: "'-'" });
export const Times = createToken({ name: 'Times', pattern: /\*|×/, label: "'×'" });
export const Divide = createToken({ name: 'Divide', pattern: /\/|÷/, label: "'/'" });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: "')'" });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });
export const Dot = createToken({ name: 'Dot', pattern: /\./, label: "'.'" });
/**
 * `·` separates header items on one line, as in a plan document; it means nothing to the parser.
 * Separators and comments go to token groups (`lexed.groups.separators`, `.comments`) rather than
 * being skipped: the parser never sees a group, so parsing and every diagnostic position are as
 * before, while `playbook fmt` can keep them.
 */
export const Separator = createToken({ name: 'Separator', pattern: /·|;/, group: 'separators' });

export const Comment = createToken({ name: 'Comment', pattern: /#[^\n\r]*/, group: 'comments' });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u00a0\u3000\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });

export const keywords: readonly TokenType[] = keywordList;

/** Order matters: longer and more specific patterns first. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  Separator,
  StringLiteral,
  UnterminatedString,
  QuotedIdentifier,
  PercentLiteral,
  Ordinal,
  NumberLiteral,
  ToDateBasis,
  RoundingMode,
  // Keywords have no pattern of their own (see `keyword`); they are listed for the parser.
  ...keywordList,
  Identifier,
  LessEqual,
  GreaterEqual,
  NotEqual,
  Less,
  Greater,
  Equal,
  Plus,
  Minus,
  Times,
  Divide,
  LParen,
  RParen,
  Comma,
  Dot,
];

/**
 * Chevrotain's lexer over the patterned tokens; keywords are assigned afterwards by `playbookLexer`.
 * @param validate run chevrotain's checks of the token definitions. The tokens are fixed, so the
 * shipped lexer skips them at start-up and a test (test/grammar) builds the lexer with them on.
 */
export function createWordLexer(validate = false): InstanceType<typeof Lexer> {
  return new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false, skipValidations: !validate });
}

let wordLexer: InstanceType<typeof Lexer> | undefined;

/**
 * Chevrotain's lexer over {@link allTokens}, keywords assigned as in grammar/lexer.ts: the reference
 * that the hand-written lexer (grammar/lexer.ts, which every text is read with) is tested against.
 * `positionTracking: 'full'` gives every token its line and column. A name that is exactly a keyword
 * (`amount`, `when`) becomes that keyword's token; since soft keywords are also in the Identifier
 * category, the parser still accepts them where a name is expected. Built when first used.
 */
export const referenceLexer = {
  tokenize(text: string): ILexingResult {
    wordLexer ??= createWordLexer();
    const result = wordLexer.tokenize(text);
    for (const token of result.tokens) {
      if (token.tokenType !== Identifier) continue;
      const keywordType = keywordMap.get(token.image);
      if (keywordType === undefined) continue;
      token.tokenType = keywordType;
      token.tokenTypeIdx = keywordType.tokenTypeIdx!;
    }
    return result;
  },
};
