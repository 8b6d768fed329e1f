/**
 * Pure statistics for `playbook backtest`: how well a playbook's stated win
 * probabilities (per relationship tier) and raw relationship scores matched what
 * happened to past closed deals (won = 1, lost = 0); see the domain notes, section 2
 * ("Relationship tiers and win probability").
 *
 * Plain JS numbers (these are statistics, not money); no dependencies. All
 * probabilities and rates are ratios in [0, 1]. Array inputs must be non-empty
 * and of equal length, otherwise a `RangeError` with a plain message is thrown.
 *
 * - `wilsonInterval(wins, n, z?)` → `{ low, high }` (Wilson 1927)
 * - `brierScore(p, y)` → mean (p − y)² (Brier 1950)
 * - `logLoss(p, y, eps?)` → mean cross-entropy in nats, p clipped to [eps, 1 − eps]
 * - `auc(scores, y)` → Mann–Whitney U / (n₁·n₀) (Hanley & McNeil 1982), or null
 * - `reliabilityByScoreGroup(scores, p, y, bins?)` → calibration rows by score group, ties never split
 * - `brierDecomposition(p, y)` → Murphy's reliability, resolution, uncertainty; expected calibration error
 * - `pairedBootstrap(a, b, seed, resamples?)` → mean difference of paired losses with a 95% percentile interval
 * - `recalibration(p, y)` → calibration intercept and slope (logistic recalibration)
 * - `verdict(stated, interval)` → 'consistent' | 'overstated' | 'understated'
 * - `winRateSplit(has, y)` → win rates with and without a feature
 * - `formatRatio(x, digits?)` → fixed-decimal text, never "-0.0000"
 */
export { wilsonInterval, Z_95, type Interval } from './wilson.js';
export { brierScore } from './brier.js';
export { logLoss } from './log-loss.js';
export { auc } from './auc.js';
export { reliabilityByScoreGroup, tieAwareCuts, type ScoreGroupRow } from './reliability.js';
export { brierDecomposition, type BrierDecomposition, type ForecastBin } from './brier-decomposition.js';
export { pairedBootstrap, mulberry32, type PairedDifference } from './bootstrap.js';
export { recalibration, LOGIT_CLIP, type Recalibration } from './recalibration.js';
export { verdict, type Verdict } from './verdict.js';
export { winRateSplit, type WinRateGroup, type WinRateSplit } from './win-rate-split.js';
export { formatRatio } from './format-ratio.js';
