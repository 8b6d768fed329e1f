/**
 * Splitting a deal's credit (or a per-deal bonus) between the people who share it, so that the
 * parts add up exactly to the whole (design.md, "Money"): every part but one is the amount × its
 * share, rounded half-up to the currency's smallest unit; the **largest share** (the first listed
 * of equal largest shares) takes what is left. With shares 40%, 30%, 30% of 1,000.01: 300.00,
 * 300.00 and 1,000.01 − 600.00 = 400.01.
 */
import { Decimal } from './decimal.js';
import { roundTo } from './money.js';

/**
 * The parts of `amount` for `shares` (ratios, in the split table's order; they should add up to 1).
 * @param step the currency's smallest unit as text (`0.01`).
 * @returns one part per share, same order; Σ parts = amount exactly.
 */
export function splitAmount(amount: Decimal, shares: readonly Decimal[], step: string): Decimal[] {
  if (shares.length === 0) return [];
  let largest = 0;
  for (let k = 1; k < shares.length; k++) if (shares[k].gt(shares[largest])) largest = k;
  const parts = shares.map((s, k) => (k === largest ? new Decimal(0) : roundTo(amount.mul(s), step, 'half-up')));
  parts[largest] = parts.reduce((rest, p, k) => (k === largest ? rest : rest.minus(p)), amount);
  return parts;
}
