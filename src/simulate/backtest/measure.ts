/**
 * Every figure of a backtest, computed on one sample of scored deals with one
 * stated probability per tier. The whole backtest, a segment and the test side
 * of a train/test split all go through here, so they are computed the same way.
 */
import {
  type ScoreGroupRow,
  type Verdict,
  type WinRateSplit,
  auc,
  brierScore,
  logLoss,
  reliabilityByScoreGroup,
  verdict,
  wilsonInterval,
  winRateSplit,
} from '../stats/index.js';
import { type Calibration, calibration } from './calibration.js';

/** A closed deal with the score and tier it had on the day it was decided. */
export interface ScoredDeal {
  id: string;
  /** Line of the deal in its file (identifies its row). */
  line: number;
  /** The day the deal was decided (its as-of date), YYYY-MM-DD. */
  decided: string;
  score: number;
  tier: string;
  y: 0 | 1;
  actions: ReadonlySet<string>;
  indicators: readonly (boolean | null)[];
}

/** A tier as the playbook declares it. */
export interface TierSpec {
  name: string;
  label: string | null;
  /** The win probability to test (the playbook's, or one estimated from training deals). */
  probability: number;
}

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

/** What the features of a scoring section are called. */
export interface FeatureSpec {
  actions: readonly { name: string; label: string | null }[];
  indicators: readonly { name: string; label: string | null }[];
}

export interface Measured {
  deals: number;
  wins: number;
  tiers: TierRow[];
  brier: number | null;
  logLoss: number | null;
  /** AUC of the raw score (null when all deals have the same outcome). */
  auc: number | null;
  /** Reliability table by score group (ties never split). */
  groups: ScoreGroupRow[];
  calibration: Calibration | null;
  actions: FeatureRow[];
  indicators: FeatureRow[];
}

/** Per-tier rows: stated probability against the actual rate and its 95% Wilson interval. */
export function tierRows(sample: readonly ScoredDeal[], tiers: readonly TierSpec[]): TierRow[] {
  return tiers.map((t) => {
    const inTier = sample.filter((d) => d.tier === t.name);
    const wins = inTier.filter((d) => d.y === 1).length;
    const interval = wilsonInterval(wins, inTier.length);
    return {
      tier: t.name,
      label: t.label,
      deals: inTier.length,
      wins,
      stated: t.probability,
      actual: inTier.length === 0 ? null : wins / inTier.length,
      low: interval.low,
      high: interval.high,
      verdict: inTier.length === 0 ? 'no deals' : verdict(t.probability, interval),
    };
  });
}

/**
 * All figures on `sample`, each deal stated its tier's probability from `tiers`.
 * @param bins how many score groups the reliability table aims at
 */
export function measure(sample: readonly ScoredDeal[], tiers: readonly TierSpec[], features: FeatureSpec | null, bins: number): Measured {
  const stated = new Map(tiers.map((t) => [t.name, t.probability]));
  const y = sample.map((d) => d.y);
  const p = sample.map((d) => stated.get(d.tier)!);
  const scores = sample.map((d) => d.score);
  const empty = sample.length === 0;
  const feature = (name: string, label: string | null, has: (d: ScoredDeal) => boolean): FeatureRow => ({ name, label, ...winRateSplit(sample.map(has), y) });
  return {
    deals: sample.length,
    wins: y.filter((v) => v === 1).length,
    tiers: tierRows(sample, tiers),
    brier: empty ? null : brierScore(p, y),
    logLoss: empty ? null : logLoss(p, y),
    auc: empty ? null : auc(scores, y),
    groups: empty ? [] : reliabilityByScoreGroup(scores, p, y, bins),
    calibration: empty ? null : calibration(p, y),
    actions: empty || !features ? [] : features.actions.map((a) => feature(a.name, a.label, (d) => d.actions.has(a.name))),
    indicators: empty || !features ? [] : features.indicators.map((f, i) => feature(f.name, f.label, (d) => d.indicators[i] === true)),
  };
}
