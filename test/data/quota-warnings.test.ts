/**
 * A quota below zero or of zero (a reps file with `(5000)` or `0` as a target, or a rep prorated to
 * nothing): each is said by name in the run's warnings. A negative one is left out, as a missing one
 * is, so the band from a share of it does not start below zero (it paid 4% on money never credited).
 */
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';
import { tempFolders } from './temp.js';

const folder = tempFolders();

const PLAYBOOK = `playbook "Edge"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2017

table reps from "reps.csv"
  field name   text  column "name" key
  field target money column "target" optional

table deals from "deals.csv"
  field id         text  column "id" key
  field rep        text  column "rep" lookup reps
  field stage      text  column "stage"
  field close_date date  "YYYY-MM-DD" column "close_date"
  field amount     money column "amount"
  won when stage = "Won"

credit "bookings" deals when won to rep on close_date amount amount

quota floor = target per year

commission "commission" on credited per year marginal
  from 0             pay 2%
  from 100% of floor pay 4%
`;

function run(reps: string) {
  const compiled = compilePlaybookSource('edge.playbook', PLAYBOOK);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const deals = 'id,rep,stage,close_date,amount\nX1,D,Won,2017-03-01,1000\nX2,E,Won,2017-03-01,1000\n';
  return simulate(compiled.graph!, 'edge.playbook', folder({ 'reps.csv': reps, 'deals.csv': deals }));
}

const payout = (sim: ReturnType<typeof run>, rep: string) => sim.evaluation.reps.find((r) => r.rep === rep)!.payout.toFixed(2);

describe('quotas below zero and of zero', () => {
  it('a quota below zero is left out with a warning naming the rep: 2% on the 1,000 credited, not 4% on 5,000 never credited', () => {
    const sim = run('name,target\nD,(5000)\nE,5000\n');
    expect(sim.evaluation.warnings).toContain('rep D has a floor quota below zero (-5,000.00), which no target can be: it is left out, and bands based on it pay nothing');
    // By hand: D's 1,000 credited all fall in the band from 0 at 2% = 20.00; E's 1,000 is below its 5,000 floor: 20.00.
    expect([payout(sim, 'D'), payout(sim, 'E')]).toEqual(['20.00', '20.00']);
  });

  it('a quota of 0 is paid as written (everything above it) and said by name', () => {
    const sim = run('name,target\nD,0\nE,5000\n');
    expect(sim.evaluation.warnings.filter((w) => w.includes('quota of 0'))).toEqual([
      'rep D has a floor quota of 0 for the plan period: every amount credited counts as above it in commission bands, and attainment against it (credited / floor) has no value, so conditions and rankings on it leave the rep out',
    ]);
    // By hand: D's 1,000 are all above a floor of 0, at 4% = 40.00.
    expect(payout(sim, 'D')).toBe('40.00');
  });
});
