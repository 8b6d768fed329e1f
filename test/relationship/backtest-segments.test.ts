/**
 * `backtest --by`: per-segment tier tables on a hand-made history. 88 deals, all
 * in the "hot" tier (one 5-point tour each, stated 50%): North 30 of 40 won,
 * South 10 of 40 won, East 2 of 5 and West 3 of 3 (small, merged).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/simulate/backtest.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';

const PLAYBOOK = `playbook "Segments"
  currency USD · plan period 2017
table reps from "reps.csv"
  field name text column "name" key
table accounts from "accounts.csv"
  field id text column "id" key
  field name text column "name"
  field region text column "region"
table deals from "deals.csv"
  field id text column "id" key
  field rep text column "rep" lookup reps
  field account text column "account" lookup accounts
  field stage text column "stage"
  field close_date date column "close_date"
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
  action "tour" points 5
tier hot when score >= 5 win probability 50%
tier cold otherwise win probability 10%
`;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'pb-seg-'));
  writeFileSync(join(dir, 'reps.csv'), 'name\nAnn\n');
  const accounts = ['id,name,region'];
  const deals = ['id,rep,account,stage,close_date,amount'];
  const acts = ['id,date,account,contact,role,action'];
  const plan: [string, number, number][] = [['North', 40, 30], ['South', 40, 10], ['East', 5, 2], ['West', 3, 3]];
  for (const [region, n, won] of plan) {
    for (let i = 1; i <= n; i++) {
      const acc = `${region}${i}`;
      accounts.push(`${acc},Name ${acc},${region}`);
      deals.push(`D${acc},Ann,${acc},${i <= won ? 'Won' : 'Lost'},2017-06-30,100`);
      acts.push(`T${acc},2017-06-01,${acc},Li Wei,C-level,tour`);
    }
  }
  writeFileSync(join(dir, 'accounts.csv'), `${accounts.join('\n')}\n`);
  writeFileSync(join(dir, 'deals.csv'), `${deals.join('\n')}\n`);
  writeFileSync(join(dir, 'activities.csv'), `${acts.join('\n')}\n`);
  const compiled = compilePlaybookSource('seg.playbook', PLAYBOOK);
  expect(compiled.diagnostics).toEqual([]);
  return simulate(compiled.graph!, 'seg.playbook', dir);
}

describe('backtest --by', () => {
  const sim = setup();

  it('an unknown field: the playbook\'s lookup spelling is pointed to the table\'s field, a misspelt name to the closest', () => {
    const fields = 'fields: deals.id, deals.rep, deals.account, deals.stage, deals.close_date, deals.amount, reps.name, accounts.id, accounts.name, accounts.region';
    expect(() => backtest(sim, { by: 'account.region' })).toThrow(
      `--by account.region: no deal field and no field of a looked-up table has that name (did you mean "accounts.region"? --by names the looked-up table, accounts, where the playbook writes the deal's field account); ${fields}`,
    );
    // "regoin" is two edits from "region"; bare, so the bare name is suggested.
    expect(() => backtest(sim, { by: 'regoin' })).toThrow(`--by regoin: no deal field and no field of a looked-up table has that name (did you mean "region"?); ${fields}`);
    expect(() => backtest(sim, { by: 'acounts.region' })).toThrow(`--by acounts.region: no deal field and no field of a looked-up table has that name (did you mean "accounts.region"?); ${fields}`);
    expect(() => backtest(sim, { by: 'colour' })).toThrow(`--by colour: no deal field and no field of a looked-up table has that name; ${fields}`);
  });

  it('a segment per region, largest first; the small ones merged and flagged', () => {
    const b = backtest(sim, { by: 'region' });
    expect(b.segments!.field).toBe('accounts.region');
    // North and South tie at 40 deals: by name. East (5) and West (3) have fewer than 30 deals: merged, still small.
    expect(b.segments!.segments.map((s) => [s.name, s.values, s.merged, s.small, s.measured.deals, s.measured.wins])).toEqual([
      ['North', ['North'], false, false, 40, 30],
      ['South', ['South'], false, false, 40, 10],
      ['other (2 small segments merged)', ['East', 'West'], true, true, 8, 5],
    ]);
  });

  it('per segment verdicts: 30 of 40 is above 50%, 10 of 40 below it', () => {
    // Wilson 95% for 30/40: centre (0.75 + 1.96²/80) / (1 + 1.96²/40) = 0.7281, half-width 0.1300 → 0.598 – 0.858;
    // 10/40 mirrors it: 0.142 – 0.402. 50% lies above South's interval and below North's.
    const b = backtest(sim, { by: 'accounts.region' });
    const hot = (i: number) => b.segments!.segments[i].measured.tiers[0];
    expect([hot(0).low.toFixed(3), hot(0).high.toFixed(3), hot(0).verdict]).toEqual(['0.598', '0.858', 'understated']);
    expect([hot(1).low.toFixed(3), hot(1).high.toFixed(3), hot(1).verdict]).toEqual(['0.142', '0.402', 'overstated']);
    // Whole sample: 45 of 88 won, consistent with 50%.
    expect([b.tiers[0].deals, b.tiers[0].wins, b.tiers[0].verdict]).toEqual([88, 45, 'consistent']);
    // Segment Brier: everyone stated 0.5, so Brier = 0.25 in every segment; North's base rate 0.75.
    expect(b.segments!.segments[0].measured.calibration!.brier).toBe(0.25);
    expect(b.segments!.segments[0].measured.calibration!.baseRate).toBe(0.75);
    const texts = b.findings.map((f) => f.message);
    expect(texts.some((t) => t.startsWith('In accounts.region = South, tier hot promises more than it delivered: it states 50.0%, but 10 of 40 deals were won'))).toBe(true);
    expect(texts.some((t) => t.startsWith('In accounts.region = North, tier hot delivered more than it promises'))).toBe(true);
    expect(b.findings.filter((f) => f.kind === 'small-segment').map((f) => f.segment)).toEqual(['other (2 small segments merged)']);
    expect(b.findings.filter((f) => f.kind === 'overstated').map((f) => f.segment)).toEqual(['South']);
  });

  it('unknown and ambiguous fields are refused with the choices', () => {
    expect(() => backtest(sim, { by: 'colour' })).toThrow(/--by colour: no deal field .*fields: deals\.id, .*accounts\.region/);
    expect(() => backtest(sim, { by: 'name' })).toThrow('--by name: several tables have a field of that name; say which: reps.name, accounts.name');
    // A deal field wins over a looked-up field of the same name.
    expect(backtest(sim, { by: 'id' }).segments!.field).toBe('deals.id');
  });
});
