import { requireFinites, requireOutcomes, requireRatios, requireSameNonEmpty } from './validate.js';

/** One score group of a reliability table. */
export interface ScoreGroupRow {
  /** Group number, 1 (lowest scores) … m, consecutive. */
  group: number;
  /** Lowest raw score in the group. */
  from: number;
  /** Highest raw score in the group. */
  to: number;
  /** Number of deals in the group (≥ 1). */
  n: number;
  /** Number of those deals that were won. */
  wins: number;
  /** Mean stated win probability of the group's deals, a ratio in [0, 1]. */
  meanPredicted: number;
  /** Share of the group's deals that were won, a ratio in [0, 1]. */
  winRate: number;
}

/**
 * Where the groups of `bins` near-equal groups start, never splitting a tie.
 *
 * The rule: sort deals by score; the k-th cut (k = 1 … bins − 1) aims at sorted
 * position t = ⌊k·n/bins⌋. When deals t − 1 and t have the same score, the cut
 * would split a tie, so it moves to the nearer end of that run of equal scores
 * (the upper end when both are equally near). Cuts that land on 0, on n or on
 * an earlier cut are dropped, so there can be fewer than `bins` groups — one
 * group when every deal has the same score.
 *
 * @param sorted scores in ascending order
 * @returns the start positions of the groups, beginning with 0
 */
export function tieAwareCuts(sorted: readonly number[], bins: number): number[] {
  const n = sorted.length;
  const starts = [0];
  for (let k = 1; k < bins; k++) {
    let t = Math.floor((k * n) / bins);
    if (t > 0 && t < n && sorted[t - 1] === sorted[t]) {
      let low = t;
      while (low > 0 && sorted[low - 1] === sorted[t]) low--;
      let high = t;
      while (high < n && sorted[high] === sorted[t]) high++;
      t = t - low < high - t ? low : high;
    }
    if (t > starts[starts.length - 1] && t < n) starts.push(t);
  }
  return starts;
}

/**
 * Reliability (calibration) table by score group: sorts deals by raw score,
 * cuts them into at most `bins` groups of near-equal size that never split a
 * tie (see {@link tieAwareCuts} for the rule), and reports per group the score
 * range, the size, the mean stated probability and the actual win rate. A
 * calibrated playbook has meanPredicted ≈ winRate in every row. Because a tie is
 * never split, the table does not depend on the order of the deals in the input.
 *
 * @param scores raw relationship scores (finite numbers), one per deal
 * @param p stated win probabilities, ratios in [0, 1], same length
 * @param y outcomes, 1 = won, 0 = lost, same length
 * @param bins how many groups to aim for (whole number ≥ 1, default 10)
 * @returns 1 … bins rows in ascending score order
 * @throws RangeError when the inputs are empty, differ in length, a score is not
 *   finite, a p is outside [0, 1], a y is not 0 or 1, or bins is not a whole number ≥ 1.
 */
export function reliabilityByScoreGroup(
  scores: readonly number[],
  p: readonly number[],
  y: readonly (0 | 1)[],
  bins: number = 10,
): ScoreGroupRow[] {
  const fn = 'reliabilityByScoreGroup';
  const n = requireSameNonEmpty(fn, { scores, p, y });
  requireFinites(fn, 'scores', scores);
  requireRatios(fn, 'p', p);
  requireOutcomes(fn, y);
  if (!Number.isSafeInteger(bins) || bins < 1) throw new RangeError(`${fn}: bins must be a whole number of 1 or more, got ${String(bins)}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  const starts = tieAwareCuts(order.map((i) => scores[i]), bins);
  return starts.map((start, g) => {
    const end = g + 1 < starts.length ? starts[g + 1] : n;
    let sumP = 0;
    let wins = 0;
    for (let j = start; j < end; j++) {
      sumP += p[order[j]];
      wins += y[order[j]];
    }
    const count = end - start;
    return { group: g + 1, from: scores[order[start]], to: scores[order[end - 1]], n: count, wins, meanPredicted: sumP / count, winRate: wins / count };
  });
}
