/**
 * `explain --deal` on split deals, manager overlays and deals paid in stages (issue 11): each
 * person's share with the split table's line, their part of the credit, of each commission line
 * and of the per-deal bonus; each manager's overlay part; each release, paid when or held why.
 * Every expected value is worked by hand below from the conformance folders' CSV files
 * (splits-three-way-uneven, splits-manager-overlay, stages-split-and-overlay); a deal's part of a
 * line is the line × the credit the deal gave it ÷ all the credit behind the line, rounded to the
 * cent, the last deal by credit date taking the remainder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { explainer } from '../../src/simulate/explain/index.js';
import { formatExplanationJson, formatExplanationText } from '../../src/simulate/explain/format.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { loadData } from '../../src/simulate/simulate.js';
import type { DealExplanation } from '../../src/simulate/explain/deal.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
function explainDeal(folder: string, deal: string): { deal: DealExplanation; text: string; json: unknown } {
  const dir = `test/conformance/${folder}`;
  const graph = compilePlaybookSource(`${dir}/scheme.playbook`, readFileSync(join(ROOT, dir, 'scheme.playbook'), 'utf8')).graph!;
  const x = explainer(graph, loadData(graph, join(ROOT, dir)).dataset.tables).explain({ deal });
  if (x.kind !== 'deal') throw new Error('expected a deal explanation');
  return { deal: x.deal, text: formatExplanationText(x, 2), json: JSON.parse(formatExplanationJson(x)) };
}
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schema/explain-output.schema.json'), 'utf8')));

describe('a three-way split (splits-three-way-uneven, deal D1 of 1,000.01 split 30/30/40)', () => {
  const { deal, text, json } = explainDeal('splits-three-way-uneven', 'D1');
  it('each person: share, split-file line, part of the credit', () => {
    // 1,000.01 × 30% = 300.003 → 300.00 (twice); r3, the largest share, takes 1,000.01 − 600.00 = 400.01.
    expect(deal.parts!.people.map((p) => [p.person, p.share, p.row?.line, p.credit])).toEqual([
      ['r1', '0.3', 2, '300'],
      ['r2', '0.3', 3, '300'],
      ['r3', '0.4', 4, '400.01'],
    ]);
  });
  it('each person: part of the commission line and of the deal bonus', () => {
    // r1 credited 300.00 (D1) + 33.33 (D2) = 333.33; 10% = 33.333 → line 33.33; D1's part 33.33 × 300/333.33 = 29.997 → 30.00.
    expect(deal.parts!.people[0].commission.map((c) => [c.component, c.period, c.amount, c.line])).toEqual([['commission', '2026', '30', '33.33']]);
    // r3 credited 400.01 + 33.34 + 2,000 = 2,433.35; 10% = 243.335 → 243.34; D1's part 243.34 × 400.01/2,433.35 = 40.0019 → 40.00.
    expect(deal.parts!.people[2].commission.map((c) => [c.amount, c.line])).toEqual([['40', '243.34']]);
    // deal bonus 100 (amount ≥ 1,000) shared 30/30/40.
    expect(deal.parts!.people.map((p) => p.bonuses.map((b) => b.amount))).toEqual([['30'], ['30'], ['40']]);
    expect(deal.parts!.overlays).toEqual([]);
  });
  it('reads as a statement: the credit line names the people, the split table its file and lines', () => {
    expect(text).toContain('Credit: credited in 2026-04, shared by r1, r2, r3 (the split credit below)');
    expect(text).toContain('Split credit: 3 people share the deal (split table credit_splits, splits.csv)');
    expect(text).toMatch(/r3 {2}40% {2}credit 400\.01 {3}splits\.csv:4/);
    expect(text).toContain('"commission" 2026: 40.00 of the line 243.34 — the deal gave 400.01 of the 2,433.35 r3 credited in 2026 (3 deals)');
  });
  it('its JSON follows schema/explain-output.schema.json', () => {
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('a split deal under a manager overlay (splits-manager-overlay, deal D5 split 50/50 between r1 and r3)', () => {
  const { deal, text } = explainDeal('splits-manager-overlay', 'D5');
  it('each person: 5,000 credit and a 250.00 part of their 5% line', () => {
    // r1: D1 60,000 + D5 5,000 = 65,000 → 3,250; D5 (last by date) takes 3,250 − round(3,250 × 60/65 = 3,000) = 250.
    // r3: D3 10,000 + D5 5,000 = 15,000 → 750; D5 takes 750 − 500 = 250.
    expect(deal.parts!.people.map((p) => [p.person, p.credit, p.commission[0].amount, p.commission[0].line])).toEqual([
      ['r1', '5000', '250', '3250'],
      ['r3', '5000', '250', '750'],
    ]);
  });
  it('the overlay: m1 (manager of r1, not of r3) gets 62.96 of the 1,700.00 overlay line', () => {
    // m1's team r1 + r2 credited 65,000 + 70,000 = 135,000; 1% × 100,000 + 2% × 35,000 = 1,700.
    // Deals behind it by date: D1 60,000, D2 70,000, D5 5,000 (r1's part): 755.56, 881.48, and D5 the rest 62.96.
    expect(deal.parts!.overlays.map((o) => [o.manager, o.via, o.component, o.amount, o.line])).toEqual([['m1', ['r1'], 'manager overlay', '62.96', '1700']]);
    expect(text).toContain('m1 (manages r1): "manager overlay" 2026: 62.96 of the line 1,700.00 — the deal gave 5,000.00 of the 135,000.00 team of m1 credited in 2026 (3 deals)');
  });
});

describe('a staged split deal with an overlay (stages-split-and-overlay)', () => {
  const a = explainDeal('stages-split-and-overlay', 'A');
  it('deal A: rob 10% (100.00 credit, 10.00 of 110.00), sue 90% (900.00, all of her 90.00), mia 1.00 of her 11.00 overlay', () => {
    // rob credited 100 (A) + 1,000 (B) = 1,100 → 110.00; A's part 110 × 100/1,100 = 10.00. sue: only A, 900 → 90.00.
    expect(a.deal.parts!.people.map((p) => [p.person, p.credit, p.commission[0].amount])).toEqual([
      ['rob', '100', '10'],
      ['sue', '900', '90'],
    ]);
    // mia's team is rob: 1% × 1,100 = 11.00; A's part 11 × 100/1,100 = 1.00.
    expect(a.deal.parts!.overlays.map((o) => [o.manager, o.amount, o.line])).toEqual([['mia', '1', '11']]);
  });
  it('deal A: half of each part paid at booking (10 January), half held: A\'s cash never came in', () => {
    expect(a.deal.releases!.map((r) => [r.rep, r.component, r.stage, r.amount, r.paid, r.held === null ? null : r.held.startsWith('cash not yet collected')])).toEqual([
      ['mia', 'overlay', 'booking', '0.5', '2026-01-10', null],
      ['mia', 'overlay', 'cash collected', '0.5', null, true],
      ['rob', 'orders', 'booking', '5', '2026-01-10', null],
      ['rob', 'orders', 'cash collected', '5', null, true],
      ['sue', 'orders', 'booking', '45', '2026-01-10', null],
      ['sue', 'orders', 'cash collected', '45', null, true],
    ]);
    expect(a.text).toContain('rob · "orders" 2026 · cash collected: 5.00 held: cash not yet collected');
  });
  it('deal B (not split): rob has all of it; its cash came on 1 March, so both halves are paid', () => {
    const b = explainDeal('stages-split-and-overlay', 'B');
    expect(b.text).toContain('Who is paid on it: rob, all of its credit');
    // rob's 110.00 line: B gave 1,000 of 1,100 → 100.00, half at booking (10 Feb), half on the cash (1 Mar).
    expect(b.deal.releases!.filter((r) => r.rep === 'rob').map((r) => [r.stage, r.amount, r.paid])).toEqual([
      ['booking', '50', '2026-02-10'],
      ['cash collected', '50', '2026-03-01'],
    ]);
    expect(validate(b.json), JSON.stringify(validate.errors)).toBe(true);
  });
  it('each person\'s part of a staged line is what the stages release for the deal', () => {
    for (const p of a.deal.parts!.people) {
      const released = a.deal.releases!.filter((r) => r.rep === p.person && r.component === 'orders').reduce((s, r) => s.plus(r.amount), new Decimal(0));
      expect(released.toFixed()).toBe(p.commission[0].amount);
    }
  });
});
