/**
 * `backtest`: how honest were the relationship tiers? For every closed deal
 * (won or lost) the tier is computed as of its close date from the activities
 * logged up to then (no look-ahead); each tier's stated win probability is
 * compared with its actual win rate and 95% Wilson interval. Also: Brier score
 * (decomposed), log loss, calibration intercept and slope, the AUC of the raw
 * score, a reliability table by score group (ties never split), the win rate
 * with and without each action and indicator, findings in words and a
 * suggested probability per tier. Deterministic: same inputs, same report.
 *
 * With `trainUntil`, the tiers' probabilities are not the playbook's: they are
 * estimated from the deals decided up to that day and tested on the deals
 * decided after it — an out-of-sample test. Without it every figure is in-sample.
 * With `by`, the tier table and calibration are repeated per segment.
 */
import type { Simulation } from './simulate.js';
import { type Finding, findings } from './backtest/findings.js';
import { type FeatureSpec, type Measured, type ScoredDeal, type TierRow, type TierSpec, measure, tierRows } from './backtest/measure.js';
import { type Suggestion, suggestProbabilities } from './backtest/suggest.js';
import { MISSING_SEGMENT, segmentOf } from './backtest/segment-field.js';
import { type SegmentReport, segmentFindings, segments } from './backtest/segments.js';

export type { FeatureRow, TierRow } from './backtest/measure.js';
export type { Finding } from './backtest/findings.js';
export type { Suggestion } from './backtest/suggest.js';
export type { Segment, SegmentReport } from './backtest/segments.js';
export { SegmentFieldError } from './backtest/segment-field.js';

export interface BacktestOptions {
  /** Score groups the reliability table aims at (default 10). */
  bins?: number;
  /** YYYY-MM-DD: estimate tier probabilities from deals decided up to this day, test on those after. */
  trainUntil?: string;
  /** A deal field, or a field of a table a deal looks up: tier tables and calibration per segment. */
  by?: string;
}

/** The training side of an out-of-sample backtest. */
export interface TrainSplit {
  trainUntil: string;
  /** Per tier, the training deals and the probability estimated from them (in `stated`). */
  training: TierRow[];
  trainDeals: number;
  trainWins: number;
}

export interface Backtest extends Measured {
  playbook: string;
  currency: string;
  /** Closed deals left out: no account, no close date, or no tier matched. */
  unscored: number;
  /** Those deals, in file order: id, whether won, and why each was left out. */
  leftOut: LeftOutDeal[];
  bins: number;
  /** Null when the figures are in-sample (no `trainUntil`). */
  split: TrainSplit | null;
  findings: Finding[];
  /** Suggested probability per tier, from every scored deal. */
  suggestions: Suggestion[];
  /** Per segment (with `by`), on the same deals and probabilities as the main tables. */
  segments: SegmentReport | null;
}

/** A closed deal the backtest could not score. */
export interface LeftOutDeal {
  id: string;
  won: boolean;
  reason: 'no account' | 'no close date' | 'no tier matched';
}

/** Thrown when the playbook has no relationship tiers to test. */
export class NothingToBacktestError extends Error {}

/** Thrown when a train/test split leaves one side without deals. */
export class EmptySplitError extends Error {}

/** The scored closed deals of a simulation, the playbook's tiers and its features. */
export function scoredDeals(sim: Simulation): { sample: ScoredDeal[]; unscored: number; leftOut: LeftOutDeal[]; tiers: TierSpec[]; features: FeatureSpec } {
  const model = sim.evaluation.relationship;
  if (!model || model.tiers.length === 0) {
    throw new NothingToBacktestError('this playbook declares no relationship tiers to test; add a scoring section and tiers (see docs/language.md)');
  }
  const closed = sim.evaluation.deals.filter((d) => d.stage === 'won' || d.stage === 'lost');
  const sample: ScoredDeal[] = [];
  const leftOut: LeftOutDeal[] = [];
  for (const d of closed) {
    const r = d.relationship;
    if (!r?.tier || r.score === null || r.probability === null || r.asOf === null) {
      const reason = d.account === null || d.account === '' ? 'no account' : r?.asOf === null || r === null ? 'no close date' : 'no tier matched';
      leftOut.push({ id: d.id, won: d.stage === 'won', reason });
      continue;
    }
    sample.push({ id: d.id, line: d.line, decided: r.asOf, score: r.score.toNumber(), tier: r.tier, y: d.stage === 'won' ? 1 : 0, actions: r.actions, indicators: r.indicators });
  }
  return {
    sample,
    unscored: closed.length - sample.length,
    leftOut,
    tiers: model.tiers.map((t) => ({ name: t.name, label: t.label, probability: Number(t.probability) })),
    features: {
      actions: model.node.actions.map((a) => ({ name: a.action, label: a.label })),
      indicators: model.indicatorNames.map((name, i) => ({ name, label: model.indicatorLabels[i] })),
    },
  };
}

const baseRate = (s: readonly ScoredDeal[]) => (s.length === 0 ? 0 : s.filter((d) => d.y === 1).length / s.length);

/**
 * Tier probabilities estimated from training deals: each tier's suggested
 * probability (observed rate shrunk toward its neighbours, see suggest.ts); a
 * tier with no training deals takes the rate it would be shrunk toward.
 */
export function trainTiers(train: readonly ScoredDeal[], tiers: readonly TierSpec[]): TierSpec[] {
  const counts = tierRows(train, tiers);
  const suggested = suggestProbabilities(counts, baseRate(train));
  return tiers.map((t, i) => ({ ...t, probability: suggested[i].probability ?? Math.round(suggested[i].prior * 100) / 100 }));
}

/**
 * Computes the backtest from a simulation of a playbook that scores relationships.
 * @throws NothingToBacktestError when the playbook declares no scoring or no tiers.
 * @throws EmptySplitError when `trainUntil` leaves no training or no test deals.
 * @throws SegmentFieldError when `by` names no field, or one several tables have.
 */
export function backtest(sim: Simulation, options: BacktestOptions = {}): Backtest {
  const { sample, leftOut, tiers, features } = scoredDeals(sim);
  return backtestSample(sim, sample, leftOut, tiers, features, options);
}

/**
 * The deals and tier probabilities a backtest measures: all of `sample` with the
 * playbook's probabilities, or with `trainUntil` the deals decided after it with
 * probabilities estimated from those decided up to it.
 * @throws EmptySplitError when `trainUntil` leaves no training or no test deals.
 */
export function testedSample(sample: ScoredDeal[], tiers: TierSpec[], trainUntil: string | undefined): { tested: ScoredDeal[]; testedTiers: TierSpec[]; split: TrainSplit | null } {
  if (trainUntil === undefined) return { tested: sample, testedTiers: tiers, split: null };
  const train = sample.filter((d) => d.decided <= trainUntil);
  const tested = sample.filter((d) => d.decided > trainUntil);
  if (train.length === 0) throw new EmptySplitError(`--train-until ${trainUntil}: no scored deal was decided on or before ${trainUntil}: nothing to estimate the tiers from`);
  if (tested.length === 0) throw new EmptySplitError(`--train-until ${trainUntil}: no scored deal was decided after ${trainUntil}: nothing to test on`);
  const testedTiers = trainTiers(train, tiers);
  return { tested, testedTiers, split: { trainUntil, training: tierRows(train, testedTiers), trainDeals: train.length, trainWins: train.filter((d) => d.y === 1).length } };
}

/** The backtest of a given sample of scored deals (all of a playbook's, or those two playbooks share). */
export function backtestSample(sim: Simulation, sample: ScoredDeal[], leftOut: LeftOutDeal[], tiers: TierSpec[], features: FeatureSpec, options: BacktestOptions): Backtest {
  const bins = options.bins ?? 10;
  const { tested, testedTiers, split } = testedSample(sample, tiers, options.trainUntil);
  const measured = measure(tested, testedTiers, features, bins);
  const states = split ? 'claims (from the training deals)' : 'states';
  let segmented: SegmentReport | null = null;
  if (options.by !== undefined) {
    const { name, byDeal } = segmentOf(sim, options.by);
    segmented = segments(name, tested, (d) => byDeal.get(d.line) ?? MISSING_SEGMENT, testedTiers, bins);
  }
  return {
    playbook: sim.graph.playbook.name,
    currency: sim.graph.playbook.currency,
    unscored: leftOut.length,
    leftOut,
    bins,
    split,
    ...measured,
    findings: [...findings(measured, states), ...(segmented ? segmentFindings(segmented, states) : [])],
    suggestions: suggestProbabilities(tierRows(sample, tiers), baseRate(sample)),
    segments: segmented,
  };
}
