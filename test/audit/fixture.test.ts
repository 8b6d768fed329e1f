/**
 * `audit` on a small hand-made history: a block, a forfeit and a review red
 * line on deals plus a review red line on reps, two reps, several months, one
 * deal outside the plan period and one without a date. Every expected figure
 * is computed by hand in the comments.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/simulate/audit.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { MAX_TABLE_RECORDS, auditJson, formatAuditCsv, formatAuditJson, formatAuditTable } from '../../src/simulate/report-audit.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(scheme: string, files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'playbook-audit-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const compiled = compilePlaybookSource('scheme.playbook', scheme);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return audit(compiled.graph!, 'scheme.playbook', dir);
}

// Time zone Asia/Shanghai (UTC+8): closing timestamps are written in UTC and
// fall into the month of their Shanghai wall-clock time.
const SCHEME = `playbook "Audit fixture"
  currency USD · time zone "Asia/Shanghai" · fiscal year starts January
  plan period 2017
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text column "rep" key

table deals from "deals.csv"
  field id        text      column "id" key
  field rep       text      column "rep" lookup reps
  field account   text      column "account" optional
  field stage     text      column "stage"
  field closed_at timestamp column "closed_at" optional
  field amount    money     column "amount"
  field discount  percent   column "discount"
  field gift      money     column "gift"
  won  when stage = "Won"
  lost when stage = "Lost"

credit deals when won to rep on closed_at amount amount

commission "commission" on credited per year marginal
  from 0 pay 10%

bonus "deal bonus" per deal
  pay 100

red line "deep discount" on deals
  when won and discount > 20%
  block credit
  message "Deals more than 20% below list earn no credit"

red line "gift" on deals
  when gift > 500
  forfeit "deal bonus"
  message "A gift above 500 forfeits the deal bonus"

red line "big deal" on deals
  when amount >= 50,000
  review
  message "Deals of 50,000 or more are reviewed"

red line "low volume" on reps
  when credited < 15,000
  review
  message "Reps crediting under 15,000 a year are reviewed"
`;

// line  deal  rep  stage  closed_at (UTC)        → Shanghai   amount  disc  gift  trips
//  2    A1    ann  Won    2017-03-31T20:00:00Z   2017-04-01   10000   25%   0     deep discount (would credit → blocked)
//  3    A2    ann  Won    2017-04-10T02:00:00Z   2017-04-10    4000   30%   0     deep discount (blocked)
//  4    A3    ann  Lost   2017-05-05T02:00:00Z   2017-05-05    6000   30%   0     — (not won)
//  5    A4    ann  Won    2017-05-20T02:00:00Z   2017-05-20    8000    0%   800   gift
//  6    A5    ann  Won    2017-06-02T02:00:00Z   2017-06-02   60000    5%   0     big deal
//  7    B1    bob  Won    2017-04-15T02:00:00Z   2017-04-15    3000    0%   600   gift
//  8    B2    bob  Won    2017-05-15T02:00:00Z   2017-05-15   70000   22%   0     deep discount (blocked) + big deal
//  9    B3    bob  Lost   2017-05-20T02:00:00Z   2017-05-20   55000    0%   900   gift + big deal
// 10    B4    bob  Won    2016-12-31T15:00:00Z   2016-12-31    1000    0%   700   gift (outside plan 2017)
// 11    A6    ann  Won    (none)                 —             2000   50%   0     deep discount (no date: meets no credit rule, nothing blocked)
const DEALS = [
  'id,rep,account,stage,closed_at,amount,discount,gift',
  'A1,ann,Acme,Won,2017-03-31T20:00:00Z,10000,25%,0',
  'A2,ann,Acme,Won,2017-04-10T02:00:00Z,4000,30%,0',
  'A3,ann,Acme,Lost,2017-05-05T02:00:00Z,6000,30%,0',
  'A4,ann,"Globex, Inc",Won,2017-05-20T02:00:00Z,8000,0%,800',
  'A5,ann,Acme,Won,2017-06-02T02:00:00Z,60000,5%,0',
  'B1,bob,=1+2,Won,2017-04-15T02:00:00Z,3000,0%,600',
  'B2,bob,Initech,Won,2017-05-15T02:00:00Z,70000,22%,0',
  'B3,bob,Initech,Lost,2017-05-20T02:00:00Z,55000,0%,900',
  'B4,bob,Initech,Won,2016-12-31T15:00:00Z,1000,0%,700',
  'A6,ann,Acme,Won,,2000,50%,0',
].join('\n');
// Credited in 2017: ann A4 8000 + A5 60000 = 68,000 (A1, A2 blocked; A3 lost; A6 no date);
//                   bob B1 3000 = 3,000 (B2 blocked; B3 lost; B4 in 2016).
// Deal bonus (100 per credited deal): ann 2 × 100 = 200; bob 1 × 100 = 100.
// "low volume": bob 3,000 < 15,000 trips it; ann 68,000 does not.
const REPS = 'rep\nann\nbob\n'; // ann line 2, bob line 3

describe('audit on a hand-made history', () => {
  const result = run(SCHEME, { 'deals.csv': `${DEALS}\n`, 'reps.csv': REPS });
  const json = auditJson(result) as { playbook: Record<string, string>; redlines: Record<string, unknown>[]; records: Record<string, unknown>[] };
  const rule = (id: string) => json.redlines.find((r) => r.id === id)!;

  it('lists the red lines in declaration order with their effects', () => {
    expect(json.redlines.map((r) => [r.id, r.kind, r.subject, r.effect, r.forfeits])).toEqual([
      ['deep discount', 'redline', 'deals', 'block', []],
      ['gift', 'redline', 'deals', 'forfeit', ['deal bonus']],
      ['big deal', 'redline', 'deals', 'review', []],
      ['low volume', 'redline', 'reps', 'review', []],
    ]);
    expect(json.playbook).toMatchObject({ name: 'Audit fixture', currency: 'USD', time_zone: 'Asia/Shanghai', plan_period: '2017' });
  });

  it('block: 4 violations, 86,000 involved, 84,000 of credit blocked', () => {
    // A1 10000 + A2 4000 + B2 70000 + A6 2000 = 86,000 involved;
    // blocked: all but A6 (no closing date, so it would not have credited anyone) = 84,000.
    expect(rule('deep discount')).toMatchObject({ violations: 4, reps: 2, amount: '86000.00', credit_blocked: '84000.00', forfeited: '0.00', reviews: 0 });
    expect(rule('deep discount').by_rep_month).toEqual([
      // A1 closes 2017-03-31 20:00 UTC = 2017-04-01 04:00 in Shanghai, so April, with A2: 10000 + 4000.
      { rep: 'ann', month: '2017-04', violations: 2, amount: '14000.00', credit_blocked: '14000.00', forfeited: '0.00', reviews: 0 },
      // A6 has no closing date: no month, nothing blocked; listed last.
      { rep: 'ann', month: null, violations: 1, amount: '2000.00', credit_blocked: '0.00', forfeited: '0.00', reviews: 0 },
      { rep: 'bob', month: '2017-05', violations: 1, amount: '70000.00', credit_blocked: '70000.00', forfeited: '0.00', reviews: 0 },
    ]);
  });

  it('forfeit: 4 violations, 67,000 involved, 300 forfeited, charged to the first offending month in the plan', () => {
    // Involved: A4 8000 + B4 1000 + B1 3000 + B3 55000 = 67,000.
    // Forfeited: ann's deal bonus 200 + bob's deal bonus 100 = 300.
    expect(rule('gift')).toMatchObject({ violations: 4, reps: 2, amount: '67000.00', credit_blocked: '0.00', forfeited: '300.00', reviews: 0 });
    expect(rule('gift').by_rep_month).toEqual([
      { rep: 'ann', month: '2017-05', violations: 1, amount: '8000.00', credit_blocked: '0.00', forfeited: '200.00', reviews: 0 },
      // B4 (2016-12) is outside plan period 2017: it forfeits nothing; bob's 100 goes to B1's month, 2017-04.
      { rep: 'bob', month: '2016-12', violations: 1, amount: '1000.00', credit_blocked: '0.00', forfeited: '0.00', reviews: 0 },
      { rep: 'bob', month: '2017-04', violations: 1, amount: '3000.00', credit_blocked: '0.00', forfeited: '100.00', reviews: 0 },
      { rep: 'bob', month: '2017-05', violations: 1, amount: '55000.00', credit_blocked: '0.00', forfeited: '0.00', reviews: 0 },
    ]);
  });

  it('review: 3 cases, 185,000 involved', () => {
    // A5 60000 + B2 70000 + B3 55000 = 185,000; one case per deal.
    expect(rule('big deal')).toMatchObject({ violations: 3, reps: 2, amount: '185000.00', credit_blocked: '0.00', forfeited: '0.00', reviews: 3 });
    expect(rule('big deal').by_rep_month).toEqual([
      { rep: 'ann', month: '2017-06', violations: 1, amount: '60000.00', credit_blocked: '0.00', forfeited: '0.00', reviews: 1 },
      { rep: 'bob', month: '2017-05', violations: 2, amount: '125000.00', credit_blocked: '0.00', forfeited: '0.00', reviews: 2 },
    ]);
  });

  it("a red line on reps lists the rep's row in the reps file", () => {
    expect(rule('low volume')).toMatchObject({ violations: 1, reps: 1, amount: '0.00', reviews: 1 });
    expect(rule('low volume').by_rep_month).toEqual([{ rep: 'bob', month: null, violations: 1, amount: '0.00', credit_blocked: '0.00', forfeited: '0.00', reviews: 1 }]);
    expect(json.records.filter((r) => r.redline === 'low volume')).toEqual([
      { redline: 'low volume', effect: 'review', subject: 'reps', rep: 'bob', account: null, deal: null, activity: null, stage: null, date: null, month: null, amount: null, credit_blocked: false, file: 'reps.csv', line: 3 },
    ]);
  });

  it('lists every offending record with its source line, sorted by red line, rep, month, deal id', () => {
    const brief = json.records.map((r) => `${r.redline}|${r.rep}|${r.month}|${r.deal}|${r.date}|${r.amount}|${r.file}:${r.line}`);
    expect(brief).toEqual([
      'deep discount|ann|2017-04|A1|2017-04-01|10000.00|deals.csv:2',
      'deep discount|ann|2017-04|A2|2017-04-10|4000.00|deals.csv:3',
      'deep discount|ann|null|A6|null|2000.00|deals.csv:11',
      'deep discount|bob|2017-05|B2|2017-05-15|70000.00|deals.csv:8',
      'gift|ann|2017-05|A4|2017-05-20|8000.00|deals.csv:5',
      'gift|bob|2016-12|B4|2016-12-31|1000.00|deals.csv:10',
      'gift|bob|2017-04|B1|2017-04-15|3000.00|deals.csv:7',
      'gift|bob|2017-05|B3|2017-05-20|55000.00|deals.csv:9',
      'big deal|ann|2017-06|A5|2017-06-02|60000.00|deals.csv:6',
      'big deal|bob|2017-05|B2|2017-05-15|70000.00|deals.csv:8',
      'big deal|bob|2017-05|B3|2017-05-20|55000.00|deals.csv:9',
      'low volume|bob|null|null|null|null|reps.csv:3',
    ]);
    expect(json.records.filter((r) => r.credit_blocked).map((r) => r.deal)).toEqual(['A1', 'A2', 'B2']);
  });

  it('csv: one row per record, formulas neutralised, commas quoted, money with 2 digits', () => {
    const lines = formatAuditCsv(result).trimEnd().split('\n');
    expect(lines[0]).toBe('red_line,effect,rep,account,deal_id,activity_id,stage,date,month,amount,credit_blocked,source');
    expect(lines).toHaveLength(1 + 12);
    expect(lines[1]).toBe('deep discount,block,ann,Acme,A1,,won,2017-04-01,2017-04,10000.00,true,deals.csv:2');
    expect(lines).toContain('gift,forfeit,ann,"Globex, Inc",A4,,won,2017-05-20,2017-05,8000.00,false,deals.csv:5');
    expect(lines).toContain("gift,forfeit,bob,'=1+2,B1,,won,2017-04-15,2017-04,3000.00,false,deals.csv:7");
    expect(lines[12]).toBe('low volume,review,bob,,,,,,,,,reps.csv:3');
  });

  it('table: summary per red line, then per rep and month, then the records', () => {
    const text = formatAuditTable(result);
    const at = (s: string) => text.indexOf(s);
    expect(at('Red lines')).toBeGreaterThan(0);
    expect(at('By rep and month')).toBeGreaterThan(at('Red lines'));
    expect(at('Offending records (12)')).toBeGreaterThan(at('By rep and month'));
    expect(text).toMatch(/deep discount\s+block credit\s+4\s+2\s+86,000\.00\s+84,000\.00\n/);
    expect(text).toMatch(/gift\s+forfeit deal bonus\s+4\s+2\s+67,000\.00\s+300\.00\n/);
    expect(text).toMatch(/low volume\s+bob\s+2017\s+1\s+1\n/);
    expect(text).toMatch(/gift\s+bob\s+=1\+2\s+B1\s+2017-04-15\s+3,000\.00\s+deals\.csv:7\n/);
    expect(text).not.toContain('more, see --format csv');
  });

  it('json is deterministic', () => {
    expect(formatAuditJson(run(SCHEME, { 'deals.csv': `${DEALS}\n`, 'reps.csv': REPS }))).toBe(formatAuditJson(result));
  });
});

describe('audit table cap', () => {
  it(`prints at most ${MAX_TABLE_RECORDS} records, then says how many more`, () => {
    // 205 deals of 100 with a 600 gift: 205 gift violations; ann credits 20,500 (not low volume),
    // bob credits 0 (low volume): 206 records, the 200 printed are D000 … D199.
    const rows = Array.from({ length: 205 }, (_, i) => `D${String(i).padStart(3, '0')},ann,Acme,Won,2017-02-01T02:00:00Z,100,0%,600`);
    const result = run(SCHEME, { 'deals.csv': ['id,rep,account,stage,closed_at,amount,discount,gift', ...rows].join('\n'), 'reps.csv': REPS });
    expect(result.records).toHaveLength(206);
    const text = formatAuditTable(result);
    expect(text.match(/deals\.csv:\d+/g)).toHaveLength(200);
    expect(text).toContain('D199');
    expect(text).not.toContain('D200');
    expect(text).toContain('… and 6 more, see --format csv');
    expect(formatAuditCsv(result).trimEnd().split('\n')).toHaveLength(1 + 206);
  });
});

describe('audit of a red line on activities', () => {
  // The engine checks activities dated in the plan period (2017) only.
  const scheme = `playbook "Audit activities"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2017
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text column "rep" key

table deals from "deals.csv"
  field id         text  column "id" key
  field rep        text  column "rep" lookup reps
  field stage      text  column "stage"
  field close_date date "YYYY-MM-DD" column "close_date"
  field amount     money column "amount"
  won when stage = "Won"

table activities from "activities.csv"
  field id      text  column "id" key
  field date    date "YYYY-MM-DD" column "date"
  field rep     text  column "rep" lookup reps
  field account text  column "account"
  field action  text  column "action"
  field value   money column "value" optional

credit deals when won to rep on close_date amount amount

bonus "deal bonus" per deal
  pay 100

red line "gifts" on activities
  when action = "gift" and value > 2,000
  forfeit "deal bonus"
  message "Gifts above 2,000 forfeit the deal bonus"
`;
  const result = run(scheme, {
    'reps.csv': REPS,
    // ann credits D1 and D2 (deal bonus 2 × 100 = 200); bob credits D3 (100).
    'deals.csv': 'id,rep,stage,close_date,amount\nD1,ann,Won,2017-02-01,1000\nD2,ann,Won,2017-03-01,1000\nD3,bob,Won,2017-04-01,1000\n',
    // line 2: G1 ann 2017-05-10 gift 2500 → trips      line 3: G2 ann 2017-03-01 gift 2000 → not above 2,000
    // line 4: G3 bob 2016-11-30 gift 9000 → outside the plan period, not checked
    // line 5: G4 ann 2017-02-20 gift 3000 → trips      line 6: G5 bob 2017-07-04 visit 5000 → not a gift
    'activities.csv': 'id,date,rep,account,action,value\nG1,2017-05-10,ann,Acme,gift,2500\nG2,2017-03-01,ann,Acme,gift,2000\nG3,2016-11-30,bob,Acme,gift,9000\nG4,2017-02-20,ann,Acme,gift,3000\nG5,2017-07-04,bob,Acme,visit,5000\n',
  });
  const json = auditJson(result) as { redlines: Record<string, unknown>[]; records: Record<string, unknown>[] };

  it('lists the offending activities with their file and line, and charges the forfeit to the first month', () => {
    // G4 (2017-02) + G1 (2017-05): 2 violations, 3000 + 2500 = 5,500; ann forfeits her deal bonus 200,
    // charged to 2017-02 (G4, her first offending activity).
    expect(json.redlines[0]).toMatchObject({ id: 'gifts', subject: 'activities', effect: 'forfeit', violations: 2, reps: 1, amount: '5500.00', forfeited: '200.00' });
    expect(json.redlines[0].by_rep_month).toEqual([
      { rep: 'ann', month: '2017-02', violations: 1, amount: '3000.00', credit_blocked: '0.00', forfeited: '200.00', reviews: 0 },
      { rep: 'ann', month: '2017-05', violations: 1, amount: '2500.00', credit_blocked: '0.00', forfeited: '0.00', reviews: 0 },
    ]);
    expect(json.records.map((r) => `${r.subject}|${r.rep}|${r.account}|${r.deal}|${r.activity}|${r.date}|${r.amount}|${r.file}:${r.line}`)).toEqual([
      'activities|ann|Acme|null|G4|2017-02-20|3000.00|activities.csv:5',
      'activities|ann|Acme|null|G1|2017-05-10|2500.00|activities.csv:2',
    ]);
    expect(formatAuditCsv(result).split('\n')[1]).toBe('gifts,forfeit,ann,Acme,,G4,,2017-02-20,2017-02,3000.00,false,activities.csv:5');
  });
});
