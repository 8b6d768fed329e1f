/**
 * The JSON Schema of `playbook simulate --format json` (schema/simulate-output.schema.json):
 * it compiles in Ajv strict mode, accepts a small hand-written document, and rejects the
 * typical mistakes (money as a JSON number, a missing payout, an unknown band, extra keys).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const SCHEMA_PATH = new URL('../../schema/simulate-output.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;

function compile() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(schema);
}

/** A small but complete document, written by hand. */
function validDocument() {
  return {
    playbook: { name: 'Maven 2017', file: 'playbooks/maven-2017.playbook', currency: 'USD', time_zone: 'UTC', plan_period: '2017' },
    input: {
      deals: { file: 'sales_pipeline.csv', read: 3, used: 2, rejected: 1 },
      reps: { file: 'sales_teams.csv', read: 2, used: 2, rejected: 0 },
    },
    rejected_rows: [{ table: 'deals', file: 'sales_pipeline.csv', line: 4, messages: ['close_value: not a number: "abc"'] }],
    reps: [
      {
        rep: 'Ann', period: '2017', credited: '350000.00', deals_credited: 1,
        quotas: { annual: '400000.00' },
        lines: [
          { component: 'commission', kind: 'commission', period: '2017', amount: '7000.00', basis: '350000.00', explain: '2% of 350000.00', deals: [] },
          { component: 'commission', kind: 'accelerator', period: '2017', amount: '1000.00', basis: '50000.00', explain: '+2% on 50000.00 above 300000.00', deals: [] },
          { component: 'strategic', kind: 'bonus', period: '2017', amount: '1000.00', basis: '350000.00', explain: 'first win at Acme', deals: [] },
          { component: 'monthly', kind: 'ranking', period: '2017', amount: '200.00', basis: '350000.00', explain: 'rank 1 in 2017-03', deals: [] },
        ],
        forfeited: '2000.00',
        forfeits: [
          { component: 'accelerator', amount: '1000.00', rule: 'must-win', reason: 'lost a must-win deal' },
          { component: 'strategic', amount: '1000.00', rule: 'must-win', reason: 'lost a must-win deal' },
        ],
        reviews: [],
        payout: '7200.00',
      },
      {
        rep: 'Bob', period: '2017', credited: '0.00', deals_credited: 0, quotas: {}, lines: [],
        forfeited: '0', forfeits: [], reviews: [{ rule: 'monthly', period: '2017-03', reason: 'bottom band' }], payout: '0',
      },
    ],
    deals: [
      {
        id: 'D1', rep: 'Ann', account: 'Acme', stage: 'won', amount: '350000.00', close_date: '2017-03-01',
        credited: true, credit_period: '2017-03', redlines: [], score: 0.75, tier: 'gold', win_probability: '1',
      },
      { id: 'D2', rep: 'Ann', account: 'Sonron', stage: 'lost', amount: '0', close_date: '2017-04-02', credited: false, credit_period: null, redlines: ['must-win'] },
      { id: 'D3', rep: null, account: null, stage: 'open', amount: null, close_date: null, credited: false, credit_period: null, redlines: [] },
    ],
    ranking: [
      { ranking: 'monthly', period: '2017-03', rep: 'Ann', metric: '350000.00', rank: 1, band: 'top', reward: '200.00' },
      { ranking: 'monthly', period: '2017-03', rep: 'Bob', metric: '0.00', rank: 2, band: 'bottom', reward: '0.00' },
    ],
    redlines: [
      { id: 'deep-discount', effect: 'block', message: 'discount above 20%', deals: 0, amount: '0.00' },
      { id: 'must-win', effect: 'forfeit', message: 'lost a must-win account', deals: 1, amount: '2000.00' },
    ],
    warnings: [],
    totals: { credited: '350000.00', payout: '7200.00', forfeited: '2000.00', cost_of_sales: '0.0206' },
  };
}

type Doc = ReturnType<typeof validDocument> & Record<string, unknown>;

describe('simulate output JSON Schema', () => {
  it('compiles with Ajv2020 in strict mode', () => {
    expect(() => compile()).not.toThrow();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts a hand-written valid document', () => {
    const validate = compile();
    const ok = validate(validDocument());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  const invalid: Array<[string, (d: Doc) => void, string]> = [
    ['a float money value in totals', (d) => ((d.totals as Record<string, unknown>).payout = 1234.5), '/totals/payout'],
    ['a float money value in a line', (d) => ((d.reps[0].lines[0] as Record<string, unknown>).amount = 1234.5), '/reps/0/lines/0/amount'],
    ['money with a thousands separator', (d) => (d.reps[0].credited = '350,000.00'), '/reps/0/credited'],
    ['a missing rep payout', (d) => delete (d.reps[0] as Partial<Doc['reps'][0]>).payout, '/reps/0'],
    ['a missing totals payout', (d) => delete (d.totals as Partial<Doc['totals']>).payout, '/totals'],
    ['an unknown band', (d) => ((d.ranking[0] as Record<string, unknown>).band = 'upper'), '/ranking/0/band'],
    ['an unknown line kind', (d) => ((d.reps[0].lines[0] as Record<string, unknown>).kind = 'spiff'), '/reps/0/lines/0/kind'],
    ['an extra top-level key', (d) => (d.extra = 1), ''],
    ['an extra key in a rep', (d) => ((d.reps[0] as Record<string, unknown>).note = 'x'), '/reps/0'],
    ['an extra key in a deal', (d) => ((d.deals[0] as Record<string, unknown>).probability = '0.5'), '/deals/0'],
    ['an extra key in an input table', (d) => ((d.input.deals as Record<string, unknown>).skipped = 0), '/input/deals'],
    ['a missing top-level key', (d) => delete (d as Partial<Doc>).redlines, ''],
    ['a negative read count', (d) => (d.input.deals.read = -1), '/input/deals/read'],
    ['a rank of 0', (d) => (d.ranking[0].rank = 0), '/ranking/0/rank'],
    ['a non-ISO close date', (d) => (d.deals[0].close_date = '01/03/2017'), '/deals/0/close_date'],
    ['a ratio as a number', (d) => ((d.totals as Record<string, unknown>).cost_of_sales = 0.0206), '/totals/cost_of_sales'],
  ];

  it.each(invalid)('rejects %s', (_name, mutate, path) => {
    const validate = compile();
    const doc = validDocument() as Doc;
    mutate(doc);
    expect(validate(doc)).toBe(false);
    expect(validate.errors!.some((e) => e.instancePath === path)).toBe(true);
  });

  it('gives every property a description', () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      const props = n.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [k, v] of Object.entries(props ?? {})) {
        if (typeof v.description !== 'string' || v.description === '') missing.push(`${where}/${k}`);
        walk(v, `${where}/${k}`);
      }
      if (n.items) walk(n.items, `${where}[]`);
      if (n.additionalProperties && typeof n.additionalProperties === 'object') walk(n.additionalProperties, `${where}{}`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
});
