/**
 * The activities path's fast ways (issue 10, second pass) pinned against a plain rescan written
 * from domain.md §1–2, on random data (fast-check): per-activity slots and day numbers, periods
 * worked out from the day, weights decided once per code of the role, deals grouped by counting
 * sorts, capped sums told without their Decimal, Decimals made from limbs, indicator counts from
 * the scorer's actions (`action = …`, `action in (…)`, no row condition, an action the scoring does
 * not know), indicators and tiers evaluated in the scorer's deal order, and the red line on
 * activities settled by the code of its action. Ties (several activities a day, deals of one
 * account on one day), caps low and high, `once`, `at most N per month`, `once per quarter` and
 * weights are all exercised; every deal is compared exactly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';

const playbook = (cap: number, halfLife: number) => `playbook "Scoring paths"
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
  field rep text column "rep"
  field account text column "account"
  field role text column "role"
  field action text column "action"
  field value money column "value" optional
credit deals when won to rep on close_date amount amount
red line "gifts" on activities
  when action in ("tour", "trip") and value > 150
  review
  message "Tours and trips above 150 go to review"
scoring "s"
  look back 90 days · half life ${halfLife} days · cap ${cap}
  open deals as of "2017-12-31"
  action "visit" points 0.1
  action "tour" points 5
  action "exec" points 4 at most 2 per month
  action "signed" points 6 once
  action "trip" points 3 once per quarter
  weight 1.5 when role = "C-level"
  weight 0.5 when role = "assistant"
indicator signed "Signed" when count(activities where action = "signed") >= 1
indicator recent_exec "Exec in the last 20 days" when count(activities where "exec" = action and age <= 20) >= 1
indicator tours_or_visits "Three tours or visits 10 to 40 days old" when count(activities where action in ("tour", "visit") and age >= 10 and 40 > age) >= 3
indicator busy "Five actions in 30 days" when count(activities where age <= 30) >= 5
indicator emailed "An email" when count(activities where action = "email") >= 1
tier champion "Champion" when signed and recent_exec win probability 80%
tier supporter "Supporter" when score >= 10 win probability 45%
tier opposed "Opposed" otherwise win probability 10%
`;

const DAY = 86_400_000;
const DAY0 = Date.parse('2016-11-01T00:00:00Z');
const text = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const POINTS: Record<string, string> = { visit: '0.1', tour: '5', exec: '4', signed: '6', trip: '3' };
const ACTIONS = [...Object.keys(POINTS), 'email'];
const ROLES = ['C-level', 'assistant', 'technical'];

interface Act { line: number; date: number; account: number; role: number; action: number; value: number | null }
interface Deal { account: number; stage: number; day: number }

/** Score of one account as of a day, rescanning its history (domain.md §1). */
function rescanScore(acts: Act[], asOf: number, cap: number, halfLife: number): Decimal {
  const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
  const seen = acts.filter((a) => a.date <= asOf).sort((x, y) => x.date - y.date || x.line - y.line);
  const used = new Map<string, number>();
  let total = new D(0);
  for (const a of seen) {
    const action = ACTIONS[a.action];
    const age = Math.round((asOf - a.date) / DAY);
    if (age >= 90 || action === 'email') continue;
    const d = new Date(a.date);
    const rule: Record<string, [string, number] | null> = { visit: null, tour: null, exec: [`${d.getUTCFullYear()}-${d.getUTCMonth()}`, 2], signed: ['', 1], trip: [`${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3)}`, 1] };
    const r = rule[action];
    if (r) {
      const key = `${action}|${r[0]}`;
      const n = used.get(key) ?? 0;
      if (n >= r[1]) continue;
      used.set(key, n + 1);
    }
    const weight = ROLES[a.role] === 'C-level' ? '1.5' : ROLES[a.role] === 'assistant' ? '0.5' : '1';
    total = total.plus(new D(POINTS[action]).mul(weight).mul(new D('0.5').pow(new D(age).div(halfLife))));
  }
  return total.gt(cap) ? new D(cap) : total;
}

function rescanIndicators(acts: Act[], asOf: number): boolean[] {
  const seen = acts.filter((a) => a.date <= asOf);
  const age = (a: Act) => Math.round((asOf - a.date) / DAY);
  const is = (a: Act, ...names: string[]) => names.includes(ACTIONS[a.action]);
  return [
    seen.some((a) => is(a, 'signed')),
    seen.some((a) => is(a, 'exec') && age(a) <= 20),
    seen.filter((a) => is(a, 'tour', 'visit') && age(a) >= 10 && age(a) < 40).length >= 3,
    seen.filter((a) => age(a) <= 30).length >= 5,
    seen.some((a) => is(a, 'email')),
  ];
}

const scenario = fc.record({
  accounts: fc.integer({ min: 1, max: 5 }),
  // A short span of days gives ties: several activities a day, deals of one account on one day.
  span: fc.integer({ min: 20, max: 420 }),
  cap: fc.constantFrom(3, 40, 1000),
  halfLife: fc.constantFrom(7, 30),
  acts: fc.array(fc.record({ day: fc.nat(), account: fc.nat(), role: fc.nat(2), action: fc.nat(5), value: fc.option(fc.integer({ min: 0, max: 300 })) }), { maxLength: 160 }),
  deals: fc.array(fc.record({ account: fc.nat(), stage: fc.nat(2), day: fc.nat() }), { minLength: 1, maxLength: 40 }),
});

describe('the activities path: fast ways against a plain rescan', () => {
  it('every deal gets the rescan\'s score, indicators and tier, and the red line the plain filter\'s activities', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const acts: Act[] = s.acts.map((a, i) => ({ line: i + 2, date: DAY0 + (a.day % s.span) * DAY, account: a.account % s.accounts, role: a.role, action: a.action, value: a.value }));
        // Deals on one more account than the activities have (scored with no history).
        const deals: Deal[] = s.deals.map((d) => ({ account: d.account % (s.accounts + 1), stage: d.stage, day: DAY0 + (d.day % s.span) * DAY }));
        const dir = mkdtempSync(join(tmpdir(), 'pb-paths-'));
        try {
          writeFileSync(join(dir, 'reps.csv'), 'name\nAnn\n');
          writeFileSync(join(dir, 'deals.csv'), `id,rep,account,stage,close_date,amount\n${deals.map((d, i) => `D${i},Ann,acc${d.account},${['Won', 'Lost', 'Open'][d.stage]},${d.stage === 2 ? '' : text(d.day)},100`).join('\n')}\n`);
          writeFileSync(join(dir, 'activities.csv'), `id,date,rep,account,role,action,value\n${acts.map((a, i) => `a${i},${text(a.date)},Ann,acc${a.account},${ROLES[a.role]},${ACTIONS[a.action]},${a.value ?? ''}`).join('\n')}\n`);
          const compiled = compilePlaybookSource('paths.playbook', playbook(s.cap, s.halfLife));
          expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          const result = simulate(compiled.graph!, 'paths.playbook', dir).evaluation;
          deals.forEach((d, i) => {
            const r = result.deals.find((x) => x.id === `D${i}`)!.relationship!;
            const asOf = d.stage === 2 ? Date.parse('2017-12-31T00:00:00Z') : d.day;
            const history = acts.filter((a) => a.account === d.account);
            const score = rescanScore(history, asOf, s.cap, s.halfLife);
            const indicators = rescanIndicators(history, asOf);
            expect(r.asOf).toBe(text(asOf));
            expect(r.score!.toString(), `D${i} score`).toBe(score.toString());
            expect(r.indicators, `D${i} indicators`).toEqual(indicators);
            expect(r.tier, `D${i} tier`).toBe(indicators[0] && indicators[1] ? 'champion' : score.gte(10) ? 'supporter' : 'opposed');
          });
          const trips = result.redlines.find((x) => x.subject === 'activities')!.activityTrips!.map((t) => t.id);
          const plain = acts.flatMap((a, i) => (['tour', 'trip'].includes(ACTIONS[a.action]) && a.value !== null && a.value > 150 && new Date(a.date).getUTCFullYear() === 2017 ? [`a${i}`] : []));
          expect(trips).toEqual(plain);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });
});
