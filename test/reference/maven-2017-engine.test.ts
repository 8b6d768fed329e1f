/**
 * The engine's run of playbooks/maven-crm-2017.playbook over the real Maven CRM
 * export, checked against the auditor's independent recompute
 * (maven-2017-recompute.ts: BigInt cents, its own CSV reader, nothing from src/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';
import { simulate } from '../../src/simulate/simulate.js';
import { recomputeMaven2017 } from './maven-2017-recompute.js';

const DATA = '../shared/data/maven-crm';
const PLAYBOOK = 'playbooks/maven-crm-2017.playbook';

interface Line { component: string; amount: string }
interface RepJson { rep: string; credited: string; lines: Line[]; forfeited: string; payout: string; reviews: { rule: string; period: string }[] }
interface DealJson { id: string; credited: boolean; redlines: string[]; stage: string }
interface RankJson { period: string; rep: string; rank: number; band: string; reward: string; metric: string }

describe.skipIf(!existsSync(DATA))('maven-crm-2017.playbook on the real CRM export', () => {
  const compiled = compilePlaybookFile(PLAYBOOK);
  const json = simulationJson(simulate(compiled.graph!, PLAYBOOK, DATA)) as {
    reps: RepJson[]; deals: DealJson[]; ranking: RankJson[]; totals: { credited: string; payout: string }; input: Record<string, { read: number; used: number; rejected: number }>;
  };
  const expected = recomputeMaven2017(DATA);

  it('compiles without findings', () => {
    expect(compiled.diagnostics).toEqual([]);
  });

  it('validates against the output JSON Schema', () => {
    const schema = JSON.parse(readFileSync('schema/simulate-output.schema.json', 'utf8'));
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it('lists all 35 agents, including the 5 with no deals, in name order', () => {
    expect(json.reps.map((r) => r.rep)).toEqual(expected.reps.map((r) => r.rep));
    expect(json.reps).toHaveLength(35);
  });

  it('matches every rep line to the cent', () => {
    const sum = (r: RepJson, c: string) => r.lines.filter((l) => l.component === c).reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0);
    const cents = (s: string) => Math.round(Number(s) * 100);
    for (const want of expected.reps) {
      const got = json.reps.find((r) => r.rep === want.rep)!;
      expect({ rep: got.rep, credited: got.credited, commission: sum(got, 'commission'), accelerator: sum(got, 'accelerator'), strategic: sum(got, 'strategic'), ranking: sum(got, 'ranking'), forfeited: got.forfeited, payout: got.payout }).toEqual({
        rep: want.rep,
        credited: want.credited,
        commission: cents(want.commission),
        accelerator: cents(want.accelerator),
        strategic: cents(want.strategic),
        ranking: cents(want.ranking),
        forfeited: want.forfeited,
        payout: want.payout,
      });
    }
  });

  it('blocks exactly the won deals more than 20% below list price', () => {
    const blocked = json.deals.filter((d) => d.redlines.includes('deep-discount')).map((d) => d.id).sort();
    expect(blocked).toEqual(expected.blockedDeals);
    expect(blocked).toHaveLength(92);
    expect(json.deals.filter((d) => d.redlines.includes('deep-discount') && d.credited)).toEqual([]);
  });

  it('ranks every month with the right bands and rewards', () => {
    const got = json.ranking.map((r) => ({ period: r.period, rep: r.rep, rank: r.rank, band: r.band, reward: r.reward, credited: r.metric }));
    expect(got).toEqual(expected.ranking);
    const march = json.ranking.filter((r) => r.period === '2017-03');
    expect(march.filter((r) => r.band === 'top')).toHaveLength(11);
    expect(march.filter((r) => r.band === 'bottom')).toHaveLength(6);
  });

  it('flags the bottom 15% for review each month', () => {
    const flagged = json.reps.flatMap((r) => r.reviews.map((v) => `${v.period} ${r.rep}`)).sort();
    const bottom = expected.ranking.filter((r) => r.band === 'bottom').map((r) => `${r.period} ${r.rep}`).sort();
    expect(flagged).toEqual(bottom);
  });

  it('totals and input accounting', () => {
    expect(json.totals.credited).toBe(expected.totals.credited);
    expect(json.totals.payout).toBe(expected.totals.payout);
    expect(json.input.deals).toEqual({ file: 'sales_pipeline.csv', read: 8800, used: 8800, rejected: 0 });
  });
});
