import { requireCount, requireFinite } from './validate.js';

/** A closed interval of ratios, `0 ≤ low ≤ high ≤ 1`. */
export interface Interval {
  low: number;
  high: number;
}

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion (Wilson, E. B. 1927, "Probable
 * inference, the law of succession, and statistical inference", JASA 22:209–212).
 *
 * With p̂ = wins / n:
 *
 *     centre     = (p̂ + z²/(2n)) / (1 + z²/n)
 *     half-width = z / (1 + z²/n) · √( p̂(1 − p̂)/n + z²/(4n²) )
 *     interval   = [centre − half-width, centre + half-width]
 *
 * Used to ask whether a tier's actual win rate is compatible with the win
 * probability the playbook states for it.
 *
 * @param wins number of won deals (whole number, 0 ≤ wins ≤ n)
 * @param n number of closed deals (whole number ≥ 0)
 * @param z normal quantile (> 0); the default gives a 95% interval
 * @returns `{ low, high }`, ratios in [0, 1]. With n = 0 nothing is known and the
 *   interval is the whole `{ low: 0, high: 1 }`. The bounds are exactly 0 when
 *   wins = 0 and exactly 1 when wins = n (the formula gives these up to rounding);
 *   otherwise they are clamped to [0, 1].
 * @throws RangeError when wins or n is not a whole number, wins > n, or z is not a
 *   finite positive number.
 */
export function wilsonInterval(wins: number, n: number, z: number = Z_95): Interval {
  const fn = 'wilsonInterval';
  requireCount(fn, 'wins', wins);
  requireCount(fn, 'n', n);
  requireFinite(fn, 'z', z);
  if (z <= 0) throw new RangeError(`${fn}: z must be greater than 0, got ${z}`);
  if (wins > n) throw new RangeError(`${fn}: wins (${wins}) cannot exceed n (${n})`);
  if (n === 0) return { low: 0, high: 1 };
  const p = wins / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const low = wins === 0 ? 0 : Math.max(0, centre - half);
  const high = wins === n ? 1 : Math.min(1, centre + half);
  return { low, high };
}
