import type { Interval } from './wilson.js';
import { requireRatio } from './validate.js';

/** Whether a stated win probability agrees with the observed win rate's interval. */
export type Verdict = 'consistent' | 'overstated' | 'understated';

/**
 * Compares a tier's stated win probability with the confidence interval of its
 * actual win rate (typically `wilsonInterval(wins, n)`):
 *
 * - `'overstated'` when stated > high (the playbook promises more than history shows);
 * - `'understated'` when stated < low;
 * - `'consistent'` otherwise — the interval is closed, so stated = low or = high is consistent.
 *
 * @param stated the stated win probability, a ratio in [0, 1]
 * @param interval `{ low, high }`, ratios with 0 ≤ low ≤ high ≤ 1
 * @throws RangeError when a value is outside [0, 1] or not finite, or low > high.
 */
export function verdict(stated: number, interval: Interval): Verdict {
  const fn = 'verdict';
  requireRatio(fn, 'stated', stated);
  requireRatio(fn, 'interval.low', interval.low);
  requireRatio(fn, 'interval.high', interval.high);
  if (interval.low > interval.high) {
    throw new RangeError(`${fn}: interval.low (${interval.low}) is above interval.high (${interval.high})`);
  }
  if (stated > interval.high) return 'overstated';
  if (stated < interval.low) return 'understated';
  return 'consistent';
}
