/**
 * A lost must-win deal (or a deal tripping a forfeit or review red line) with no close date: no
 * period holds it, so its forfeit reaches no one. That must be said, by both engines alike (found by
 * a trial user: rep B kept 5,000 with no word, while A's dated lost deal forfeited A's commission).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playbook, removeTempDirs, tempDir, TIMEOUT } from './helpers.js';

const PLAYBOOK = `playbook "Must win without a date"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026

table reps from "reps.csv"
  field name text column "name" key

table deals from "deals.csv"
  field id         text  column "id" key
  field rep        text  column "rep" lookup reps
  field account    text  column "account"
  field stage      text  column "stage"
  field close_date date  "YYYY-MM-DD" column "close_date" optional
  field amount     money column "amount"
  won when stage = "Won"
  lost when stage = "Lost"

credit deals when won to rep on close_date amount amount

commission "orders" on credited per year marginal
  from 0 pay 5%

must win "must-win" when account = "MustCo" forfeit all message "lost MustCo"
`;

const DEALS = 'id,rep,account,stage,close_date,amount\nD1,A,Acme,Won,2026-03-10,100000\nD2,A,MustCo,Lost,2026-10-10,500000\nD3,B,Acme,Won,2026-03-10,100000\nD4,B,MustCo,Lost,,500000\n';

describe('a tripping deal without a date is named, not dropped', () => {
  afterAll(removeTempDirs);
  const dir = tempDir();
  writeFileSync(join(dir, 'plan.playbook'), PLAYBOOK);
  writeFileSync(join(dir, 'reps.csv'), 'name\nA\nB\n');
  writeFileSync(join(dir, 'deals.csv'), DEALS);
  const warning = 'deals.csv:5: deal D4 is lost and falls under must-win rule "must-win", but its close_date is missing, so no period holds it and its forfeit applies to no one; give it a date';

  it('the JavaScript engine: A forfeits 5% of 100,000 for the dated loss, B keeps 5,000 and the undated loss is named', () => {
    const run = playbook('simulate', join(dir, 'plan.playbook'), '--data', dir, '--format', 'json');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.warnings).toEqual([warning]);
    const payout = Object.fromEntries(out.reps.map((r: { rep: string; payout: string }) => [r.rep, r.payout]));
    expect(payout).toEqual({ A: '0.00', B: '5000.00' });
  }, TIMEOUT);

  it('DuckDB gives the same JSON, warning included', () => {
    const js = playbook('simulate', join(dir, 'plan.playbook'), '--data', dir, '--format', 'json');
    const duck = playbook('simulate', join(dir, 'plan.playbook'), '--data', dir, '--format', 'json', '--engine', 'duckdb');
    expect(duck.status).toBe(0);
    expect(JSON.parse(duck.stdout).warnings).toEqual([warning]);
    expect(duck.stdout).toBe(js.stdout);
  }, TIMEOUT);
});
