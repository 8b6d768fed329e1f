/**
 * Field readers: everything that turns one raw CSV cell into a `Value` for one
 * declared field — trimming, aliases, empty cells (optional / default / required)
 * and type parsing. Compiled once per table.
 */
import type { SourceField } from '../graph/tables.js';
import { DataError } from './errors.js';
import { DateFormatError } from './dates.js';
import type { NumberLocale } from './numbers.js';
import { EMPTY, INVALID, type Empty, type Invalid } from './sentinels.js';
import type { Value } from './types.js';
import { compileTypeParser } from './values.js';

/**
 * `text` in Unicode normal form C, so that `José` typed with a combining accent
 * (NFD, as macOS file names and some exports write it) matches `José` typed with
 * the accented letter. Characters below U+0300 never change under NFC, so the
 * common case skips the work.
 */
export function nfc(text: string): string {
  return /[^\u0000-\u02ff]/.test(text) ? text.normalize('NFC') : text;
}

/** A compiled reader for one declared field. */
/**
 * The error values Excel, LibreOffice and Google Sheets write into a cell whose formula failed
 * (`#N/A` from a VLOOKUP that found nothing, `#VALUE!`, `#REF!`, …), as a CSV export keeps them.
 */
const SPREADSHEET_ERRORS = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|BUSY!|CONNECT!|UNKNOWN!|GETTING_DATA|ERROR!)$/i;

/** Whether `text` (trimmed) is a spreadsheet's error value, such as `#N/A`. */
export function isSpreadsheetError(text: string): boolean {
  return SPREADSHEET_ERRORS.test(text);
}

/** Why a spreadsheet error value is refused, and what to do (the row's message ends with it). */
function spreadsheetErrorHint(text: string): string {
  return `${text} is a spreadsheet's error value (the formula behind the cell failed), not data: fix the formula or the value in the workbook and export again`;
}

export interface FieldReader {
  field: SourceField;
  /** Index of the field in `schema.fields`. */
  index: number;
  /** Index of its column among the file's header cells. */
  cell: number;
  /** Column header as written in the file (trimmed). */
  column: string;
  /** Expectation text for messages, e.g. `a number`. */
  expected: string;
  /**
   * Reads a raw cell: the value (null for an allowed empty cell), `EMPTY` when the
   * cell is empty but a value is required, or `INVALID` when the text does not parse.
   */
  read(raw: string): Value | Invalid | Empty;
  /** The text `read` parses: trimmed, in Unicode NFC, aliases applied. */
  text(raw: string): string;
  /** More about why `text` did not parse (see `TypeParser.hint`), if anything. */
  hint(text: string): string | undefined;
  /** For dates in a day/month format: the other order's format and parser (see `DateReader.otherOrder`). */
  otherOrder?: { format: string; parse(text: string): number | Invalid };
  /** A date read as `YYYY-MM-DD` by the shape's fast path (see `DateReader.ymd`). */
  ymd: boolean;
}

/**
 * Compiles the reader of `field` (at `index` in the schema), reading header cell
 * `cell` named `column`. Key fields are always required.
 * Throws `DataError` (naming `file` and the column) for an unusable date format or
 * a `default` that is not a valid value of the field's type.
 */
export function compileFieldReader(
  field: SourceField,
  index: number,
  cell: number,
  column: string,
  locale: NumberLocale,
  timeZone: string,
  file: string,
): FieldReader {
  let parser;
  try {
    parser = compileTypeParser(field.type, field.format, locale, timeZone);
  } catch (e) {
    if (e instanceof DateFormatError) throw new DataError(`${file}: column "${column}": ${e.message}`, { file, column });
    throw e;
  }
  const aliasEntries = field.aliases ?? [];
  const aliases = aliasEntries.length ? new Map(aliasEntries.map(({ from, to }) => [nfc(from.trim()), nfc(to.trim())])) : null;
  const applyAliases = (t: string): string => (aliases === null ? t : (aliases.get(t) ?? t));
  const text = (raw: string): string => applyAliases(nfc(raw.trim()));

  // What an empty cell becomes.
  let whenEmpty: Value | Empty = field.optional && !field.key ? null : EMPTY;
  if (field.default !== undefined && text(field.default) !== '') {
    const d = parser.parse(text(field.default));
    if (d === INVALID) {
      throw new DataError(
        `${file}: column "${column}": the default "${field.default}" is not valid: expected ${parser.expected}`,
        { file, column },
      );
    }
    whenEmpty = d;
  }
  const parse = parser.parse;
  return {
    field,
    index,
    cell,
    column,
    expected: parser.expected,
    read(raw) {
      const t = text(raw);
      if (t === '') return whenEmpty;
      // `#N/A` in any column, text too: the value a formula did not find, not a value (xlsx.ts refuses it likewise).
      return t.charCodeAt(0) === 35 && isSpreadsheetError(t) ? INVALID : parse(t);
    },
    text,
    hint: (t) => (isSpreadsheetError(t) ? spreadsheetErrorHint(t) : parser.hint?.(t)),
    ymd: parser.ymd === true,
    ...(parser.otherOrder !== undefined ? { otherOrder: parser.otherOrder } : {}),
  };
}
