/**
 * The order of each account's activities (relationship.ts `historyOrder`): by date, then source
 * line, then table order — worked out by two counting sorts when the dates are whole days and
 * the lines rise with the rows, else by sorting each account's rows. Both ways are pinned against
 * the plain definition (every kept row, grouped by account, sorted by date, line and row number),
 * on random tables with repeated dates, rows left out, accounts without rows, dates with a time of
 * day and lines out of order (two files).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/runtime/periods.js';
import { historyOrder } from '../../src/runtime/relationship.js';

interface Table {
  accounts: number;
  accountOf: number[];
  dates: number[];
  lines: number[];
}

/** The plain definition: per account, its rows sorted by date, line, row number. */
function plain(t: Table): number[][] {
  const out: number[][] = Array.from({ length: t.accounts }, () => []);
  t.accountOf.forEach((a, p) => a >= 0 && out[a].push(p));
  for (const rows of out) rows.sort((x, y) => t.dates[x] - t.dates[y] || t.lines[x] - t.lines[y] || x - y);
  return out;
}

function ordered(t: Table, counting: boolean): number[][] {
  const days = t.accountOf.map((a, p) => (a >= 0 ? t.dates[p] / DAY_MS : Number.NaN)).filter((d) => !Number.isNaN(d));
  const range: [number, number] | null = counting && days.length > 0 ? [Math.min(...days), Math.max(...days)] : null;
  const { order, starts } = historyOrder(Int32Array.from(t.accountOf), t.accounts, Float64Array.from(t.dates), (p) => t.lines[p], range);
  return Array.from({ length: t.accounts }, (_, a) => [...order.subarray(starts[a], starts[a + 1])]);
}

const DAY0 = Date.UTC(2025, 0, 1) / DAY_MS;

/** A table of up to 300 rows over `accounts` accounts; `withTimes` gives some dates a time of day, `shuffledLines` lines out of order. */
const table = (withTimes: boolean, shuffledLines: boolean) =>
  fc.integer({ min: 1, max: 12 }).chain((accounts) =>
    fc
      .array(fc.record({ account: fc.integer({ min: -1, max: accounts - 1 }), day: fc.integer({ min: 0, max: 40 }), hour: fc.integer({ min: 0, max: 23 }), line: fc.integer({ min: 2, max: 400 }) }), { maxLength: 300 })
      .map((rows): Table => ({
        accounts,
        accountOf: rows.map((r) => r.account),
        dates: rows.map((r) => (DAY0 + r.day) * DAY_MS + (withTimes ? r.hour * 3_600_000 : 0)),
        // Rising lines (one file, some rows rejected in between) unless shuffled.
        lines: shuffledLines ? rows.map((r) => r.line) : rows.map((r, p) => 2 + p * 2 + (r.line % 2)),
      })),
  );

describe('historyOrder: activities by account, date and line', () => {
  it('two counting sorts give the plain order when the dates are whole days and the lines rise', () => {
    fc.assert(fc.property(table(false, false), (t) => {
      expect(ordered(t, true)).toEqual(plain(t));
    }), { numRuns: 300 });
  });

  it('sorting each account gives the plain order with dates at any time of day and lines out of order', () => {
    fc.assert(fc.property(table(true, true), (t) => {
      expect(ordered(t, false)).toEqual(plain(t));
    }), { numRuns: 300 });
    fc.assert(fc.property(table(false, true), (t) => {
      expect(ordered(t, false)).toEqual(plain(t));
    }), { numRuns: 300 });
  });

  it('a day range far wider than the rows falls back to sorting (same order)', () => {
    const t: Table = { accounts: 2, accountOf: [1, 0, 1, 0], dates: [5, 1e6, 3, 1].map((d) => (DAY0 + d) * DAY_MS), lines: [2, 3, 4, 5] };
    expect(ordered(t, true)).toEqual([[3, 1], [2, 0]]);
  });
});
