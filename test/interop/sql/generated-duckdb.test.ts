/**
 * Differential test over generated deal histories (fast-check, seeded): each history — up to 25
 * deals with missing values, zeros, negatives, values on every threshold, dates on month and
 * plan-year edges, timestamps from other zones (generate-records.ts) — is simulated by the
 * JavaScript engine and by DuckDB over test/interop/sql/fixtures/generated.playbook, and the two
 * `simulate --format json` documents must be identical: every payout line to the cent, forfeit,
 * blocked deal, review flag, ranking entry and warning. A failure is shrunk to a smallest history.
 *
 * PLAYBOOK_SQL_HISTORIES sets the number of histories: by default 1,000 in CI (CI=true; about
 * 5 minutes on a busy core, each history being a fresh DuckDB connection with its own tables)
 * and 200 elsewhere, so that a developer's `npm test` stays quick.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateOnDuckDb } from '../../../src/interop/sql/index.js';
import { compilePlaybookFile } from '../../../src/simulate/load-playbook.js';
import { simulationJson } from '../../../src/simulate/report-json.js';
import { simulate } from '../../../src/simulate/simulate.js';
import { ACCOUNTS, PRODUCTS, REPS, type Rec, activity, deal, toCsv } from '../generate-records.js';

const HISTORIES = Number(process.env.PLAYBOOK_SQL_HISTORIES ?? (process.env.CI ? 1000 : 200));
const FILE = 'test/interop/sql/fixtures/generated.playbook';
const graph = compilePlaybookFile(FILE).graph!;
const dir = mkdtempSync(join(tmpdir(), 'pb-sql-'));
const QUOTA_FILE = 'test/interop/sql/fixtures/generated-quota.playbook';
const quotaGraph = compilePlaybookFile(QUOTA_FILE).graph!;
const quotaDir = mkdtempSync(join(tmpdir(), 'pb-sql-quota-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(quotaDir, { recursive: true, force: true });
});

function write(name: string, records: Rec[], g = graph, folder = dir): void {
  const schema = g.tables.find((t) => t.name === name)!;
  writeFileSync(join(folder, schema.file), toCsv(schema.fields.map((f) => [f.column, f.name]), records));
}

// Half the deals are made creditable (won, with a rep, closed in the plan year), so that
// commission bands, accelerators, bonuses, forfeits and rankings are reached, not only edge cases.
const inPlan = fc.record({ m: fc.integer({ min: 0, max: 11 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ m, d }) => `${2026 + Math.floor((m + 3) / 12)}-${String(((m + 3) % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const big = fc.integer({ min: 0, max: 900_000 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);
const one = fc.record({ r: deal, creditable: fc.boolean(), rep: fc.constantFrom('r1', 'r2'), day: inPlan, amount: fc.option(big, { nil: undefined }) }).map(({ r, creditable, rep, day, amount }) =>
  creditable ? { ...r, stage: 'Won', rep, close_date: day, ...(amount !== undefined && r.amount !== null ? { amount, cost: r.cost === null ? null : r.cost } : {}) } : r,
);
const history = fc.array(one, { maxLength: 25 }).map((list) => list.map((r, i) => ({ id: `d${i + 1}`, ...r })));

const json = (sim: Parameters<typeof simulationJson>[0]) => JSON.stringify(simulationJson(sim), null, 1);

describe('DuckDB agrees with the JavaScript engine on generated histories', () => {
  write('reps', REPS);
  write('accounts', ACCOUNTS);
  write('products', PRODUCTS);
  it(`${HISTORIES} histories, every payout line, forfeit, blocked deal and ranking entry`, async () => {
    let credited = 0;
    let paid = 0;
    await fc.assert(
      fc.asyncProperty(history, async (deals) => {
        write('deals', deals);
        const js = simulate(graph, FILE, dir, { skipBadRows: true });
        const db = await simulateOnDuckDb(graph, FILE, dir, { skipBadRows: true });
        expect(json(db)).toBe(json(js));
        credited += js.evaluation.deals.filter((d) => d.credited).length;
        paid += js.evaluation.reps.filter((r) => !r.payout.isZero()).length;
      }),
      { numRuns: HISTORIES, seed: 20261201 },
    );
    // The histories are not vacuous: deals were credited and reps paid.
    expect(credited).toBeGreaterThan(HISTORIES);
    expect(paid).toBeGreaterThan(HISTORIES / 2);
  }, 600_000);
});

describe('DuckDB agrees with the JavaScript engine on generated histories under quotas', () => {
  // Targets that split into twelve months evenly (120,000), with a remainder (100,000.05), that
  // are mostly remainder (0.06: six months of 0.01, then nothing is left), zero, negative, missing.
  const target = fc.option(fc.oneof(fc.constantFrom('120000', '100000.05', '0.06', '0.11', '0', '-1200', '7000', '30000'), big), { nil: null, freq: 6 });
  const reps = fc.tuple(target, target).map(([a, b]) => [{ rep_id: 'r1', name: 'Ann', target: a }, { rep_id: 'r2', name: 'Bo', target: b }]);
  const activities = fc.array(activity, { maxLength: 8 }).map((list) => list.map((r, i) => ({ id: `x${i + 1}`, ...r })));
  it(`${HISTORIES} histories with quota-based bands, bonuses per rep, red lines on reps and on activities`, async () => {
    let onQuota = 0;
    let tripped = 0;
    await fc.assert(
      fc.asyncProperty(reps, history, activities, async (people, deals, acts) => {
        write('reps', people, quotaGraph, quotaDir);
        write('deals', deals, quotaGraph, quotaDir);
        write('activities', acts, quotaGraph, quotaDir);
        const js = simulate(quotaGraph, QUOTA_FILE, quotaDir, { skipBadRows: true });
        const db = await simulateOnDuckDb(quotaGraph, QUOTA_FILE, quotaDir, { skipBadRows: true });
        expect(json(db)).toBe(json(js));
        onQuota += js.evaluation.reps.filter((r) => r.lines.some((l) => l.component === 'accelerator' && !l.amount.isZero())).length;
        tripped += js.evaluation.reps.filter((r) => r.forfeits.length > 0 || r.reviews.some((v) => v.rule === 'visits')).length;
      }),
      { numRuns: HISTORIES, seed: 20261202 },
    );
    // Not vacuous: reps were paid an accelerator above their quota, and activities tripped red lines, in many histories.
    expect(onQuota).toBeGreaterThan(HISTORIES / 10);
    expect(tripped).toBeGreaterThan(HISTORIES / 10);
  }, 600_000);
});
