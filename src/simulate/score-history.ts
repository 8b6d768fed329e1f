/**
 * `score --history`: the living score of one account (domain.md §1–2: the score
 * is tracked continuously, "an idle month shows"). Its score at the end of every
 * month from its first logged activity to the as-of day, the change from the
 * month before, the actions logged that month with the points they carry at the
 * month's end, and the idle months: no action logged, or a fall of more than a
 * declared number of points.
 */
import { Decimal } from '../runtime/decimal.js';
import { dateText, parseDateText } from '../runtime/periods.js';
import { ScoreRequestError, requireAsOf, resolveAccount } from './account-score.js';
import type { Simulation } from './simulate.js';

export interface MonthAction {
  action: string;
  /** Times logged in the month (counted or not). */
  count: number;
  /** What those activities add to the month-end score (points × weight × decay; 0 when not counted). */
  points: Decimal;
}

export interface MonthScore {
  /** YYYY-MM. */
  month: string;
  /** The day scored: the month's last day, or the as-of day in its month. */
  asOf: string;
  score: Decimal;
  /** Score minus the previous month-end score (the month before the first counts as 0). */
  change: Decimal;
  actions: MonthAction[];
  /** No action was logged in the month. */
  idle: boolean;
  /** The score fell by more than the declared amount. */
  fell: boolean;
}

export interface ScoreHistory {
  account: string;
  /** Fall (in points) beyond which a month is flagged. */
  drop: Decimal;
  months: MonthScore[];
}

/** Last day (UTC ms) of the month holding `ms`. */
const monthEnd = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
};

/** The account's first activity date (ms), or null. */
function firstActivity(sim: Simulation, key: string): number | null {
  const activities = sim.tables.get('activities');
  if (!activities) return null;
  const account = activities.fieldIndex.get('account');
  const date = activities.fieldIndex.get('date');
  if (account === undefined || date === undefined) return null;
  let first: number | null = null;
  for (const row of activities.rows) {
    const d = row.values[date];
    if (row.values[account] === key && typeof d === 'number' && (first === null || d < first)) first = d;
  }
  return first;
}

/**
 * The month-end scores of `account` up to `asOf` (default: the open-deals date).
 * @param drop a month whose score falls by more than this many points is flagged (default 5)
 * @throws ScoreRequestError for an unknown account, a bad date, or an account with no logged activity.
 */
export function scoreHistory(sim: Simulation, account: string, asOf: string | undefined, drop: Decimal = new Decimal(5)): ScoreHistory {
  const model = sim.evaluation.relationship;
  if (!model) throw new ScoreRequestError('this playbook does not score relationships; add a scoring section (see docs/language.md)');
  const last = parseDateText(requireAsOf(asOf ?? model.node.openAsOf));
  const key = resolveAccount(account, sim.tables);
  const first = firstActivity(sim, key);
  if (first === null) throw new ScoreRequestError(`no activity was ever logged for account ${key}: it has no history to show`);
  if (first > last) throw new ScoreRequestError(`account ${key}'s first activity, ${dateText(first)}, is after ${dateText(last)}`);
  const months: MonthScore[] = [];
  let previous = new Decimal(0);
  for (let end = monthEnd(first); ; end = monthEnd(end + 86_400_000)) {
    const day = Math.min(end, last);
    const r = model.scoreAccount(key, day, true);
    const month = dateText(day).slice(0, 7);
    const byAction = new Map<string, MonthAction>();
    for (const c of r.contributions) {
      if (c.date.slice(0, 7) !== month) continue;
      const a = byAction.get(c.action) ?? { action: c.action, count: 0, points: new Decimal(0) };
      a.count++;
      a.points = a.points.plus(c.value);
      byAction.set(c.action, a);
    }
    const change = r.score.minus(previous);
    months.push({ month, asOf: r.asOf, score: r.score, change, actions: [...byAction.values()].sort((a, b) => b.points.cmp(a.points) || (a.action < b.action ? -1 : 1)), idle: byAction.size === 0, fell: change.negated().gt(drop) });
    previous = r.score;
    if (day === last) break;
  }
  return { account: key, drop, months };
}
