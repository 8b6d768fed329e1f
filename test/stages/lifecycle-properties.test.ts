/**
 * Properties of paying in stages over generated histories (fast-check): deals, collections,
 * invoices and progress reports drawn at random, under every kind of pay calendar. For every rep
 * and component: paid + held = earned, to the cent, and earned is what the rep's statement
 * lines of that component add up to; no part is paid before it is payable, payable before it is
 * triggered, or triggered before the deal was credited; nothing is paid after the end of the
 * data; the monthly statements add up to the totals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDatasetTexts } from '../../src/data/index.js';
import type { RuleGraph } from '../../src/graph/nodes.js';
import { Decimal } from '../../src/runtime/decimal.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';

const CALENDARS = ['', '  paid 7 days after the trigger\n', '  paid monthly on the 31st after the trigger\n', '  paid every other Friday from "2026-01-02" after the trigger\n', '  paid every Monday after the trigger\n', '  paid on the next business day after the trigger\n'];

const playbook = (calendar: string) => `playbook "Lifecycle properties"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text key

table deals from "deals.csv"
  field id     text key
  field rep    text lookup reps
  field stage  text
  field closed date "YYYY-MM-DD"
  field amount money
  won when stage = "Won"

table collections from "collections.csv"
  field deal   text lookup deals
  field date   date "YYYY-MM-DD"
  field amount money

table invoices from "invoices.csv"
  field deal   text lookup deals
  field date   date "YYYY-MM-DD"
  field amount money

table progress from "progress.csv"
  field deal    text lookup deals
  field date    date "YYYY-MM-DD"
  field percent percent

credit deals when won to rep on closed amount amount

commission "orders" on credited per quarter marginal
  base rate 3%
  from 0      pay base
  from 50,000 pay 2 × base
  report excess over base as "kicker"

pay "orders", "kicker" in stages
  25% at booking, 25% with invoices, 20% with cash collected
  15% with revenue recognised, 15% at completion
${calendar}`;

const graphs = CALENDARS.map((c) => {
  const compiled = compilePlaybookSource('properties.playbook', playbook(c));
  if (!compiled.graph) throw new Error(compiled.diagnostics.map((d) => d.message).join('; '));
  return compiled.graph;
});

const day = fc.integer({ min: 0, max: 500 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => (c / 100).toFixed(2));
const deal = fc.record({ rep: fc.constantFrom('ann', 'bob', 'cy'), won: fc.boolean(), closed: fc.integer({ min: -30, max: 390 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)), amount: cents(-500_000, 9_000_000) });
const event = (measure: fc.Arbitrary<string>) => fc.record({ deal: fc.nat(9), date: day, measure });
const history = fc.record({
  deals: fc.array(deal, { minLength: 1, maxLength: 10 }),
  collections: fc.array(event(cents(-100_000, 6_000_000)), { maxLength: 12 }),
  invoices: fc.array(event(cents(0, 6_000_000)), { maxLength: 8 }),
  progress: fc.array(event(fc.integer({ min: 0, max: 120 }).map((p) => `${p}%`)), { maxLength: 10 }),
  calendar: fc.nat(CALENDARS.length - 1),
});

type Json = Record<string, any>;

type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

function run(graph: RuleGraph, h: History): Json {
  const files: Record<string, string> = {
    'reps.csv': 'name\nann\nbob\ncy\n',
    'deals.csv': `id,rep,stage,closed,amount\n${h.deals.map((d, i) => `D${i},${d.rep},${d.won ? 'Won' : 'Lost'},${d.closed},${d.amount}`).join('\n')}\n`,
    'collections.csv': `deal,date,amount\n${h.collections.map((e) => `D${e.deal},${e.date},${e.measure}`).join('\n')}\n`,
    'invoices.csv': `deal,date,amount\n${h.invoices.map((e) => `D${e.deal},${e.date},${e.measure}`).join('\n')}\n`,
    'progress.csv': `deal,date,percent\n${h.progress.map((e) => `D${e.deal},${e.date},${e.measure}`).join('\n')}\n`,
  };
  const dataset = loadDatasetTexts(graph.tables, (s) => files[s.file], { timeZone: 'UTC' });
  const evaluation = evaluate(graph, dataset.tables);
  return simulationJson({ graph, playbookFile: 'properties.playbook', input: [], rejectedRows: [], evaluation, tables: dataset.tables });
}

const sum = (list: Json[], field: string) => list.reduce((s, x) => s.plus(x[field]), new Decimal(0)).toFixed(2);

describe('paying in stages, over generated histories', () => {
  it('paid + held = earned for every rep and component, and no part is paid before it is payable', () => {
    fc.assert(
      fc.property(history, (h) => {
        const json = run(graphs[h.calendar], h);
        const p = json.payments as Json;
        expect(p).toBeDefined();
        for (const rep of json.reps as Json[]) {
          for (const component of ['orders', 'kicker']) {
            const lines = (rep.lines as Json[]).filter((l) => l.component === component);
            const earned = sum(lines, 'amount');
            const t = (p.totals as Json[]).find((x) => x.rep === rep.rep && x.component === component);
            if (!t) {
              // Nothing to release: the lines add up to zero.
              expect(earned).toBe('0.00');
              continue;
            }
            expect(t.earned).toBe(earned);
            expect(new Decimal(t.paid).plus(t.held).toFixed(2)).toBe(t.earned);
            const parts = (p.releases as Json[]).filter((x) => x.rep === rep.rep && x.component === component);
            expect(sum(parts, 'amount')).toBe(earned);
            expect(sum(parts.filter((x) => x.paid_on !== null), 'amount')).toBe(t.paid);
            const months = (p.statements as Json[]).filter((x) => x.rep === rep.rep && x.component === component);
            expect(sum(months, 'paid')).toBe(t.paid);
            expect(sum(months, 'earned')).toBe(t.earned);
            expect(months[months.length - 1].held).toBe(t.held);
          }
        }
        for (const x of p.releases as Json[]) {
          if (x.triggered_on !== null) expect(x.triggered_on >= x.earned_on).toBe(true);
          if (x.payable_on !== null) expect(x.payable_on >= x.triggered_on).toBe(true);
          if (x.paid_on !== null) {
            expect(x.paid_on).toBe(x.payable_on);
            expect(x.paid_on <= p.as_of).toBe(true);
            expect(x.held_reason).toBeNull();
          } else expect(typeof x.held_reason).toBe('string');
        }
      }),
      { numRuns: Number(process.env.PLAYBOOK_PROPERTY_RUNS ?? 150), seed: 20261201 },
    );
  });
});
