/**
 * Per-type cell parsers, compiled once per column: text → typed `Value`.
 */
import type { FieldType } from '../graph/tables.js';
import { compileDateReader } from './dates.js';
import { notationHint, parseNumber, parsePercent, type NumberLocale } from './numbers.js';
import { INVALID, type Invalid } from './sentinels.js';
import type { Value } from './types.js';

/** A compiled parser for one column type. */
export interface TypeParser {
  /** Value of trimmed, non-empty `text`, or `INVALID`. Never returns null. */
  parse(text: string): Exclude<Value, null> | Invalid;
  /** What a valid cell looks like, used in messages: `expected ${expected}, got "..."`. */
  expected: string;
  /** Why trimmed `text` (refused by `parse`) is not read, when more can be said than `expected`. */
  hint?(text: string): string | undefined;
  /** Dates only: see `DateReader.otherOrder`. */
  otherOrder?: { format: string; parse(text: string): number | Invalid };
  /** Dates only: see `DateReader.ymd`. */
  ymd?: boolean;
}

const BOOLEANS = new Map<string, boolean>([
  ['true', true], ['yes', true], ['y', true], ['1', true],
  ['false', false], ['no', false], ['n', false], ['0', false],
]);

/** Boolean cell: case-insensitive true/false, yes/no, y/n, 1/0; else INVALID. */
export function parseBoolean(text: string): boolean | Invalid {
  const b = BOOLEANS.get(text.toLowerCase());
  return b === undefined ? INVALID : b;
}

/**
 * Builds the parser for a column of type `type`.
 * `format` applies to date/timestamp only; `locale` to money/number/percent.
 * Throws `DateFormatError` for an unusable date format. `timeZone` must be valid.
 */
export function compileTypeParser(type: FieldType, format: string | undefined, locale: NumberLocale, timeZone: string): TypeParser {
  switch (type) {
    case 'text':
      return { expected: 'text', parse: (t) => t };
    case 'money':
      return { expected: 'an amount', parse: (t) => parseNumber(t, locale) ?? INVALID, hint: (t) => notationHint(t, locale, 'amounts') };
    case 'number':
      return { expected: 'a number', parse: (t) => parseNumber(t, locale) ?? INVALID, hint: (t) => notationHint(t, locale, 'numbers') };
    case 'percent':
      return { expected: 'a percent such as 20% or 20', parse: (t) => parsePercent(t, locale) ?? INVALID, hint: (t) => notationHint(t.replace(/\s*%$/, ''), locale, 'percents') };
    case 'boolean':
      return { expected: 'yes/no, true/false or 1/0', parse: parseBoolean };
    case 'date':
    case 'timestamp':
      return compileDateReader(type, format, timeZone);
  }
}
