/**
 * Builders for row issues; every message starts with `file:line:`. Every value
 * from the file goes through `showValue` (quoted, escaped, cut to a readable length).
 */
import { escapeValue, hasInvisible, showValue } from './show-value.js';
import type { RowIssue } from './types.js';

/** Where an issue is: table, file, line. */
export interface At {
  table: string;
  file: string;
  line: number;
}

/** A column name from the file as shown in a message (escaped, cut; no quotes, as the file's header spells it). */
export function showColumn(column: string): string {
  return escapeValue(column);
}

/**
 * `file:line: column: expected X, got "raw"`, followed by `; hint` when the reader
 * can say more (e.g. the digit limit of amounts, a two-digit year).
 */
export function invalidValue(at: At, column: string, field: string, raw: string, expected: string, hint?: string): RowIssue {
  const more = hint === undefined ? '' : `; ${hint}`;
  return {
    ...at,
    column,
    field,
    value: raw,
    expected,
    message: `${at.file}:${at.line}: ${showColumn(column)}: expected ${expected}, got ${showValue(raw)}${more}`,
  };
}

/** `file:line: column: value is required but the cell is empty`. */
export function requiredValue(at: At, column: string, field: string): RowIssue {
  return { ...at, column, field, value: '', message: `${at.file}:${at.line}: ${showColumn(column)}: value is required but the cell is empty` };
}

/**
 * `file:line: expected N columns, got M: the row reads "A,1"` (the row's cells joined by the
 * delimiter, shown as {@link showValue} shows a value: invisible characters written out, cut when long),
 * or, when cells read as one amount cut at its thousands commas, which amount.
 */
export function wrongCellCount(at: At, expected: number, got: number, split?: string | null, row?: string): RowIssue {
  const hint = split
    ? `: ${showValue(split)} looks like one amount cut at its thousands comma; quote such values in the export (${showValue(split)}) or export numbers without thousands separators`
    : row !== undefined
      ? `: the row reads ${showValue(row)}`
      : '';
  return { ...at, expected: `${expected} columns`, message: `${at.file}:${at.line}: expected ${expected} columns, got ${got}${hint}` };
}

/** One to three digits, after a sign, an opening parenthesis or a currency sign: how an amount with thousands commas starts. */
const GROUP_START = /^\s*[-+(]?[$€£¥]?\d{1,3}$/;
/** A thousands group: three digits. */
const GROUP = /^\d{3}$/;
/** The last thousands group: three digits, then decimals or a closing parenthesis. */
const LAST_GROUP = /^\d{3}(\.\d+)?\)?\s*$/;

/**
 * For a comma-separated row with more cells than the header: the first run of cells that reads
 * as one amount cut at its thousands commas (`1` `000.00` → `1,000.00`), or null. Only a hint
 * for {@link wrongCellCount}: the row is rejected either way.
 */
export function thousandsSplit(cells: readonly string[], delimiter: string): string | null {
  if (delimiter !== ',') return null;
  for (let k = 0; k + 1 < cells.length; k++) {
    if (!GROUP_START.test(cells[k])) continue;
    let j = k + 1;
    while (j < cells.length && GROUP.test(cells[j])) j++;
    if (j < cells.length && LAST_GROUP.test(cells[j]) && !GROUP.test(cells[j])) j++;
    if (j > k + 1) return cells.slice(k, j).join(',').trim();
  }
  return null;
}

/** `file:line: column: duplicate "K", first seen on line L`. */
export function duplicateKey(at: At, column: string, field: string, raw: string, firstLine: number): RowIssue {
  return {
    ...at,
    column,
    field,
    value: raw,
    expected: 'a value not used on another line',
    message: `${at.file}:${at.line}: ${showColumn(column)}: duplicate ${showValue(raw)}, first seen on line ${firstLine}`,
  };
}

/**
 * `file:line: column: "V" is not in reps (sales_teams.csv)`, or, when the target
 * row exists but was rejected, `... "V" is in reps (sales_teams.csv) but its row on line L was rejected`.
 * A value holding invisible characters says so, since the two names then look alike; so does a
 * key of the target that holds them (`alike`: the key that looks like the value). A value the
 * playbook's alias made (`alias`: the file's value it replaced, and the target's key nearest to the
 * value) blames the alias, not the file.
 */
/** How `alike`, a key that looks like `value`, differs from it: in capitals, in spacing (`"Anna  Snelling"`), or both. */
function howAlike(value: string, alike: string): string {
  const spaced = (t: string) => t.replace(/\s+/g, ' ');
  if (spaced(value) === spaced(alike)) return 'other spacing';
  return value.toLowerCase() === alike.toLowerCase() ? 'other capitals' : 'other capitals and spacing';
}

export function missingLookup(
  at: At,
  column: string,
  field: string,
  value: string,
  target: { table: string; file: string },
  rejectedLine: number | undefined,
  alike?: string,
  alias?: { from: string; near: string | null },
): RowIssue {
  const where = `${target.table} (${target.file})`;
  const shown = `${at.file}:${at.line}: ${showColumn(column)}: ${showValue(value)}`;
  if (alias !== undefined && rejectedLine === undefined) {
    // Most often the file's value was right and the playbook's alias turned it into one the table does not have
    // (once read, a value the alias made and the same text in the file cannot be told apart: the words fit both).
    const near = alias.near === null ? '' : ` (did you mean ${showValue(alias.near)}?)`;
    const message = `${shown} is not in ${where}; it is what the playbook's alias ${showValue(alias.from)} = ${showValue(value)} turns ${showValue(alias.from)} into, and the alias may be mistyped${near}`;
    return { ...at, column, field, value, expected: `a key of ${target.table}`, message };
  }
  let message = rejectedLine === undefined ? `${shown} is not in ${where}` : `${shown} is in ${where} but its row on line ${rejectedLine} was rejected`;
  // A line break is said by the row's own issue (a value running over lines, or a multiline field): not an invisible character.
  if (rejectedLine === undefined && /[\r\n]/.test(value)) message += '; it holds a line break (shown as \\n)';
  else if (rejectedLine === undefined && hasInvisible(value)) message += '; it holds invisible characters (shown as \\u…): remove them in the file';
  else if (alike !== undefined && hasInvisible(alike)) message += `; ${showValue(alike)} is, written with invisible characters (shown as \\u…): remove them in ${target.file}`;
  else if (alike !== undefined) message += `; ${showValue(alike)} is, with ${howAlike(value, alike)} (keys are compared exactly)`;
  return { ...at, column, field, value, expected: `a key of ${target.table}`, message };
}

/**
 * `file:line: column: "V" holds a control character (\u001B) …`: text with control
 * characters (NUL, ESC and the like) is refused, since it is never a real name and
 * would reach reports and terminals. U+FFFD gets its own words: an earlier
 * conversion put it where it could not read a letter, so names may have collapsed.
 */
export function controlCharacter(at: At, column: string, field: string, raw: string): RowIssue {
  const why = /[\u0000-\u0008\u000b-\u001f\u007f]/.test(raw)
    ? 'holds a control character (shown as \\u…), which is never part of a real value; remove it in the file'
    : /[\u0080-\u009f]/.test(raw)
      ? 'holds a control character of the range \\u0080–\\u009F, which is what a Windows-1252 file (€, “, ”) gives when read as ISO-8859-1: declare encoding "windows-1252" on the table'
      : 'holds the character \uFFFD, which a conversion with the wrong encoding leaves where it could not read a letter (so "Müller" and "Möller" become one name); export the file again from the CRM as UTF-8';
  return {
    ...at,
    column,
    field,
    value: raw,
    expected: 'text without control characters',
    message: `${at.file}:${at.line}: ${showColumn(column)}: ${showValue(raw)} ${why}`,
  };
}

/**
 * `file:line: column: this value runs over lines L–M …`: a cell holding a line
 * break in a column not declared `multiline`. Nearly always a stray opening quote
 * (`"24 inch,Won,…`) that a later quote closes, so the records between became
 * one cell.
 */
export function spansLines(at: At, column: string, field: string, raw: string, lastLine: number): RowIssue {
  return {
    ...at,
    column,
    field,
    value: raw,
    expected: 'a value on one line',
    message:
      `${at.file}:${at.line}: ${showColumn(column)}: the value ${showValue(raw)} runs over lines ${at.line}–${lastLine}, so those lines were read as one row. ` +
      `Usually a quote (") opens a value by mistake and a later quote closes it: remove the stray quote. ` +
      `If this column really holds line breaks, declare the field multiline`,
  };
}
