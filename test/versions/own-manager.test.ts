/**
 * A team table (`on team credited by manager`) over a reps file where a rep names themself as
 * manager: a rep is not on their own team, so the overlay leaves out their own deals — warned,
 * naming the rep and the reps file's line (found by a user trial: the 0.00 line was silent).
 * Data: docs/examples/data/splits with the manager column edited.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDatasetTexts } from '../../src/data/index.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import type { TableLike } from '../../src/runtime/values.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';

const DOCS = fileURLToPath(new URL('../../docs/examples/', import.meta.url));
const graph = compilePlaybookSource('splits.playbook', readFileSync(join(DOCS, 'splits.playbook'), 'utf8')).graph!;
const file = (name: string) => readFileSync(join(DOCS, 'data/splits', name), 'utf8');

function run(reps: string) {
  const files: Record<string, string> = { 'reps.csv': reps, 'deals.csv': file('deals.csv'), 'splits.csv': file('splits.csv') };
  const data = loadDatasetTexts(graph.tables, (schema) => files[schema.file], { timeZone: 'UTC' });
  expect(data.rejected).toEqual([]);
  return evaluate(graph, data.tables as unknown as Map<string, TableLike>);
}
const overlay = (e: ReturnType<typeof run>, rep: string) =>
  e.reps.find((r) => r.rep === rep)!.lines.filter((l) => l.component === 'manager overlay').map((l) => l.amount.toFixed(2));

describe('a rep named as their own manager', () => {
  it('the reps file as given: no warning', () => {
    expect(run(file('reps.csv')).warnings.filter((w) => w.includes('names themself'))).toEqual([]);
  });

  it('r3 (line 5) names themself and nobody names r3: warned, and the overlay line is 0.00', () => {
    const e = run('rep_id,manager\nm1,\nr1,m1\nr2,m1\nr3,r3\n');
    expect(e.warnings.filter((w) => w.includes('names themself'))).toEqual([
      'reps.csv:5: rep r3 names themself in manager; a rep is not on their own team, so commission "manager overlay" does not count r3\'s own deals, and no other rep names r3: the line runs on 0.00 credited. If the manager is a typing error, correct it',
    ]);
    expect(overlay(e, 'r3')).toEqual(['0.00']);
  });

  it('m1 (line 2) names themself but leads r1 and r2: warned without "0.00"; the overlay is on r1 and r2 only', () => {
    const e = run('rep_id,manager\nm1,m1\nr1,m1\nr2,m1\nr3,\n');
    expect(e.warnings.filter((w) => w.includes('names themself'))).toEqual([
      'reps.csv:2: rep m1 names themself in manager; a rep is not on their own team, so commission "manager overlay" does not count m1\'s own deals. If the manager is a typing error, correct it',
    ]);
    // r1: D1 60,000 + half of D5 5,000 = 65,000; r2: D2 70,000 → 135,000 (m1's own D4 5,000 left out).
    // Marginal: 100,000 × 1% + 35,000 × 2% = 1,000 + 700 = 1,700.
    expect(overlay(e, 'm1')).toEqual(['1700.00']);
  });
});
