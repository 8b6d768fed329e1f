/**
 * Derived fields of a table held as columns (issue 10: the deals stay columns through the run):
 * computed into a column of their own, the rows read field by field, they must hold exactly what
 * the same fields computed into made rows hold, decide the same red lines and bonuses, and report
 * the same divisions by zero — and the deals must never be made into rows on the way.
 * The expected values are computed here independently, with decimal.js, from the generated cells.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource, evaluate, loadDataset } from '../../src/index.js';
import { Decimal } from '../../src/runtime/decimal.js';
import type { Value } from '../../src/runtime/values.js';

const PLAYBOOK = `playbook "Derived over columns"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text column "rep" key

table products from "products.csv"
  field product    text  column "product" key
  field list_price money column "list_price"

table deals from "deals.csv"
  field id         text  column "id" key
  field rep        text  column "rep" lookup reps
  field product    text  column "product" lookup products optional
  field stage      text  column "stage"
  field close_date date  "YYYY-MM-DD" column "close_date"
  field amount     money column "amount"
  field cost       money column "cost" optional
  derive margin = (amount - cost) / amount
  derive discount = 1 - amount / product.list_price
  derive large = amount > 1,000
  derive turn = amount / (cost / amount * 3)  # a divisor through a division: its zero is decided row by row in decimals
  won when stage = "Won"

credit deals when won to rep on close_date amount amount

red line "low margin" on deals
  when won and margin < 20%
  block credit
  message "Deals under 20% gross margin earn no credit"

bonus "discount share" per deal
  when large and discount > 10%
  pay amount × discount
`;

/** Products: P0 has a zero list price (every discount over it divides by zero), P1 and P2 do not. */
const PRODUCTS: Record<string, string> = { P0: '0', P1: '1500', P2: '99.99' };

interface GenDeal {
  cents: number;
  costCents: number | null;
  product: string | null;
  won: boolean;
}

const money = (cents: number) => new Decimal(cents).div(100).toFixed(2);

const dealArb: fc.Arbitrary<GenDeal> = fc.record({
  // Zero amounts (margin divides by zero), negatives (credit notes), up to 5,000.00.
  cents: fc.oneof(fc.constant(0), fc.integer({ min: -50_000, max: 500_000 })),
  costCents: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400_000 })), { nil: null }),
  product: fc.option(fc.constantFrom('P0', 'P1', 'P2'), { nil: null }),
  won: fc.boolean(),
});

/** The margin and discount by hand: missing in, missing out; a zero divisor makes it missing. */
function expected(d: GenDeal): { margin: string | null; discount: string | null; large: boolean } {
  const amount = new Decimal(money(d.cents));
  const margin = d.costCents === null || amount.isZero() ? null : amount.minus(new Decimal(money(d.costCents))).div(amount).toString();
  const list = d.product === null ? null : new Decimal(PRODUCTS[d.product]);
  const discount = list === null || list.isZero() ? null : new Decimal(1).minus(amount.div(list)).toString();
  return { margin, discount, large: amount.gt(1000) };
}

function writeData(dir: string, deals: GenDeal[]): void {
  writeFileSync(join(dir, 'reps.csv'), 'rep\nAnn\nBo\n');
  writeFileSync(join(dir, 'products.csv'), `product,list_price\n${Object.entries(PRODUCTS).map(([p, l]) => `${p},${l}`).join('\n')}\n`);
  const lines = deals.map((d, k) => `D${k + 1},${k % 2 === 0 ? 'Ann' : 'Bo'},${d.product ?? ''},${d.won ? 'Won' : 'Lost'},2026-0${1 + (k % 9)}-15,${money(d.cents)},${d.costCents === null ? '' : money(d.costCents)}`);
  writeFileSync(join(dir, 'deals.csv'), `id,rep,product,stage,close_date,amount,cost\n${lines.join('\n')}\n`);
}

const text = (v: Value) => (v === null ? null : String(v));

describe('derived fields of a table held as columns', () => {
  const graph = compilePlaybookSource('derived.playbook', PLAYBOOK).graph!;

  it('hold what they hold over made rows, decide the same, warn the same, and the deals stay columns', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { minLength: 1, maxLength: 25 }), (deals) => {
        const dir = mkdtempSync(join(tmpdir(), 'derived-columns-'));
        try {
          writeData(dir, deals);
          const columnar = loadDataset(graph.tables, dir, { timeZone: 'UTC', currency: 'USD' });
          const rowwise = loadDataset(graph.tables, dir, { timeZone: 'UTC', currency: 'USD' });
          // Made into rows before the run: the evaluator writes the derived fields into them.
          for (const t of rowwise.tables.values()) expect(t.rows.length).toBeGreaterThan(0);
          const a = evaluate(graph, columnar.tables);
          const b = evaluate(graph, rowwise.tables);
          // No evaluator made the deals into rows.
          expect(columnar.tables.get('deals')!.columns).not.toBeNull();
          expect(JSON.stringify(a)).toBe(JSON.stringify(b));
          expect(a.warnings).toEqual(b.warnings);

          // Fields 7, 8, 9: margin, discount, large (after the seven source fields).
          const want = deals.map(expected);
          for (const tables of [columnar.tables, rowwise.tables]) {
            const rows = tables.get('deals')!.rows;
            expect(rows.map((r) => ({ margin: text(r.values[7]), discount: text(r.values[8]), large: r.values[9] }))).toEqual(want);
          }
          // Division by zero: margin where the amount is 0 and the cost is there; discount over P0.
          const zeroMargin = deals.flatMap((d, k) => (d.cents === 0 && d.costCents !== null ? [k] : []));
          const zeroDiscount = deals.flatMap((d, k) => (d.product === 'P0' ? [k] : []));
          // turn = amount / (cost / amount × 3): a zero amount divides by zero inside, a zero cost outside.
          const zeroTurn = deals.flatMap((d, k) => (d.costCents !== null && (d.cents === 0 || d.costCents === 0) ? [k] : []));
          for (const [name, hit] of [['margin', zeroMargin], ['discount', zeroDiscount], ['turn', zeroTurn]] as const) {
            const listed = hit.slice(0, 5).map((k) => `line ${k + 2} (D${k + 1})`);
            const more = hit.length > 5 ? ` and ${hit.length - 5} more` : '';
            const line = `deals.csv: "${name}" divides by zero on ${hit.length} row${hit.length === 1 ? '' : 's'} (${listed.join(', ')}${more}), so it is missing there and rules using it do not apply to ${hit.length === 1 ? 'that row' : 'those rows'}`;
            expect(a.warnings.includes(line)).toBe(hit.length > 0);
          }
          // The red line blocks exactly the won deals whose margin is known and under 20%.
          const blocked = deals.flatMap((d, k) => {
            const m = want[k].margin;
            return d.won && m !== null && new Decimal(m).lt(0.2) ? [`D${k + 1}`] : [];
          });
          expect(a.deals.filter((d) => d.redlines.includes('low margin')).map((d) => d.id).sort()).toEqual(blocked.sort());
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('pays the bonus from the derived discount, by hand (1,200 of a 1,500 list price: 20% off, 240.00)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'derived-columns-'));
    try {
      writeData(dir, [
        { cents: 120_000, costCents: 50_000, product: 'P1', won: true },
        { cents: 0, costCents: 1_000, product: 'P0', won: true },
        { cents: 200_000, costCents: null, product: null, won: true },
      ]);
      const data = loadDataset(graph.tables, dir, { timeZone: 'UTC', currency: 'USD' });
      const e = evaluate(graph, data.tables);
      expect(data.tables.get('deals')!.columns).not.toBeNull();
      const ann = e.reps.find((r) => r.rep === 'Ann')!;
      // D1 (Ann): 1 − 1,200 / 1,500 = 0.2 > 10% and 1,200 > 1,000: 1,200 × 0.2 = 240.00. D3 (Ann): no product, so no discount.
      expect(ann.lines.filter((l) => l.component === 'discount share').map((l) => l.amount.toFixed(2))).toEqual(['240.00']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
