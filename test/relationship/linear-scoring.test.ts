/**
 * The indexed relationship scoring (activities sorted per account once, windows found by
 * binary search, one score per account and as-of day, running totals for indicator counts)
 * gives exactly what a plain rescan of the account's whole history gives. The rescan below is
 * written from domain.md §1–2 alone (ages in whole days, look-back 0 … days−1, repetition
 * counted in date order inside the look-back, first matching weight, 0.5^(age ÷ half-life)
 * at the project's 40 significant digits, cap) and compared as exact decimals, deal by deal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';

const PLAYBOOK = `playbook "Linear scoring"
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
  field value money column "value" optional
credit deals when won to rep on close_date amount amount
scoring "s"
  look back 90 days · half life 30 days · cap 40
  open deals as of "2017-12-31"
  action "visit" points 0.1
  action "tour" points 5
  action "exec" points 4 at most 2 per month
  action "signed" points 6 once
  action "trip" points 3 once per quarter
  weight 1.5 when role = "C-level"
  weight 0.5 when role = "assistant"
indicator signed "Signed" when count(activities where action = "signed") >= 1
indicator recent_exec "Exec in the last 20 days" when count(activities where action = "exec" and age <= 20) >= 1
indicator old_tours "Two tours 10 to 40 days old" when count(activities where action = "tour" and age >= 10 and 40 > age) >= 2
indicator valued "Two valued C-level actions" when count(activities where role = "C-level" and value > 150) >= 2
indicator kinds "Three kinds of action in 60 days" when distinct(action of activities where age < 60) >= 3
tier champion "Champion" when signed and recent_exec win probability 80%
tier supporter "Supporter" when score >= 10 win probability 45%
tier opposed "Opposed" otherwise win probability 10%
`;

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const day = (text: string) => Date.parse(`${text}T00:00:00Z`);
const text = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Act { line: number; date: number; account: string; role: string; action: string; value: number | null }

const POINTS: Record<string, string> = { visit: '0.1', tour: '5', exec: '4', signed: '6', trip: '3' };

/** Score of one account as of a day, by rescanning its whole history (domain.md §1). */
function rescanScore(acts: Act[], asOf: number): Decimal {
  const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
  const seen = acts.filter((a) => a.date <= asOf).sort((x, y) => x.date - y.date || x.line - y.line);
  const used = new Map<string, number>();
  let total = new D(0);
  for (const a of seen) {
    const age = Math.round((asOf - a.date) / DAY);
    if (age >= 90) continue;
    const d = new Date(a.date);
    const month = `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
    const quarter = `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3)}`;
    const rule: Record<string, [string, number] | null> = { visit: null, tour: null, exec: [month, 2], signed: ['', 1], trip: [quarter, 1] };
    const r = rule[a.action];
    if (r) {
      const key = `${a.action}|${r[0]}`;
      const n = used.get(key) ?? 0;
      if (n >= r[1]) continue;
      used.set(key, n + 1);
    }
    const weight = a.role === 'C-level' ? '1.5' : a.role === 'assistant' ? '0.5' : '1';
    const decay = new D('0.5').pow(new D(age).div(30));
    total = total.plus(new D(POINTS[a.action]).mul(weight).mul(decay));
  }
  return total.gt(40) ? new D(40) : total;
}

/** The five indicators of one account as of a day, by rescanning its whole history (domain.md §2). */
function rescanIndicators(acts: Act[], asOf: number): boolean[] {
  const seen = acts.filter((a) => a.date <= asOf);
  const age = (a: Act) => Math.round((asOf - a.date) / DAY);
  return [
    seen.some((a) => a.action === 'signed'),
    seen.some((a) => a.action === 'exec' && age(a) <= 20),
    seen.filter((a) => a.action === 'tour' && age(a) >= 10 && age(a) < 40).length >= 2,
    seen.filter((a) => a.role === 'C-level' && a.value !== null && a.value > 150).length >= 2,
    new Set(seen.filter((a) => age(a) < 60).map((a) => a.action)).size >= 3,
  ];
}

describe('indexed relationship scoring', () => {
  it('gives every deal exactly the score, indicators and tier of a plain rescan', () => {
    const next = random(7);
    const accounts = ['A', 'B', 'C', 'D'];
    const actions = Object.keys(POINTS);
    const roles = ['C-level', 'assistant', 'technical'];
    const acts: Act[] = [];
    // 400 activities over 2017 (several on the same day), shuffled in the file.
    for (let i = 0; i < 400; i++) {
      const date = day('2017-01-01') + Math.floor(next() * 365) * DAY;
      acts.push({ line: i + 2, date, account: accounts[Math.floor(next() * 3)], role: roles[Math.floor(next() * 3)], action: actions[Math.floor(next() * 5)], value: next() < 0.5 ? Math.floor(next() * 300) : null });
    }
    const deals: { id: string; account: string; stage: string; close: number | null }[] = [];
    for (let i = 0; i < 150; i++) {
      const stage = ['Won', 'Lost', 'Open'][Math.floor(next() * 3)];
      deals.push({ id: `D${i}`, account: accounts[Math.floor(next() * 4)], stage, close: stage === 'Open' ? null : day('2017-01-01') + Math.floor(next() * 365) * DAY });
    }
    const dir = mkdtempSync(join(tmpdir(), 'pb-linear-'));
    writeFileSync(join(dir, 'reps.csv'), 'name\nAnn\n');
    writeFileSync(join(dir, 'deals.csv'), `id,rep,account,stage,close_date,amount\n${deals.map((d) => `${d.id},Ann,${d.account},${d.stage},${d.close === null ? '' : text(d.close)},100`).join('\n')}\n`);
    writeFileSync(join(dir, 'activities.csv'), `id,date,account,role,action,value\n${acts.map((a, i) => `a${i},${text(a.date)},${a.account},${a.role},${a.action},${a.value ?? ''}`).join('\n')}\n`);
    const compiled = compilePlaybookSource('linear.playbook', PLAYBOOK);
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = simulate(compiled.graph!, 'linear.playbook', dir).evaluation;

    const byId = new Map(result.deals.map((x) => [x.id, x]));
    let champions = 0;
    for (const d of deals) {
      const r = byId.get(d.id)!.relationship!;
      const asOf = d.close ?? day('2017-12-31');
      const history = acts.filter((a) => a.account === d.account);
      const score = rescanScore(history, asOf);
      const indicators = rescanIndicators(history, asOf);
      expect(r.asOf).toBe(text(asOf));
      expect(r.score!.toString(), `${d.id} score`).toBe(score.toString());
      expect(r.indicators, `${d.id} indicators`).toEqual(indicators);
      const tier = indicators[0] && indicators[1] ? 'champion' : score.gte(10) ? 'supporter' : 'opposed';
      if (tier === 'champion') champions++;
      expect(r.tier, `${d.id} tier`).toBe(tier);
    }
    // The data exercises every tier and both outcomes of every indicator.
    expect(champions).toBeGreaterThan(0);
    for (let k = 0; k < 5; k++) expect(new Set(result.deals.map((x) => x.relationship!.indicators[k])).size).toBe(2);
  });
});
