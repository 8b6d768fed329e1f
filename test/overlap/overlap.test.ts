// Evaluating while the largest table is still read (issue 10: `simulate` runs the rule-graph
// nodes that do not need the table a worker thread reads, then waits for it): the same report,
// warnings, rejected rows and errors as loading everything first. Small generated folders are
// read in the worker by setting `parallelMinBytes: 0` (the worker runs the built dist/: `npm test`
// builds it first); the plain run reads every table in turn and evaluates nothing before.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/data/index.js';
import { startDataset } from '../../src/data/dataset.js';
import { workerTable } from '../../src/data/parallel-load.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { formatJson } from '../../src/simulate/report-json.js';
import { BadRowsError, simulate, type SimulateOptions } from '../../src/simulate/simulate.js';
import { tempFolders } from '../data/temp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const folder = tempFolders();

const OVERLAP: SimulateOptions = { parallelMinBytes: 0 };
const PLAIN: SimulateOptions = { parallelMinBytes: Infinity, overlap: false };

/** Everything a caller sees of a run: the JSON report, warnings, row accounting; or the error (class, message, place, bad rows). */
function outcome(playbook: string, dir: string, options: SimulateOptions): unknown {
  const { graph } = compilePlaybookFile(playbook);
  const steps: number[] = [];
  try {
    const sim = simulate(graph!, playbook, dir, { ...options, progress: { onStep: (done, total) => steps.push(done, total) } });
    return { json: formatJson(sim), warnings: sim.evaluation.warnings, input: sim.input, rejected: sim.rejectedRows, steps };
  } catch (e) {
    if (e instanceof DataError) return { dataError: e.message, file: e.file, line: e.line, column: e.column };
    if (e instanceof BadRowsError) return { badRows: e.rejected, message: e.message };
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}

// ---- the key-account scheme over its example data, with trouble put in ---------------------------

const KA_PLAYBOOK = join(ROOT, 'playbooks/key-account.playbook');
const KA_DATA = join(ROOT, 'examples/key-account');
const KA_FILES = ['reps.csv', 'accounts.csv', 'products.csv', 'deals.csv', 'activities.csv', 'collections.csv', 'progress.csv'];
const kaText = Object.fromEntries(KA_FILES.map((f) => [f, readFileSync(join(KA_DATA, f), 'utf8')]));

/** `text` with line `n` (1 = the header) changed by `change`. */
function withLine(text: string, n: number, change: (cells: string[]) => string): string {
  const lines = text.split('\n');
  lines[n - 1] = change(lines[n - 1].split(','));
  return lines.join('\n');
}

const trouble = fc.record({
  // In the table read in the worker (activities.csv, the largest).
  activities: fc.constantFrom('none', 'none', 'stray-quote', 'bad-date', 'unknown-rep', 'missing-column'),
  // In a table read before it (deals.csv) and in one read after it (collections.csv).
  deals: fc.constantFrom('none', 'none', 'bad-amount'),
  collections: fc.constantFrom('none', 'none', 'missing-column'),
  line: fc.integer({ min: 2, max: 2900 }),
  skipBadRows: fc.boolean(),
});

function kaFolder(t: { activities: string; deals: string; collections: string; line: number }): string {
  const files = { ...kaText };
  const acts = files['activities.csv'];
  if (t.activities === 'stray-quote') files['activities.csv'] = withLine(acts, t.line, (c) => [...c.slice(0, 4), `"${c[4]}`, ...c.slice(5)].join(','));
  if (t.activities === 'bad-date') files['activities.csv'] = withLine(acts, t.line, (c) => [c[0], '2026-13-45', ...c.slice(2)].join(','));
  if (t.activities === 'unknown-rep') files['activities.csv'] = withLine(acts, t.line, (c) => [c[0], c[1], 'R99', ...c.slice(3)].join(','));
  if (t.activities === 'missing-column') files['activities.csv'] = acts.replace('contact_role', 'contact_title');
  if (t.deals === 'bad-amount') files['deals.csv'] = withLine(files['deals.csv'], 2 + (t.line % 440), (c) => [...c.slice(0, 7), 'abc', ...c.slice(8)].join(','));
  if (t.collections === 'missing-column') files['collections.csv'] = files['collections.csv'].replace('collection_id', 'id');
  return folder(files);
}

describe('simulate while activities.csv is read in a worker thread (key-account scheme)', () => {
  it('hands back every other table with its lookups checked, activities pending, then the same dataset', () => {
    const { graph } = compilePlaybookFile(KA_PLAYBOOK);
    const dir = folder(kaText);
    expect(graph!.tables[workerTable(graph!.tables, dir, 0)].name).toBe('activities');
    const load = startDataset(graph!.tables, dir, { timeZone: graph!.playbook.timeZone, parallelMinBytes: 0 });
    expect(load.pending).toBe('activities');
    expect([...load.tables.keys()]).toEqual(['reps', 'accounts', 'products', 'deals', 'collections', 'progress']);
    const dataset = load.finish();
    expect(dataset.tables).toBe(load.tables);
    // In the playbook's order once read; 2,985 activities (the file's lines less the header).
    expect([...dataset.tables.keys()]).toEqual(['reps', 'accounts', 'products', 'deals', 'activities', 'collections', 'progress']);
    expect(dataset.tables.get('activities')!.used).toBe(2985);
    expect(load.finish()).toBe(dataset);
  });

  it('runs the twelve steps that do not need activities before taking the worker\'s table (its progress told then), the ten others after', () => {
    const { graph } = compilePlaybookFile(KA_PLAYBOOK);
    const dir = folder(kaText);
    const events: string[] = [];
    const progress = { onRows: (table: string) => events.push(`rows ${table}`), onStep: (done: number, total: number) => events.push(`step ${done}/${total}`) };
    simulate(graph!, KA_PLAYBOOK, dir, { ...OVERLAP, progress });
    const told = events.indexOf('rows activities');
    // Worked out in test/graph/table-reads.test.ts: 12 of the 22 nodes need neither activities nor a result made from them.
    expect(events.slice(0, told).filter((e) => e.startsWith('step'))).toEqual(Array.from({ length: 12 }, (_, i) => `step ${i + 1}/22`));
    expect(events.slice(told).filter((e) => e.startsWith('step'))).toEqual(Array.from({ length: 10 }, (_, i) => `step ${i + 13}/22`));
    // Read first, evaluated after: no step before the activities' progress.
    const plain: string[] = [];
    simulate(graph!, KA_PLAYBOOK, dir, { ...PLAIN, progress: { onRows: (table) => plain.push(`rows ${table}`), onStep: () => plain.push('step') } });
    expect(plain.indexOf('step')).toBeGreaterThan(plain.lastIndexOf('rows activities'));
  });

  it('gives the report, warnings, progress steps, rejected rows and errors of the plain run (generated trouble)', () => {
    fc.assert(
      fc.property(trouble, (t) => {
        const dir = kaFolder(t);
        const plain = outcome(KA_PLAYBOOK, dir, { ...PLAIN, skipBadRows: t.skipBadRows });
        expect(outcome(KA_PLAYBOOK, dir, { ...OVERLAP, skipBadRows: t.skipBadRows })).toEqual(plain);
      }),
      { numRuns: 12 },
    );
  });

  it('the error of the worker\'s table comes before bad rows of a table read earlier, and a later table\'s error after both', () => {
    const dir = kaFolder({ activities: 'stray-quote', deals: 'bad-amount', collections: 'missing-column', line: 100 });
    const run = outcome(KA_PLAYBOOK, dir, OVERLAP) as { dataError: string; file: string; line: number };
    expect(run.file).toBe('activities.csv');
    expect(run.line).toBe(100);
    expect(run).toEqual(outcome(KA_PLAYBOOK, dir, PLAIN));
    const later = kaFolder({ activities: 'none', deals: 'none', collections: 'missing-column', line: 100 });
    expect((outcome(KA_PLAYBOOK, later, OVERLAP) as { file: string }).file).toBe('collections.csv');
  });

  it('a bad row in the worker\'s table, found after the other nodes ran, stops the run with the complete list', () => {
    const dir = kaFolder({ activities: 'bad-date', deals: 'bad-amount', collections: 'none', line: 7 });
    const run = outcome(KA_PLAYBOOK, dir, OVERLAP) as { badRows: { table: string; line: number }[] };
    // Sorted by file: the activity first; the deal (and any collection or progress row naming it, rejected with it).
    const listed = run.badRows.map((r) => `${r.table}:${r.line}`);
    expect(listed[0]).toBe('activities:7');
    expect(listed).toContain('deals:9');
    expect(run).toEqual(outcome(KA_PLAYBOOK, dir, PLAIN));
    const onlyActivities = kaFolder({ activities: 'unknown-rep', deals: 'none', collections: 'none', line: 12 });
    const alone = outcome(KA_PLAYBOOK, onlyActivities, OVERLAP) as { badRows: { table: string; line: number; messages: string[] }[] };
    expect(alone.badRows.map((r) => `${r.table}:${r.line}`)).toEqual(['activities:12']);
    expect(alone).toEqual(outcome(KA_PLAYBOOK, onlyActivities, PLAIN));
  });
});

// ---- an error of an early step: split shares that do not add up (the run context reads them) ----

const SPLITS_PLAYBOOK = join(ROOT, 'test/overlap/splits-and-activities.playbook');
const REPS = 'rep_id\nr1\nr2\n';
const DEALS = 'deal_id,rep_id,account_id,stage,close_date,amount\nD1,r1,A1,Won,2026-03-01,1000.00\nD2,r2,A2,Lost,2026-04-01,500.00\nD3,r2,A1,Won,2026-05-01,250.00\n';
const ACTIVITIES = 'date,rep_id,account_id,action\n' + Array.from({ length: 60 }, (_, i) => `2026-0${(i % 9) + 1}-1${i % 9},r${(i % 2) + 1},A${(i % 3) + 1},visit`).join('\n') + '\n';

describe('an error before the worker\'s table is read (split shares of 50% and 40%)', () => {
  const badShares = 'deal_id,rep_id,share\nD1,r1,50%\nD1,r2,40%\n';
  const files = (activities: string) => ({ 'reps.csv': REPS, 'deals.csv': DEALS, 'splits.csv': badShares, 'activities.csv': activities });

  it('is thrown as in the plain run when the worker\'s table is fine', () => {
    const dir = folder(files(ACTIVITIES));
    const run = outcome(SPLITS_PLAYBOOK, dir, OVERLAP) as { error: string; message: string };
    expect(run.error).toBe('SplitSharesError');
    expect(run.message).toMatch(/D1/);
    expect(run).toEqual(outcome(SPLITS_PLAYBOOK, dir, PLAIN));
  });

  it('gives way to the worker\'s table\'s error, or to its bad rows', () => {
    const unclosed = ACTIVITIES.replace('2026-04-13,r2,A1,visit', '2026-04-13,r2,"A1,visit');
    const dir = folder(files(unclosed));
    const run = outcome(SPLITS_PLAYBOOK, dir, OVERLAP) as { dataError: string; file: string; line: number };
    expect(run.file).toBe('activities.csv');
    expect(run.line).toBe(5);
    expect(run).toEqual(outcome(SPLITS_PLAYBOOK, dir, PLAIN));

    const badDate = ACTIVITIES.replace('2026-04-13,r2,A1,visit', '2026-04-31,r2,A1,visit');
    const rows = folder(files(badDate));
    const bad = outcome(SPLITS_PLAYBOOK, rows, OVERLAP) as { badRows: { table: string; line: number }[] };
    expect(bad.badRows.map((r) => `${r.table}:${r.line}`)).toEqual(['activities:5']);
    expect(bad).toEqual(outcome(SPLITS_PLAYBOOK, rows, PLAIN));
    // Told to skip bad rows, the split shares' error is the one left.
    const skipped = outcome(SPLITS_PLAYBOOK, rows, { ...OVERLAP, skipBadRows: true }) as { error: string };
    expect(skipped.error).toBe('SplitSharesError');
    expect(skipped).toEqual(outcome(SPLITS_PLAYBOOK, rows, { ...PLAIN, skipBadRows: true }));
  });

  it('with good shares, gives the plain run\'s report', () => {
    const dir = folder({ ...files(ACTIVITIES), 'splits.csv': 'deal_id,rep_id,share\nD1,r1,50%\nD1,r2,50%\n' });
    const run = outcome(SPLITS_PLAYBOOK, dir, OVERLAP) as { json: string };
    expect(run.json).toContain('"payout"');
    expect(run).toEqual(outcome(SPLITS_PLAYBOOK, dir, PLAIN));
  });
});
