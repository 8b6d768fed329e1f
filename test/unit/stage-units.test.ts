/**
 * The second pass of the payouts path in whole minor units (issue 10), each pinned against the
 * Decimal path it replaces:
 * - fromMinorUnits (a Decimal made from its fields) is, field for field, the Decimal decimal.js
 *   parses from `minorUnitsText` (what it did before), zero, negatives, up to ±(2^53 − 1);
 * - a lifecycle table's measures kept as minor units while it is read (DealEvents.units) are
 *   toMinorUnits of the Decimals `get` gives, row for row, in the same order;
 * - a cash or invoice stage over those columns (releaseUnitsOf) is releaseStage's releases;
 * - a completion stage's releasing row (completedRow) is releaseStage's, day for day.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { type RoundingMode, roundTo } from '../../src/runtime/money.js';
import { minorUnitsText } from '../../src/runtime/money-text.js';
import { DealEvents, type StageEvent } from '../../src/runtime/stages/events.js';
import { CompletedWords, type ReachedWords, releaseStage } from '../../src/runtime/stages/release.js';
import { fromMinorUnits, toMinorUnits } from '../../src/runtime/minor-units.js';
import { completedRow, releaseUnitsOf } from '../../src/runtime/stages/release-units.js';
import { arraySource } from '../../src/runtime/row-source.js';
import type { RowLike } from '../../src/runtime/values.js';

const MODES: RoundingMode[] = ['half-up', 'half-even', 'half-down', 'up', 'down'];
const DAY = 86_400_000;
const cents = (u: number) => new Decimal(u).div(100);
const fields = (d: Decimal) => {
  const x = d as unknown as { s: number; e: number; d: number[] };
  return [x.s, x.e, [...x.d]];
};

/** Rows of one table (measure as text), kept as stageEvents keeps them: position, deal, day, and the measure in minor units. */
function table(rows: { deal: number; day: number; measure: string }[], digits: number) {
  const source = arraySource(rows.map((r, p): RowLike => ({ line: p + 2, values: [new Decimal(r.measure)] })));
  const kept = {
    position: Int32Array.from(rows.map((_, p) => p)),
    deal: Int32Array.from(rows.map((r) => r.deal)),
    day: Float64Array.from(rows.map((r) => r.day)),
    units: Float64Array.from(rows.map((r) => toMinorUnits(new Decimal(r.measure), digits))),
    count: rows.length,
  };
  return new DealEvents(source, 0, kept);
}

describe('fromMinorUnits made from its fields', () => {
  it('is field for field the Decimal parsed from minorUnitsText: zero, negatives, trailing zeros, up to 2^53 − 1, 0–6 digits', () => {
    const units = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
      fc.constantFrom(0, 1, -1, 10, 100, 1000, 10_000_000, 2 ** 53 - 1, -(2 ** 53) + 1, 9_999_999, 100_000_000_000),
    );
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 6 }), (u, digits) => {
        expect(fields(fromMinorUnits(u, digits))).toEqual(fields(new Decimal(minorUnitsText(u, digits))));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes 1234.50 from 123450 cents, -0.05 from -5 and 0 from 0 (and -0)', () => {
    expect(fromMinorUnits(123450, 2).toString()).toBe('1234.5');
    expect(fromMinorUnits(-5, 2).toString()).toBe('-0.05');
    expect(fromMinorUnits(0, 2).isNegative()).toBe(false);
    expect(fromMinorUnits(-0, 2).isNegative()).toBe(false);
  });

  it('still refuses a number past 2^53 as before', () => {
    expect(() => fromMinorUnits(2 ** 53 + 2, 2)).toThrow(RangeError);
  });
});

const rowsOf = (measure: fc.Arbitrary<string>) => fc.array(fc.record({ deal: fc.integer({ min: 0, max: 3 }), day: fc.integer({ min: 0, max: 40 }).map((d) => d * DAY), measure }), { maxLength: 40 });
const money = fc.oneof(fc.integer({ min: -50_000, max: 600_000 }).map((u) => cents(u).toString()), fc.constantFrom('0', '1.005', '0.001', '-0', '1e-9', '9007199254740993'));

describe('a lifecycle table’s measures in minor units', () => {
  it('are toMinorUnits of the Decimals get gives, row for row (NaN where they are not whole minor units)', () => {
    fc.assert(
      fc.property(rowsOf(money), fc.integer({ min: 0, max: 3 }), (rows, digits) => {
        const events = table(rows, digits);
        for (const deal of events.keys()) {
          const s = events.groupOf(deal);
          const list = events.get(deal)!;
          expect(events.to(s) - events.from(s)).toBe(list.length);
          list.forEach((e, k) => {
            expect(events.days[events.from(s) + k]).toBe(e.date);
            expect(Object.is(events.units[events.from(s) + k], toMinorUnits(e.measure, digits))).toBe(true);
          });
        }
        expect(events.groupOf(99)).toBe(-1);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('cash and invoice stages over the columns', () => {
  it('release what releaseStage releases whenever they answer, every rounding mode', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        rowsOf(money),
        fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 })).filter((a) => a !== 0),
        fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(1, 3, 7, 300, 2 ** 53 - 1)),
        fc.constantFrom(...MODES),
        fc.constantFrom<'cash' | 'invoice'>('cash', 'invoice'),
        (rows, amount, whole, mode, trigger) => {
          const events = table(rows, 2);
          const credit = 5 * DAY;
          for (const deal of [0, 1, 2, 3]) {
            const s = events.groupOf(deal);
            const list: StageEvent[] = events.get(deal) ?? [];
            const fast = s < 0 ? releaseUnitsOf(amount, whole, credit, events.days, events.units, 0, 0, mode) : releaseUnitsOf(amount, whole, credit, events.days, events.units, events.from(s), events.to(s), mode);
            if (fast === null) continue;
            answered++;
            const slow = releaseStage(trigger, cents(amount), cents(whole), credit, list, (d) => roundTo(d, '0.01', mode), (d) => d.toFixed(2));
            const released = slow.filter((p) => p.on !== null);
            expect(fast.pieces.map((p) => [cents(p.units).toString(), p.on, p.day, cents(p.total).toString()])).toEqual(
              released.map((p) => [p.amount.toString(), p.on, (p.why as ReachedWords).day, (p.why as ReachedWords).value.toString()]),
            );
            expect(slow.filter((p) => p.on === null).map((p) => p.amount.toString())).toEqual(fast.left === 0 ? [] : [cents(fast.left).toString()]);
          }
        },
      ),
      { numRuns: 1500 },
    );
    expect(answered).toBeGreaterThan(1000);
  });
});

describe('completion stages over the columns', () => {
  // Percent complete as a ratio: 0.45 is 45%; 1.005 is 100.5% (not whole minor units at 2 digits).
  const percent = fc.oneof(fc.integer({ min: -20, max: 130 }).map((p) => new Decimal(p).div(100).toString()), fc.constantFrom('1', '0.995', '1.005', '0.9999', '1.0001', '0'));

  it('release on the day releaseStage releases, whenever a row reaches 100%; else they leave it to releaseStage', () => {
    let answered = 0;
    fc.assert(
      fc.property(rowsOf(percent), fc.integer({ min: 0, max: 40 }).map((d) => d * DAY), (rows, credit) => {
        const events = table(rows, 2);
        for (const deal of [0, 1, 2, 3]) {
          const s = events.groupOf(deal);
          const at = s < 0 ? -1 : completedRow(events.units, events.from(s), events.to(s), 2);
          const slow = releaseStage('completion', new Decimal('40.00'), new Decimal('100.00'), credit, events.get(deal) ?? [], (d) => d, (d) => d.toFixed(2));
          if (at < 0) {
            // Left to releaseStage: either no row reached 100%, or one before it is not in whole minor units.
            const list = events.get(deal) ?? [];
            const first = list.findIndex((e) => e.measure.gte(1));
            if (first >= 0) expect(list.slice(0, first + 1).some((e) => Number.isNaN(toMinorUnits(e.measure, 2)))).toBe(true);
            continue;
          }
          answered++;
          expect(slow).toHaveLength(1);
          expect(slow[0].on).toBe(Math.max(events.days[at], credit));
          expect(slow[0].why).toBeInstanceOf(CompletedWords);
          expect((slow[0].why as CompletedWords).day).toBe(events.days[at]);
        }
      }),
      { numRuns: 1500 },
    );
    expect(answered).toBeGreaterThan(300);
  });

  it('releases on the first row at 100% or more (hand-made: 45%, 100% on day 3, 120% on day 5 → day 3)', () => {
    const events = table([{ deal: 0, day: 1 * DAY, measure: '0.45' }, { deal: 0, day: 5 * DAY, measure: '1.2' }, { deal: 0, day: 3 * DAY, measure: '1' }], 2);
    expect(events.days[completedRow(events.units, events.from(0), events.to(0), 2)]).toBe(3 * DAY);
    // 99.5% is not complete; a row of 100.5% is not whole hundredths: left to releaseStage.
    const odd = table([{ deal: 0, day: DAY, measure: '0.995' }, { deal: 0, day: 2 * DAY, measure: '1.005' }], 2);
    expect(completedRow(odd.units, 0, 2, 2)).toBe(-1);
  });
});
