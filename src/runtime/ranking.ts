/**
 * Periodic ranking (domain.md §5): every period, all reps of the population are
 * ranked by a metric (highest first); ties are broken by a declared field, then
 * by rep key, so ranks 1..n are distinct and deterministic. The top
 * ceil(n × top%) are rewarded — if their metric is above zero (docs/language.md, rankings) —; the bottom
 * ceil(n × bottom%) are flagged for review. When the two groups would overlap,
 * the top group wins.
 */
import { Decimal } from './decimal.js';
import { compareValues } from './expr.js';
import type { RankEntry } from './result.js';
import type { Value } from './values.js';

export interface RankCandidate {
  rep: string;
  metric: Decimal | null;
  tieValue: Value;
}

export interface RankingRule {
  name: string;
  tieDescending: boolean;
  top: { ratio: Decimal; reward: Decimal } | null;
  bottom: { ratio: Decimal; reward: Decimal } | null;
}

/** Number of reps in a group of `ratio` of `n`, rounded up: ceil(35 × 30%) = 11. */
export function groupSize(n: number, ratio: Decimal): number {
  return new Decimal(n).mul(ratio).ceil().toNumber();
}

/** Ranks one period. A missing metric ranks below every present one. */
export function rankPeriod(rule: RankingRule, period: string, candidates: RankCandidate[]): RankEntry[] {
  const sorted = [...candidates].sort((a, b) => {
    if (a.metric === null || b.metric === null) {
      if (a.metric !== b.metric) return a.metric === null ? 1 : -1;
    } else {
      const byMetric = b.metric.cmp(a.metric);
      if (byMetric !== 0) return byMetric;
    }
    if (a.tieValue !== null && b.tieValue !== null) {
      const byTie = compareValues(a.tieValue, b.tieValue);
      if (byTie !== 0) return rule.tieDescending ? -byTie : byTie;
    }
    return a.rep < b.rep ? -1 : a.rep > b.rep ? 1 : 0;
  });
  const n = sorted.length;
  const topCount = rule.top ? groupSize(n, rule.top.ratio) : 0;
  const bottomCount = rule.bottom ? groupSize(n, rule.bottom.ratio) : 0;
  return sorted.map((c, i) => {
    const rank = i + 1;
    // The top group is for reps who sold something: a rep with nothing (or less) in the
    // period is not rewarded just because few reps sold that month.
    const positive = c.metric !== null && c.metric.gt(0);
    const band = rank <= topCount && positive ? 'top' : rank > n - bottomCount ? 'bottom' : 'middle';
    const reward = band === 'top' ? rule.top!.reward : band === 'bottom' ? rule.bottom!.reward : new Decimal(0);
    return { ranking: rule.name, period, rep: c.rep, metric: c.metric ?? new Decimal(0), rank, band, reward };
  });
}

/**
 * The words a rep's ranking line adds for periods where the rep held a place in the top group but
 * was not rewarded because the measure was not above zero (see {@link rankPeriod}); '' when none.
 * `mine`: the rep's entries; `topCountOf`: the size of the top group in a period (0 without one);
 * `money`: the measure as text (money in the playbook currency for a credited amount). Shared by both engines, so their lines agree.
 */
export function heldBackText(mine: readonly RankEntry[], topCountOf: (period: string) => number, metricWords: string, money: (d: Decimal) => string): string {
  const held = mine.filter((e) => e.band !== 'top' && e.rank <= topCountOf(e.period));
  if (held.length === 0) return '';
  return `; in the top group's places but not rewarded (its reward needs a ${metricWords.replace(/^the /, '')} above 0): ${held.map((e) => `${e.period} rank ${e.rank} (${money(e.metric)})`).join(', ')}`;
}
