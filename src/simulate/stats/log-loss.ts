import { requireFinite, requireOutcomes, requireRatios, requireSameNonEmpty } from './validate.js';

/**
 * Log loss (cross-entropy, in nats) of stated win probabilities against outcomes:
 *
 *     LL = (1/n) · Σ −( yᵢ · ln pᵢ + (1 − yᵢ) · ln(1 − pᵢ) )
 *
 * with each pᵢ first clipped to [eps, 1 − eps], so a stated 0% or 100% that turns
 * out wrong costs −ln(eps) (≈ 34.54 for the default eps) instead of Infinity.
 * 0 is perfect; ln 2 ≈ 0.6931 is what always saying 50% scores. Unlike the Brier
 * score it is unbounded above and punishes confident mistakes hard.
 *
 * @param p stated win probabilities, ratios in [0, 1], one per deal
 * @param y outcomes, 1 = won, 0 = lost, same length as `p`
 * @param eps clipping bound, 0 < eps < 0.5 (default 1e-15)
 * @returns a number ≥ 0 (nats, natural logarithm)
 * @throws RangeError when the inputs are empty, differ in length, a p is outside
 *   [0, 1] or not finite, a y is not 0 or 1, or eps is out of range.
 */
export function logLoss(p: readonly number[], y: readonly (0 | 1)[], eps: number = 1e-15): number {
  const fn = 'logLoss';
  requireFinite(fn, 'eps', eps);
  if (eps <= 0 || eps >= 0.5) throw new RangeError(`${fn}: eps must be greater than 0 and less than 0.5, got ${eps}`);
  const n = requireSameNonEmpty(fn, { p, y });
  requireRatios(fn, 'p', p);
  requireOutcomes(fn, y);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const q = Math.min(1 - eps, Math.max(eps, p[i]));
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / n;
}
