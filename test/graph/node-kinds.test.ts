/**
 * Every node kind has an evaluator tested with hand-computed values: the conformance corpus
 * (test/conformance, each folder's expected.json computed by hand) exercises every kind but the
 * relationship ones, whose evaluators are checked by hand in test/relationship/scoring.test.ts
 * (points, repetition limits, weights, fading, cap, indicators, first-match tiers) and against
 * the example generator's independent scores in test/examples/activities.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../src/graph/nodes.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';

const CORPUS = fileURLToPath(new URL('../conformance/', import.meta.url));
const ALL_KINDS: GraphNode['kind'][] = ['derived', 'outcome', 'redline', 'credit', 'quota', 'commission', 'bonus', 'ranking', 'scoring', 'indicator', 'tiers', 'payout', 'validation', 'stages', 'statements'];
const RELATIONSHIP: GraphNode['kind'][] = ['scoring', 'indicator', 'tiers'];

describe('node kinds', () => {
  it('the conformance corpus exercises every non-relationship node kind', () => {
    const seen = new Set<string>();
    for (const dir of readdirSync(CORPUS)) {
      const file = join(CORPUS, dir, 'scheme.playbook');
      if (!existsSync(file) || !existsSync(join(CORPUS, dir, 'expected.json'))) continue;
      for (const n of compilePlaybookSource(file, readFileSync(file, 'utf8')).graph?.nodes ?? []) seen.add(n.kind);
    }
    expect(ALL_KINDS.filter((k) => !RELATIONSHIP.includes(k) && !seen.has(k))).toEqual([]);
  });
});
