/**
 * `explain`: a rep's payout as a tree whose numbers add up exactly, for every
 * rep of both reference playbooks; one Maven rep's explanation pinned as text,
 * its numbers recomputed independently from the raw CSV (test/reference).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { ExplainRequestError, explain, explainer } from '../../src/simulate/explain/index.js';
import { formatExplanationText } from '../../src/simulate/explain/format.js';
import type { ExplainNode } from '../../src/simulate/explain/tree.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { loadData, simulate } from '../../src/simulate/simulate.js';
import { readSimpleCsv, recomputeMaven2017 } from '../reference/maven-2017-recompute.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAVEN_DATA = join(ROOT, '../shared/data/maven-crm');
const HAVE_MAVEN = existsSync(join(MAVEN_DATA, 'sales_pipeline.csv'));

function graphOf(file: string) {
  const path = join(ROOT, file);
  return compilePlaybookSource(file, readFileSync(path, 'utf8')).graph!;
}

/** Sum of the leaves that count towards the root (a node's adding children replace it). */
function leafSum(n: ExplainNode): Decimal {
  const adding = n.children.filter((c) => c.adds && c.amount !== null);
  if (adding.length === 0) return new Decimal(n.amount ?? 0);
  return adding.reduce((s, c) => s.plus(leafSum(c)), new Decimal(0));
}

const references = [
  { file: 'playbooks/key-account.playbook', data: join(ROOT, 'examples/key-account'), present: true },
  { file: 'playbooks/maven-crm-2017.playbook', data: MAVEN_DATA, present: HAVE_MAVEN },
];

describe.each(references)('explain --rep on every rep of $file', ({ file, data, present }) => {
  it.runIf(present)("the tree's leaves add up to the rep's payout, to the cent", () => {
    const graph = graphOf(file);
    const payouts = new Map(simulate(graph, file, data).evaluation.reps.map((r) => [r.rep, r.payout]));
    const { dataset } = loadData(graph, data);
    expect(payouts.size).toBeGreaterThan(20);
    const traced = explainer(graph, dataset.tables);
    for (const [rep, payout] of payouts) {
      const x = traced.explain({ rep });
      if (x.kind !== 'rep') throw new Error('expected a rep explanation');
      expect(x.tree.amount, rep).toBe(payout.toFixed());
      expect(leafSum(x.tree).eq(payout), `${rep}: leaves ${leafSum(x.tree).toFixed()} vs payout ${payout.toFixed()}`).toBe(true);
    }
  });
});

describe.skipIf(!HAVE_MAVEN)('explain on the Maven reference', () => {
  const graph = HAVE_MAVEN ? graphOf('playbooks/maven-crm-2017.playbook') : (undefined as never);
  const tables = () => loadData(graph, MAVEN_DATA).dataset.tables;

  it("pins Darcel Schlecht's accelerator, computed by hand from the raw CSV", () => {
    const expected = recomputeMaven2017(MAVEN_DATA).reps.find((r) => r.rep === 'Darcel Schlecht')!;
    // Credited deals by hand: won, closed in 2017, not more than 20% below list price (GTXPro = GTX Pro).
    const list = new Map(readSimpleCsv(join(MAVEN_DATA, 'products.csv')).map((p) => [p.product, Number(p.sales_price)]));
    const credited = readSimpleCsv(join(MAVEN_DATA, 'sales_pipeline.csv')).filter(
      (d) => d.sales_agent === 'Darcel Schlecht' && d.deal_stage === 'Won' && d.close_date.startsWith('2017') && Number(d.close_value) >= 0.8 * list.get(d.product === 'GTXPro' ? 'GTX Pro' : d.product)!,
    );
    expect(expected.credited).toBe('1123956.00');
    // (4% − 2%) × (450,000 − 300,000) = 3,000.00; (6% − 2%) × (1,123,956 − 450,000) = 26,958.24.
    expect(expected.accelerator).toBe('29958.24');
    const x = explain(graph, tables(), { rep: 'Darcel Schlecht', component: 'accelerator' });
    const text = formatExplanationText(x, 2).split('\n');
    expect(text.slice(0, 10).join('\n')).toBe(
      [
        'Maven CRM 2017 — how accelerator of Darcel Schlecht for 2017 was computed (amounts in USD)',
        '',
        'accelerator of Darcel Schlecht for 2017                              29,958.24',
        '│   the payout lines less the forfeits',
        '├─ accelerator (2017)                                                29,958.24   playbooks/maven-crm-2017.playbook:55',
        '│  │   marginal, above the base rate: (4% − 2%) × 150,000.00 + (6% − 2%) × 673,956.00',
        '├─ band 300,000.00 to 450,000.00 at 4%, above the base rate        3,000.00'.replace('├─', '│  ├─'),
        '│  │      (4% − 2% base) × 150,000.00 credited in the band',
        '│  ├─ band 450,000.00 and above at 6%, above the base rate           26,958.24',
        '│  │      (6% − 2% base) × 673,956.00 credited in the band',
      ].join('\n'),
    );
    expect(text[10]).toBe(`│  └─ credited in 2017: ${credited.length} deals                               (1,123,956.00)`);
    expect(text.filter((l) => /^│     [├└]─ deal /.test(l))).toHaveLength(credited.length);
  });

  it('explains a blocked deal with the red line and the values it read', () => {
    const blocked = recomputeMaven2017(MAVEN_DATA).blockedDeals[0];
    const x = explain(graph, tables(), { deal: blocked });
    if (x.kind !== 'deal') throw new Error('expected a deal explanation');
    expect(x.deal.credit.credited).toBe(false);
    expect(x.deal.credit.why).toBe('not credited: blocked by red line "deep-discount"');
    const red = x.deal.redlines.find((r) => r.id === 'deep-discount')!;
    expect(red.tripped).toBe(true);
    expect(red.reading.condition).toBe('won and discount > 20%');
    expect(red.reading.result).toBe(true);
    expect(red.reading.values.map((v) => v.name)).toEqual(['won', 'discount']);
  });

  it('--period keeps what belongs to the period, and refuses a period the plan does not have', () => {
    const pipeline = readSimpleCsv(join(MAVEN_DATA, 'sales_pipeline.csv'));
    const blocked = new Set(recomputeMaven2017(MAVEN_DATA).blockedDeals);
    const march = pipeline.filter((d) => blocked.has(d.opportunity_id) && d.sales_agent === 'Anna Snelling' && d.close_date.startsWith('2017-03'));
    const x = explain(graph, tables(), { rep: 'Anna Snelling', period: '2017-03' });
    if (x.kind !== 'rep') throw new Error('expected a rep explanation');
    // Every line of this scheme is for the year: the monthly ranking's March reward is the only part of March
    // (from the independent recompute's ranking table); the other lines are shown as context.
    const reward = recomputeMaven2017(MAVEN_DATA).ranking.find((r) => r.period === '2017-03' && r.rep === 'Anna Snelling')!.reward;
    expect(reward).toBe('200.00');
    expect(x.tree.children.filter((c) => c.adds).map((c) => [c.label, c.amount])).toEqual([['ranking: rewards in 2017-03', '200']]);
    expect(x.tree.amount).toBe('200');
    const blockedNode = x.tree.children.find((c) => c.label.startsWith('credit blocked'))!;
    expect(blockedNode.children.map((c) => c.label)).toEqual(march.map((d) => `deal ${d.opportunity_id}`));
    expect(() => explain(graph, tables(), { rep: 'Anna Snelling', period: '2018' })).toThrow(
      '"2018" is not a period of the plan: use the plan period 2017, a quarter 2017-Q1 … 2017-Q4 or a month 2017-01 … 2017-12',
    );
  });

  it('names an unknown rep with the nearest one', () => {
    expect(() => explain(graph, tables(), { rep: 'Darcel Schlect' })).toThrow(ExplainRequestError);
    expect(() => explain(graph, tables(), { rep: 'Darcel Schlect' })).toThrow('there is no rep "Darcel Schlect" in sales_teams.csv; did you mean "Darcel Schlecht"?');
    expect(() => explain(graph, tables(), { rep: 'Darcel' })).toThrow('there is no rep "Darcel" in sales_teams.csv; did you mean "Darcel Schlecht"?');
    expect(() => explain(graph, tables(), { rep: 'Darcel Schlecht', component: 'acelerator' })).toThrow('there is no payout component "acelerator"; did you mean "accelerator"?');
  });
});
