/**
 * Lists the size of the data (hundreds of thousands of records) must never be spread into a
 * function call's arguments: `list.push(...other)` and `Math.max(...values)` overflow the stack past
 * about 120,000 items. At one million deals the audit crashed that way (exit 3, a stack trace)
 * before this test. Every expected count here comes from how the files are written.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit, compilePlaybookSource, simulate } from '../../src/index.js';

const N = 250_000;
const root = mkdtempSync(join(tmpdir(), 'playbook-long-lists-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const playbook = (year: number) => `playbook "Long lists"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period ${year}
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text column "rep" key

table deals from "deals.csv"
  field id         text  column "id" key
  field rep        text  column "rep" lookup reps
  field stage      text  column "stage"
  field close_date date "YYYY-MM-DD" column "close_date"
  field amount     money column "amount"
  won when stage = "Won"

credit deals when won to rep on close_date amount amount

commission "commission" on credited per year marginal
  from 0 pay 10%

red line "every deal" on deals
  when won and amount > 0
  review
  message "Every deal is reviewed"
`;

/** A folder with `N` won deals of 100.00 for one rep, dated through 2017 (day i mod 365), and `bad` rows whose amount cannot be read. */
function folder(name: string, bad: number): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'reps.csv'), 'rep\nann\n');
  const lines = ['id,rep,stage,close_date,amount'];
  for (let i = 0; i < N; i++) {
    const day = new Date(Date.UTC(2017, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`D${i},ann,Won,${day},${i < bad ? 'lots' : '100.00'}`);
  }
  writeFileSync(join(dir, 'deals.csv'), `${lines.join('\n')}\n`);
  return dir;
}

describe(`lists of ${N.toLocaleString('en-US')} records`, () => {
  it('audit lists every one of 250,000 deals that trip a red line', () => {
    const dir = folder('audit', 0);
    const file = join(dir, 'scheme.playbook');
    const { graph } = compilePlaybookSource(file, playbook(2017));
    const a = audit(graph!, file, dir);
    expect(a.records.length).toBe(N);
    expect(new Set(a.records.map((r) => r.redline))).toEqual(new Set(['every deal']));
    // Sorted by rep, month, then deal id as text: January's first is D0, the last record is December's largest id.
    expect(a.records[0].deal).toBe('D0');
    expect(a.records[0].line).toBe(2);
  }, 120_000);

  it('skipping 200,000 unreadable rows lists each of them: rows read = used + rejected', () => {
    const bad = 200_000;
    const dir = folder('rejected', bad);
    const file = join(dir, 'scheme.playbook');
    const { graph } = compilePlaybookSource(file, playbook(2017));
    const sim = simulate(graph!, file, dir, { skipBadRows: true });
    expect(sim.rejectedRows.length).toBe(bad);
    expect(sim.rejectedRows[0].line).toBe(2);
    const deals = sim.input.find((t) => t.table === 'deals')!;
    expect(deals.read).toBe(N);
    expect(deals.used + deals.rejected).toBe(N);
    expect(deals.rejected).toBe(bad);
  }, 120_000);

  it('250,000 deals all outside the plan period: the warning gives their first and last date', () => {
    const dir = folder('outside', 0);
    const file = join(dir, 'scheme.playbook');
    const { graph } = compilePlaybookSource(file, playbook(2019));
    const sim = simulate(graph!, file, dir);
    expect(sim.evaluation.warnings).toContain("no deal was credited in plan period 2019 (2019-01-01 … 2019-12-31); the deals' dates run 2017-01-01 … 2017-12-31. Is the plan period right?");
  }, 120_000);
});
