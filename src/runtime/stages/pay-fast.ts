/**
 * Pay fast (domain.md §4: "the bonus for an order won today should be paid tomorrow"; the time
 * from the triggering event to payment is a measured quality of a scheme): over the payments
 * made by the end of the data, the days from each part's trigger to its payment — how many,
 * the median (the mean of the two middle values for an even count), the 90th percentile
 * (nearest rank: the ⌈0.9·n⌉-th smallest) and the longest wait. Each paid part counts once,
 * whatever its amount.
 */
export interface PayFast {
  payments: number;
  /** Whole days, or null when nothing was paid. The median may end in .5. */
  median: number | null;
  p90: number | null;
  max: number | null;
}

/** The figures of a list of waits in whole days. */
export function payFastOf(days: number[]): PayFast {
  if (days.length === 0) return { payments: 0, median: null, p90: null, max: null };
  const sorted = [...days].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { payments: n, median, p90: sorted[Math.ceil(0.9 * n) - 1], max: sorted[n - 1] };
}
