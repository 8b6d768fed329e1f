/**
 * Caps with credit notes (src/runtime/stages/limits.ts, docs/language.md §12c), over generated
 * parts of one rep and component in one year (fast-check): a cap per year pays exactly
 * min(what the parts earned, the cap) — the running total up to the cap, whatever the order of the
 * parts and whichever of them are credit notes; a cap per deal bounds every part at ±the cap; what
 * is paid plus what is capped is what was earned, part by part.
 * The expected totals are computed here from the parts alone (sum, min), not by the engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { applyLimits, type LimitPart, type Limits } from '../../src/runtime/stages/limits.js';

const DAY = 86_400_000;
const yearOf = () => '2026';
const money = (d: Decimal) => d.toFixed(2);

const parts = fc.array(
  fc.record({ day: fc.integer({ min: 0, max: 364 }), cents: fc.integer({ min: -300_000, max: 500_000 }) }),
  { minLength: 1, maxLength: 12 },
).map((list) => list.map((p, k): LimitPart => ({ deal: `D${k}`, earnedOn: Date.UTC(2026, 0, 1) + p.day * DAY, amount: new Decimal(p.cents).div(100) })));

const limits = (capPerDeal: string | null, capPerYear: string | null): Limits => ({ minimumPerDeal: null, capPerDeal, capPerPeriod: capPerYear === null ? null : { amount: capPerYear, period: 'year' }, topUpClawedBack: false });
const total = (xs: Decimal[]) => xs.reduce((s, x) => s.plus(x), new Decimal(0));

describe('caps with credit notes', () => {
  it('a cap per year pays min(earned, cap) whatever the order of the parts', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 0, max: 8_000 }), (list, cap) => {
        const earned = total(list.map((p) => p.amount));
        const out = applyLimits(list, limits(null, String(cap)), yearOf, money);
        expect(total(out.map((r) => r.amount)).toFixed(2)).toBe(Decimal.min(earned, cap).toFixed(2));
        // Paid + capped = earned, part by part; a part's capped amount has its sign.
        out.forEach((r, k) => {
          expect(r.amount.plus(r.capped).toFixed(2)).toBe(list[k].amount.toFixed(2));
          expect(r.capped.isZero() || r.capped.isNegative() === list[k].amount.isNegative()).toBe(true);
        });
        // The same parts dated in the reverse order pay the same in total.
        const reversed = list.map((p, k) => ({ ...p, earnedOn: list[list.length - 1 - k].earnedOn }));
        expect(total(applyLimits(reversed, limits(null, String(cap)), yearOf, money).map((r) => r.amount)).toFixed(2)).toBe(Decimal.min(earned, cap).toFixed(2));
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it('a cap per deal keeps every part, deal or credit note, within ±the cap', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 1, max: 3_000 }), (list, cap) => {
        const out = applyLimits(list, limits(String(cap), null), yearOf, money);
        out.forEach((r, k) => {
          const a = list[k].amount;
          expect(r.amount.toFixed(2)).toBe(Decimal.max(Decimal.min(a, cap), -cap).toFixed(2));
        });
      }),
      { numRuns: 200, seed: 20261205 },
    );
  });

  it('worked by hand: 700, 800 and a credit note of −200 under a cap of 1,200 a year', () => {
    const day = (m: number) => Date.UTC(2026, m - 1, 1);
    const list: LimitPart[] = [
      { deal: 'A1', earnedOn: day(2), amount: new Decimal(700) },
      { deal: 'A2', earnedOn: day(3), amount: new Decimal(800) },
      { deal: 'A3', earnedOn: day(4), amount: new Decimal(-200) },
    ];
    const out = applyLimits(list, limits(null, '1200'), yearOf, money);
    // 700 paid; 1,500 earned after A2: 500 paid, 300 capped; 1,300 after A3: still 1,200 paid, capped falls by 200.
    expect(out.map((r) => [r.amount.toFixed(2), r.capped.toFixed(2)])).toEqual([['700.00', '0.00'], ['500.00', '300.00'], ['0.00', '-200.00']]);
    expect(out[2].why).toBe('cap of 1200.00 per year (2026) already reached: 200.00 of credit note A3 comes off the 300.00 capped before it, not off what is paid');
  });
});
