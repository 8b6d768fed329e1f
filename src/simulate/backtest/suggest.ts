/**
 * A suggested win probability per tier, ready to paste into the playbook.
 *
 * The observed win rate of a tier with few deals is mostly noise, so it is
 * shrunk toward a prior rate m with the weight of K pseudo-deals (a beta–binomial
 * posterior mean):
 *
 *     suggested = (wins + K·m) / (deals + K),   K = 10
 *
 * m is the plain average of the observed win rates of the tier and of its
 * neighbouring tiers (declared just before and just after it) that have deals —
 * an average of rates, not of deals, so a large neighbour does not drag a small
 * tier toward itself. A tier with 100 deals moves a eleventh of the way toward m;
 * one with 10 deals half the way. When the whole playbook has no scored deal m
 * is the base rate; a tier with no deals of its own gets no suggestion (there is
 * nothing to learn from), but its prior is still reported. The result is rounded
 * to a whole percent.
 */

/** Pseudo-deals of weight given to the prior rate. */
export const SHRINK_DEALS = 10;

export interface TierCount {
  tier: string;
  deals: number;
  wins: number;
}

export interface Suggestion {
  tier: string;
  /** Whole-percent ratio (e.g. 0.37), or null for a tier without deals. */
  probability: number | null;
  /** The prior rate m it was shrunk toward. */
  prior: number;
}

/**
 * Suggested probabilities for tiers in declared order.
 * @param baseRate share of all deals won, the prior when a tier and its neighbours have no deals
 */
export function suggestProbabilities(tiers: readonly TierCount[], baseRate: number): Suggestion[] {
  return tiers.map((t, i) => {
    const rates = tiers.slice(Math.max(0, i - 1), i + 2).filter((x) => x.deals > 0).map((x) => x.wins / x.deals);
    const prior = rates.length === 0 ? baseRate : rates.reduce((s, r) => s + r, 0) / rates.length;
    if (t.deals === 0) return { tier: t.tier, probability: null, prior };
    const raw = (t.wins + SHRINK_DEALS * prior) / (t.deals + SHRINK_DEALS);
    return { tier: t.tier, probability: Math.round(raw * 100) / 100, prior };
  });
}
