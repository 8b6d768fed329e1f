import { requireOutcomes, requireRatios, requireSameNonEmpty } from './validate.js';

/**
 * Brier score (Brier, G. W. 1950, "Verification of forecasts expressed in terms
 * of probability", Monthly Weather Review 78:1–3): the mean squared difference
 * between a stated win probability and what happened,
 *
 *     BS = (1/n) · Σ (pᵢ − yᵢ)²
 *
 * 0 is perfect, 0.25 is what always saying 50% scores, 1 is always confidently wrong.
 *
 * @param p stated win probabilities, ratios in [0, 1], one per deal
 * @param y outcomes, 1 = won, 0 = lost, same length as `p`
 * @returns a ratio in [0, 1]
 * @throws RangeError when the inputs are empty, differ in length, a p is outside
 *   [0, 1] or not finite, or a y is not 0 or 1.
 */
export function brierScore(p: readonly number[], y: readonly (0 | 1)[]): number {
  const fn = 'brierScore';
  const n = requireSameNonEmpty(fn, { p, y });
  requireRatios(fn, 'p', p);
  requireOutcomes(fn, y);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = p[i] - y[i];
    sum += d * d;
  }
  return sum / n;
}
