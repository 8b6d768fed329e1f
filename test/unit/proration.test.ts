/** A rep who joins mid-year gets a prorated quota; expected values worked out by hand. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { splitExact } from '../../src/runtime/money.js';
import { planPeriods } from '../../src/runtime/periods.js';
import { prorateMonths } from '../../src/runtime/proration.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';
import { simulate } from '../../src/simulate/simulate.js';

function quotas(by: 'days' | 'months'): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-prorate-'));
  // Annual floor 120,000 split evenly: 10,000.00 a month.
  writeFileSync(join(dir, 'reps.csv'), 'name,start,floor\nOld,2016-05-01,120000\nJuly,2017-07-01,120000\nMid,2017-07-16,120000\nLate,2018-02-01,120000\nNone,,120000\n');
  writeFileSync(join(dir, 'deals.csv'), 'id,rep,stage,close_date,amount\n');
  const text = `playbook "p"
  currency USD · plan period 2017
table reps from "reps.csv"
  field name text column "name" key
  field start date column "start" optional
  field floor money column "floor"
table deals from "deals.csv"
  field id text column "id" key
  field rep text column "rep" lookup reps
  field stage text column "stage"
  field close_date date column "close_date"
  field amount money column "amount"
  won when stage = "Won"
credit deals when won to rep on close_date amount amount
quota floor = floor per year split evenly by month prorated by ${by} from start
commission "c" on credited per year marginal
  from 0 pay 2%
  from 100% of floor pay 4%
`;
  const compiled = compilePlaybookSource('p.playbook', text);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const json = simulationJson(simulate(compiled.graph!, 'p.playbook', dir)) as { reps: { rep: string; quotas: Record<string, string> }[] };
  return Object.fromEntries(json.reps.map((r) => [r.rep, r.quotas.floor]));
}

describe('quota proration for reps who join during the plan period', () => {
  it('by months: the start month and later months count in full', () => {
    expect(quotas('months')).toEqual({
      Old: '120000.00', // joined before the plan period
      July: '60000.00', // July–December: 6 × 10,000
      Mid: '60000.00', // joined on the 16th, but by months July counts in full
      Late: '0.00', // joins after the plan period
      None: '120000.00', // no start date: the full quota
    });
  });

  it('by days: the start month counts for its remaining days', () => {
    // Mid joins 2017-07-16: July counts 16 of 31 days: 10,000 × 16/31 = 5,161.2903… → 5,161.29 (rounded down);
    // August–December 5 × 10,000 = 50,000. Total 55,161.29.
    expect(quotas('days')).toMatchObject({ Mid: '55161.29', July: '60000.00', Late: '0.00', Old: '120000.00' });
  });

  it('the prorated parts of a year never add up to more than the annual amount', () => {
    const periods = planPeriods('month', 2017, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: -40, max: 400 }), fc.constantFrom<'days' | 'months'>('days', 'months'), (cents, day, by) => {
        const annual = new Decimal(cents).div(100);
        const months = splitExact(annual, Array.from({ length: 12 }, () => new Decimal(1).div(12)), '0.01');
        if (!months.reduce((s, m) => s.plus(m), new Decimal(0)).eq(annual)) return false;
        const parts = prorateMonths(months, Date.UTC(2017, 0, 1) + day * 86_400_000, by, periods, '0.01');
        return parts.reduce((s, p) => s.plus(p), new Decimal(0)).lte(annual) && parts.every((p, i) => p.lte(months[i]) && p.gte(0));
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
