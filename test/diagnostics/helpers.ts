/**
 * Shared pieces for the diagnostic tests: a minimal valid playbook, small edits
 * of it, and assertions on one diagnostic (code, position, message, hint).
 *
 * Expected positions are written into the test playbooks with markers: the
 * text between `⟦` and `⟧` is exactly the span the diagnostic must cover (its
 * first and last character, so the caret line is right too). `marked()` strips
 * the markers and returns the span.
 */
import { expect, it } from 'vitest';
import { checkSource } from '../../src/check/index.js';
import type { Span } from '../../src/language/ast.js';
import type { Diagnostic } from '../../src/language/diagnostics.js';

/**
 * The smallest playbook that checks clean: header, a reps table, a deals table
 * with won/lost, a credit rule and one marginal commission table. Every test
 * changes one thing in it (or appends one rule) and nothing else.
 *
 * Line numbers (the tests rely on them only through markers):
 *  1 playbook …          5 table reps …        8 table deals …
 * 17 credit …           19 commission …       21 from 0 pay base
 */
export const BASE = `playbook "Base"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2017

table reps from "reps.csv"
  field name text key

table deals from "deals.csv"
  field id      text key
  field rep     text lookup reps
  field stage   text
  field closed  date "YYYY-MM-DD"
  field amount  money
  won  when stage = "Won"
  lost when stage = "Lost"

credit deals when won to rep on closed amount amount

commission "commission" on credited per year marginal
  base rate 2%
  from 0 pay base
`;

/** Number of lines of BASE (it ends with a newline), so appended text starts on line BASE_LINES + 1. */
export const BASE_LINES = BASE.split('\n').length - 1;

/**
 * Applies `[from, to]` replacements to `text` (BASE by default). Each `from`
 * must occur exactly once, so a test can never silently edit nothing.
 */
export function edit(...pairs: [string, string][]): string {
  return editText(BASE, ...pairs);
}

export function editText(text: string, ...pairs: [string, string][]): string {
  let out = text;
  for (const [from, to] of pairs) {
    const first = out.indexOf(from);
    if (first < 0) throw new Error(`edit: ${JSON.stringify(from)} is not in the text`);
    if (out.indexOf(from, first + 1) >= 0) throw new Error(`edit: ${JSON.stringify(from)} occurs more than once`);
    out = out.slice(0, first) + to + out.slice(first + from.length);
  }
  return out;
}

/** BASE followed by `rules` (which should end with a newline). */
export function withRules(rules: string): string {
  return BASE + rules;
}

/** 1-based line and column of character `offset` of `text`. */
export function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** Strips the `⟦…⟧` markers from `text` and returns the text and the marked span (first to last character, inclusive). */
export function marked(text: string): { text: string; span: Span } {
  const open = text.indexOf('⟦');
  const close = text.indexOf('⟧');
  if (open < 0 || close < open || text.indexOf('⟦', open + 1) >= 0 || text.indexOf('⟧', close + 1) >= 0) {
    throw new Error('marked: the text needs exactly one ⟦…⟧ pair');
  }
  const clean = text.slice(0, open) + text.slice(open + 1, close) + text.slice(close + 1);
  const start = position(clean, open);
  // The last marked character, in the clean text. An empty pair `⟦⟧` marks a one-column
  // position with no character under it (e.g. just after the last token of the file).
  const end = close === open + 1 ? start : position(clean, close - 2);
  return { text: clean, span: { line: start.line, column: start.column, endLine: end.line, endColumn: end.column } };
}

/** Strips markers if there are any (for fixed playbooks written by editing a marked one). */
export function unmark(text: string): string {
  return text.replace(/[⟦⟧]/g, '');
}

/** What one diagnostic must look like. `hint: null` means "no hint". Severity is `error` unless said. */
export interface Expected {
  code: string;
  message: string | RegExp;
  hint?: string | RegExp | null;
  severity?: 'error' | 'warning';
}

/** The diagnostics of `text`; asserts that checking never throws. */
export function diagnose(text: string): Diagnostic[] {
  return checkSource(text).diagnostics;
}

/** Asserts `d` is the expected diagnostic at `span`. */
export function expectDiagnostic(d: Diagnostic | undefined, span: Span, want: Expected): void {
  expect(d, `no ${want.code} reported`).toBeDefined();
  const got = d!;
  expect(got.code).toBe(want.code);
  expect(got.severity).toBe(want.severity ?? 'error');
  expect(got.span).toEqual(span);
  if (typeof want.message === 'string') expect(got.message).toBe(want.message);
  else expect(got.message).toMatch(want.message);
  if (want.hint === null) expect(got.hint).toBeUndefined();
  else if (typeof want.hint === 'string') expect(got.hint).toBe(want.hint);
  else if (want.hint instanceof RegExp) expect(got.hint).toMatch(want.hint);
}

/**
 * One diagnostic case: `bad` (with ⟦markers⟧ around the expected span) must
 * report exactly one diagnostic with code `code`, at the marked span, with the
 * message, hint and severity; `fixed` must check clean (no diagnostics at all).
 */
export interface Case extends Expected {
  name: string;
  bad: string;
  fixed: string;
  /** When true, `bad` must report nothing but this one diagnostic. Default true. */
  alone?: boolean;
}

/** Registers the two tests of a case: the mistake is reported precisely, and the corrected playbook is clean. */
export function diagnosticCase(c: Case): void {
  it(`${c.code} ${c.name}: reported at the marked span`, () => {
    const { text, span } = marked(c.bad);
    const all = diagnose(text);
    const found = all.filter((d) => d.code === c.code);
    expect(found, JSON.stringify(all, null, 1)).toHaveLength(1);
    expectDiagnostic(found[0], span, c);
    if (c.alone !== false) expect(all.map((d) => d.code)).toEqual([c.code]);
    // An error stops the playbook from compiling; a warning alone does not.
    if ((c.severity ?? 'error') === 'error') expect(checkSource(text).checked).toBeNull();
    else if (c.alone !== false) expect(checkSource(text).checked).not.toBeNull();
  });
  it(`${c.code} ${c.name}: gone once corrected`, () => {
    const result = checkSource(unmark(c.fixed));
    expect(result.diagnostics.filter((d) => d.code === c.code)).toEqual([]);
    expect(result.diagnostics).toEqual([]);
    expect(result.checked).not.toBeNull();
  });
}

/**
 * BASE with an account on deals, an activities table and a valid scoring
 * section with an indicator and two tiers (for relationship findings).
 */
export const SCORED = editText(
  BASE,
  ['  field amount  money\n', '  field amount  money\n  field account text\n'],
  [
    'credit deals when won',
    `table activities from "activities.csv"
  field date    date
  field account text
  field role    text
  field action  text

credit deals when won`,
  ],
) + `
scoring "relationship"
  look back 365 days · half life 180 days · cap 100
  action "tour" points 5
  weight 1.5 when role = "C-level"
indicator toured "Toured our headquarters" when count(activities where action = "tour") >= 1
tier warm when toured win probability 60%
tier cold otherwise win probability 10%
`;
