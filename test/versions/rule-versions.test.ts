/**
 * Plan versions of bonuses, red lines and rankings (issue 11) replayed and compared:
 * `--under-version DAY` judges every deal and period by the version in force on DAY, and
 * `compare` says so; two playbooks whose versions fall on the same days are compared version
 * by version. The data are the conformance folders versions-bonus-amount,
 * versions-red-line-threshold and versions-ranking-reward; every amount below is worked by
 * hand from their CSV files (see the comments), not read back from the engine.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { underVersion, versionedRules } from '../../src/graph/replay.js';
import { exportJsonRulesEngine } from '../../src/interop/jre/export.js';
import { diffGraphs } from '../../src/simulate/compare/graph-diff.js';
import { formatExplanationText } from '../../src/simulate/explain/format.js';
import { explainer } from '../../src/simulate/explain/index.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { loadData, simulate } from '../../src/simulate/simulate.js';
import { ROOT, TIMEOUT, playbook } from '../cli/helpers.js';

const BONUS = 'test/conformance/versions-bonus-amount';
const RED_LINE = 'test/conformance/versions-red-line-threshold';
const RANKING = 'test/conformance/versions-ranking-reward';
const source = (dir: string) => readFileSync(join(ROOT, dir, 'scheme.playbook'), 'utf8');
const compiled = (dir: string, text = source(dir)) => compilePlaybookSource(`${dir}/scheme.playbook`, text).graph!;

interface RepJson {
  rep: string;
  payout: string;
  credited: string;
  lines: { component: string; amount: string }[];
  reviews: { rule: string; period: string }[];
}
function reps(dir: string, day: string): Map<string, RepJson> {
  const r = playbook('simulate', `${dir}/scheme.playbook`, '--data', dir, '--under-version', day, '--format', 'json');
  expect(r.status, r.stderr).toBe(0);
  return new Map((JSON.parse(r.stdout).reps as RepJson[]).map((x) => [x.rep, x]));
}
const line = (rep: RepJson, component: string) => rep.lines.filter((l) => l.component === component).reduce((s, l) => s + Number(l.amount), 0);

describe('the replay names and fixes every versioned rule', () => {
  it('lists bonuses, red lines and rankings among the versioned rules', () => {
    expect(versionedRules(compiled(BONUS)).map((r) => r.rule)).toEqual(['bonus "big deal"', 'bonus "quarter on target"']);
    expect(versionedRules(compiled(RED_LINE)).map((r) => r.rule)).toEqual(['red line "margin floor"', 'red line "low volume"']);
    expect(versionedRules(compiled(RANKING)).map((r) => r.rule)).toEqual(['ranking "quarterly ranking"']);
  });
  it('keeps only the version in force on the day', () => {
    const g = underVersion(compiled(RANKING), '2026-09-01');
    const node = g.nodes.find((n) => n.kind === 'ranking')!;
    expect(node.kind === 'ranking' && node.versions).toBeUndefined();
    expect(node.kind === 'ranking' && [node.top, node.bottom]).toEqual([
      { ratio: '0.6', reward: '300' },
      { ratio: '0.1', reward: '-50', review: false },
    ]);
  });
  it('refuses a day before every version, naming the rule', () => {
    expect(() => underVersion(compiled(RED_LINE), '2025-12-31')).toThrow('no version of red line "margin floor" is in force on that day (its versions: 2026-01-01 to 2026-06-30, from 2026-07-01)');
  });
});

describe('simulate --under-version', () => {
  it('bonuses under the first versions: r1 big deal 420, quarter on target 1,000', { timeout: TIMEOUT }, () => {
    const r = reps(BONUS, '2026-01-01');
    // big deal, 1% of deals ≥ 10,000: D1 12,000 → 120; D4 30,000 → 300; D2 8,000 and D3 6,000 pay nothing.
    expect(line(r.get('r1')!, 'big deal')).toBe(420);
    // quarter on target ≥ 20,000 pays 1,000: only Q3 (36,000).
    expect(line(r.get('r1')!, 'quarter on target')).toBe(1000);
    // r2: D5 25,000 → 250; Q2 25,000 → 1,000.
    expect(r.get('r2')!.payout).toBe('1250.00');
  });
  it('bonuses under the second versions: r1 big deal 4 × 500, quarter on target 2,000', { timeout: TIMEOUT }, () => {
    const r = reps(BONUS, '2026-08-15');
    // 500 on every deal ≥ 5,000: D1, D2, D3, D4.
    expect(line(r.get('r1')!, 'big deal')).toBe(2000);
    // ≥ 35,000 in a quarter pays 2,000: Q3 36,000.
    expect(r.get('r1')!.payout).toBe('4000.00');
    // r2: D5 → 500, D6 4,000 nothing; no quarter reaches 35,000.
    expect(r.get('r2')!.payout).toBe('500.00');
  });
  it('red lines under the second versions: a 25% margin floor all year and a 10,000 review', { timeout: TIMEOUT }, () => {
    const r = reps(RED_LINE, '2026-07-01');
    // A1 22% is now blocked too: ann has nothing credited, and is reviewed (0 < 10,000).
    expect(r.get('ann')!.credited).toBe('0.00');
    expect(r.get('ann')!.reviews.map((x) => x.rule)).toEqual(['low volume']);
    // B1 18% blocked under both; B2 30% credited.
    expect(r.get('bob')!.credited).toBe('20000.00');
  });
  it('the ranking under the first version: top 1 rep rewarded 100 in Q1 and Q3, bottom reviewed', { timeout: TIMEOUT }, () => {
    const r = reps(RANKING, '2026-01-01');
    // Q1: r1 5,000 top (100), r3 0 bottom; Q3: r2 4,000 top (100), r1 1,000 bottom (review, no penalty).
    expect([...r.values()].map((x) => [x.rep, x.payout])).toEqual([
      ['r1', '100.00'],
      ['r2', '100.00'],
      ['r3', '0.00'],
    ]);
    expect(r.get('r1')!.reviews.map((x) => x.period)).toEqual(['2026-Q3']);
  });
});

describe('compare lists the changes of versioned bonuses, red lines and rankings', () => {
  it('A against A replayed: the rule change says which version judged everything', { timeout: TIMEOUT }, () => {
    const r = playbook('compare', `${RANKING}/scheme.playbook`, '--data', RANKING, '--under-version', '2026-01-01', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(JSON.stringify(json)).toContain('every period ranked under the version from 2026-01-01 until 2026-08-14 (as written, each period is ranked under the version in force on its last day');
    // As written r1 gets Q1 100 + Q3 −50 = 50 (see expected.json); replayed under the first version, Q1 100 and Q3 bottom with no penalty: 100.
    const r1 = json.reps.find((x: { rep: string }) => x.rep === 'r1');
    expect([r1.a.payout, r1.b.payout, r1.difference]).toEqual(['50.00', '100.00', '50.00']);
  });
  it('two playbooks with versions on the same days: the change is named by its version', () => {
    const a = compiled(BONUS);
    const b = compiled(BONUS, source(BONUS).replace('when credited >= 35,000\n  pay 2,000', 'when credited >= 30,000\n  pay 2,500'));
    const changes = diffGraphs(a, b).filter((c) => c.rule === 'bonus "quarter on target"');
    expect(changes.map((c) => c.what)).toEqual(['version from 2026-08-15: when credited >= 30000 (was credited >= 35000)', 'version from 2026-08-15: pays 2500 (was 2000)']);
  });
  it('a red line that gains a version: the versions and the new threshold are listed', () => {
    const plain = source(RED_LINE)
      .replace(/red line "margin floor" on deals effective from "2026-07-01"[\s\S]*?earn no credit"\n/, '')
      .replace('red line "margin floor" on deals effective from "2026-01-01" until "2026-06-30"', 'red line "margin floor" on deals');
    const changes = diffGraphs(compiled(RED_LINE, plain), compiled(RED_LINE)).filter((c) => c.rule === 'red line "margin floor"');
    expect(changes.map((c) => c.what)[0]).toBe('2 versions: from 2026-01-01 until 2026-06-30; from 2026-07-01 (was one version for the whole plan period)');
  });
});

describe('explain reads the version that judged a deal', () => {
  const graph = compiled(RED_LINE);
  const tables = loadData(graph, join(ROOT, RED_LINE)).dataset.tables;
  const deal = (id: string) => {
    const x = explainer(graph, tables).explain({ deal: id });
    if (x.kind !== 'deal') throw new Error('a deal explanation');
    return x.deal.redlines.find((r) => r.id === 'margin floor')!;
  };
  it('A2, closed 1 August at 22% margin: the second version (under 25%) trips, with its message', () => {
    const r = deal('A2');
    expect([r.tripped, r.reading.condition, r.reading.result]).toEqual([true, 'won and margin < 25%', true]);
    expect(r.message).toBe('Deals under 25% gross margin earn no credit (version from 2026-07-01)');
  });
  it('ann\'s payout: her blocked deal A2 quotes the second version\'s message', () => {
    const x = explainer(graph, tables).explain({ rep: 'ann' });
    if (x.kind !== 'rep') throw new Error('a rep explanation');
    expect(formatExplanationText(x, 2)).toMatch(/deal A2 +10,000\.00 +deals\.csv:3\n +margin floor: Deals under 25% gross margin earn no credit\n/);
  });
  it('A1, closed 1 March at the same 22%: the first version (under 20%) does not trip', () => {
    const r = deal('A1');
    expect([r.tripped, r.reading.condition, r.reading.result]).toEqual([false, 'won and margin < 20%', false]);
  });
});

describe('a red line on activities with versions judges each activity by its date', () => {
  it('a gift of 1,500 passes in March (limit 2,000) and is reviewed in August (limit 1,000)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-versions-activities-'));
    writeFileSync(join(dir, 'reps.csv'), 'rep\nr1\nr2\n');
    writeFileSync(join(dir, 'deals.csv'), 'id,rep,stage,close_date,amount\nD1,r1,Won,2026-02-01,1000\nD2,r2,Won,2026-02-01,1000\n');
    // AC1 1,500 on 1 March (first version: not above 2,000); AC2 1,500 on 1 August (second: above 1,000); AC3 900 in September (not above 1,000).
    writeFileSync(join(dir, 'activities.csv'), 'id,date,rep,account,action,value\nAC1,2026-03-01,r1,A1,gift,1500\nAC2,2026-08-01,r2,A1,gift,1500\nAC3,2026-09-01,r1,A1,gift,900\n');
    const text = `playbook "Activities versions"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text column "rep" key

table deals from "deals.csv"
  field id         text  key
  field rep        text  lookup reps
  field stage      text
  field close_date date "YYYY-MM-DD"
  field amount     money
  won when stage = "Won"

table activities from "activities.csv"
  field id      text  key
  field date    date "YYYY-MM-DD"
  field rep     text  lookup reps
  field account text
  field action  text
  field value   money

credit deals when won to rep on close_date amount amount

red line "gifts" on activities effective from "2026-01-01" until "2026-06-30"
  when action = "gift" and value > 2,000
  review
  message "Gifts above 2,000"

red line "gifts" on activities effective from "2026-07-01"
  when action = "gift" and value > 1,000
  review
  message "Gifts above 1,000"
`;
    const graph = compilePlaybookSource('scheme.playbook', text).graph!;
    const e = simulate(graph, 'scheme.playbook', dir).evaluation;
    expect(e.reps.map((r) => [r.rep, r.reviews.map((x) => x.reason)])).toEqual([
      ['r1', []],
      ['r2', ['Gifts above 1,000 (activity AC2)']],
    ]);
    // One case, 1,500 involved; the summary quotes each version's message with its days.
    expect([e.redlines[0].deals, e.redlines[0].amount.toFixed(), e.redlines[0].message]).toEqual([1, '1500', 'from 2026-01-01 until 2026-06-30: Gifts above 2,000; from 2026-07-01: Gifts above 1,000']);
  });
});

describe('compile --target json-rules-engine leaves versioned red lines and bonuses out, saying why', () => {
  it('the margin floor with two versions is listed as not exported, with its versions', () => {
    const doc = exportJsonRulesEngine(compiled(RED_LINE));
    const left = doc.notExported.find((n) => n.id === 'redline:margin floor')!;
    expect(left.reason).toBe('it has 2 plan versions (from 2026-01-01 until 2026-06-30; from 2026-07-01): each record is judged by the version in force on its date, which one exported rule cannot say');
    expect(doc.subjects.flatMap((s) => s.rules.map((r) => r.name))).not.toContain('redline:margin floor');
    expect(exportJsonRulesEngine(compiled(BONUS)).notExported.map((n) => n.id)).toContain('bonus:big deal');
  });
});
