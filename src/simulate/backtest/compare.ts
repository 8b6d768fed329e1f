/**
 * `backtest A.playbook B.playbook`: two tier designs on the same deals. Each is
 * backtested on the deals both score (matched by deal key, with the same
 * outcome), and the difference of their Brier scores gets a 95% paired
 * bootstrap interval.
 */
import { type Backtest, type BacktestOptions, NothingToBacktestError, backtestSample, scoredDeals, testedSample } from '../backtest.js';
import type { Simulation } from '../simulate.js';
import { type PairedDifference, pairedBootstrap } from '../stats/index.js';
import type { ScoredDeal, TierSpec } from './measure.js';

/** Resamples of the paired bootstrap. */
export const COMPARE_RESAMPLES = 2000;

export interface Comparison {
  a: Backtest;
  b: Backtest;
  /** Closed deals scored by only one of the two, or won in one and lost in the other: left out of both. */
  onlyA: number;
  onlyB: number;
  /** Brier(A) − Brier(B) on the tested deals: above 0 means B is better. */
  difference: PairedDifference;
  seed: number;
  resamples: number;
}

function squaredErrors(sample: ScoredDeal[], tiers: TierSpec[], trainUntil: string | undefined): Map<string, number> {
  const { tested, testedTiers } = testedSample(sample, tiers, trainUntil);
  const p = new Map(testedTiers.map((t) => [t.name, t.probability]));
  return new Map(tested.map((d) => [d.id, (p.get(d.tier)! - d.y) ** 2]));
}

/**
 * Compares the tiers of two playbooks on the deals both score.
 * @param seed seed of the bootstrap; the same seed gives the same interval
 * @throws NothingToBacktestError when either declares no tiers;
 * @throws EmptySplitError as `backtest` does with `trainUntil`.
 */
export function compareBacktests(simA: Simulation, simB: Simulation, options: BacktestOptions & { seed: number }): Comparison {
  const a = scoredDealsOf(simA, 'A');
  const b = scoredDealsOf(simB, 'B');
  const inB = new Map(b.sample.map((d) => [d.id, d]));
  const sharedIds = new Set(a.sample.filter((d) => inB.get(d.id)?.y === d.y).map((d) => d.id));
  const sharedA = a.sample.filter((d) => sharedIds.has(d.id));
  const sharedB = b.sample.filter((d) => sharedIds.has(d.id));
  if (sharedIds.size === 0) throw new NothingToBacktestError('the two playbooks share no scored closed deal (deals are matched by their key, with the same outcome)');
  const lossA = squaredErrors(sharedA, a.tiers, options.trainUntil);
  const lossB = squaredErrors(sharedB, b.tiers, options.trainUntil);
  const ids = [...lossA.keys()].filter((id) => lossB.has(id));
  return {
    a: backtestSample(simA, sharedA, a.leftOut, a.tiers, a.features, options),
    b: backtestSample(simB, sharedB, b.leftOut, b.tiers, b.features, options),
    onlyA: a.sample.length - sharedA.length,
    onlyB: b.sample.length - sharedB.length,
    difference: pairedBootstrap(ids.map((id) => lossA.get(id)!), ids.map((id) => lossB.get(id)!), options.seed, COMPARE_RESAMPLES),
    seed: options.seed,
    resamples: COMPARE_RESAMPLES,
  };
}

/** {@link scoredDeals} of design A or B; a design without tiers is named (with two playbooks, "this playbook" says nothing). */
function scoredDealsOf(sim: Simulation, which: 'A' | 'B'): ReturnType<typeof scoredDeals> {
  try {
    return scoredDeals(sim);
  } catch (e) {
    if (e instanceof NothingToBacktestError) throw new NothingToBacktestError(`design ${which} (${sim.playbookFile}): ${e.message.replace(/^this playbook/, 'the playbook')}`);
    throw e;
  }
}
