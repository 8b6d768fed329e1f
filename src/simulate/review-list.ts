/**
 * `score --review`: the monthly review list (domain.md §2: "important accounts are
 * reviewed monthly by the founder"). The accounts the playbook marks important
 * (`review accounts when …` in its scoring section) with their tier now and a
 * month ago, the indicators still missing, the score and its change, and the days
 * since the last logged action.
 *
 * Tiers belong to deals (a tier condition may read deal fields), so each account
 * is reviewed through one of its deals on the list: its first open deal in the
 * deals file, else the one with the latest credit date on or before the review
 * day, else the first. Only activities dated on or before each day count.
 */
import { Decimal } from '../runtime/decimal.js';
import { DAY_MS, dateText, parseDateText } from '../runtime/periods.js';
import { ScoreRequestError, requireAsOf } from './account-score.js';
import type { Simulation } from './simulate.js';

export interface ReviewSnapshot {
  /** `YYYY-MM-DD`. */
  asOf: string;
  score: Decimal;
  tier: string | null;
  /** The tier's stated win probability, a ratio (0.45 = 45%), or null. */
  probability: Decimal | null;
}

export interface ReviewRow {
  account: string;
  /** The deal the account is reviewed through (its tier conditions read that deal's fields). */
  deal: string;
  now: ReviewSnapshot;
  monthAgo: ReviewSnapshot;
  /** now.score − monthAgo.score, in points. */
  change: Decimal;
  /** True when the tier now is lower than a month ago (later in the playbook's tier list). */
  tierFell: boolean;
  /** Indicators not done as of the review day (unknown ones included), with their labels. */
  missing: { name: string; label: string | null }[];
  /** The latest activity logged on or before the review day, or null when none was ever logged. */
  lastAction: { date: string; action: string } | null;
  /** Whole days from the last action to the review day, or null. */
  daysSinceLastAction: number | null;
}

export interface ReviewList {
  /** The review day, `YYYY-MM-DD`. */
  asOf: string;
  /** The same day a month earlier (see {@link monthBefore}), `YYYY-MM-DD`. */
  monthAgo: string;
  /** One row per listed account, by account key. */
  rows: ReviewRow[];
}

/** The same day one month earlier, or that month's last day when it is shorter (31 March → 28 February). */
export function monthBefore(day: number): number {
  const d = new Date(day);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Date.UTC(y, m - 1, Math.min(d.getUTCDate(), last));
}

/**
 * The review list as of `asOf` (`YYYY-MM-DD`; default: the scoring section's open-deals date),
 * accounts sorted by key.
 * @throws ScoreRequestError when the playbook does not score relationships, has no
 * `review accounts when …`, or the date is not a date.
 */
export function reviewList(sim: Simulation, asOf: string | undefined): ReviewList {
  const model = sim.evaluation.relationship;
  const at = sim.evaluation.relationshipAt;
  if (!model || !at) throw new ScoreRequestError('this playbook does not score relationships; add a scoring section (see docs/language.md)');
  if (!at.review) throw new ScoreRequestError('this playbook does not say which accounts are reviewed; add to its scoring section a line such as: review accounts when account.strategic or account.must_win');
  const day = parseDateText(requireAsOf(asOf ?? model.node.openAsOf));
  const before = monthBefore(day);
  const roles = sim.graph.roles;
  const deals = sim.tables.get(roles.deals.table)!;
  const field = (name: string | null) => (name === null ? -1 : deals.schema.fields.findIndex((f) => f.name === name));
  const accountAt = field(roles.deals.account);
  const dateAt = field(roles.deals.date);
  const keyAt = field(roles.deals.key);
  const open = new Set(sim.evaluation.deals.filter((d) => d.stage === 'open').map((d) => d.id));
  const idOf = (i: number) => (keyAt >= 0 ? String(deals.rows[i].values[keyAt]) : `line ${deals.rows[i].line}`);
  // The deal each listed account is reviewed through.
  const chosen = new Map<string, number>();
  const better = (i: number, j: number): boolean => {
    const oi = open.has(idOf(i));
    const oj = open.has(idOf(j));
    if (oi !== oj) return oi;
    if (oi) return false; // the first open deal stays
    const di = deals.rows[i].values[dateAt];
    const dj = deals.rows[j].values[dateAt];
    const usable = (d: unknown) => typeof d === 'number' && d <= day + DAY_MS - 1;
    if (usable(di) !== usable(dj)) return usable(di);
    return usable(di) && (di as number) > (dj as number);
  };
  at.review.forEach((flag, i) => {
    if (flag !== 1 || accountAt < 0) return;
    const account = deals.rows[i].values[accountAt];
    if (account === null) return;
    const current = chosen.get(String(account));
    if (current === undefined || better(i, current)) chosen.set(String(account), i);
  });
  const last = lastActions(sim, day);
  const rank = new Map(at.tierNames.map((t, i) => [t, i]));
  const rows = [...chosen.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([account, deal]): ReviewRow => {
      const now = at.at(deal, day);
      const then = at.at(deal, before);
      const l = last.get(account) ?? null;
      return {
        account,
        deal: idOf(deal),
        now: { asOf: now.asOf, score: now.score, tier: now.tier, probability: now.probability },
        monthAgo: { asOf: then.asOf, score: then.score, tier: then.tier, probability: then.probability },
        change: now.score.minus(then.score),
        tierFell: now.tier !== null && then.tier !== null && rank.get(now.tier)! > rank.get(then.tier)!,
        missing: at.indicatorNames.flatMap((name, k) => (now.indicators[k] === true ? [] : [{ name, label: at.indicatorLabels[k] }])),
        lastAction: l ? { date: dateText(l.date), action: l.action } : null,
        daysSinceLastAction: l ? Math.round((day - Math.floor(l.date / DAY_MS) * DAY_MS) / DAY_MS) : null,
      };
    });
  return { asOf: dateText(day), monthAgo: dateText(before), rows };
}

/** Each account's latest activity dated on or before `day` (ties: the later line in the file). */
function lastActions(sim: Simulation, day: number): Map<string, { date: number; action: string }> {
  const role = sim.graph.roles.activities;
  const out = new Map<string, { date: number; action: string }>();
  const table = role ? sim.tables.get(role.table) : undefined;
  if (!role || !table) return out;
  const at = (name: string) => table.schema.fields.findIndex((f) => f.name === name);
  const [accountAt, dateAt, actionAt] = [at(role.account), at(role.date), at(role.action)];
  for (const row of table.rows) {
    const account = row.values[accountAt];
    const date = row.values[dateAt];
    if (account === null || typeof date !== 'number' || Math.floor(date / DAY_MS) * DAY_MS > day) continue;
    const seen = out.get(String(account));
    if (!seen || date >= seen.date) out.set(String(account), { date, action: String(row.values[actionAt]) });
  }
  return out;
}
