/**
 * The cash and invoice releases in whole minor units (stages/release-units.ts) against
 * releaseStage (stages/release.ts), the Decimal path: whenever releaseUnits answers, its releases
 * are releaseStage's, amount for amount, day for day, with the same total collected in the words,
 * and what it leaves held is releaseStage's held part — over random deals, stage amounts and
 * collections (refunds, zero rows, over-collection, totals near 2^53), every rounding mode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { type RoundingMode, roundTo } from '../../src/runtime/money.js';
import type { StageEvent } from '../../src/runtime/stages/events.js';
import { ReachedWords, releaseStage } from '../../src/runtime/stages/release.js';
import { releaseUnits } from '../../src/runtime/stages/release-units.js';

const MODES: RoundingMode[] = ['half-up', 'half-even', 'half-down', 'up', 'down'];
const cents = (u: number) => new Decimal(u).div(100);
const DAY = 86_400_000;

describe('releaseUnits against releaseStage', () => {
  it('releases what releaseStage releases whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1_000_000, max: 100_000_000 }), fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 })).filter((a) => a !== 0),
        fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 2 ** 53 - 1 }), fc.constantFrom(1, 3, 7, 300)),
        fc.array(fc.record({ units: fc.oneof(fc.integer({ min: -50_000, max: 600_000 }), fc.constantFrom(0, 1, 100, 150)), day: fc.integer({ min: 0, max: 60 }) }), { maxLength: 6 }),
        fc.constantFrom(...MODES),
        fc.constantFrom<'cash' | 'invoice'>('cash', 'invoice'),
        (amount, whole, rows, mode, trigger) => {
          const events: StageEvent[] = rows.map((r, k) => ({ date: r.day * DAY, measure: cents(r.units), line: k + 2 }));
          const credit = 10 * DAY;
          const fast = releaseUnits(amount, whole, credit, events, 2, mode);
          if (fast === null) return;
          answered++;
          const money = (d: Decimal) => d.toFixed(2);
          const slow = releaseStage(trigger, cents(amount), cents(whole), credit, events, (d) => roundTo(d, '0.01', mode), money);
          const released = slow.filter((p) => p.on !== null);
          expect(fast.pieces.map((p) => [cents(p.units).toString(), p.on, p.day, cents(p.total).toString()])).toEqual(
            released.map((p) => {
              const why = p.why as ReachedWords;
              return [p.amount.toString(), p.on, why.day, why.value.toString()];
            }),
          );
          const held = slow.filter((p) => p.on === null);
          expect(held.map((p) => p.amount.toString())).toEqual(fast.left === 0 ? [] : [cents(fast.left).toString()]);
          if (held.length > 0) expect(held[0].why).toContain(`${money(cents(fast.collected))} of ${money(cents(whole))}`);
        },
      ),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(1500);
  });

  it('gives up on a deal of no positive amount and on rows not in whole minor units', () => {
    expect(releaseUnits(100, 0, 0, [], 2, 'half-up')).toBeNull();
    expect(releaseUnits(100, 1000, 0, [{ date: 0, measure: new Decimal('1.005'), line: 2 }], 2, 'half-up')).toBeNull();
  });

  it('releases 40.00 of a 1,000.00 deal as 300.00 and 500.00 arrive: 12.00, then 8.00 of 20.00 reached, 20.00 held', () => {
    // 40.00 × 300/1000 = 12.00; × 800/1000 = 32.00 → 20.00 more; 8.00 left (hand-computed).
    const r = releaseUnits(4000, 100000, 0, [{ date: DAY, measure: new Decimal(300), line: 2 }, { date: 2 * DAY, measure: new Decimal(500), line: 3 }], 2, 'half-up')!;
    expect(r.pieces.map((p) => p.units)).toEqual([1200, 2000]);
    expect(r.left).toBe(800);
    expect(r.collected).toBe(80000);
  });
});
