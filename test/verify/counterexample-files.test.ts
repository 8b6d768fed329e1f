/**
 * Counterexample files are written only inside their folder, by plain base name,
 * whatever path the playbook's `table … from "…"` gives: a playbook someone shares
 * must not be able to make `verify` write over a CSV export or a shell script.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { counterexampleFileName } from '../../src/simulate/verify/file-names.js';
import { writeHistory } from '../../src/simulate/verify/history.js';
import { verifyPlaybook } from './playbook.js';

const PLAYBOOK = verifyPlaybook();

/** The compiled graph with its tables' declared files replaced (as a hostile playbook, or a future checker rule, may give them). */
function graphReading(reps: string, deals: string) {
  const compiled = compilePlaybookSource('f.playbook', PLAYBOOK);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const graph = compiled.graph!;
  graph.tables.find((t) => t.name === 'reps')!.file = reps;
  graph.tables.find((t) => t.name === 'deals')!.file = deals;
  return graph;
}

const history = { reps: [{ name: 'R1' }], deals: [{ id: 'D1', rep: 'R1', stage: 'Won', close_date: Date.UTC(2017, 0, 5), amount: null }] };

describe('counterexample file names', () => {
  it('a plain base name is kept; a path keeps its last part; ".", "..", empty or control characters become <table>.csv', () => {
    const name = (declared: string, table = 'deals', taken = new Set<string>()) => counterexampleFileName(declared, table, taken);
    expect(name('deals.csv')).toBe('deals.csv');
    expect(name('../../../victim.csv')).toBe('victim.csv');
    expect(name('/home/ann/.bashrc')).toBe('.bashrc');
    expect(name('..\\..\\run.bat')).toBe('run.bat');
    expect(name('exports/')).toBe('deals.csv');
    expect(name('..')).toBe('deals.csv');
    expect(name('a\u0000b.csv')).toBe('deals.csv');
    expect(name('x/..', 'Kunden Tabelle')).toBe('Kunden_Tabelle.csv');
  });

  it('two tables whose paths end in the same name get different files', () => {
    const taken = new Set<string>();
    expect(counterexampleFileName('2016/deals.csv', 'old', taken)).toBe('deals.csv');
    // "deals.csv" is taken, and so is the table's own name: numbered.
    expect(counterexampleFileName('2017/deals.csv', 'deals', taken)).toBe('deals-2.csv');
    expect(counterexampleFileName('2018/deals.csv', 'new', taken)).toBe('new.csv');
  });

  it('writeHistory with "../../victim.csv" and an absolute path: files only inside the folder, the victims untouched', () => {
    const root = mkdtempSync(join(tmpdir(), 'pb-cx-'));
    const victim = join(root, 'victim.csv');
    const script = join(root, 'run.sh');
    writeFileSync(victim, 'precious export\n');
    writeFileSync(script, '#!/bin/sh\necho hello\n');
    const dir = join(root, 'out', 'split', 'whole');
    mkdirSync(dir, { recursive: true });
    const written = writeHistory(graphReading(script, '../../../victim.csv'), history, dir);
    expect(written.map((w) => [w.file, w.declared])).toEqual([
      ['run.sh', script],
      ['victim.csv', '../../../victim.csv'],
    ]);
    expect(readdirSync(dir).sort()).toEqual(['run.sh', 'victim.csv']);
    expect(readFileSync(victim, 'utf8')).toBe('precious export\n');
    expect(readFileSync(script, 'utf8')).toBe('#!/bin/sh\necho hello\n');
    expect(readdirSync(root).sort()).toEqual(['out', 'run.sh', 'victim.csv']);
    expect(readFileSync(join(dir, 'victim.csv'), 'utf8')).toBe('id,rep,stage,close_date,amount\nD1,R1,Won,2017-01-05,\n');
    expect(existsSync(join(root, 'out', 'victim.csv'))).toBe(false);
  });
});

describe('a refused counterexample file', () => {
  it('stops before any counterexample is written: no partial set is left in the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-refuse-'));
    const out = join(dir, 'out');
    mkdirSync(out);
    // The second table's counterexample would land on a file the run reads.
    const input = join(out, 'deals.csv');
    writeFileSync(input, 'the real export\n');
    const graph = graphReading('reps.csv', 'deals.csv');
    expect(() => writeHistory(graph, history, out, [{ path: input, described: 'deals.csv, the file this run reads for table deals' }])).toThrow();
    expect(readdirSync(out)).toEqual(['deals.csv']);
    expect(readFileSync(input, 'utf8')).toBe('the real export\n');
  });
});
