/**
 * The playbook lexer, written by hand: the same tokens as chevrotain's lexer over the patterns of
 * tokens.ts (`referenceLexer`), several times fewer instructions. Chevrotain's lexer tries each
 * candidate pattern as a regular expression at every token, whitespace included, and the match
 * arrays it allocates are most of what a start-up allocates before parsing; on the 2,000-line
 * benchmark playbook lexing was about a tenth of a `playbook check` (bench/RESULTS.md).
 *
 * What "the same" means, and what this file reproduces of chevrotain 11's `tokenizeInternal`:
 * - at each offset the FIRST pattern of `allTokens` that matches wins (not the longest), except
 *   that RoundingMode gives way to a strictly longer Identifier (its `longer_alt`);
 * - a name that is exactly a keyword gets the keyword's type afterwards (tokens.ts, `keyword`);
 * - tokens have chevrotain's "full" shape and key order (image, startOffset, endOffset, startLine,
 *   endLine, startColumn, endColumn, tokenTypeIdx, tokenType); comments and separators go to
 *   `groups.comments` / `groups.separators`, whitespace nowhere;
 * - lines count `\n`, `\r\n` and `\r` inside whitespace and inside a percent (`5\n%`: `\s?%`), the
 *   only patterns that can match a line break; a multi-line token's endLine/endColumn as chevrotain;
 * - a character no pattern matches starts an error: characters are dropped one at a time until
 *   some pattern matches (or the text ends), and one error is reported with chevrotain's message.
 * The digit-led tokens (percent, ordinal, number), `year-to-date` and the rounding modes are read
 * with the very regular expressions of tokens.ts, and a name with a non-ASCII character with the
 * Identifier pattern's own expression: only whitespace, comments, strings, ASCII names and
 * operators are scanned by hand. test/grammar/lexer.test.ts compares every token, group and error
 * with chevrotain's lexer on every playbook of the repository and on generated text.
 */
import type { ILexingResult, IToken, TokenType } from 'chevrotain';
import {
  Comma, Comment, Divide, Dot, Equal, Greater, GreaterEqual, Identifier, LParen, Less, LessEqual, Minus, NotEqual, NumberLiteral, Ordinal, PercentLiteral, Plus, QuotedIdentifier, RParen, RoundingMode, Separator, StringLiteral, Times, ToDateBasis, UnterminatedString, WhiteSpace, keywordByWord,
} from './tokens.js';

/** Sticky copies of the patterns of tokens.ts that are run as regular expressions here (same source and flags). */
const percentPattern = new RegExp(PercentLiteral.PATTERN as RegExp, 'y');
const ordinalPattern = new RegExp(Ordinal.PATTERN as RegExp, 'y');
const numberPattern = new RegExp(NumberLiteral.PATTERN as RegExp, 'y');
const roundingPattern = new RegExp(RoundingMode.PATTERN as RegExp, 'y');

/** One lexing error, as chevrotain reports it. */
export interface LexError {
  offset: number;
  line: number | undefined;
  column: number | undefined;
  length: number;
  message: string;
}

/** The type of the last match of {@link matchEnd} (set with its result, to allocate nothing per token). */
let matchedType: TokenType = WhiteSpace;

/**
 * Runs are scanned by sticky regular expressions, not character by character in JavaScript: a
 * check runs without V8's optimising compiler (src/cli/short-run.ts), where a loop over
 * `charCodeAt` costs several hundred instructions a character and a compiled expression a few.
 */
const whitePattern = new RegExp(WhiteSpace.PATTERN as RegExp, 'y');
const commentPattern = new RegExp(Comment.PATTERN as RegExp, 'y');
const stringPattern = new RegExp(StringLiteral.PATTERN as RegExp, 'y');
const unterminatedPattern = new RegExp(UnterminatedString.PATTERN as RegExp, 'y');
const quotedPattern = new RegExp(QuotedIdentifier.PATTERN as RegExp, 'y');
/** The ASCII part of the Identifier pattern; a name that goes on with another character is read by the pattern itself. */
const asciiNamePattern = /[A-Za-z_][A-Za-z0-9_]*/y;
/** A line terminator as chevrotain counts them (`\n`, `\r\n`, `\r`). */
const lineBreakPattern = /\r\n?|\n/g;

/** End offset of a sticky pattern matched at `offset`, or -1. `test` allocates no match array. */
function stickyEnd(pattern: RegExp, text: string, offset: number): number {
  pattern.lastIndex = offset;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** End of the Identifier pattern at `offset` (-1: none): ASCII scanned here, anything else by the pattern itself. */
function nameEnd(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) {
    const i = stickyEnd(asciiNamePattern, text, offset);
    if (!(text.charCodeAt(i) >= 0x80)) return i; // NaN at the end of the text
  } else if (c < 0x80) {
    return -1;
  }
  const match = Identifier.PATTERN && (Identifier.PATTERN as { exec: (t: string, o: number) => RegExpExecArray | null }).exec(text, offset);
  return match ? offset + match[0].length : -1;
}

/** End of a string literal or, without its closing quote, an unterminated one, at the `"` at `offset`. */
function stringEnd(text: string, offset: number): number {
  const end = stickyEnd(stringPattern, text, offset);
  if (end !== -1) {
    matchedType = StringLiteral;
    return end;
  }
  matchedType = UnterminatedString;
  return stickyEnd(unterminatedPattern, text, offset);
}

/**
 * End offset of the token that starts at `offset` (and its type in {@link matchedType}), or -1 when
 * no pattern matches there. Dispatches on the first character to the patterns that can start with
 * it, tried in `allTokens` order.
 */
function matchEnd(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0xfeff) {
    matchedType = WhiteSpace;
    return stickyEnd(whitePattern, text, offset);
  }
  if (c >= 48 && c <= 57) {
    let end = stickyEnd(percentPattern, text, offset);
    if (end !== -1) {
      matchedType = PercentLiteral;
      return end;
    }
    end = stickyEnd(ordinalPattern, text, offset);
    if (end !== -1) {
      matchedType = Ordinal;
      return end;
    }
    end = stickyEnd(numberPattern, text, offset);
    matchedType = NumberLiteral;
    return end; // always matches at a digit
  }
  switch (c) {
    case 35: // #
      matchedType = Comment;
      return stickyEnd(commentPattern, text, offset);
    case 0xb7: // ·
    case 59: // ;
      matchedType = Separator;
      return offset + 1;
    case 34: // "
      return stringEnd(text, offset);
    case 96: // `
      matchedType = QuotedIdentifier;
      return stickyEnd(quotedPattern, text, offset);
    case 60: // <
      matchedType = text.charCodeAt(offset + 1) === 61 ? LessEqual : text.charCodeAt(offset + 1) === 62 ? NotEqual : Less;
      return matchedType === Less ? offset + 1 : offset + 2;
    case 62: // >
      matchedType = text.charCodeAt(offset + 1) === 61 ? GreaterEqual : Greater;
      return matchedType === Greater ? offset + 1 : offset + 2;
    case 33: // ! only as !=
      if (text.charCodeAt(offset + 1) !== 61) return -1;
      matchedType = NotEqual;
      return offset + 2;
    case 0x2264: // ≤
      matchedType = LessEqual;
      return offset + 1;
    case 0x2265: // ≥
      matchedType = GreaterEqual;
      return offset + 1;
    case 0x2260: // ≠
      matchedType = NotEqual;
      return offset + 1;
    case 61:
      matchedType = Equal;
      return offset + 1;
    case 43:
      matchedType = Plus;
      return offset + 1;
    case 45: // -
    case 0x2212: // −
      matchedType = Minus;
      return offset + 1;
    case 42: // *
    case 0xd7: // ×
      matchedType = Times;
      return offset + 1;
    case 47: // /
    case 0xf7: // ÷
      matchedType = Divide;
      return offset + 1;
    case 40:
      matchedType = LParen;
      return offset + 1;
    case 41:
      matchedType = RParen;
      return offset + 1;
    case 44:
      matchedType = Comma;
      return offset + 1;
    case 46:
      matchedType = Dot;
      return offset + 1;
  }
  // A name, `year-to-date` / `quarter-to-date`, or a rounding mode (which gives way to a longer name).
  if ((c === 121 || c === 113) && text.charCodeAt(offset + (c === 121 ? 4 : 7)) === 45) {
    const end = ToDateBasis.PATTERN && (ToDateBasis.PATTERN as { exec: (t: string, o: number) => RegExpExecArray | null }).exec(text, offset);
    if (end) {
      matchedType = ToDateBasis;
      return offset + end[0].length;
    }
  }
  const end = nameEnd(text, offset);
  if (c === 104 || c === 117 || c === 100) {
    const rounding = stickyEnd(roundingPattern, text, offset);
    if (rounding !== -1 && !(end > rounding)) {
      matchedType = RoundingMode;
      return rounding;
    }
  }
  matchedType = Identifier;
  return end;
}

/** Offset of the first `\n` or `\r` at or after `from`, or the text's length. */
function nextLineBreak(text: string, from: number): number {
  lineBreakPattern.lastIndex = from;
  const found = lineBreakPattern.exec(text);
  return found === null ? text.length : found.index;
}

/** A token of chevrotain's "full" shape (same keys, same order: see createFullToken). */
function token(image: string, startOffset: number, type: TokenType, startLine: number, startColumn: number): IToken {
  return {
    image,
    startOffset,
    endOffset: startOffset + image.length - 1,
    startLine,
    endLine: startLine,
    startColumn,
    endColumn: startColumn + image.length - 1,
    tokenTypeIdx: type.tokenTypeIdx!,
    tokenType: type,
  };
}

/**
 * Splits `text` into tokens: the `ILexingResult` chevrotain's lexer over tokens.ts gives, with
 * keywords assigned (see the file's comment). Never throws: unknown characters become `errors`.
 */
export function lexPlaybook(text: string): ILexingResult {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const separators: IToken[] = [];
  const errors: LexError[] = [];
  const length = text.length;
  let offset = 0;
  let line = 1;
  let column = 1;
  /** Offset of the first line terminator at or after `offset` (`length`: none left). */
  let nextBreak = nextLineBreak(text, 0);
  while (offset < length) {
    const end = matchEnd(text, offset);
    if (end === -1) {
      // Drop characters until one starts a token (or the text ends): one error for the run.
      const start = offset;
      do offset++;
      while (offset < length && matchEnd(text, offset) === -1);
      errors.push({ offset: start, line, column, length: offset - start, message: `unexpected character: ->${text.charAt(start)}<- at offset: ${start}, skipped ${offset - start} characters.` });
      column += offset - start;
      continue;
    }
    const type = matchedType;
    if (type === WhiteSpace || type === PercentLiteral) {
      // The only patterns that can hold a line break: count \n, \r\n and \r as chevrotain does.
      let breaks = 0;
      let lastBreakEnd = -1;
      if (nextBreak < end) {
        // Breaks are found by a global expression from `nextBreak` on: per line, not per character.
        // A `\r\n` is one break, and never split by a token's end (neither pattern ends between them).
        lineBreakPattern.lastIndex = nextBreak;
        let found = lineBreakPattern.exec(text);
        while (found !== null && found.index < end) {
          breaks++;
          lastBreakEnd = found.index + found[0].length - 1 - offset;
          found = lineBreakPattern.exec(text);
        }
        nextBreak = found === null ? length : found.index;
      }
      const made = type === PercentLiteral ? token(text.substring(offset, end), offset, type, line, column) : null;
      if (made !== null) tokens.push(made);
      if (breaks === 0) {
        column += end - offset;
      } else {
        line += breaks;
        column = end - offset - lastBreakEnd;
        if (made !== null) {
          // chevrotain's updateTokenEndLineColumnLocation: a break as the last character moves only what follows.
          const lastIsBreak = lastBreakEnd === end - offset - 1;
          if (!(breaks === 1 && lastIsBreak)) {
            made.endLine = line + (lastIsBreak ? -1 : 0);
            made.endColumn = column - 1 + (lastIsBreak ? 1 : 0);
          }
        }
      }
      offset = end;
      continue;
    }
    const made = token(text.substring(offset, end), offset, type, line, column);
    if (type === Identifier) {
      const keyword = keywordByWord.get(made.image);
      if (keyword !== undefined) {
        made.tokenType = keyword;
        made.tokenTypeIdx = keyword.tokenTypeIdx!;
      }
      tokens.push(made);
    } else if (type === Comment) {
      comments.push(made);
    } else if (type === Separator) {
      separators.push(made);
    } else {
      tokens.push(made);
    }
    column += end - offset;
    offset = end;
  }
  return { tokens, groups: { comments, separators }, errors };
}

/** The lexer every playbook text is read with (same interface as chevrotain's). */
export const playbookLexer = { tokenize: lexPlaybook };
