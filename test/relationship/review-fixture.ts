/**
 * A small hand-made history for the review list and the reps' view (the values are worked out by
 * hand in review-list.test.ts and rep-scores.test.ts). No fading (no half life), so points add up.
 *
 * Points: tour 5, visit 0.1, meeting 4 at most 1 per month; ×2 when the contact is C-level.
 * Indicators: toured (a tour ever), met_recently (a meeting in the last 30 days).
 * Tiers: champion (toured and met_recently) 80% · supporter (score ≥ 5) 45% · cold 10%.
 * Strategic accounts S1–S4 are reviewed; N1 is not.
 *
 *   activity  date        rep  account  role     action   points
 *   a1        2017-01-10  Ann  S1       C-level  tour     10 (5 × 2)
 *   a2        2017-03-02  Ann  S1       staff    meeting  4
 *   a3        2017-03-05  Ann  S1       staff    visit    0.1
 *   a4        2017-03-25  Ann  S1       staff    meeting  0 (second meeting in March)
 *   n1        2017-03-30  Ann  N1       staff    meeting  4
 *   n2        2017-03-31  Ann  N1       staff    meeting  0 (second meeting in March)
 *   b1        2017-02-01  Bob  S2       staff    visit    0.1
 *   b2        2017-02-15  Bob  S2       staff    visit    0.1
 *   b3        2017-03-10  Bob  S2       staff    visit    0.1
 *   c1        2017-02-10  Cy   S3       staff    tour     5
 *   c2        2017-02-20  Cy   S3       staff    meeting  4
 *
 * Deals: D1 Ann S1 open · D2 Bob S2 won 2017-03-15 · D3 Ann N1 open · D4 Cy S3 open · D5 Ann S4 lost 2017-01-20.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { type Simulation, simulate } from '../../src/simulate/simulate.js';

export const REVIEW_PLAYBOOK = `playbook "Review test"
  currency USD · plan period 2017
table reps from "reps.csv"
  field name text column "name" key
table accounts from "accounts.csv"
  field id text column "id" key
  field strategic boolean column "strategic"
table deals from "deals.csv"
  field id text column "id" key
  field rep text column "rep" lookup reps
  field account text column "account" lookup accounts
  field stage text column "stage"
  field close_date date column "close_date" optional
  field amount money column "amount"
  won when stage = "Won"
  lost when stage = "Lost"
table activities from "activities.csv"
  field id text column "id" key
  field date date column "date"
  field rep text column "rep" lookup reps
  field account text column "account"
  field role text column "role"
  field action text column "action"
credit deals when won to rep on close_date amount amount
scoring "s"
  look back 365 days
  open deals as of "2017-03-31"
  review accounts when account.strategic
  action "tour" points 5
  action "visit" points 0.1
  action "meeting" points 4 at most 1 per month
  weight 2 when role = "C-level"
indicator toured "Toured our headquarters"
  when count(activities where action = "tour") >= 1
indicator met_recently "Met in the last 30 days"
  when count(activities where action = "meeting" and age <= 30) >= 1
tier champion when toured and met_recently win probability 80%
tier supporter when score >= 5 win probability 45%
tier cold otherwise win probability 10%
`;

/** Writes the history above to a temporary folder and simulates it. */
export function reviewSetup(playbook = REVIEW_PLAYBOOK): Simulation {
  const dir = mkdtempSync(join(tmpdir(), 'pb-review-'));
  writeFileSync(join(dir, 'reps.csv'), 'name\nAnn\nBob\nCy\n');
  writeFileSync(join(dir, 'accounts.csv'), 'id,strategic\nS1,yes\nS2,yes\nS3,yes\nS4,yes\nN1,no\n');
  writeFileSync(join(dir, 'deals.csv'), 'id,rep,account,stage,close_date,amount\nD1,Ann,S1,Open,,100\nD2,Bob,S2,Won,2017-03-15,100\nD3,Ann,N1,Open,,100\nD4,Cy,S3,Open,,100\nD5,Ann,S4,Lost,2017-01-20,100\n');
  writeFileSync(
    join(dir, 'activities.csv'),
    [
      'id,date,rep,account,role,action',
      'a1,2017-01-10,Ann,S1,C-level,tour',
      'a2,2017-03-02,Ann,S1,staff,meeting',
      'a3,2017-03-05,Ann,S1,staff,visit',
      'a4,2017-03-25,Ann,S1,staff,meeting',
      'n1,2017-03-30,Ann,N1,staff,meeting',
      'n2,2017-03-31,Ann,N1,staff,meeting',
      'b1,2017-02-01,Bob,S2,staff,visit',
      'b2,2017-02-15,Bob,S2,staff,visit',
      'b3,2017-03-10,Bob,S2,staff,visit',
      'c1,2017-02-10,Cy,S3,staff,tour',
      'c2,2017-02-20,Cy,S3,staff,meeting',
      '',
    ].join('\n'),
  );
  const compiled = compilePlaybookSource('review.playbook', playbook);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return simulate(compiled.graph!, 'review.playbook', dir);
}
