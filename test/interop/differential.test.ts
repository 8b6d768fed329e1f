/**
 * Differential test of the json-rules-engine export: for generated deals and activities
 * (seeded; see generate-records.ts), the engine's decision on each record — red lines,
 * won/lost, credited, the per-deal bonus — and json-rules-engine running the export must
 * agree on every one. The engine reads the records as CSV files through the data loader;
 * json-rules-engine gets them as JSON through the fact module.
 *
 * PLAYBOOK_JRE_CASES sets the number of records per kind (default 2,000; the long run in the
 * README uses 10,000 or more).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import { engineFor, exportJsonRulesEngine, factModule } from '../../src/interop/jre/index.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import type { TableLike } from '../../src/runtime/values.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { ACCOUNTS, PRODUCTS, REPS, type Rec, activity, deal, sample, toCsv } from './generate-records.js';

const CASES = Number(process.env.PLAYBOOK_JRE_CASES ?? 2000);
const graph = compilePlaybookFile('test/interop/fixtures/differential.playbook').graph!;
const doc = exportJsonRulesEngine(graph);
const dir = mkdtempSync(join(tmpdir(), 'pb-jre-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, records: Rec[]): void {
  const schema = graph.tables.find((t) => t.name === name)!;
  writeFileSync(join(dir, schema.file), toCsv(schema.fields.map((f) => [f.column, f.name]), records));
}

describe('json-rules-engine export agrees with the engine on every record', () => {
  const deals = sample(deal, CASES, 20260401, 'd');
  const activities = sample(activity, CASES, 20260402, 'x');
  write('reps', REPS);
  write('accounts', ACCOUNTS);
  write('products', PRODUCTS);
  write('deals', deals);
  write('activities', activities);
  const data = loadDataset(graph.tables, dir, { timeZone: graph.playbook.timeZone });
  const evaluation = evaluate(graph, data.tables as unknown as Map<string, TableLike>);
  const lookups = { reps: REPS, accounts: ACCOUNTS, products: PRODUCTS };

  it('loads every generated row (so every record is decided by both)', () => {
    expect(data.rejected).toEqual([]);
    expect(evaluation.deals).toHaveLength(CASES);
  });

  it(`deals (${CASES}): red lines, won/lost, credited and the margin-share bonus`, async () => {
    const facts = factModule(doc, 'deals', lookups);
    const engine = engineFor(doc, 'deals');
    const paid = new Set(evaluation.reps.flatMap((r) => r.lines.filter((l) => l.component === 'margin share').flatMap((l) => l.deals)));
    const byId = new Map(evaluation.deals.map((d) => [d.id, d]));
    const seen = { redlines: 0, credited: 0, bonus: 0 };
    for (const record of deals) {
      const f = facts(record);
      const events = (await engine.run(f)).events;
      const of = (type: string) => events.filter((e) => e.type === type).map((e) => e.params!);
      const d = byId.get(record.id!)!;
      // The bonus pays its amount rounded half-up to cents; a zero after rounding pays nothing.
      const bonus = of('bonus').some((p) => f[p.amountFact] !== null && !new Decimal(f[p.amountFact] as string).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).isZero());
      const jre = { redlines: of('red-line').map((p) => p.redline).sort(), stage: of('outcome')[0]?.outcome ?? 'open', credited: of('credit').length === 1, bonus };
      const engineSide = { redlines: [...d.redlines].sort(), stage: d.stage, credited: d.credited, bonus: paid.has(d.id) };
      if (JSON.stringify(jre) !== JSON.stringify(engineSide)) expect({ record, facts: f, jre }).toEqual({ record, facts: f, jre: engineSide });
      seen.redlines += jre.redlines.length;
      seen.credited += Number(jre.credited);
      seen.bonus += Number(jre.bonus);
    }
    // The generator reaches every decision both ways (not a vacuous agreement).
    for (const name of ['deep-discount', 'thin margin', 'slow or quarter-end close', 'no product', 'logged after close', 'strategic accounts']) expect(evaluation.redlines.find((r) => r.id === name)!.deals).toBeGreaterThan(CASES / 100);
    expect(seen.credited).toBeGreaterThan(CASES / 100);
    expect(seen.bonus).toBeGreaterThan(CASES / 200);
  }, 600_000);

  it(`activities (${CASES}): the gifts red line, in the plan year only`, async () => {
    const facts = factModule(doc, 'activities', lookups);
    const engine = engineFor(doc, 'activities');
    const tripped = new Set(evaluation.redlines.find((r) => r.id === 'gifts')!.activityTrips!.map((t) => t.id));
    expect(tripped.size).toBeGreaterThan(CASES / 100);
    for (const record of activities) {
      const events = (await engine.run(facts(record))).events;
      const jre = events.some((e) => e.params!.redline === 'gifts');
      if (jre !== tripped.has(record.id!)) expect({ record, jre }).toEqual({ record, jre: tripped.has(record.id!) });
    }
  }, 600_000);
});
