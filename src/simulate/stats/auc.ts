import { requireFinites, requireOutcomes, requireSameNonEmpty } from './validate.js';

/**
 * Area under the ROC curve of a raw score against outcomes, computed exactly as
 * the Mann–Whitney statistic (Hanley, J. A. & McNeil, B. J. 1982, "The meaning
 * and use of the area under a receiver operating characteristic (ROC) curve",
 * Radiology 143:29–36):
 *
 *     AUC = U / (n₁ · n₀)
 *
 * where n₁ = won deals, n₀ = lost deals and U counts, over all (won, lost) pairs,
 * 1 when the won deal scored higher and ½ when the scores are tied. Equivalently,
 * the probability that a random won deal outscores a random lost deal.
 *
 * Computed in O(n log n): sort by score, give tied scores their average rank
 * (1-based), and use U = R₁ − n₁(n₁ + 1)/2 with R₁ the sum of the won deals' ranks.
 *
 * @param scores raw relationship scores (any finite numbers; only their order matters)
 * @param y outcomes, 1 = won, 0 = lost, same length as `scores`
 * @returns a ratio in [0, 1] (0.5 = no better than chance, e.g. when all scores
 *   tie), or `null` when all deals were won or all were lost (no pairs to compare)
 * @throws RangeError when the inputs are empty, differ in length, a score is not
 *   finite, or a y is not 0 or 1.
 */
export function auc(scores: readonly number[], y: readonly (0 | 1)[]): number | null {
  const fn = 'auc';
  const n = requireSameNonEmpty(fn, { scores, y });
  requireFinites(fn, 'scores', scores);
  requireOutcomes(fn, y);
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += y[i];
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) return null;

  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  // Sum of (1-based) average ranks of won deals. Ranks are whole or half numbers,
  // so the sum stays exact for any realistic n.
  let rankSumWon = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end]] === scores[order[start]]) end++;
    // Positions start..end−1 (0-based) hold ranks start+1..end; their average:
    const avgRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) if (y[order[k]] === 1) rankSumWon += avgRank;
    start = end;
  }
  const u = rankSumWon - (n1 * (n1 + 1)) / 2;
  return u / (n1 * n0);
}
