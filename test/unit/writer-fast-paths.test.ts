/**
 * Issue 10 (scale): the JSON writer's texts made from integers instead of Decimals must be the
 * Decimal path's texts exactly — the percent reached in a release's words (percentOfUnits against
 * percentText), the words of the release columns (against the ReachedWords they replace), a
 * relationship score and a win probability (against toDecimalPlaces / toFixed). Properties over
 * ties, near-ties, zero, 100% and past, amounts beyond 2^53 units, and hand-checked examples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { groupedText, percentText } from '../../src/runtime/money.js';
import { percentOfUnits } from '../../src/runtime/money-text.js';
import { fromMinorUnits } from '../../src/runtime/minor-units.js';
import { ReleaseTable, ReleaseView, StagedPart, explainPlainOf } from '../../src/runtime/stages/release-table.js';
import { SettledRecord } from '../../src/runtime/stages/release-record.js';
import { BookedWords, CompletedWords } from '../../src/runtime/stages/release.js';
import { ReachedWords } from '../../src/runtime/stages/release.js';
import { fixed4, scoreNumber } from '../../src/simulate/report-json.js';

/** The Decimal path: percentText(min(part ÷ whole, 1)), as ReachedWords writes it. */
const reference = (part: bigint, whole: bigint) => percentText(Decimal.min(new Decimal(part.toString()).div(new Decimal(whole.toString())), 1));

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
/** A whole (above zero, up to 2^53 − 1) and a part from 0 to past the whole. */
const pairs = fc.oneof(
  fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 2n * 10n ** 9n })).map(([w, p]) => [p, w] as const),
  fc.tuple(fc.bigInt({ min: 1n, max: MAX }), fc.double({ min: 0, max: 1.2, noNaN: true })).map(([w, r]) => [BigInt(Math.floor(Number(w) * r)), w] as const),
  // Exact half-way cases at the fourth decimal of the percent: part ÷ whole = (k + ½) ÷ 10^6.
  fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.bigInt({ min: 1n, max: 4_000_000_000n })).map(([k, m]) => [(2n * BigInt(k) + 1n) * m, 2_000_000n * m] as const),
  // One unit either side of a half-way case.
  fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.bigInt({ min: 1n, max: 4_000_000_000n }), fc.constantFrom(-1n, 1n)).map(([k, m, e]) => [(2n * BigInt(k) + 1n) * m + e, 2_000_000n * m] as const),
);

describe('the percent reached from whole minor units', () => {
  it('is percentText of min(part ÷ whole, 1) for every part and whole within 2^53 (property)', () => {
    fc.assert(
      fc.property(pairs, ([part, whole]) => {
        if (part < 0n || part > MAX) return;
        expect(percentOfUnits(Number(part), Number(whole))).toBe(reference(part, whole));
      }),
      { numRuns: 20_000 },
    );
  });

  it('by hand: thirds, halves rounded up, zero, whole, past the whole, and the limits', () => {
    expect(percentOfUnits(1, 3)).toBe('33.3333%');
    expect(percentOfUnits(2, 3)).toBe('66.6667%');
    expect(percentOfUnits(3, 8)).toBe('37.5%');
    // 1 ÷ 2,000,000 = 0.00005% is half-way at the fourth decimal: half-up gives 0.0001%.
    expect(percentOfUnits(1, 2_000_000)).toBe('0.0001%');
    expect(percentOfUnits(1, 2_000_001)).toBe('0%');
    expect(percentOfUnits(0, 5)).toBe('0%');
    expect(percentOfUnits(5, 5)).toBe('100%');
    expect(percentOfUnits(6, 5)).toBe('100%');
    expect(percentOfUnits(600_000, 2_000_000)).toBe('30%');
    // Part × 10^6 past 2^53: the quotient in BigInt. (2^53 − 2) ÷ (2^53 − 1) is 99.99999999999998…%.
    expect(percentOfUnits(Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER)).toBe('100%');
    expect(percentOfUnits(3_002_399_751_580_330, Number.MAX_SAFE_INTEGER)).toBe('33.3333%');
    // Not handled here (the caller divides Decimals): a part below zero, a whole not above zero, unsafe integers.
    expect(percentOfUnits(-1, 5)).toBeNull();
    expect(percentOfUnits(1, 0)).toBeNull();
    expect(percentOfUnits(2 ** 53, 2 ** 53 + 2)).toBeNull();
    expect(percentOfUnits(0.5, 2)).toBeNull();
  });
});

const money = (d: Decimal) => groupedText(d, 2);
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

describe("the release columns' cash words from whole minor units", () => {
  it('are the words ReachedWords writes from the Decimals, for any collected total and deal amount (property)', () => {
    const cents = fc.bigInt({ min: 1n, max: MAX });
    fc.assert(
      fc.property(cents, fc.double({ min: 0, max: 1.3, noNaN: true }), fc.constantFrom<'cash' | 'invoice'>('cash', 'invoice'), (wholeCents, r, trigger) => {
        const whole = fromMinorUnits(Number(wholeCents), 2);
        const total = Math.min(Math.floor(Number(wholeCents) * r), Number.MAX_SAFE_INTEGER);
        const table = new ReleaseTable(2, ['stage'], [trigger], ['100% stage'], 'paid at once');
        const part = new StagedPart('R1', 0, 'c', 'commission', '2026', 'D1', 0, day(2026, 1, 5), money, 2, new Decimal('10.00'), { amount: new Decimal('1.00'), credited: whole, total: whole }, whole, null);
        const p = table.addPart(part);
        const row = table.addUnits(p, 0, 100, day(2026, 2, 1), null, null, { day: day(2026, 2, 1), total });
        const words = new ReachedWords(trigger, fromMinorUnits(total, 2), whole, day(2026, 2, 1), money).text();
        expect(table.whyText(row)).toBe(words);
        expect(new ReleaseView(table, row).explain).toBe(`100% stage of ${part.text()}: ${words}; paid at once`);
      }),
      { numRuns: 2000 },
    );
  });

  it('by hand: 6,000.00 of 20,000.00 collected is 30%; the part words are written once for its rows and stay right for the next part', () => {
    const table = new ReleaseTable(2, ['cash'], ['cash'], ['40% cash collected'], 'paid on the next business day after the trigger');
    const whole = new Decimal('20000.00');
    const mk = (deal: string, w: Decimal) => table.addPart(new StagedPart('R1', 0, 'orders', 'commission', '2026', deal, 0, day(2026, 3, 2), money, 2, new Decimal('5000.00'), { amount: new Decimal('1000.00'), credited: w, total: new Decimal('100000.00') }, w, null));
    const a = mk('D7', whole);
    const b = mk('D8', new Decimal('30000.00'));
    const rows = [table.addUnits(a, 0, 12000, day(2026, 3, 20), null, null, { day: day(2026, 3, 20), total: 600000 }), table.addUnits(b, 0, 4000, day(2026, 3, 21), null, null, { day: day(2026, 3, 21), total: 1000000 }), table.addUnits(a, 0, 28000, day(2026, 4, 1), null, null, { day: day(2026, 4, 1), total: 2000000 })];
    expect(rows.map((k) => table.explain(k))).toEqual([
      "40% cash collected of deal D7's part 1,000.00 of the 2026 line 5,000.00 (20,000.00 of 100,000.00 credited): 30% of 20,000.00 collected by 2026-03-20; paid on the next business day after the trigger",
      "40% cash collected of deal D8's part 1,000.00 of the 2026 line 5,000.00 (30,000.00 of 100,000.00 credited): 33.3333% of 30,000.00 collected by 2026-03-21; paid on the next business day after the trigger",
      "40% cash collected of deal D7's part 1,000.00 of the 2026 line 5,000.00 (20,000.00 of 100,000.00 credited): 100% of 20,000.00 collected by 2026-04-01; paid on the next business day after the trigger",
    ]);
  });
});

describe('release sentences known to need no JSON escapes', () => {
  const odd = fc.string({ unit: fc.constantFrom('a', 'D', '7', ' ', "'", '"', '\\', '\n', 'é', '\ud83d', '\ude00'), maxLength: 6 });
  it('are said plain only when JSON.stringify writes them as they are, and the ordinary ones are (property)', () => {
    let plainSeen = 0;
    fc.assert(
      fc.property(odd, odd, odd, odd, fc.integer({ min: 0, max: 3 }), (deal, head, calendar, held, kind) => {
        const table = new ReleaseTable(2, ['s'], ['cash'], [`40% ${head}`], `paid ${calendar}`);
        const whole = new Decimal('20000.00');
        const part = new StagedPart('R1', 0, 'orders', 'commission', '2026', `D${deal}`, 0, day(2026, 3, 2), money, 2, new Decimal('5000.00'), { amount: new Decimal('1000.00'), credited: whole, total: new Decimal('100000.00') }, whole, null);
        const p = table.addPart(part);
        const on = day(2026, 3, 20);
        const row =
          kind === 0 ? table.add(p, 0, new Decimal('400.00'), day(2026, 3, 2), on, null, new BookedWords(day(2026, 3, 2)))
          : kind === 1 ? table.addUnits(p, 0, 12000, on, on, null, { day: on, total: 600000 })
          : kind === 2 ? table.add(p, 0, new Decimal('200.00'), on, on, null, new CompletedWords(on))
          : table.add(p, 0, new Decimal('280.00'), null, null, `held ${held}`, `held ${held}`);
        const view = new ReleaseView(table, row);
        for (const x of [view, new SettledRecord(view, null, null)]) {
          const text = x.explain;
          const plain = explainPlainOf(x);
          if (plain) plainSeen++;
          // Said plain: quoting as it is gives JSON.stringify's text. Plain pieces and not a held reason: said plain.
          if (plain) expect(`"${text}"`).toBe(JSON.stringify(text));
          // A piece is checked as json-text.ts checks a string: no quote, backslash, control or surrogate (even one of a pair).
          const piecesPlain = [deal, head, calendar].every((t) => !/["\\\u0000-\u001f\ud800-\udfff]/.test(t));
          expect(plain).toBe(piecesPlain && kind !== 3);
        }
      }),
      { numRuns: 3000 },
    );
    expect(plainSeen).toBeGreaterThan(100);
  });
});

/** Scores and probabilities: any sign, 0–8 integer digits, 0–12 fraction digits, ties at the fourth decimal. */
const ratios = fc.oneof(
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 12 })).map(([neg, m, places]) => new Decimal(`${neg ? '-' : ''}${m}e-${places}`)),
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 8n }), fc.constantFrom('5', '49999', '50001', '0')).map(([neg, m, tail]) => new Decimal(`${neg ? '-' : ''}${m}e-4`).plus(new Decimal(`0.0000${tail}`).mul(neg ? -1 : 1))),
  fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 997 })).map(([a, b]) => new Decimal(a).div(b)),
  fc.constantFrom(new Decimal('0'), new Decimal('-0'), new Decimal('-0.00004'), new Decimal('0.99995'), new Decimal('1e30'), new Decimal('12345678901234567890.12345')),
);

describe('scores and probabilities without a Decimal made', () => {
  it('scoreNumber is Number(toDecimalPlaces(4).toString()) and fixed4 is toFixed(4) (property)', () => {
    fc.assert(
      fc.property(ratios, (x) => {
        expect(Object.is(scoreNumber(x), Number(x.toDecimalPlaces(4).toString())) || (scoreNumber(x) === 0 && Number(x.toDecimalPlaces(4).toString()) === 0)).toBe(true);
        expect(JSON.stringify(scoreNumber(x))).toBe(JSON.stringify(Number(x.toDecimalPlaces(4).toString())));
        expect(fixed4(x)).toBe(x.toFixed(4));
      }),
      { numRuns: 10_000 },
    );
  });

  it('by hand: half-up at the fourth decimal, and the sign of a tiny negative kept as toFixed keeps it', () => {
    expect(scoreNumber(new Decimal('71.23455'))).toBe(71.2346);
    expect(scoreNumber(new Decimal('-71.23455'))).toBe(-71.2346);
    expect(fixed4(new Decimal('0.12345'))).toBe('0.1235');
    expect(fixed4(new Decimal('-0.00004'))).toBe('-0.0000');
  });
});
