/**
 * The cached score of a deal's window (relationship.ts `quickScore`: reused scratch, actions done
 * as bits) against the plain scan (`scoreWindow` through `scoreAccount`), deal by deal, over the
 * bundled key-account data (450 deals, 2,985 activities, repetition rules and role weights), and
 * with a low cap and a short half-life (most scores capped, terms of many magnitudes). Same total,
 * same capped score, same actions done.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { loadData } from '../../src/simulate/simulate.js';
import { runGraph } from '../../src/runtime/engine.js';
import type { ScoringResult } from '../../src/runtime/nodes/scoring.js';

const PLAYBOOK = readFileSync('playbooks/key-account.playbook', 'utf8');

function compare(source: string): number {
  const compiled = compilePlaybookSource('key-account.playbook', source);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const graph = compiled.graph!;
  const { dataset } = loadData(graph, 'examples/key-account');
  const scoring = runGraph(graph, dataset.tables).results.get('scoring') as ScoringResult;
  const deals = dataset.tables.get('deals')!;
  const accountField = graph.tables.find((t) => t.name === 'deals')!.fields.findIndex((f) => f.name === 'account');
  let compared = 0;
  for (let i = 0; i < deals.rows.length; i++) {
    const asOf = scoring.asOf(i);
    if (asOf === null) continue;
    const account = String(deals.rows[i].values[accountField]);
    const quick = scoring.scorer.score(scoring.window(i), false);
    const plain = scoring.scorer.scoreAccount(account, asOf, false);
    expect(quick.total.toString(), `deal ${i}`).toBe(plain.total.toString());
    expect(quick.score.toString(), `deal ${i}`).toBe(plain.score.toString());
    const detail = scoring.scorer.scoreAccount(account, asOf, true);
    expect([...scoring.actions(i)].sort(), `deal ${i}`).toEqual([...new Set(detail.contributions.map((c) => c.action))].sort());
    compared++;
  }
  return compared;
}

describe('a window scored once (quick path) equals the plain scan', () => {
  it('over the key-account reference data', () => {
    expect(compare(PLAYBOOK)).toBe(449); // every deal of examples/key-account has an account and an as-of day
  });

  it('with a low cap and a short half-life', () => {
    const changed = PLAYBOOK.replace('half life 180 days · cap 100', 'half life 7 days · cap 5');
    expect(changed).not.toBe(PLAYBOOK);
    expect(compare(changed)).toBe(449);
  });
});
