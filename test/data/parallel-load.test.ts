// Reading the largest CSV file in a worker thread (src/data/parallel-load.ts, issue 10 scale)
// against reading every table in turn: the same tables, rows, dictionary codes, rejected rows
// and messages, counts, warnings and errors. The threshold is set to 0 bytes through
// `parallelMinBytes` so that small generated files take the worker's path (the worker runs
// the built dist/: `npm test` builds it first).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, loadDataset, type Dataset, type LoadOptions } from '../../src/data/index.js';
import { STALLED_AFTER_MS, stalledMessage, startTableWorker, workerTable } from '../../src/data/parallel-load.js';
import type { TableSchema } from '../../src/graph/tables.js';
import { field, table } from './helpers.js';
import { tempFolders, thrown } from './temp.js';

const folder = tempFolders();
const SERIAL: LoadOptions = { timeZone: 'UTC', parallelMinBytes: Infinity };
const PARALLEL: LoadOptions = { timeZone: 'UTC', parallelMinBytes: 0 };

const reps = table('reps', 'reps.csv', [field('rep_id', 'text', { key: true })]);
const acts = table('acts', 'acts.csv', [
  field('id', 'text', { key: true }),
  field('day', 'date', { format: 'YYYY-MM-DD' }),
  field('rep', 'text', { lookup: 'reps' }),
  field('note', 'text', { optional: true }),
  field('amount', 'money'),
  field('share', 'percent', { optional: true }),
]);
const notes = table('notes', 'notes.csv', [field('rep', 'text', { lookup: 'reps' }), field('text', 'text')]);
const SCHEMAS: TableSchema[] = [reps, acts, notes];
const REPS = 'rep_id\nR1\nR2\nR3\nR2\n';

/** Everything a test can see of a dataset, in plain values (Decimals as their text; dictionary codes of every column, read before the rows). */
function seen(ds: Dataset): unknown {
  const tables = [...ds.tables.values()].map((t) => {
    // A table some lookup reads has its rows made already (no columns any more).
    const store = t.columns;
    const codes = store ? t.schema.fields.map((_, f) => [store.codeCount(f), Array.from(store.codes(f) ?? [])]) : 'rows made';
    const rows = t.rows.map((r) => [r.line, ...r.values.map((v) => (v !== null && typeof v === 'object' ? `D${v.toString()}` : v))]);
    return { name: t.schema.name, read: t.read, used: t.used, rejected: t.rejected.length, codes, rows };
  });
  const rejected = ds.rejected.map((r) => [r.table, r.file, r.line, r.issues.map((i) => `${i.column}|${i.message}`)]);
  return { tables, rejected, warnings: ds.warnings };
}

/** The dataset (as {@link seen}) or the error (class, message, file, line, column) of loading `dir`. */
function outcome(dir: string, options: LoadOptions, schemas = SCHEMAS): unknown {
  try {
    return seen(loadDataset(schemas, dir, options));
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return { error: e.message, file: e.file, line: e.line, column: e.column };
  }
}

/** A cell as written in the file: quoted when it holds a comma, quote or line break. */
function cell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = fc.record({
  id: fc.integer({ min: 1, max: 40 }).map((n) => `A${String(n).padStart(3, '0')}`),
  day: fc.constantFrom('2024-01-31', '2024-02-29', '2023-02-29', '', '2024-12-01'),
  rep: fc.constantFrom('R1', 'R2', 'R3', 'R9'),
  note: fc.constantFrom('plain', 'with, comma', 'quote "x" in it', 'two\nlines', 'Zürich 北京', '', 'bell\u0007'),
  amount: fc.constantFrom('12.50', '-3', 'abc', '1,234.00', '123456789012345678901.25', '0.001'),
  share: fc.constantFrom('16%', '0.5', '', '7.25%', '20'),
  shape: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'short', 'long', 'blank'),
});

type Row = typeof row extends fc.Arbitrary<infer R> ? R : never;

/** The text of acts.csv for `rows`: header, then each row by its shape (a cell missing, one too many, a blank line). */
function actsText(rows: Row[], eol: string, bom: boolean): string {
  const lines = ['id,day,rep,note,amount,share'];
  for (const r of rows) {
    const cells = [r.id, r.day, r.rep, cell(r.note), cell(r.amount), r.share];
    if (r.shape === 'short') cells.pop();
    if (r.shape === 'long') cells.push('extra');
    lines.push(r.shape === 'blank' ? '' : cells.join(','));
  }
  return (bom ? '\ufeff' : '') + lines.join(eol).replace(/\n/g, eol === '\r\n' ? '\r\n' : '\n') + eol;
}

describe('reading the largest CSV file in a worker thread', () => {
  it('gives the same tables, codes, rejected rows, messages, counts and warnings as reading in turn (generated files)', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 0, maxLength: 40 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.constantFrom('none', 'unclosed', 'missing-column', 'notes-missing-column'),
        (rows, eol, bom, trouble) => {
          let text = actsText(rows, eol, bom);
          if (trouble === 'unclosed') text += `A999,2024-01-01,R1,"never closed${eol}and on,1${eol}`;
          if (trouble === 'missing-column') text = text.replace('share', 'portion');
          const notesText = trouble === 'notes-missing-column' ? 'rep,words\nR1,x\n' : 'rep,text\nR1,x\nR9,y\n';
          const dir = folder({ 'reps.csv': REPS, 'acts.csv': text, 'notes.csv': notesText });
          // acts.csv is the largest file: the one read in the worker.
          expect(workerTable(SCHEMAS, dir, 0)).toBe(1);
          const serial = outcome(dir, SERIAL);
          if (trouble === 'none') expect((serial as { tables: { codes: unknown }[] }).tables[1].codes).not.toBe('rows made');
          expect(outcome(dir, PARALLEL)).toEqual(serial);
          for (const t of (serial as { tables?: { read: number; used: number; rejected: number }[] }).tables ?? []) expect(t.read).toBe(t.used + t.rejected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reports the error of the first table in the playbook order: the worker\'s table before a later one', () => {
    const dir = folder({
      'reps.csv': REPS,
      'acts.csv': 'id,day,rep,note,amount,share\nA1,2024-01-01,R1,"opened here\nA2,2024-01-02,R2,x,1,\n',
      'notes.csv': 'rep,words\nR1,x\n',
    });
    const e = thrown(() => loadDataset(SCHEMAS, dir, PARALLEL)) as DataError;
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe('acts.csv:2: a quoted value starts on this line but its closing quote (") is missing, so the rest of the file cannot be read (the line reads "A1,2024-01-01,R1,\\"opened here"); close the quote, or remove the stray one');
    expect(e.file).toBe('acts.csv');
    expect(e.line).toBe(2);
    // Read in turn, the same error.
    expect((thrown(() => loadDataset(SCHEMAS, dir, SERIAL)) as DataError).message).toBe(e.message);
  });

  it('reports a later table\'s error (with its column) when the worker\'s table is fine, and an earlier table\'s before the worker\'s', () => {
    const acts = 'id,day,rep,note,amount,share\nA1,2024-01-01,R1,x,1,\n' + 'A2,2024-01-02,R2,y,2,\n'.repeat(50);
    const later = folder({ 'reps.csv': REPS, 'acts.csv': acts, 'notes.csv': 'rep,words\nR1,x\n' });
    const e = thrown(() => loadDataset(SCHEMAS, later, PARALLEL)) as DataError;
    expect(e.file).toBe('notes.csv');
    expect(e.column).toBe('text');
    expect(e.message).toMatch(/^notes\.csv: column "text" not found/);

    const earlier = folder({ 'reps.csv': 'manager\nR1\n', 'acts.csv': 'id,day\n', 'notes.csv': 'rep,text\n' });
    const first = thrown(() => loadDataset(SCHEMAS, earlier, PARALLEL)) as DataError;
    expect(first.file).toBe('reps.csv');
    expect(first.column).toBe('rep_id');
  });

  it('keeps the warnings in the playbook order of their tables (the worker\'s table between the others)', () => {
    const shares = 'id,day,rep,note,amount,share\n' + Array.from({ length: 30 }, (_, i) => `A${i},2024-01-01,R1,x,1,0.${i + 10}`).join('\n') + '\n';
    const pct = table('pct', 'pct.csv', [field('p', 'percent')]);
    const schemas = [pct, reps, acts, { ...pct, name: 'pct2', file: 'pct2.csv' }];
    const dir = folder({ 'reps.csv': REPS, 'acts.csv': shares, 'pct.csv': 'p\n0.25\n0.5\n', 'pct2.csv': 'p\n0.75\n0.5\n' });
    expect(workerTable(schemas, dir, 0)).toBe(2);
    const parallel = loadDataset(schemas, dir, PARALLEL);
    expect(parallel.warnings.map((w) => w.split(':')[0])).toEqual(['pct.csv', 'acts.csv', 'pct2.csv']);
    expect(parallel.warnings).toEqual(loadDataset(schemas, dir, SERIAL).warnings);
  });

  it('passes on the worker\'s progress with when it began reading (this thread\'s tables without it)', () => {
    const rows = 'id,day,rep,note,amount,share\n' + Array.from({ length: 25_000 }, (_, i) => `A${i},2024-01-01,R1,x,1,`).join('\n') + '\n';
    const dir = folder({ 'reps.csv': REPS, 'acts.csv': rows, 'notes.csv': 'rep,text\nR1,a\n' });
    const calls: [string, number, number | undefined][] = [];
    const before = Date.now();
    loadDataset(SCHEMAS, dir, { ...PARALLEL, onRows: (t, n, since) => calls.push([t, n, since]) });
    const after = Date.now();
    const worker = calls.filter(([t]) => t === 'acts');
    // Every 10,000 records and at the end (the last one always arrives: 25,000).
    expect(worker.at(-1)![1]).toBe(25_000);
    for (const [, , since] of worker) expect(since! >= before && since! <= after).toBe(true);
    expect(calls.filter(([t]) => t !== 'acts').every(([, , since]) => since === undefined)).toBe(true);
  });

  it('reads small files in this thread unless told otherwise, and never a workbook, Parquet or JSON Lines file', () => {
    const dir = folder({ 'reps.csv': REPS, 'acts.csv': 'id\n', 'notes.csv': 'rep,text\n' });
    expect(workerTable(SCHEMAS, dir, 32 * 1024 * 1024)).toBe(-1);
    expect(workerTable([{ ...acts, file: 'acts.jsonl' }, { ...reps, file: 'reps.xlsx' }], folder({ 'acts.jsonl': '{}\n', 'reps.xlsx': 'x' }), 0)).toBe(-1);
    // A file that is not there is read (and reported) in this thread.
    expect(workerTable([{ ...acts, file: 'gone.csv' }], dir, 0)).toBe(-1);
  });

  it('gives up, naming the file, when the thread reading it stops without a word (as when it runs out of memory)', () => {
    const dir = folder({ 'acts.csv': 'id,day,rep,note,amount,share\nA001,2026-01-05,R1,,10.00,\n' });
    const worker = startTableWorker(acts, dir, PARALLEL, 1000);
    // Stopped before it read a record: no heartbeat, no answer (a thread out of memory just ends).
    worker.stop();
    const began = Date.now();
    const e = thrown(() => worker.take([]));
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe('acts.csv: reading it stopped: the thread reading it has shown no progress for 1 second, most likely because it ran out of memory. Close other programs (or give the run more memory) and run again');
    expect((e as DataError).file).toBe('acts.csv');
    expect(Date.now() - began).toBeGreaterThanOrEqual(1000);
    expect(stalledMessage('activities.csv', STALLED_AFTER_MS)).toContain('no progress for 2 minutes,');
  });

  it('hands over a table read with the watchdog on: six heartbeats, then the answer', () => {
    // 60,000 records: a heartbeat every 10,000 and one before the table is handed over.
    const rows = 'id,day,rep,note,amount,share\n' + Array.from({ length: 60_000 }, (_, i) => `A${i},2026-01-05,R1,,1.00,`).join('\n') + '\n';
    const dir = folder({ 'acts.csv': rows });
    const solo = table('acts', 'acts.csv', acts.fields.map((f) => ({ ...f, lookup: undefined })));
    const started = startTableWorker(solo, dir, PARALLEL, 5_000);
    expect(started.take([]).used).toBe(60_000);
  });
});
