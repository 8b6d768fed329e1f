import { requireOutcomes, requireSameNonEmpty } from './validate.js';

/** Deals in one group and how many were won. */
export interface WinRateGroup {
  /** Number of deals in the group (≥ 0). */
  n: number;
  /** Number of those deals that were won. */
  wins: number;
  /** wins / n, a ratio in [0, 1]; `null` when the group has no deals. */
  rate: number | null;
}

/** Win rates of deals with and without a feature (e.g. a relationship indicator). */
export interface WinRateSplit {
  with: WinRateGroup;
  without: WinRateGroup;
}

/**
 * Splits deals by whether they have a feature (for example "client signed the
 * consolidated requirements document" before the decision date) and gives the
 * win rate of each side.
 *
 * @param has per deal, whether it has the feature
 * @param y outcomes, 1 = won, 0 = lost, same length as `has`
 * @returns `{ with, without }`, each `{ n, wins, rate }`; `rate` is null for a side
 *   with no deals (e.g. every deal has the feature)
 * @throws RangeError when the inputs are empty, differ in length, a `has` entry is
 *   not a boolean, or a y is not 0 or 1.
 */
export function winRateSplit(has: readonly boolean[], y: readonly (0 | 1)[]): WinRateSplit {
  const fn = 'winRateSplit';
  const n = requireSameNonEmpty(fn, { has, y });
  requireOutcomes(fn, y);
  let nWith = 0;
  let winsWith = 0;
  let nWithout = 0;
  let winsWithout = 0;
  for (let i = 0; i < n; i++) {
    if (has[i] === true) {
      nWith++;
      winsWith += y[i];
    } else if (has[i] === false) {
      nWithout++;
      winsWithout += y[i];
    } else {
      throw new RangeError(`${fn}: has[${i}] must be true or false, got ${String(has[i])}`);
    }
  }
  return {
    with: { n: nWith, wins: winsWith, rate: nWith === 0 ? null : winsWith / nWith },
    without: { n: nWithout, wins: winsWithout, rate: nWithout === 0 ? null : winsWithout / nWithout },
  };
}
