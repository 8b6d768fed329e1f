/**
 * `score --reps`: the reps' own view (domain.md §1: "reps score themselves
 * periodically (monthly); a rep who only makes office visits scores under 10").
 * Per rep and month of the plan period up to the as-of day: the actions the rep
 * logged, the points they earned that month, and the month-end scores of the
 * rep's accounts; a month whose logged work is only low-value actions is flagged,
 * and so is a rep whose every logged action in the period was low-value.
 *
 * Points earned: each activity the rep logged in the month that counts under its
 * action's repetition rule (as scored on its account at the month's end), at
 * points × weight — face value, before fading (fading is about age, and these
 * are this month's actions). A low-value action is one whose points (before the
 * weight) are below the threshold: by default 1 point, so the method's 0.1-point
 * office visit is low-value and a 4-point meeting with our leadership is not.
 * A rep's accounts: the accounts of the rep's deals, and any account the rep
 * logged an activity for up to the month's end.
 */
import { Decimal } from '../runtime/decimal.js';
import { DAY_MS, dateText, monthOf, parseDateText, planPeriods } from '../runtime/periods.js';
import type { AccountScore } from '../runtime/relationship.js';
import { ScoreRequestError, requireAsOf } from './account-score.js';
import type { Simulation } from './simulate.js';

/** The default low-value threshold, in points (the method's office visit is 0.1). */
export const LOW_VALUE_POINTS = new Decimal(1);

export interface RepMonth {
  rep: string;
  /** `YYYY-MM`. */
  month: string;
  /** The day the accounts are scored: the month's last day, or the as-of day in its month. */
  asOf: string;
  /** Activities the rep logged in the month (counted or not). */
  actions: number;
  /** Σ points × weight of those that count, in points. */
  earned: Decimal;
  /** Logged actions by type: times and points earned. */
  byAction: { action: string; count: number; earned: Decimal }[];
  /** The rep logged work and all of it was low-value. */
  lowValueOnly: boolean;
  /** The rep's accounts and their month-end scores, by account key. */
  accounts: { account: string; score: Decimal }[];
}

export interface RepScores {
  asOf: string;
  /** Points below which an action is low-value. */
  lowValue: Decimal;
  months: RepMonth[];
  /** Reps who logged work in the period and all of it was low-value, by key. */
  onlyLowValue: string[];
}

/**
 * The reps' view as of `asOf` (`YYYY-MM-DD`; default: the scoring section's open-deals date), reps by
 * key, months in order.
 * @param lowValue actions whose points are below this are low-value (default {@link LOW_VALUE_POINTS})
 * @throws ScoreRequestError when the playbook does not score relationships, its activities have no rep
 * field, the date is not a date, or it falls before the plan period.
 */
export function repScores(sim: Simulation, asOf: string | undefined, lowValue: Decimal = LOW_VALUE_POINTS): RepScores {
  const model = sim.evaluation.relationship;
  if (!model) throw new ScoreRequestError('this playbook does not score relationships; add a scoring section (see docs/language.md)');
  const role = sim.graph.roles.activities!;
  if (role.rep === null) throw new ScoreRequestError(`the ${role.table} table has no rep field (a field that looks up the reps table), so work cannot be credited to reps`);
  const day = parseDateText(requireAsOf(asOf ?? model.node.openAsOf));
  const p = sim.graph.playbook;
  const months = planPeriods('month', p.planYear, p.fiscalYearStartMonth).filter((m) => m.start <= day);
  if (months.length === 0) throw new ScoreRequestError(`${dateText(day)} is before the plan period ${p.planYear}: there is no month to show`);
  const table = sim.tables.get(role.table)!;
  const col = (name: string) => table.schema.fields.findIndex((f) => f.name === name);
  const [repAt, accountAt, dateAt, actionAt] = [col(role.rep), col(role.account), col(role.date), col(role.action)];
  const points = new Map(model.node.actions.map((a) => [a.action, new Decimal(a.points)]));
  const dealAccounts = new Map<string, Set<string>>();
  for (const d of sim.evaluation.deals) {
    if (d.rep === null || d.account === null) continue;
    const set = dealAccounts.get(d.rep) ?? new Set<string>();
    set.add(d.account);
    dealAccounts.set(d.rep, set);
  }
  const repKeys = [...new Set(sim.evaluation.reps.map((r) => r.rep))].sort(byText);
  const cache = new Map<string, AccountScore>();
  const scoreAt = (account: string, at: number) => {
    const key = `${account}|${at}`;
    let s = cache.get(key);
    if (!s) cache.set(key, (s = model.scoreAccount(account, at, true)));
    return s;
  };
  const out: RepMonth[] = [];
  for (const m of months) {
    const end = Math.min(m.end - DAY_MS, day);
    // This month's activities by rep (dated in the month, on or before the as-of day).
    const logged = new Map<string, { account: string; row: (typeof table.rows)[number]; action: string }[]>();
    const worked = new Map<string, Set<string>>();
    for (const row of table.rows) {
      const date = row.values[dateAt];
      const rep = row.values[repAt];
      const account = row.values[accountAt];
      if (typeof date !== 'number' || rep === null || account === null || date >= end + DAY_MS) continue;
      const set = worked.get(String(rep)) ?? new Set<string>();
      set.add(String(account));
      worked.set(String(rep), set);
      if (date < m.start) continue;
      const list = logged.get(String(rep)) ?? [];
      list.push({ account: String(account), row, action: String(row.values[actionAt]) });
      logged.set(String(rep), list);
    }
    for (const rep of repKeys) {
      const mine = logged.get(rep) ?? [];
      const byAction = new Map<string, { action: string; count: number; earned: Decimal }>();
      let earned = new Decimal(0);
      for (const a of mine) {
        // By line (unique in the file): the scorer may read the activities from columns, making its own row objects.
        const c = scoreAt(a.account, end).contributions.find((x) => x.row.line === a.row.line);
        const value = c && c.counted ? c.points.mul(c.weight) : new Decimal(0);
        earned = earned.plus(value);
        const b = byAction.get(a.action) ?? { action: a.action, count: 0, earned: new Decimal(0) };
        b.count++;
        b.earned = b.earned.plus(value);
        byAction.set(a.action, b);
      }
      const accounts = [...new Set([...(dealAccounts.get(rep) ?? []), ...(worked.get(rep) ?? [])])].sort(byText);
      out.push({
        rep,
        month: monthOf(m.start),
        asOf: dateText(end),
        actions: mine.length,
        earned,
        byAction: [...byAction.values()].sort((a, b) => b.earned.cmp(a.earned) || byText(a.action, b.action)),
        lowValueOnly: mine.length > 0 && mine.every((a) => (points.get(a.action) ?? new Decimal(0)).lt(lowValue)),
        accounts: accounts.map((account) => ({ account, score: scoreAt(account, end).score })),
      });
    }
  }
  const onlyLowValue = repKeys.filter((rep) => {
    const worked = out.filter((r) => r.rep === rep && r.actions > 0);
    return worked.length > 0 && worked.every((r) => r.lowValueOnly);
  });
  out.sort((a, b) => byText(a.rep, b.rep) || byText(a.month, b.month));
  return { asOf: dateText(day), lowValue, months: out, onlyLowValue };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
