/**
 * The hand-made history of the backtest tests: 10 "hot" accounts (one 5-point
 * tour each) with 5 won and 5 lost deals, and 10 "cold" accounts (no activity)
 * with 10 lost deals, all decided 2017-06-30.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { type Simulation, simulate } from '../../src/simulate/simulate.js';

export const PLAYBOOK = `playbook "Backtest test"
  currency USD · plan period 2017
table reps from "reps.csv"
  field name text column "name" key
table deals from "deals.csv"
  field id text column "id" key
  field rep text column "rep" lookup reps
  field account text column "account"
  field stage text column "stage"
  field close_date date column "close_date" optional
  field amount money column "amount"
  won when stage = "Won"
  lost when stage = "Lost"
table activities from "activities.csv"
  field id text column "id" key
  field date date column "date"
  field account text column "account"
  field contact text column "contact"
  field role text column "role"
  field action text column "action"
credit deals when won to rep on close_date amount amount
scoring "s"
  action "tour" points 5 label "HQ tour"
  action "visit" points 0.1
tier hot when score >= 5 win probability 50%
tier cold otherwise win probability 10%
`;

/** The 20 deals above; with `training`, 8 more decided in February on their own accounts (see the split test). */
export function setup(training = false, playbook = PLAYBOOK): Simulation {
  const dir = mkdtempSync(join(tmpdir(), 'pb-bt-'));
  writeFileSync(join(dir, 'reps.csv'), 'name\nAnn\n');
  const deals = ['id,rep,account,stage,close_date,amount'];
  const acts = ['id,date,account,contact,role,action'];
  for (let i = 1; i <= 10; i++) {
    deals.push(`H${i},Ann,HOT${i},${i <= 5 ? 'Won' : 'Lost'},2017-06-30,100`);
    acts.push(`t${i},2017-06-01,HOT${i},Li Wei,C-level,tour`);
    deals.push(`C${i},Ann,COLD${i},Lost,2017-06-30,100`);
  }
  acts.push('v1,2017-06-02,HOT1,Wang Fang,assistant,visit', 'v2,2017-07-02,HOT1,Wang Fang,assistant,visit');
  if (training) {
    for (let i = 1; i <= 4; i++) {
      deals.push(`TH${i},Ann,TRAINHOT${i},${i <= 3 ? 'Won' : 'Lost'},2017-02-28,100`, `TC${i},Ann,TRAINCOLD${i},${i === 1 ? 'Won' : 'Lost'},2017-02-28,100`);
      acts.push(`tt${i},2017-02-01,TRAINHOT${i},Li Wei,C-level,tour`);
    }
  }
  writeFileSync(join(dir, 'deals.csv'), `${deals.join('\n')}\n`);
  writeFileSync(join(dir, 'activities.csv'), `${acts.join('\n')}\n`);
  const compiled = compilePlaybookSource('bt.playbook', playbook);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return simulate(compiled.graph!, 'bt.playbook', dir);
}
