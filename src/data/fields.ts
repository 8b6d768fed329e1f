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

/** A compiled reader for one declared field. */
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
  const aliasEntries = Object.entries(field.aliases ?? {});
  const aliases = aliasEntries.length ? new Map(aliasEntries.map(([from, to]) => [from.trim(), to.trim()])) : null;
  const applyAliases = (t: string): string => (aliases === null ? t : (aliases.get(t) ?? t));

  // What an empty cell becomes.
  let whenEmpty: Value | Empty = field.optional && !field.key ? null : EMPTY;
  if (field.default !== undefined && applyAliases(field.default.trim()) !== '') {
    const d = parser.parse(applyAliases(field.default.trim()));
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
      const text = applyAliases(raw.trim());
      return text === '' ? whenEmpty : parse(text);
    },
  };
}
