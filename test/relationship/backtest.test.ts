/**
 * The backtest on a hand-made history whose figures are worked out by hand:
 * 10 "hot" accounts (one 5-point tour each) with 5 won and 5 lost deals, and 10
 * "cold" accounts (no activity) with 10 lost deals.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountScore } from '../../src/simulate/account-score.js';
import { backtest } from '../../src/simulate/backtest.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { formatBacktestJson } from '../../src/simulate/report-backtest.js';
import { simulate } from '../../src/simulate/simulate.js';

const PLAYBOOK = `playbook "Backtest test"
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

function setup() {
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
  writeFileSync(join(dir, 'deals.csv'), `${deals.join('\n')}\n`);
  writeFileSync(join(dir, 'activities.csv'), `${acts.join('\n')}\n`);
  const compiled = compilePlaybookSource('bt.playbook', PLAYBOOK);
  expect(compiled.diagnostics).toEqual([]);
  return simulate(compiled.graph!, 'bt.playbook', dir);
}

describe('backtest', () => {
  const sim = setup();
  const b = backtest(sim);

  it('per tier: deals, wins, actual rate and the 95% Wilson interval', () => {
    // hot: 5 of 10 won → 50%, Wilson (0.2366, 0.7634): stated 50% is consistent.
    // cold: 0 of 10 → 0%, Wilson (0, 0.2775): stated 10% is consistent.
    expect(b.tiers.map((t) => [t.tier, t.deals, t.wins, t.actual, t.low.toFixed(4), t.high.toFixed(4), t.verdict])).toEqual([
      ['hot', 10, 5, 0.5, '0.2366', '0.7634', 'consistent'],
      ['cold', 10, 0, 0, '0.0000', '0.2775', 'consistent'],
    ]);
  });

  it('Brier score, log loss and AUC', () => {
    // Brier: hot 10 × (0.5 − y)² = 2.5; cold 10 × 0.1² = 0.1; (2.5 + 0.1) / 20 = 0.13.
    expect(b.brier).toBeCloseTo(0.13, 12);
    // Log loss: hot 10 × ln 2 = 6.931472; cold 10 × −ln 0.9 = 1.053605; / 20 = 0.399254.
    expect(b.logLoss).toBeCloseTo((10 * Math.LN2 - 10 * Math.log(0.9)) / 20, 12);
    // AUC over 5 won × 15 lost = 75 pairs. Scores: H1 5.1 (its visit), H2–H5 5, lost H6–H10 5, cold 0.
    // Every won deal beats the 10 cold ones: 50. H1 beats the 5 hot lost ones: 5. H2–H5 tie them: 20 × ½ = 10.
    expect(b.auc).toBeCloseTo(65 / 75, 12);
  });

  it('win rate with and without an action', () => {
    const tour = b.actions.find((a) => a.name === 'tour')!;
    expect(tour.with).toEqual({ n: 10, wins: 5, rate: 0.5 });
    expect(tour.without).toEqual({ n: 10, wins: 0, rate: 0 });
    const visit = b.actions.find((a) => a.name === 'visit')!;
    expect(visit.with).toEqual({ n: 1, wins: 1, rate: 1 }); // only HOT1 (H1, won) had a visit before 2017-06-30
  });

  it('the JSON report is deterministic and uses fixed-digit ratios', () => {
    const a = formatBacktestJson(b);
    expect(a).toBe(formatBacktestJson(backtest(setup())));
    expect(JSON.parse(a).tiers[0]).toEqual({ tier: 'hot', label: null, deals: 10, wins: 5, stated: '0.5000', actual: '0.5000', wilson_low: '0.2366', wilson_high: '0.7634', verdict: 'consistent' });
  });

  it('score breaks an account down by action, contact and date', () => {
    // As of 2017-07-31: tour 5 (Li Wei) + two visits 0.1 each (Wang Fang) = 5.2.
    const r = accountScore(sim, 'HOT1', '2017-07-31');
    expect(r.score.toString()).toBe('5.2');
    expect(r.byAction.map((a) => [a.action, a.count, a.points.toString()])).toEqual([['tour', 1, '5'], ['visit', 2, '0.2']]);
    expect(r.byContact.map((c) => [c.contact, c.count, c.points.toString()])).toEqual([['Li Wei', 1, '5'], ['Wang Fang', 2, '0.2']]);
    expect(r.contributions.map((c) => c.date)).toEqual(['2017-06-01', '2017-06-02', '2017-07-02']);
    // As of 2017-06-30 the July visit has not happened yet.
    expect(accountScore(sim, 'HOT1', '2017-06-30').score.toString()).toBe('5.1');
  });
});
