/**
 * The payments section of `simulate --format html` (issue 11), on the conformance folder
 * stages-split-and-overlay, every figure worked by hand from its CSV files:
 * rob: 10% of A (1,000) + all of B (1,000) = 1,100 credited → "orders" 110 (A 10, B 100);
 * sue: 90% of A → 90; mia: her own C (5,000) → 500, and 1% of her team's (rob's) 1,100 → overlay 11
 * (A 1, B 10). Half of each part is paid at booking, half when the deal's cash comes in, on the day
 * of the trigger: B's cash came on 1 March, C's on 1 April, A's never.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSimulateHtml } from '../../src/simulate/html/simulate.js';
import { heldByReason, paidAndHeldByMonth } from '../../src/simulate/html/payments.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
function simulationOf(folder: string) {
  const dir = `test/conformance/${folder}`;
  const graph = compilePlaybookSource(`${dir}/scheme.playbook`, readFileSync(join(ROOT, dir, 'scheme.playbook'), 'utf8')).graph!;
  return simulate(graph, `${dir}/scheme.playbook`, join(ROOT, dir));
}

describe('payments section of the simulate HTML report (stages-split-and-overlay)', () => {
  const sim = simulationOf('stages-split-and-overlay');
  const payments = sim.evaluation.payments!;

  it('paid in each month and held at each month end, all reps', () => {
    // January: A at booking: rob 5 + sue 45 + mia 0.5 = 50.5; held: A's cash halves 5 + 45 + 0.5 = 50.5.
    // February: B at booking: rob 50 + mia 5 = 55; held 50.5 + B's cash halves 55 = 105.5.
    // March: B's cash 55 + C at booking 250 = 305; held 50.5 + C's cash half 250 = 300.5.
    // April: C's cash 250; held A's 50.5.
    expect(paidAndHeldByMonth(payments).map((m) => [m.month, m.paid.toFixed(), m.held.toFixed()])).toEqual([
      ['2026-01', '50.5', '50.5'],
      ['2026-02', '55', '105.5'],
      ['2026-03', '305', '300.5'],
      ['2026-04', '250', '50.5'],
    ]);
  });
  it('held at the end of the data, by reason: A\'s cash halves, 50.50 on 1 deal', () => {
    expect(heldByReason(payments).map((h) => [h.reason, h.amount.toFixed(), h.deals])).toEqual([['cash not yet collected', '50.5', 1]]);
  });
  it('held by reason leaves out what a cap took off (caps-credit-notes: capped, never paid, nothing held)', () => {
    // Everything is paid at booking there: nothing is held, though caps took 300 (A2), 100 (B3) and 100 (C1) off.
    expect(heldByReason(simulationOf('caps-credit-notes').evaluation.payments!)).toEqual([]);
  });
  it('the statements show what the caps took off, month by month (caps-credit-notes: ann\'s April credit note gives 200 back)', async () => {
    const html = await formatSimulateHtml(simulationOf('caps-credit-notes'));
    const ann = html.slice(html.indexOf('<h3>Statements of ann</h3>'), html.indexOf('</section>', html.indexOf('<h3>Statements of ann</h3>')));
    expect(ann).toContain('Capped');
    expect(ann).toContain('Topped up');
    // March: A2 pays 500 and 300 is capped; April: the credit note lowers the capped amount by 200, pays nothing.
    const cells = (month: string) => [...ann.slice(ann.indexOf(`<tr><td>${month}<`)).split('</tr>')[0].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells('2026-03')).toEqual(['2026-03', 'orders', '500.00', '500.00', '500.00', '0.00', '300.00', '0.00']);
    expect(cells('2026-04')).toEqual(['2026-04', 'orders', '0.00', '0.00', '0.00', '0.00', '-200.00', '0.00']);
  });
  it('the page: a per-rep table (earned, paid, held), the chart, and one statement panel per rep', async () => {
    const html = await formatSimulateHtml(sim);
    expect(html).toContain('<h2>Paying in stages</h2>');
    // mia: 500 + 11 = 511 earned, 510.50 paid, 0.50 held; rob 110 / 105 / 5; sue 90 / 45 / 45.
    const section = html.slice(html.indexOf('<section class="payments">'));
    const row = (rep: string) => new RegExp(`<tr><td>${rep}</td><td class="num" data-sort="[^"]*">([^<]*)</td><td class="num" data-sort="[^"]*">([^<]*)</td><td class="num" data-sort="[^"]*">([^<]*)</td>`).exec(section)!.slice(1);
    expect(row('mia')).toEqual(['511.00', '510.50', '0.50']);
    expect(row('rob')).toEqual(['110.00', '105.00', '5.00']);
    expect(row('sue')).toEqual(['90.00', '45.00', '45.00']);
    expect(html).toContain('Paid vs held, per month');
    expect(html).toContain('<select data-panels="statements"><option value="0">mia</option><option value="1">rob</option><option value="2">sue</option></select>');
    expect(html.match(/data-panel-of="statements"/g)).toHaveLength(3);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
  it('a playbook that pays nothing in stages has no payments section', async () => {
    const html = await formatSimulateHtml(simulationOf('splits-manager-overlay'));
    expect(html).not.toContain('Paying in stages');
    expect(html).not.toContain('<select data-panels');
  });
});
