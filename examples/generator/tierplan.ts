/**
 * Which relationship tier each closed deal is planted to get.
 *
 * The deals' outcomes are fixed (deals.csv), so the plant chooses the tiers:
 * first, per tier, how many won and lost deals (`tierTargets`: realised rates
 * as close as possible to the stated win probabilities); then, account by
 * account, which deals (`drawPattern`, screened by `plausiblePattern` and
 * then built, or rejected, by activities.ts). Deals are grouped by account
 * and as-of date, since deals sharing both always share a tier.
 */
import { day } from './dates.js';
import type { Account, Deal } from './model.js';
import type { Rng } from './prng.js';
import { OPEN_AS_OF, statedProbability, type Tier } from './relationship.js';

export type Outcome = 'won' | 'lost';

/** Deals of one account evaluated as of one day: all closed that day, or all Open deals. */
export interface DealGroup {
  accountId: string;
  asOf: number;
  deals: Deal[];
  /** False for the group of Open deals (not planted). */
  closed: boolean;
}

export type TierCounts = Record<Tier, Record<Outcome, number>>;

export function outcomeOf(deal: Deal): Outcome {
  if (deal.stage === 'Open') throw new Error(`${deal.id} is open`);
  return deal.stage === 'Won' ? 'won' : 'lost';
}

/** Per account: closed groups by as-of date, then the Open group (if any). */
export function groupDeals(accounts: readonly Account[], deals: readonly Deal[]): Map<string, DealGroup[]> {
  const out = new Map<string, DealGroup[]>();
  const openAsOf = day(OPEN_AS_OF);
  for (const account of accounts) {
    const mine = deals.filter((d) => d.accountId === account.id);
    const byDay = new Map<number, Deal[]>();
    for (const d of mine) if (d.close !== null) byDay.set(d.close, [...(byDay.get(d.close) ?? []), d]);
    const groups: DealGroup[] = [...byDay.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([asOf, ds]) => ({ accountId: account.id, asOf, deals: ds, closed: true }));
    const open = mine.filter((d) => d.close === null);
    if (open.length > 0) groups.push({ accountId: account.id, asOf: openAsOf, deals: open, closed: false });
    out.set(account.id, groups);
  }
  return out;
}

function emptyCounts(): TierCounts {
  return { champion: { won: 0, lost: 0 }, supporter: { won: 0, lost: 0 }, neutral: { won: 0, lost: 0 }, opposed: { won: 0, lost: 0 } };
}

/**
 * How many won and lost closed deals each tier gets: each non-champion tier
 * holds 28-40 deals with the win count nearest its stated probability; the
 * champion tier takes the rest. Picks the split whose realised rates are
 * closest to the stated ones (sum of absolute differences, then balance).
 */
export function tierTargets(won: number, lost: number): TierCounts {
  const total = won + lost;
  let best: { cost: number; counts: TierCounts } | null = null;
  for (let ns = 28; ns <= 40; ns++) {
    for (let nn = 28; nn <= 40; nn++) {
      for (let no = 28; no <= 40; no++) {
        const ws = Math.round(ns * 0.45);
        const wn = Math.round(nn * 0.25);
        const wo = Math.round(no * 0.1);
        const nc = total - ns - nn - no;
        const wc = won - ws - wn - wo;
        if (wc < 0 || wc > nc) continue;
        const rates: [Tier, number, number][] = [['champion', wc, nc], ['supporter', ws, ns], ['neutral', wn, nn], ['opposed', wo, no]];
        const spread = Math.max(ns, nn, no) - Math.min(ns, nn, no);
        const cost = rates.reduce((s, [t, w, n]) => s + Math.abs(w / n - statedProbability(t)), 0) + spread * 1e-4 + Math.abs(ns + nn + no - 99) * 1e-5;
        if (best === null || cost < best.cost - 1e-12) {
          const counts = emptyCounts();
          for (const [t, w, n] of rates) counts[t] = { won: w, lost: n - w };
          best = { cost, counts };
        }
      }
    }
  }
  if (best === null) throw new Error('no tier split fits the closed deals');
  return best.counts;
}

/** Non-champion deals still to be placed, per tier and outcome. */
export function nonChampionNeeds(targets: TierCounts): TierCounts {
  const needs = emptyCounts();
  for (const t of ['supporter', 'neutral', 'opposed'] as const) needs[t] = { ...targets[t] };
  return needs;
}

export function countsOf(groups: readonly DealGroup[], tiers: readonly Tier[]): TierCounts {
  const counts = emptyCounts();
  groups.forEach((g, i) => {
    for (const d of g.deals) counts[tiers[i]][outcomeOf(d)] += 1;
  });
  return counts;
}

/** needs - counts (non-champion cells); null if any cell would go negative. */
export function subtractNeeds(needs: TierCounts, counts: TierCounts): TierCounts | null {
  const out = emptyCounts();
  for (const t of ['supporter', 'neutral', 'opposed'] as const) {
    for (const o of ['won', 'lost'] as const) {
      out[t][o] = needs[t][o] - counts[t][o];
      if (out[t][o] < 0) return null;
    }
  }
  return out;
}

export function totalNeeds(needs: TierCounts): number {
  return (['supporter', 'neutral', 'opposed'] as const).reduce((s, t) => s + needs[t].won + needs[t].lost, 0);
}

/**
 * A random tier pattern for one account's closed groups: `count` groups (early
 * ones more likely) get a non-champion tier that still fits `needs`, the rest
 * are champion; `fixed` tiers are kept. Returns null when nothing fits.
 */
export function drawPattern(
  closed: readonly DealGroup[], needs: TierCounts, count: number, fixed: ReadonlyMap<number, Tier>, rng: Rng, base?: readonly Tier[],
): Tier[] | null {
  const tiers: Tier[] = base ? [...base] : closed.map(() => 'champion');
  for (const [i, t] of fixed) tiers[i] = t;
  const left = subtractNeeds(needs, countsOf(closed, tiers));
  if (left === null) return null;
  const free = closed.map((_, i) => i).filter((i) => !fixed.has(i) && tiers[i] === 'champion');
  const chosen: number[] = [];
  for (let n = 0; n < count; n++) {
    const open = free.filter((i) => !chosen.includes(i));
    if (open.length === 0) return null;
    chosen.push(rng.weighted(open.map((i) => [i, 1 / (1 + 0.45 * i)] as const)));
  }
  for (const i of chosen.sort((a, b) => a - b)) {
    const want = { won: 0, lost: 0 };
    for (const d of closed[i].deals) want[outcomeOf(d)] += 1;
    const options = (['opposed', 'neutral', 'supporter'] as const).filter((t) => left[t].won >= want.won && left[t].lost >= want.lost);
    if (options.length === 0) return null;
    const t = rng.weighted(options.map((o) => [o, left[o].won * want.won + left[o].lost * want.lost] as const));
    tiers[i] = t;
    left[t].won -= want.won;
    left[t].lost -= want.lost;
  }
  return tiers;
}

/** Lowest score a group of this tier can reasonably carry, and the score it must stay under. */
const FLOOR: Record<Tier, number> = { champion: 6, supporter: 30, neutral: 10, opposed: 0 };
const CEILING: Record<Tier, number> = { champion: Infinity, supporter: Infinity, neutral: 30, opposed: 10 };

/**
 * A quick screen before the (slower) construction: no group may follow, within
 * a year, a group whose minimum score would still be above its ceiling after
 * decay; the first champion group also carries its fresh requirements_signed.
 */
export function plausiblePattern(closed: readonly DealGroup[], tiers: readonly Tier[]): boolean {
  const first = tiers.indexOf('champion');
  for (let h = 0; h < closed.length; h++) {
    if (CEILING[tiers[h]] === Infinity) continue;
    for (let g = 0; g < h; g++) {
      const d = closed[h].asOf - closed[g].asOf;
      if (d >= 365) continue;
      const floor = g === first ? 12 : FLOOR[tiers[g]];
      if (floor * Math.pow(0.5, d / 180) > 0.85 * CEILING[tiers[h]]) return false;
    }
  }
  return true;
}
