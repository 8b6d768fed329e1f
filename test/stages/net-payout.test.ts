/**
 * The payout agrees with caps, minimums and clawbacks (docs/language.md §12c, "Where it shows"),
 * through the CLI as a finance partner runs it: the simulate table, JSON, CSV and HTML, the cost
 * of sales, `explain --rep`'s top line, the cost budget and `payout` in an assertion. Values
 * computed by hand from the folders' data (see each folder's expected.json):
 * - caps-per-deal-and-year: 10% of A 30,000, B 15,000, C 20,000, D 10,000 = 7,500; caps of 2,000
 *   per deal and 5,000 per year take off A 1,000, C 500, D 1,000 = 2,500 → payout 5,000 on
 *   75,000 credited = 6.67% (7,500 would be 10.00%).
 * - minimum-then-reversal: 10% of M1 3,000 and M2 8,000 = 1,100; M1's 300 topped up by 200 to
 *   the 500 minimum; M1 refunded on 10 May: 300 clawed back (the top-up kept) → 1,000 on 11,000
 *   = 9.09%.
 * - clawback-earlier-period-tier: Q1 5% × 20,000 = 1,000 + Q3 10% × 60,000 = 6,000 = 7,000;
 *   D1 refunded on 15 August: the 1,000 it was paid is clawed back in 2026-08 → 6,000 on 80,000
 *   = 7.50%.
 */
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playbook, removeTempDirs, tempDir } from '../cli/helpers.js';

const DIR = 'test/conformance';
const run = (folder: string, ...args: string[]) => {
  const r = playbook('simulate', `${DIR}/${folder}/scheme.playbook`, '--data', `${DIR}/${folder}`, ...args);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};
type Json = Record<string, any>;
const json = (folder: string): Json => JSON.parse(run(folder, '--format', 'json'));
/** The table row of a rep, its cells split on two or more spaces. */
const row = (table: string, rep: string) => table.split('\n').find((l) => l.startsWith(`${rep} `))!.trim().split(/ {2,}/);
const header = (table: string) => table.split('\n').find((l) => l.startsWith('Rep '))!.trim().split(/ {2,}/);

afterAll(removeTempDirs);

describe('caps: the payout is what the caps let be paid', () => {
  const folder = 'caps-per-deal-and-year';
  it('simulate table: the commission, a Capped column and the payout after caps; cost of sales on it', () => {
    const out = run(folder);
    expect(header(out)).toEqual(['Rep', 'Deals', 'Credited', 'orders', 'Capped', 'Topped up', 'Forfeited', 'Payout']);
    // Forfeited is empty: the row has one cell fewer.
    expect(row(out, 'ann')).toEqual(['ann', '4', '75,000.00', '7,500.00', '-2,500.00', '0.00', '5,000.00']);
    expect(row(out, 'Total')).toEqual(['Total', '4', '75,000.00', '7,500.00', '-2,500.00', '0.00', '5,000.00']);
    expect(out).toContain('Cost of sales: 5,000.00 payout after caps and minimums on 75,000.00 credited = 6.67% (7,500.00 before them)');
    expect(out).not.toContain('7,500.00 paid');
  });
  it('JSON: reps[].payout and totals after caps, the capped line of its own, cost of sales 5,000 ÷ 75,000', () => {
    const doc = json(folder);
    const ann = doc.reps.find((r: Json) => r.rep === 'ann');
    expect(ann.payout).toBe('5000.00');
    expect(ann.lines.map((l: Json) => [l.kind, l.period, l.amount, l.deals])).toEqual([
      ['commission', '2026', '7500.00', []],
      ['capped', '2026', '-2500.00', ['A', 'C', 'D']],
    ]);
    expect(doc.totals.payout).toBe('5000.00');
    expect(doc.totals.cost_of_sales).toBe('0.0667');
  });
  it('CSV: a capped row of its own, negative', () => {
    const csv = run(folder, '--format', 'csv').trim().split('\n');
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 6))).toEqual([
      ['ann', '2026', 'orders', 'commission', '75000.00', '7500.00'],
      ['ann', '2026', 'orders', 'capped', '2500.00', '-2500.00'],
    ]);
  });
  it('HTML: the Capped column and the cost of sales after caps', () => {
    const html = run(folder, '--format', 'html');
    expect(html).toContain('Cost of sales: 5,000.00 payout after caps and minimums on 75,000.00 credited = 6.67% (7,500.00 before them)');
    expect(html).toMatch(/<th[^>]*><button type="button">Capped<\/button><\/th>/);
    expect(html).toContain('-2,500.00');
  });
  it('explain --rep: the top line is the payout after caps, with the capped line under it', () => {
    const r = playbook('explain', `${DIR}/${folder}/scheme.playbook`, '--data', `${DIR}/${folder}`, '--rep', 'ann');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/payout of ann for 2026 +5,000\.00/);
    expect(r.stdout).toMatch(/orders: capped \(2026\) +−2,500\.00/);
  });
  it('the cost budget and `payout` in an assertion read the payout after caps', () => {
    const dir = tempDir();
    cpSync(join(DIR, folder), dir, { recursive: true });
    // 8% of 75,000 = 6,000: 7,500 before the caps would break it, 5,000 after them does not.
    appendFileSync(join(dir, 'scheme.playbook'), '\nbudget payout at most 8% of credited\nassert "at most 6,000" for each rep payout <= 6,000\nassert "at most 4,000" for each rep payout <= 4,000\n');
    const r = playbook('simulate', join(dir, 'scheme.playbook'), '--data', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('over its budget');
    expect(r.stdout).not.toContain('"at most 6,000"');
    expect(r.stdout).toContain('assertion "at most 4,000" does not hold for rep ann: payout = 5,000.00');
  });
});

describe('a minimum, then a reversal', () => {
  const folder = 'minimum-then-reversal';
  it('simulate table: commission 1,100, topped up 200, clawed back −300, payout 1,000', () => {
    const out = run(folder);
    expect(header(out)).toEqual(['Rep', 'Deals', 'Credited', 'orders', 'Capped', 'Topped up', 'Cancelled', 'Clawed back', 'Forfeited', 'Payout']);
    expect(row(out, 'ann')).toEqual(['ann', '2', '11,000.00', '1,100.00', '0.00', '200.00', '0.00', '-300.00', '1,000.00']);
    expect(out).toContain('Cost of sales: 1,000.00 payout after caps, minimums and reversals on 11,000.00 credited = 9.09% (1,100.00 before them)');
  });
  it('JSON: the top-up in the line\'s period, the clawback in the month of the reversal', () => {
    const doc = json(folder);
    const ann = doc.reps.find((r: Json) => r.rep === 'ann');
    expect(ann.lines.map((l: Json) => [l.kind, l.period, l.amount])).toEqual([
      ['commission', '2026', '1100.00'],
      ['top-up', '2026', '200.00'],
      ['clawback', '2026-05', '-300.00'],
    ]);
    expect(ann.payout).toBe('1000.00');
    expect(doc.totals.cost_of_sales).toBe('0.0909');
  });
});

describe('a clawback of a deal paid at an earlier period\'s tier', () => {
  const folder = 'clawback-earlier-period-tier';
  it('simulate table and JSON: −1,000 clawed back in August, payout 6,000 = 7.50% of 80,000', () => {
    const out = run(folder);
    expect(row(out, 'ann')).toEqual(['ann', '2', '80,000.00', '7,000.00', '0.00', '-1,000.00', '6,000.00']);
    expect(out).toContain('Cost of sales: 6,000.00 payout after reversals on 80,000.00 credited = 7.50% (7,000.00 before them)');
    const ann = json(folder).reps.find((r: Json) => r.rep === 'ann');
    expect(ann.lines.filter((l: Json) => l.kind === 'clawback').map((l: Json) => [l.period, l.amount, l.deals])).toEqual([['2026-08', '-1000.00', ['D1']]]);
    expect(ann.payout).toBe('6000.00');
  });
});

describe('a top-up that a cap per year takes off again', () => {
  it('counts as topped up and as capped: the payout is what is earned, 1,000 = the cap', () => {
    // minimum 500 per deal, cap 1,000 per year, 10%: A 8,000 → 800 (1 February); B 1,000 → 100,
    // topped up by 400 to 500 (1 March). B would bring the year to 800 + 500 = 1,300: 300 is capped,
    // first B's 100, then 200 of its top-up. Earned 800 + 0 + 200 = 1,000. Lines: commission 900,
    // topped up 400 (the minimum's whole top-up), capped −300 → 1,000.
    const dir = tempDir();
    cpSync(join(DIR, 'caps-per-deal-and-year'), dir, { recursive: true });
    const file = join(dir, 'scheme.playbook');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  cap 2,000 per deal\n  cap 5,000 per year', '  minimum 500 per deal\n  cap 1,000 per year'));
    writeFileSync(join(dir, 'deals.csv'), 'id,rep,stage,close_date,amount\nA,ann,Won,2026-02-01,8000\nB,ann,Won,2026-03-01,1000\n');
    const r = playbook('simulate', file, '--data', dir, '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const ann = doc.reps.find((x: Json) => x.rep === 'ann');
    expect(ann.lines.map((l: Json) => [l.kind, l.amount])).toEqual([['commission', '900.00'], ['capped', '-300.00'], ['top-up', '400.00']]);
    expect(ann.payout).toBe('1000.00');
    const totals = doc.payments.totals.find((t: Json) => t.rep === 'ann');
    expect([totals.earned, totals.capped, totals.topped_up]).toEqual(['1000.00', '300.00', '200.00']);
  });
});

describe('without caps, minimums or clawbacks nothing changes', () => {
  it('a staged playbook without them: no adjustment columns, the payout is the lines, "paid" wording', () => {
    const out = run('stages-held-and-completion');
    expect(header(out)).not.toContain('Capped');
    expect(header(out)).not.toContain('Clawed back');
    expect(out).toMatch(/Cost of sales: [\d,.]+ paid on /);
  });
});
