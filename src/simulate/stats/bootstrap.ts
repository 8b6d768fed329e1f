import { requireFinites, requireSameNonEmpty } from './validate.js';

/** A mean difference with its bootstrap percentile interval. */
export interface PairedDifference {
  /** Mean of aᵢ − bᵢ. */
  mean: number;
  low: number;
  high: number;
}

/**
 * mulberry32, a small 32-bit seeded generator: the same seed gives the same
 * stream on every platform (integer arithmetic only), which keeps reports
 * reproducible. Returns numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Paired bootstrap of the mean difference between two per-deal losses (e.g. the
 * squared errors of two tier designs on the same deals; Efron, B. & Tibshirani,
 * R. 1993, "An Introduction to the Bootstrap", ch. 13). Each resample draws n
 * deals with replacement — the same deals for both, so what the two designs
 * have in common cancels — and takes the mean of aᵢ − bᵢ. The interval is the
 * percentile interval: sorted resampled means at positions ⌊0.025·R⌋ and
 * ⌈0.975·R⌉ − 1 (0-based) for a 95% interval.
 *
 * @param a per-deal losses of the first design
 * @param b per-deal losses of the second, same deals in the same order
 * @param seed seed of the generator (whole number); same seed, same interval
 * @param resamples R, whole number ≥ 1 (default 2000)
 * @throws RangeError on empty or mismatched inputs or a value that is not finite.
 */
export function pairedBootstrap(a: readonly number[], b: readonly number[], seed: number, resamples: number = 2000): PairedDifference {
  const fn = 'pairedBootstrap';
  const n = requireSameNonEmpty(fn, { a, b });
  requireFinites(fn, 'a', a);
  requireFinites(fn, 'b', b);
  if (!Number.isSafeInteger(resamples) || resamples < 1) throw new RangeError(`${fn}: resamples must be a whole number of 1 or more, got ${String(resamples)}`);
  const d = a.map((x, i) => x - b[i]);
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const random = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += d[Math.floor(random() * n)];
    means[r] = sum / n;
  }
  means.sort();
  return { mean, low: means[Math.floor(0.025 * resamples)], high: means[Math.ceil(0.975 * resamples) - 1] };
}
