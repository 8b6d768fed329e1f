import { requireFinites, requireOutcomes, requireRatios, requireSameNonEmpty } from './validate.js';

/** One score group of a reliability table. */
export interface DecileRow {
  /** Group number, 1 (lowest scores) … 10 (highest); empty groups are skipped, so numbers can have gaps. */
  decile: number;
  /** Lowest raw score in the group. */
  from: number;
  /** Highest raw score in the group. */
  to: number;
  /** Number of deals in the group (≥ 1). */
  n: number;
  /** Mean stated win probability of the group's deals, a ratio in [0, 1]. */
  meanPredicted: number;
  /** Share of the group's deals that were won, a ratio in [0, 1]. */
  winRate: number;
}

/**
 * Reliability (calibration) table by score decile: sorts deals by raw score
 * (ascending; ties broken by input index, so the result is deterministic), splits
 * them into 10 groups of as-equal-as-possible size — group k (0-based) gets sorted
 * positions ⌊k·n/10⌋ … ⌊(k+1)·n/10⌋ − 1 — and reports, per non-empty group, the
 * score range, the mean stated probability and the actual win rate. A calibrated
 * playbook has meanPredicted ≈ winRate in every row.
 *
 * Deals with equal scores can land in different groups (the split is by count,
 * not by score), so adjacent rows may share a boundary score.
 *
 * @param scores raw relationship scores (finite numbers), one per deal
 * @param p stated win probabilities, ratios in [0, 1], same length
 * @param y outcomes, 1 = won, 0 = lost, same length
 * @returns up to 10 rows in ascending score order (fewer when n < 10)
 * @throws RangeError when the inputs are empty, differ in length, a score is not
 *   finite, a p is outside [0, 1], or a y is not 0 or 1.
 */
export function reliabilityByDecile(
  scores: readonly number[],
  p: readonly number[],
  y: readonly (0 | 1)[],
): DecileRow[] {
  const fn = 'reliabilityByDecile';
  const n = requireSameNonEmpty(fn, { scores, p, y });
  requireFinites(fn, 'scores', scores);
  requireRatios(fn, 'p', p);
  requireOutcomes(fn, y);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  const rows: DecileRow[] = [];
  for (let k = 0; k < 10; k++) {
    const start = Math.floor((k * n) / 10);
    const end = Math.floor(((k + 1) * n) / 10);
    if (end <= start) continue;
    let sumP = 0;
    let wins = 0;
    for (let j = start; j < end; j++) {
      sumP += p[order[j]];
      wins += y[order[j]];
    }
    const count = end - start;
    rows.push({
      decile: k + 1,
      from: scores[order[start]],
      to: scores[order[end - 1]],
      n: count,
      meanPredicted: sumP / count,
      winRate: wins / count,
    });
  }
  return rows;
}
