/**
 * A lifecycle table's rows by deal without an object per row (src/runtime/stages/events.ts,
 * DealEvents): each deal's rows by date then line, deals in the order of their first row, the
 * measure read from the table — what the row-by-row Map gave, checked against a plain sort.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { DealEvents } from '../../src/runtime/stages/events.js';
import { arraySource } from '../../src/runtime/row-source.js';
import type { RowLike } from '../../src/runtime/values.js';

/** Rows (line, measure) and the kept (deal, day) of each, as stageEvents would pass them. */
function build(rows: { deal: number; day: number; measure: string }[]) {
  const table: RowLike[] = rows.map((r, p) => ({ line: p + 2, values: [new Decimal(r.measure)] }));
  const kept = { position: Int32Array.from(rows.map((_, p) => p)), deal: Int32Array.from(rows.map((r) => r.deal)), day: Float64Array.from(rows.map((r) => r.day)), count: rows.length };
  return new DealEvents(arraySource(table), 0, kept);
}

describe('lifecycle rows by deal', () => {
  it('lists each deal’s rows by date, then line, and the deals in the order of their first row', () => {
    const events = build([
      { deal: 7, day: 300, measure: '10' },
      { deal: 2, day: 100, measure: '20' },
      { deal: 7, day: 100, measure: '30' },
      { deal: 7, day: 300, measure: '40' },
      { deal: 2, day: 50, measure: '50' },
    ]);
    expect([...events.keys()]).toEqual([7, 2]);
    expect(events.get(7)!.map((e) => [e.date, e.measure.toString(), e.line])).toEqual([[100, '30', 4], [300, '10', 2], [300, '40', 5]]);
    expect(events.get(2)!.map((e) => [e.date, e.measure.toString(), e.line])).toEqual([[50, '50', 6], [100, '20', 3]]);
    expect(events.get(3)).toBeUndefined();
  });

  it('gives what a Map filled row by row and sorted gives, for deals with few rows and with many', () => {
    const row = fc.record({ deal: fc.integer({ min: 0, max: 3 }), day: fc.integer({ min: 0, max: 5 }), measure: fc.integer({ min: -100, max: 100 }).map(String) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), (rows) => {
        const expected = new Map<number, { date: number; measure: string; line: number }[]>();
        rows.forEach((r, p) => {
          const list = expected.get(r.deal) ?? [];
          list.push({ date: r.day, measure: r.measure, line: p + 2 });
          expected.set(r.deal, list);
        });
        for (const list of expected.values()) list.sort((a, b) => a.date - b.date || a.line - b.line);
        const events = build(rows);
        expect([...events.keys()]).toEqual([...expected.keys()]);
        for (const [deal, list] of expected) expect(events.get(deal)!.map((e) => ({ date: e.date, measure: e.measure.toString(), line: e.line }))).toEqual(list);
      }),
    );
  });
});
