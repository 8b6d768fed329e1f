/**
 * `verify` reports where it is (property k of n, history i of runs) and refuses
 * more histories per property than its documented cap.
 */
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { MAX_RUNS, type VerifyProgress, verify } from '../../src/simulate/verify/index.js';
import { verifyPlaybook } from './playbook.js';

const PLAYBOOK = verifyPlaybook('commission "c" on credited per year marginal\n  from 0 pay 2%\nassert "pays at most 2%" for each rep payout <= credited × 2%\n');

const graph = () => compilePlaybookSource('p.playbook', PLAYBOOK).graph!;

describe('verify progress and cap', () => {
  it('reports every history of every checked property, in order, with the number of properties checked', () => {
    const seen: VerifyProgress[] = [];
    const results = verify(graph(), { seed: 3, runs: 20, samples: null, onProgress: (p) => seen.push({ ...p }) });
    // Checked: monotone, split, timing, red lines hold, the assertion (no budget: "bounded cost" is not checked).
    const checked = ['monotone', 'split', 'timing', 'red lines hold', 'assert: pays at most 2%'];
    expect(results.filter((r) => r.runs > 0).map((r) => r.property)).toEqual(checked);
    expect(seen.every((p) => p.properties === 5 && p.runs === 20 && !p.shrinking)).toBe(true);
    expect(seen.map((p) => `${p.index}:${p.property}:${p.run}`)).toEqual(checked.flatMap((name, i) => Array.from({ length: 20 }, (_, r) => `${i}:${name}:${r + 1}`)));
  });

  it(`refuses more than ${MAX_RUNS} histories per property, and fewer than 1`, () => {
    expect(MAX_RUNS).toBe(10_000);
    expect(() => verify(graph(), { seed: 1, runs: MAX_RUNS + 1, samples: null })).toThrow(RangeError);
    expect(() => verify(graph(), { seed: 1, runs: 0, samples: null })).toThrow(RangeError);
  });
});
