/**
 * The shape of a payout distribution, computed exactly on `Decimal`s: total
 * cost, cost of sales, median and quartiles, and the share of the top 10% of
 * reps. Quartiles interpolate linearly between the sorted payouts (the method
 * of Excel's QUARTILE.INC and R's default type 7): with n payouts sorted
 * ascending, the p-quantile sits at position (n − 1) × p.
 */
import { Decimal } from '../../runtime/decimal.js';

export interface Distribution {
  reps: number;
  /** Σ payout. */
  total: Decimal;
  /** Σ credited. */
  credited: Decimal;
  /** total ÷ credited, null when nothing was credited. */
  costOfSales: Decimal | null;
  q1: Decimal;
  median: Decimal;
  q3: Decimal;
  /** How many reps make the top 10%: ⌈n × 10%⌉. */
  topCount: number;
  /** Their share of the total payout (0–1), null when the total is zero. */
  topShare: Decimal | null;
}

/** The p-quantile (0 ≤ p ≤ 1) of ascending `sorted`, interpolated linearly; 0 for an empty list. */
export function quantile(sorted: readonly Decimal[], p: Decimal.Value): Decimal {
  if (sorted.length === 0) return new Decimal(0);
  const h = new Decimal(sorted.length - 1).mul(p);
  const lo = h.floor().toNumber();
  const hi = h.ceil().toNumber();
  return sorted[lo].plus(h.minus(lo).mul(sorted[hi].minus(sorted[lo])));
}

/** The distribution of `payouts` (one per rep) over `credited` in total. */
export function distribution(payouts: readonly Decimal[], credited: Decimal): Distribution {
  const sorted = [...payouts].sort((x, y) => x.comparedTo(y));
  const total = sorted.reduce((s, x) => s.plus(x), new Decimal(0));
  const topCount = Math.ceil(sorted.length / 10);
  const top = sorted.slice(sorted.length - topCount).reduce((s, x) => s.plus(x), new Decimal(0));
  return {
    reps: sorted.length,
    total,
    credited,
    costOfSales: credited.isZero() ? null : total.div(credited),
    q1: quantile(sorted, '0.25'),
    median: quantile(sorted, '0.5'),
    q3: quantile(sorted, '0.75'),
    topCount,
    topShare: total.isZero() ? null : top.div(total),
  };
}
