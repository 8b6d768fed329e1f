import { requireOutcomes, requireRatios, requireSameNonEmpty } from './validate.js';

/** Deals that were all given the same stated probability. */
export interface ForecastBin {
  /** The stated probability shared by the bin's deals. */
  stated: number;
  n: number;
  wins: number;
}

/** Murphy's three parts of the Brier score, and the expected calibration error, over the same bins. */
export interface BrierDecomposition {
  /** (1/n) Σ nₖ (fₖ − ōₖ)²: how far each stated probability is from its bin's win rate (lower is better). */
  reliability: number;
  /** (1/n) Σ nₖ (ōₖ − ō)²: how far the bins' win rates spread from the base rate (higher is better). */
  resolution: number;
  /** ō (1 − ō): the Brier score of always saying the base rate ō. */
  uncertainty: number;
  /** Σ (nₖ/n) |fₖ − ōₖ|: the average gap between stated probability and win rate, weighted by deals. */
  ece: number;
  /** The base rate ō: share of all deals that were won. */
  baseRate: number;
  /** One bin per distinct stated probability, ascending. */
  bins: ForecastBin[];
}

/**
 * Murphy's decomposition of the Brier score (Murphy, A. H. 1973, "A new vector
 * partition of the probability score", J. Applied Meteorology 12:595–600):
 *
 *     Brier = reliability − resolution + uncertainty
 *
 * Bins: one per distinct stated probability (with tiers, one per probability a
 * tier states). Because every deal in a bin was given exactly the bin's
 * probability, the identity holds exactly — binning forecasts into ranges would
 * make it approximate. The expected calibration error uses the same bins.
 *
 * @param p stated win probabilities, ratios in [0, 1]
 * @param y outcomes, 1 = won, 0 = lost, same length
 * @throws RangeError on empty or mismatched inputs, a p outside [0, 1] or a y not 0 or 1.
 */
export function brierDecomposition(p: readonly number[], y: readonly (0 | 1)[]): BrierDecomposition {
  const fn = 'brierDecomposition';
  const n = requireSameNonEmpty(fn, { p, y });
  requireRatios(fn, 'p', p);
  requireOutcomes(fn, y);
  const byStated = new Map<number, ForecastBin>();
  let wins = 0;
  for (let i = 0; i < n; i++) {
    const bin = byStated.get(p[i]) ?? { stated: p[i], n: 0, wins: 0 };
    bin.n++;
    bin.wins += y[i];
    wins += y[i];
    byStated.set(p[i], bin);
  }
  const bins = [...byStated.values()].sort((a, b) => a.stated - b.stated);
  const base = wins / n;
  let rel = 0;
  let res = 0;
  let ece = 0;
  for (const b of bins) {
    const rate = b.wins / b.n;
    rel += b.n * (b.stated - rate) ** 2;
    res += b.n * (rate - base) ** 2;
    ece += b.n * Math.abs(b.stated - rate);
  }
  return { reliability: rel / n, resolution: res / n, uncertainty: base * (1 - base), ece: ece / n, baseRate: base, bins };
}
