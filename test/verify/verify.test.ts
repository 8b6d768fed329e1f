/**
 * `verify` finds planted flaws, each with a minimal counterexample that
 * `simulate` re-runs to the same figures, and passes where the scheme is sound.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';
import { simulate } from '../../src/simulate/simulate.js';
import { writeHistory } from '../../src/simulate/verify/history.js';
import { type PropertyResult, verify } from '../../src/simulate/verify/index.js';
import { verifyPlaybook } from './playbook.js';

const BASE = verifyPlaybook();

function check(rules: string, runs = 300): { results: PropertyResult[]; graph: NonNullable<ReturnType<typeof compilePlaybookSource>['graph']> } {
  const compiled = compilePlaybookSource('v.playbook', BASE + rules);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { results: verify(compiled.graph!, { seed: 7, runs, samples: null }), graph: compiled.graph! };
}

const status = (results: PropertyResult[]) => Object.fromEntries(results.map((r) => [r.property, r.status]));

/** Re-runs a counterexample history through simulate (CSV files and all) and returns each rep's payout. */
function rerun(graph: Parameters<typeof writeHistory>[0], history: Parameters<typeof writeHistory>[1]): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-verify-'));
  writeHistory(graph, history, dir);
  const json = simulationJson(simulate(graph, 'v.playbook', dir)) as { reps: { rep: string; payout: string }[] };
  return Object.fromEntries(json.reps.map((r) => [r.rep, r.payout]));
}

describe('verify', () => {
  it('a sound scheme: a marginal commission holds every property', () => {
    const { results } = check('commission "c" on credited per year marginal\n  from 0 pay 2%\n  from 100,000 pay 4%\n');
    expect(status(results)).toEqual({ monotone: 'holds', split: 'holds', timing: 'holds', 'bounded cost': 'skipped', 'red lines hold': 'holds' });
  });

  it('finds the planted splitting flaw: a per-deal kicker for small deals pays more for two halves', () => {
    const { results, graph } = check('bonus "small deal kicker" per deal when amount < 10,000 pay amount × 10%\n');
    const split = results.find((r) => r.property === 'split')!;
    expect(split.status).toBe('fails');
    expect(split.detail).toMatch(/splitting gains/);
    // The counterexample re-runs: the split version really pays the rep more than the whole.
    const [whole, parts] = split.counterexample!;
    const rep = String(whole.history.deals.find((d) => d.id === 'WHOLE')!.rep);
    expect(Number(rerun(graph, parts.history)[rep])).toBeGreaterThan(Number(rerun(graph, whole.history)[rep]));
    // Shrunk to a minimal history: no deals but the one being split.
    expect(whole.history.deals.map((d) => d.id)).toEqual(['WHOLE']);
  });

  it('finds the planted timing flaw: a quarterly threshold rewards moving a deal into the next quarter', () => {
    const { results, graph } = check('commission "quarterly" on credited per quarter retroactive\n  from 0 pay 0%\n  from 100,000 pay 5%\n');
    const timing = results.find((r) => r.property === 'timing')!;
    expect(timing.status).toBe('fails');
    const [before, after] = timing.counterexample!;
    const rep = String(before.history.deals.find((d) => d.id === 'MOVED')!.rep);
    expect(rerun(graph, before.history)[rep]).not.toBe(rerun(graph, after.history)[rep]);
    expect(timing.largestGain).toBeDefined();
  });

  it('checks the declared budget and the playbook\'s own assertions', () => {
    const { results } = check('commission "c" on credited per year marginal\n  from 0 pay 2%\nbudget payout at most 1% of credited\nassert "pays at most 2% of credit" for each rep payout <= credited × 2%\n');
    expect(status(results)['bounded cost']).toBe('fails');
    expect(status(results)['assert: pays at most 2% of credit']).toBe('holds');
    const ok = check('commission "c" on credited per year marginal\n  from 0 pay 2%\nbudget payout at most 2% of credited\n');
    expect(status(ok.results)['bounded cost']).toBe('holds');
  });

  it('is reproducible: the same seed gives the same report', () => {
    const a = check('bonus "k" per deal when amount < 10,000 pay amount × 10%\n', 100).results;
    const b = check('bonus "k" per deal when amount < 10,000 pay amount × 10%\n', 100).results;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
