/**
 * Builders for row issues; every message starts with `file:line:`.
 */
import type { RowIssue } from './types.js';

/** Where an issue is: table, file, line. */
export interface At {
  table: string;
  file: string;
  line: number;
}

/** Cell text as quoted in a message: line breaks shown as `\n`, cut after 80 characters. */
export function show(raw: string): string {
  const one = raw.includes('\n') ? raw.replace(/\n/g, '\\n') : raw;
  return one.length > 80 ? one.slice(0, 77) + '...' : one;
}

/** `file:line: column: expected X, got "raw"`. */
export function invalidValue(at: At, column: string, field: string, raw: string, expected: string): RowIssue {
  return { ...at, column, field, value: raw, expected, message: `${at.file}:${at.line}: ${column}: expected ${expected}, got "${show(raw)}"` };
}

/** `file:line: column: value is required but the cell is empty`. */
export function requiredValue(at: At, column: string, field: string): RowIssue {
  return { ...at, column, field, value: '', message: `${at.file}:${at.line}: ${column}: value is required but the cell is empty` };
}

/** `file:line: expected N columns, got M`. */
export function wrongCellCount(at: At, expected: number, got: number): RowIssue {
  return { ...at, expected: `${expected} columns`, message: `${at.file}:${at.line}: expected ${expected} columns, got ${got}` };
}

/** `file:line: column: duplicate "K", first seen on line L`. */
export function duplicateKey(at: At, column: string, field: string, raw: string, firstLine: number): RowIssue {
  return {
    ...at,
    column,
    field,
    value: raw,
    expected: 'a value not used on another line',
    message: `${at.file}:${at.line}: ${column}: duplicate "${show(raw)}", first seen on line ${firstLine}`,
  };
}

/**
 * `file:line: column: "V" is not in reps (sales_teams.csv)`, or, when the target
 * row exists but was rejected, `... "V" is in reps (sales_teams.csv) but its row on line L was rejected`.
 */
export function missingLookup(
  at: At,
  column: string,
  field: string,
  value: string,
  target: { table: string; file: string },
  rejectedLine: number | undefined,
): RowIssue {
  const where = `${target.table} (${target.file})`;
  const message =
    rejectedLine === undefined
      ? `${at.file}:${at.line}: ${column}: "${show(value)}" is not in ${where}`
      : `${at.file}:${at.line}: ${column}: "${show(value)}" is in ${where} but its row on line ${rejectedLine} was rejected`;
  return { ...at, column, field, value, expected: `a key of ${target.table}`, message };
}
