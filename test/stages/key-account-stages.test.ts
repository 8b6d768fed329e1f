/**
 * The key-account reference pays its commission in stages (40% at booking, 40% with cash
 * collected, 20% at completion, paid the next business day after the trigger) over
 * examples/key-account. Checked against small computations of our own from the CSV files: the
 * planted cancelled order's stages, the waits a next-business-day calendar allows, and that
 * every rep's staged parts add up to the commission the statement shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { roundTo } from '../../src/runtime/money.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';
import { simulate } from '../../src/simulate/simulate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(ROOT, 'examples/key-account');
const file = join(ROOT, 'playbooks/key-account.playbook');
const graph = compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!;
const json = simulationJson(simulate(graph, file, DATA)) as Record<string, any>;
const p = json.payments as Record<string, any>;
type Row = Record<string, string>;
const csv = (name: string) => parse(readFileSync(join(DATA, name), 'utf8'), { columns: true }) as Row[];
const cancelled = /\*\*The cancelled order\*\*: (D\d{4})/.exec(readFileSync(join(DATA, 'README.md'), 'utf8'))![1];

describe('key-account: paying in stages', () => {
  it('every rep\'s staged parts add up to the commission lines of the statement, and paid + held = earned', () => {
    for (const rep of json.reps) {
      const commission = rep.lines.filter((l: any) => l.component === 'orders commission' || l.component === 'over-target reward').reduce((s: Decimal, l: any) => s.plus(l.amount), new Decimal(0));
      const parts = p.releases.filter((x: any) => x.rep === rep.rep).reduce((s: Decimal, x: any) => s.plus(x.amount), new Decimal(0));
      expect(parts.toFixed(2), rep.rep).toBe(commission.toFixed(2));
      for (const t of p.totals.filter((x: any) => x.rep === rep.rep)) expect(new Decimal(t.paid).plus(t.held).toFixed(2)).toBe(t.earned);
    }
  });

  it('the cancelled order: its booking is paid, its cash and completion stages are held with the reason', () => {
    const deal = csv('deals.csv').find((d) => d.deal_id === cancelled)!;
    const rep = json.reps.find((r: any) => r.rep === deal.rep_id);
    const line = rep.lines.find((l: any) => l.component === 'orders commission');
    // Our own computation: the deal's part of the year's line, then 40% / 40% / the remainder.
    const part = roundTo(new Decimal(line.amount).mul(deal.amount).div(rep.credited), '0.01', 'half-up');
    const booking = roundTo(part.mul('0.4'), '0.01', 'half-up');
    const mine = p.releases.filter((x: any) => x.deal === cancelled && x.component === 'orders commission');
    const stage = (s: string) => mine.filter((x: any) => x.stage === s);
    expect(stage('booking').map((x: any) => [x.amount, x.triggered_on, x.held_reason])).toEqual([[booking.toFixed(2), deal.close_date, null]]);
    expect(stage('cash collected').map((x: any) => [x.amount, x.held_reason])).toEqual([[booking.toFixed(2), `cash not yet collected: 0.00 of ${Number(deal.amount).toLocaleString('en-US', { minimumFractionDigits: 2 })} collected`]]);
    expect(stage('completion').map((x: any) => [x.amount, x.held_reason])).toEqual([[part.minus(booking.mul(2)).toFixed(2), `not complete: 10% complete at ${csv('progress.csv').find((r) => r.deal_id === cancelled)!.date}`]]);
  });

  it('pays fast: every part is paid 1 to 3 days after its trigger (the next business day; Friday → Monday is 3)', () => {
    const paid = p.releases.filter((x: any) => x.paid_on !== null);
    expect(paid.length).toBeGreaterThan(500);
    for (const x of paid) {
      const wait = (Date.parse(x.paid_on) - Date.parse(x.triggered_on)) / 86_400_000;
      const weekday = new Date(Date.parse(x.triggered_on)).getUTCDay();
      expect(wait, JSON.stringify(x)).toBe(weekday === 5 ? 3 : weekday === 6 ? 2 : 1);
    }
    const all = p.pay_fast.find((f: any) => f.scope === 'all');
    expect(all.payments).toBe(paid.length);
    expect(all.max_days).toBe(3);
  });

  it('the end of the data is the latest date in the files the stages read', () => {
    const dates = [...csv('collections.csv').map((r) => r.date), ...csv('progress.csv').map((r) => r.date)];
    expect(p.as_of).toBe(dates.sort().at(-1));
  });
});

describe('the README tells the same story as the run', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const story = readme.slice(readme.indexOf('## Paying in stages, and paying fast'), readme.indexOf('## Using it as a library'));
  const money = (d: Decimal) => d.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const total = (field: string) => p.totals.reduce((s: Decimal, t: any) => s.plus(t[field]), new Decimal(0));
  it('earned, paid and held, and the end of the data', () => {
    expect(story).toContain(`Of the ${money(total('earned'))} CNY`);
    expect(story).toContain(`${money(total('paid'))} was paid by the end of the data\n  (${p.as_of})`);
    expect(story).toContain(`and ${money(total('held'))} is held`);
  });
  it('the pay-fast figures', () => {
    const all = p.pay_fast.find((f: any) => f.scope === 'all');
    expect(story).toContain(`${all.median_days} day at the\n  median, ${all.max_days} days at worst`);
  });
  it('the cancelled order', () => {
    const booking = p.releases.find((x: any) => x.deal === cancelled && x.component === 'orders commission' && x.stage === 'booking');
    expect(story).toContain(`One order, ${cancelled}`.replace('One', 'one'));
    expect(story).toContain(`booking share (${money(new Decimal(booking.amount))}`);
  });
});
