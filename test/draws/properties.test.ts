/**
 * Properties of draws and instalments over generated histories (fast-check), checked against
 * the rules of docs/language.md §9a and §9b rather than against the engine's own output:
 * - a recoverable draw: per period, paid = earnings + draw paid − recovered; the balance never
 *   goes negative and is always Σ draw paid − Σ recovered; nothing recovered is more than the
 *   balance, the earnings above the draw or the cap's share of earnings; while a balance is
 *   owed the rep is never paid less than the draw (when the period's earnings are not negative);
 *   at year end the balance is written off or carried over, whole;
 * - a guaranteed draw: never recovers, never carries a balance, pays max(earnings, draw);
 * - instalments: the parts add up exactly to the annual amount, and differ by at most one part's
 *   rounding from amount ÷ parts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { runDraw } from '../../src/runtime/draws.js';
import { instalmentParts } from '../../src/runtime/instalments.js';

const cents = (n: number) => new Decimal(n).div(100);
const sum = (xs: Decimal[]) => xs.reduce((s, x) => s.plus(x), new Decimal(0));
const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

const history = fc.record({
  draw: fc.integer({ min: 1, max: 2_000_000 }),
  earnings: fc.array(fc.integer({ min: -500_000, max: 5_000_000 }), { minLength: 1, maxLength: 12 }),
  cap: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  yearEnd: fc.constantFrom<'write off' | 'carry over'>('write off', 'carry over'),
});

describe('a recoverable draw over generated histories', () => {
  it('total paid = earnings + draws paid − recovered, and the balance is never negative', () => {
    fc.assert(
      fc.property(history, ({ draw, earnings, cap, yearEnd }) => {
        const amount = cents(draw);
        const capRatio = cap === null ? null : new Decimal(cap).div(100);
        const out = runDraw({ amount, recoverable: true, cap: capRatio, yearEnd }, earnings.map((e, k) => ({ period: `p${k}`, amount: cents(e) })), 2);
        const p = out.periods;
        expect(sum(p.map((x) => x.paid)).eq(sum(earnings.map(cents)).plus(sum(p.map((x) => x.drawPaid))).minus(sum(p.map((x) => x.recovered))))).toBe(true);
        let owed = new Decimal(0);
        for (const x of p) {
          const before = owed;
          owed = owed.plus(x.drawPaid).minus(x.recovered);
          expect(x.balance.eq(owed)).toBe(true);
          expect(x.balance.gte(0)).toBe(true);
          expect(x.recovered.gte(0)).toBe(true);
          expect(x.recovered.lte(before)).toBe(true);
          expect(x.recovered.lte(Decimal.max(0, x.earnings.minus(amount)))).toBe(true);
          if (capRatio) expect(x.recovered.lte(Decimal.max(0, x.earnings.mul(capRatio)))).toBe(true);
          if (x.earnings.gte(0)) expect(x.paid.gte(amount)).toBe(true);
          // The draw only tops up: never more than the draw, never when earnings reach it.
          expect(x.drawPaid.lte(amount)).toBe(true);
          if (x.earnings.gte(amount)) expect(x.drawPaid.isZero()).toBe(true);
        }
        const last = p[p.length - 1].balance;
        expect(out.writtenOff.plus(out.carriedOver).eq(last)).toBe(true);
        expect((yearEnd === 'write off' ? out.carriedOver : out.writtenOff).isZero()).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('without a cap, a period that earns the draw plus the whole balance repays it all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (draw, extra) => {
        const amount = cents(draw);
        const out = runDraw({ amount, recoverable: true, cap: null, yearEnd: 'carry over' }, [{ period: 'p0', amount: new Decimal(0) }, { period: 'p1', amount: amount.mul(2).plus(cents(extra)) }], 2);
        expect(out.periods[1].recovered.eq(amount)).toBe(true);
        expect(out.periods[1].balance.isZero()).toBe(true);
      }),
    );
  });
});

describe('a guaranteed draw over generated histories', () => {
  it('tops up to the draw, recovers nothing and carries nothing', () => {
    fc.assert(
      fc.property(history, ({ draw, earnings }) => {
        const amount = cents(draw);
        const out = runDraw({ amount, recoverable: false, cap: null, yearEnd: null }, earnings.map((e, k) => ({ period: `p${k}`, amount: cents(e) })), 2);
        for (const x of out.periods) {
          expect(x.recovered.isZero() && x.balance.isZero()).toBe(true);
          const expected = x.earnings.gte(0) ? Decimal.max(x.earnings, amount) : x.earnings.plus(amount);
          expect(x.paid.eq(expected)).toBe(true);
        }
        expect(out.writtenOff.isZero() && out.carriedOver.isZero()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('instalments', () => {
  it('add up exactly to the annual amount, each within a cent of amount ÷ parts but the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), fc.constantFrom(4, 12), (total, count) => {
        const amount = cents(total);
        const parts = instalmentParts(amount, count, round2);
        expect(parts).toHaveLength(count);
        expect(sum(parts).eq(amount)).toBe(true);
        const share = amount.div(count);
        for (const part of parts.slice(0, -1)) expect(part.minus(share).abs().lte('0.005')).toBe(true);
        // The last part absorbs the others' rounding: at most half a cent each.
        expect(parts[count - 1].minus(share).abs().lte(new Decimal('0.005').mul(count - 1))).toBe(true);
        for (const part of parts) expect(part.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
      { numRuns: 500 },
    );
  });
  it('50,000 a year in months: 11 × 4,166.67 and 4,166.63 (by hand)', () => {
    const parts = instalmentParts(new Decimal(50000), 12, round2);
    expect(parts.slice(0, 11).every((p) => p.eq('4166.67'))).toBe(true);
    expect(parts[11].toFixed(2)).toBe('4166.63');
  });
});
