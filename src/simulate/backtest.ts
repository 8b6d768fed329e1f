/**
 * `backtest`: how honest were the relationship tiers? For every closed deal
 * (won or lost) the tier is computed as of its close date from the activities
 * logged up to then (no look-ahead); each tier's stated win probability is
 * compared with its actual win rate and 95% Wilson interval. Also: Brier score
 * and log loss of the stated probabilities, the AUC of the raw score, a
 * reliability table by score decile, and the win rate with and without each
 * action and indicator. Deterministic: same inputs, same report.
 */
import type { Simulation } from './simulate.js';
import { type DecileRow, type Verdict, type WinRateSplit, auc, brierScore, logLoss, reliabilityByDecile, verdict, wilsonInterval, winRateSplit } from './stats/index.js';

export interface TierRow {
  tier: string;
  label: string | null;
  deals: number;
  wins: number;
  /** Stated win probability (ratio). */
  stated: number;
  /** Actual win rate (ratio), null without deals. */
  actual: number | null;
  low: number;
  high: number;
  verdict: Verdict | 'no deals';
}

export interface FeatureRow extends WinRateSplit {
  name: string;
  label: string | null;
}

export interface Backtest {
  playbook: string;
  currency: string;
  /** Closed deals with a score and a tier: the sample every figure is computed on. */
  deals: number;
  wins: number;
  /** Closed deals left out: no account, no close date, or no tier matched. */
  unscored: number;
  tiers: TierRow[];
  brier: number | null;
  logLoss: number | null;
  /** AUC of the raw score (null when all deals have the same outcome). */
  auc: number | null;
  reliability: DecileRow[];
  actions: FeatureRow[];
  indicators: FeatureRow[];
}

/** Thrown when the playbook has no relationship tiers to test. */
export class NothingToBacktestError extends Error {}

/**
 * Computes the backtest from a simulation of a playbook that scores relationships.
 * @throws NothingToBacktestError when the playbook declares no scoring or no tiers.
 */
export function backtest(sim: Simulation): Backtest {
  const model = sim.evaluation.relationship;
  if (!model || model.tiers.length === 0) {
    throw new NothingToBacktestError('this playbook declares no relationship tiers to test; add a scoring section and tiers (see docs/language.md)');
  }
  const closed = sim.evaluation.deals.filter((d) => d.stage === 'won' || d.stage === 'lost');
  const sample = closed.filter((d) => d.relationship?.tier && d.relationship.score !== null && d.relationship.probability !== null);
  const y = sample.map((d) => (d.stage === 'won' ? 1 : 0) as 0 | 1);
  const p = sample.map((d) => d.relationship!.probability!.toNumber());
  const scores = sample.map((d) => d.relationship!.score!.toNumber());

  const tiers: TierRow[] = model.tiers.map((t) => {
    const inTier = sample.filter((d) => d.relationship!.tier === t.name);
    const wins = inTier.filter((d) => d.stage === 'won').length;
    const interval = wilsonInterval(wins, inTier.length);
    const stated = Number(t.probability);
    return {
      tier: t.name,
      label: t.label,
      deals: inTier.length,
      wins,
      stated,
      actual: inTier.length === 0 ? null : wins / inTier.length,
      low: interval.low,
      high: interval.high,
      verdict: inTier.length === 0 ? 'no deals' : verdict(stated, interval),
    };
  });

  const feature = (name: string, label: string | null, has: (d: (typeof sample)[number]) => boolean): FeatureRow => ({ name, label, ...winRateSplit(sample.map(has), y) });
  const actions = sample.length === 0 ? [] : model.node.actions.map((a) => feature(a.action, a.label, (d) => d.relationship!.actions.has(a.action)));
  const indicators = sample.length === 0 ? [] : model.indicatorNames.map((name, i) => feature(name, model.indicatorLabels[i], (d) => d.relationship!.indicators[i] === true));

  return {
    playbook: sim.graph.playbook.name,
    currency: sim.graph.playbook.currency,
    deals: sample.length,
    wins: y.filter((v) => v === 1).length,
    unscored: closed.length - sample.length,
    tiers,
    brier: sample.length === 0 ? null : brierScore(p, y),
    logLoss: sample.length === 0 ? null : logLoss(p, y),
    auc: sample.length === 0 ? null : auc(scores, y),
    reliability: sample.length === 0 ? [] : reliabilityByDecile(scores, p, y),
    actions,
    indicators,
  };
}
