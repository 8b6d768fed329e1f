/**
 * The stage releases held as columns (stages/release-table.ts, release-order.ts, money-sum.ts)
 * must read exactly as the records they replace: amounts in whole minor units against the Decimal
 * path, sums against Decimal sums, the order against the string compares, and the words of a
 * release as written by hand from the definitions (release.ts, stages.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import type { Release } from '../../src/runtime/nodes/stages.js';
import { ReleaseRecord, SettledRecord } from '../../src/runtime/stages/release-record.js';
import { fromMinorUnits, toMinorUnits } from '../../src/runtime/minor-units.js';
import { ReleaseTable, ReleaseView, StagedPart, minorUnitsOf } from '../../src/runtime/stages/release-table.js';
import { MoneySum } from '../../src/runtime/money-sum.js';
import { materialized, sortReleases } from '../../src/runtime/stages/release-order.js';
import { BookedWords, CompletedWords, ReachedWords } from '../../src/runtime/stages/release.js';
import { groupedText } from '../../src/runtime/money.js';

/** A decimal written as text: sign, up to 22 digits, the point anywhere (or none), or exponent forms. */
const decimalText = fc.oneof(
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 22n }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: -3, max: 6 }))
    .map(([neg, mantissa, places, exponent]) => `${neg ? '-' : ''}${mantissa}e${exponent - places}`),
  // Around 2^53 minor units, with trailing zeros in any word of 7 digits.
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 2n ** 54n }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 9 }))
    .map(([neg, mantissa, places, zeros]) => `${neg ? '-' : ''}${mantissa * 10n ** BigInt(zeros)}e${-places - zeros}`),
);

/** The reference: the Decimal path (whole minor units within ±(2^53 − 1), else NaN). */
function reference(d: Decimal, digits: number): number {
  const units = d.mul(new Decimal(10).pow(digits));
  return units.isInteger() && units.abs().lte(Number.MAX_SAFE_INTEGER) ? Number(units.toFixed(0)) : NaN;
}

describe('amounts in whole minor units', () => {
  it('toMinorUnits agrees with the Decimal path for any decimal and 0 to 4 digits', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 4 }), (text, digits) => {
        const d = new Decimal(text);
        expect(toMinorUnits(d, digits)).toBe(reference(d, digits) === 0 ? 0 : reference(d, digits));
      }),
      { numRuns: 3000 },
    );
  });

  it('by hand: cents, a third decimal, the limits of 2^53, zero and negatives', () => {
    expect(toMinorUnits(new Decimal('6050.77'), 2)).toBe(605077);
    expect(toMinorUnits(new Decimal('1.5'), 2)).toBe(150);
    expect(toMinorUnits(new Decimal('1.505'), 2)).toBeNaN();
    expect(toMinorUnits(new Decimal('-0.05'), 2)).toBe(-5);
    expect(toMinorUnits(new Decimal('0'), 2)).toBe(0);
    expect(toMinorUnits(new Decimal('1000000'), 0)).toBe(1000000);
    // 2^53 − 1 = 9,007,199,254,740,991 cents is the last exact one; one cent more is kept as a Decimal.
    expect(toMinorUnits(new Decimal('90071992547409.91'), 2)).toBe(9007199254740991);
    expect(toMinorUnits(new Decimal('90071992547409.92'), 2)).toBeNaN();
    expect(toMinorUnits(new Decimal('-90071992547409.91'), 2)).toBe(-9007199254740991);
  });

  it('fromMinorUnits gives back the same Decimal', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 4 }), (text, digits) => {
        const d = new Decimal(text);
        const units = toMinorUnits(d, digits);
        if (!Number.isNaN(units)) expect(fromMinorUnits(units, digits).eq(d)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('an exact running sum in minor units', () => {
  it('equals the Decimal sum, with amounts of any size, some kept as Decimals, and sums past 2^53', () => {
    const amount = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }).map((c) => new Decimal(c).div(100)),
      fc.constantFrom('90071992547409.91', '-90071992547409.91', '45035996273704.96', '0.001', '123456789012345678901.25').map((t) => new Decimal(t)),
    );
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 40 }), (amounts) => {
        const sum = new MoneySum(2);
        for (const a of amounts) sum.add(toMinorUnits(a, 2), { amount: a });
        const expected = amounts.reduce((s, a) => s.plus(a), new Decimal(0));
        expect(sum.value().eq(expected)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('by hand: three times 2^53 − 1 cents add to 270,215,977,642,229.73', () => {
    const sum = new MoneySum(2);
    const big = new Decimal('90071992547409.91');
    for (let k = 0; k < 3; k++) sum.add(9007199254740991, { amount: big });
    expect(sum.value().toFixed(2)).toBe('270215977642229.73');
  });
});

const money = (d: Decimal) => groupedText(d, 2);
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

/** A table of the key-account stages and one deal's part: D7's part 1,000.00 of the 2026 line 5,000.00 (20,000.00 of 100,000.00 credited), deal credited 20,000.00. */
function example() {
  const table = new ReleaseTable(2, ['booking', 'cash collected', 'completion'], ['booking', 'cash', 'completion'], ['40% booking', '40% cash collected', '20% completion'], 'paid on the next business day after the trigger');
  const whole = new Decimal('20000.00');
  const part = new StagedPart('R1', 0, 'orders commission', 'commission', '2026', 'D7', 6, day(2026, 3, 2), money, 2, new Decimal('5000.00'), { amount: new Decimal('1000.00'), credited: new Decimal('20000.00'), total: new Decimal('100000.00') }, whole, null);
  const p = table.addPart(part);
  return { table, part, p, whole };
}

describe("a deal's part in words", () => {
  it('writes the part and the credit from whole minor units as money() writes the Decimals', () => {
    const cents = fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }).map((c) => new Decimal(`${c}e-2`));
    const anyAmount = fc.oneof(cents, fc.constantFrom('0.005', '-1234.5678', '0').map((t) => new Decimal(t)));
    fc.assert(
      fc.property(anyAmount, anyAmount, (amount, credited) => {
        const line = new Decimal('5000.00');
        const total = new Decimal('250000.00');
        const part = new StagedPart('R1', 0, 'orders', 'commission', '2026', 'D1', 0, 0, money, 2, line, { amount, credited, total }, null, null);
        expect(part.text()).toBe(`deal D1's part ${money(amount)} of the 2026 line 5,000.00 (${money(credited)} of 250,000.00 credited)`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the release columns', () => {
  it('read every field and the words as a record made from the same pieces would', () => {
    const { table, p, whole } = example();
    const rows = [
      table.add(p, 0, new Decimal('400.00'), day(2026, 3, 2), day(2026, 3, 3), null, new BookedWords(day(2026, 3, 2))),
      // 6,000.00 of 20,000.00 collected by 2026-03-20: 30%; the stage's 400.00 × 30% = 120.00.
      table.add(p, 1, new Decimal('120.00'), day(2026, 3, 20), day(2026, 3, 23), null, new ReachedWords('cash', new Decimal('6000.00'), whole, day(2026, 3, 20), money)),
      table.add(p, 1, new Decimal('280.00'), null, null, 'cash not yet collected: 6,000.00 of 20,000.00 collected', 'cash not yet collected: 6,000.00 of 20,000.00 collected'),
      table.add(p, 2, new Decimal('200.00'), day(2026, 6, 1), day(2026, 6, 2), null, new CompletedWords(day(2026, 5, 30))),
    ];
    const views = rows.map((k) => new ReleaseView(table, k));
    const part = "deal D7's part 1,000.00 of the 2026 line 5,000.00 (20,000.00 of 100,000.00 credited)";
    expect(views.map((v) => v.explain)).toEqual([
      `40% booking of ${part}: booked on 2026-03-02; paid on the next business day after the trigger`,
      `40% cash collected of ${part}: 30% of 20,000.00 collected by 2026-03-20; paid on the next business day after the trigger`,
      `40% cash collected of ${part}: cash not yet collected: 6,000.00 of 20,000.00 collected`,
      `20% completion of ${part}: reported 100% complete on 2026-05-30; paid on the next business day after the trigger`,
    ]);
    expect(views.map((v) => [v.stage, v.trigger, v.amount.toFixed(2), v.triggeredOn, v.payableOn, v.held, v.deal, v.rep, v.earnedOn, v.line])).toEqual([
      ['booking', 'booking', '400.00', day(2026, 3, 2), day(2026, 3, 3), null, 'D7', 'R1', day(2026, 3, 2), undefined],
      ['cash collected', 'cash', '120.00', day(2026, 3, 20), day(2026, 3, 23), null, 'D7', 'R1', day(2026, 3, 2), undefined],
      ['cash collected', 'cash', '280.00', null, null, 'cash not yet collected: 6,000.00 of 20,000.00 collected', 'D7', 'R1', day(2026, 3, 2), undefined],
      ['completion', 'completion', '200.00', day(2026, 6, 1), day(2026, 6, 2), null, 'D7', 'R1', day(2026, 3, 2), undefined],
    ]);
    expect(views.map((v) => minorUnitsOf(v, 2))).toEqual([40000, 12000, 28000, 20000]);
    // Another currency's digits are not read as these minor units.
    expect(minorUnitsOf(views[0], 3)).toBeNaN();
    expect(minorUnitsOf(new SettledRecord(views[1], null, 'x'), 2)).toBe(12000);
  });

  it('keeps an amount that is not whole cents, and odd words, aside, and reads them back', () => {
    const { table, p, whole } = example();
    const k = table.add(p, 1, new Decimal('0.005'), day(2026, 3, 20), null, 'forfeited (r): why', new ReachedWords('cash', new Decimal('0.001'), whole, day(2026, 3, 20), money));
    const v = new ReleaseView(table, k);
    expect([v.amount.toString(), minorUnitsOf(v, 2), v.held]).toEqual(['0.005', NaN, 'forfeited (r): why']);
    // 0.001 of 20,000.00 is 0.000005%.
    expect(v.explain).toContain(': 0% of 20,000.00 collected by 2026-03-20;');
  });

  it('turns into the plain release in JSON, and a copy keeps its words', () => {
    const { table, p } = example();
    const v = new ReleaseView(table, table.add(p, 0, new Decimal('400.00'), day(2026, 3, 2), day(2026, 3, 3), null, new BookedWords(day(2026, 3, 2))));
    const json = JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['rep', 'repIndex', 'component', 'kind', 'period', 'deal', 'stage', 'trigger', 'amount', 'earnedOn', 'triggeredOn', 'payableOn', 'held', 'explain']);
    expect([json.amount, json.explain]).toEqual(['400', v.explain]);
    const list: Release[] = [v];
    materialized(list, () => true);
    expect(list[0]).toBeInstanceOf(ReleaseRecord);
    expect([list[0].explain, list[0].amount.toFixed(2), list[0].payableOn]).toEqual([v.explain, '400.00', day(2026, 3, 3)]);
    // A view is read-only: a change goes through a record.
    expect(() => Object.assign(v, { held: 'x' })).toThrow(TypeError);
  });
});

describe('the order of the releases on integer ranks', () => {
  const text = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
  const stageOrder = new Map([['booking', 0], ['cash collected', 1], ['completion', 2], ['minimum top-up', 3], ['cap', 4]]);
  // Ids out of text order in the deals table, and ids in it (the ranks read off without a sort).
  for (const ids of [['D1', 'D10', 'D2', 'd1', 'D1 ', 'Ä1', 'line 3'], ['D01', 'D02', 'D10', 'D2', 'd1', 'line 3', 'Ä1']]) {
    const dealIndex = new Map(ids.map((id, i) => [id, i]));

    it(`is the order the string compares give, views and records mixed, ties as made (deals ${ids.join(' ')})`, () => {
      const record = fc.record({
        rep: fc.constantFrom('R2', 'R10', 'r1', 'R1'),
        component: fc.constantFrom('orders', 'Orders', 'over-target reward'),
        deal: fc.option(fc.constantFrom(...ids)),
        stage: fc.constantFrom(...stageOrder.keys()),
        triggeredOn: fc.option(fc.integer({ min: 0, max: 5 }).map((d) => day(2026, 1, 1 + d))),
        view: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(record, { maxLength: 60 }), (specs) => {
          const table = new ReleaseTable(2, ['booking', 'cash collected', 'completion'], ['booking', 'cash', 'completion'], ['a', 'b', 'c'], 'cal');
          const made: Release[] = specs.map((s, n) => {
            const amount = new Decimal(n + 1);
            if (s.view && stageOrder.get(s.stage)! < 3) {
              const p = table.addPart(new StagedPart(s.rep, 0, s.component, 'commission', '2026', s.deal, s.deal === null ? -1 : dealIndex.get(s.deal)!, 0, money, 2, amount, null, null, null));
              return new ReleaseView(table, table.add(p, stageOrder.get(s.stage)!, amount, s.triggeredOn, null, null, 'w'));
            }
            return new ReleaseRecord({ rep: s.rep, repIndex: 0, component: s.component, kind: 'commission', period: '2026', deal: s.deal, stage: s.stage, trigger: 'booking', amount, earnedOn: 0, triggeredOn: s.triggeredOn, payableOn: null, held: null }, 'w');
          });
          const expected = [...made].sort((a, b) => text(a.rep, b.rep) || text(a.component, b.component) || text(a.deal, b.deal) || stageOrder.get(a.stage)! - stageOrder.get(b.stage)! || (a.triggeredOn ?? Number.MAX_SAFE_INTEGER) - (b.triggeredOn ?? Number.MAX_SAFE_INTEGER));
          const sorted = [...made];
          sortReleases(sorted, stageOrder, dealIndex);
          expect(sorted.map((x) => made.indexOf(x))).toEqual(expected.map((x) => made.indexOf(x)));
        }),
        { numRuns: 500 },
      );
    });
  }
});
