/**
 * Relationship scoring, indicators and tiers on tiny hand-made histories.
 * Every expected score is worked out by hand in the comment beside it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';
import { simulate } from '../../src/simulate/simulate.js';

const HEADER = `playbook "Relationship test"
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
  field role text column "role"
  field action text column "action"
credit deals when won to rep on close_date amount amount
`;

interface Deal { id: string; score: number | null; tier: string | null; win_probability: string | null; as_of: string | null }

/** Runs a scoring section over deals and activities given as CSV bodies; returns the deals by id. */
function run(scoring: string, deals: string, activities: string): Map<string, Deal> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-rel-'));
  writeFileSync(join(dir, 'reps.csv'), 'name\nAnn\n');
  writeFileSync(join(dir, 'deals.csv'), `id,rep,account,stage,close_date,amount\n${deals}`);
  writeFileSync(join(dir, 'activities.csv'), `id,date,account,role,action\n${activities}`);
  const compiled = compilePlaybookSource('test.playbook', HEADER + scoring);
  expect(compiled.diagnostics).toEqual([]);
  const json = simulationJson(simulate(compiled.graph!, 'test.playbook', dir)) as { deals: Deal[] };
  return new Map(json.deals.map((d) => [d.id, d]));
}

describe('relationship score', () => {
  it('10 occurrences of a 2-point action give 20 when every time counts, 2 when once per month', () => {
    // Ten visits, all in March 2017, as of 2017-03-31.
    const acts = Array.from({ length: 10 }, (_, i) => `a${i},2017-03-${String(i + 1).padStart(2, '0')},X,technical,visit`).join('\n');
    const every = run('scoring "s"\n  action "visit" points 2\n', 'D1,Ann,X,Won,2017-03-31,100\n', acts);
    expect(every.get('D1')!.score).toBe(20); // 10 × 2
    const once = run('scoring "s"\n  action "visit" points 2 once per month\n', 'D1,Ann,X,Won,2017-03-31,100\n', acts);
    expect(once.get('D1')!.score).toBe(2); // only the first visit of March counts
    const atMost = run('scoring "s"\n  action "visit" points 2 at most 3 per month\n', 'D1,Ann,X,Won,2017-03-31,100\n', acts);
    expect(atMost.get('D1')!.score).toBe(6); // 3 × 2
  });

  it('the score is capped', () => {
    // 30 tours × 5 points = 150, capped at 100.
    const acts = Array.from({ length: 30 }, (_, i) => `a${i},2017-01-${String(i + 1).padStart(2, '0')},X,technical,tour`).join('\n');
    const r = run('scoring "s"\n  cap 100\n  action "tour" points 5\n', 'D1,Ann,X,Won,2017-03-31,100\n', acts);
    expect(r.get('D1')!.score).toBe(100);
  });

  it('decay at exactly one half-life halves the points', () => {
    // A 10-point trip 180 days before the as-of date with a 180-day half-life: 10 × 0.5 = 5.
    // 2017-06-29 is 180 days after 2017-01-01.
    const r = run('scoring "s"\n  half life 180 days\n  action "trip" points 10\n', 'D1,Ann,X,Won,2017-06-30,100\n', 'a1,2017-01-01,X,technical,trip\n');
    expect(r.get('D1')!.score).toBe(5);
  });

  it('an activity dated one day after the as-of date is ignored; one on the day counts', () => {
    const r = run('scoring "s"\n  action "tour" points 5\n', 'D1,Ann,X,Won,2017-03-10,100\n', 'a1,2017-03-10,X,technical,tour\na2,2017-03-11,X,technical,tour\n');
    expect(r.get('D1')!.score).toBe(5); // a2 is after the close date
    expect(r.get('D1')!.as_of).toBe('2017-03-10');
  });

  it('the look-back window counts ages 0 … days−1', () => {
    // Window 30 days, as of 2017-03-31: 2017-03-02 is 29 days old (counts), 2017-03-01 is 30 (does not).
    const r = run('scoring "s"\n  look back 30 days\n  action "tour" points 5\n', 'D1,Ann,X,Won,2017-03-31,100\n', 'a1,2017-03-01,X,technical,tour\na2,2017-03-02,X,technical,tour\n');
    expect(r.get('D1')!.score).toBe(5);
  });

  it('a role coefficient multiplies the points; the first matching weight wins', () => {
    // C-level meeting: 4 × 1.5 = 6; assistant meeting: 4 × 0.5 = 2; technical: 4 × 1 = 4. Total 12.
    const scoring = 'scoring "s"\n  action "meeting" points 4\n  weight 1.5 when role = "C-level"\n  weight 0.5 when role = "assistant"\n  weight 9 when role = "C-level"\n';
    const acts = 'a1,2017-03-01,X,C-level,meeting\na2,2017-03-02,X,assistant,meeting\na3,2017-03-03,X,technical,meeting\n';
    expect(run(scoring, 'D1,Ann,X,Won,2017-03-31,100\n', acts).get('D1')!.score).toBe(12);
  });

  it('each deal is scored on its own account and as of its own date; open deals as of the declared date', () => {
    const scoring = 'scoring "s"\n  open deals as of "2017-12-31"\n  action "tour" points 5\n';
    const deals = 'D1,Ann,X,Won,2017-02-01,100\nD2,Ann,Y,Lost,2017-05-01,100\nD3,Ann,X,Open,,100\n';
    const acts = 'a1,2017-01-15,X,technical,tour\na2,2017-04-01,Y,technical,tour\na3,2017-06-01,X,technical,tour\n';
    const r = run(scoring, deals, acts);
    expect(r.get('D1')!.score).toBe(5); // a1 only
    expect(r.get('D2')!.score).toBe(5); // a2 only (account Y)
    expect(r.get('D3')!.score).toBe(10); // a1 + a3, as of 2017-12-31
    expect(r.get('D3')!.as_of).toBe('2017-12-31');
  });
});

describe('indicators and tiers', () => {
  const scoring = `scoring "s"
  action "tour" points 5
  action "signed" points 6 once
  action "exec" points 4
indicator signed "Requirements signed" when count(activities where action = "signed") >= 1
indicator met "Met our leadership in the last 180 days" when count(activities where action = "exec" and age <= 180) >= 1
tier champion "Champion" when signed and met win probability 80%
tier supporter "Supporter" when score >= 10 win probability 45%
tier neutral "Neutral" when score >= 5 win probability 25%
tier opposed "Opposed" otherwise win probability 10%
`;

  it('tiers match first to last', () => {
    const deals = 'D1,Ann,A,Won,2017-06-30,100\nD2,Ann,B,Won,2017-06-30,100\nD3,Ann,C,Lost,2017-06-30,100\nD4,Ann,D,Lost,2017-06-30,100\n';
    const acts = [
      // A: signed + exec → champion although its score (6 + 4 = 10) would also make it a supporter.
      'a1,2017-06-01,A,technical,signed', 'a2,2017-06-02,A,technical,exec',
      // B: two tours = 10 points, no indicators → supporter.
      'a3,2017-06-01,B,technical,tour', 'a4,2017-06-02,B,technical,tour',
      // C: one tour = 5 → neutral.
      'a5,2017-06-01,C,technical,tour',
      // D: nothing → opposed.
    ].join('\n');
    const r = run(scoring, deals, `${acts}\n`);
    expect([...r.values()].map((d) => [d.id, d.tier, d.win_probability])).toEqual([
      ['D1', 'champion', '0.8000'],
      ['D2', 'supporter', '0.4500'],
      ['D3', 'neutral', '0.2500'],
      ['D4', 'opposed', '0.1000'],
    ]);
  });

  it('an indicator with an age limit expires: an exec meeting 181 days before no longer counts, 180 still does', () => {
    // 2017-06-30 minus 180 days = 2017-01-01; minus 181 days = 2016-12-31.
    const deals = 'D1,Ann,A,Won,2017-06-30,100\nD2,Ann,B,Won,2017-06-30,100\n';
    const acts = 'a1,2017-06-01,A,technical,signed\na2,2017-01-01,A,technical,exec\na3,2017-06-01,B,technical,signed\na4,2016-12-31,B,technical,exec\n';
    const r = run(scoring, deals, acts);
    expect(r.get('D1')!.tier).toBe('champion');
    expect(r.get('D2')!.tier).toBe('supporter'); // 6 + 4 × 1 = 10 points, but the meeting is 181 days old
  });
});
