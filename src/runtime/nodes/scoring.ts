/**
 * Relationship scoring (domain.md §1): every deal's score as of its as-of date —
 * the close date for won and lost deals, the scoring section's `open deals as
 * of` date for open ones — from its account's activities logged up to that day
 * only (no look-ahead). Deals of one account with the same as-of day form a
 * group and share one computed score (see relationship.ts for the cost).
 *
 * Kept per deal (issue 10: at a million deals, a score, a set, a window and a boxed
 * day per deal were 0.7 GB kept alive): its as-of day and its group's number, in
 * typed arrays; per group the account's history, the end of the window, the score
 * and the (shared, read-only) set of actions done. Windows are made when asked.
 */
import type { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { parseDateText } from '../periods.js';
import { type AccountHistory, type ActivityWindow, EMPTY_WINDOW, type Scorer, dayOf, makeScorer } from '../relationship.js';
import type { OutcomeResult } from './outcome.js';

export interface ScoringResult {
  scorer: Scorer;
  /** Deal `deal`'s as-of day (ms, midnight), or null when the deal has no date or no account (not scored). */
  asOf(deal: number): number | null;
  /** Deal `deal`'s capped score, in points, or null when not scored. */
  score(deal: number): Decimal | null;
  /** Actions done within the look-back window of deal `deal` (read-only; shared by deals of one account and day; empty when not scored). */
  actions(deal: number): Set<string>;
  /** The deal's account activities up to its as-of day (empty when not scored; a new object per call). */
  window(deal: number): ActivityWindow;
}

const NO_ACTIONS: Set<string> = new Set();

export function evaluateScoring(node: NodeOf<'scoring'>, run: RunContext, inputs: NodeInputs): ScoringResult {
  const scorer = makeScorer(node, run, inputs);
  const won = inputs.maybe<OutcomeResult>('outcome:won')?.flags;
  const lost = inputs.maybe<OutcomeResult>('outcome:lost')?.flags;
  const openAsOf = parseDateText(node.openAsOf);
  const { date, account } = run.deals;
  const deals = run.deals.source;
  const n = deals.length;
  // Per deal: the as-of day (NaN: not scored) and its group (-1: not scored).
  const asOf = new Float64Array(n).fill(Number.NaN);
  const groupOf = new Int32Array(n).fill(-1);
  // Per group: the account's history and the as-of day; then the window's end, the score and the actions done.
  const histories: AccountHistory[] = [];
  const groupDays: number[] = [];
  // Groups by account and day while the deals are read (dropped afterwards).
  const groups = new Map<AccountHistory, Map<number, number>>();
  // The account's history by the deals' dictionary code of the account, when they have one (one
  // lookup by text per account, not per deal).
  const codes = account >= 0 && n > 0 && deals.code !== undefined && deals.codeCount !== undefined && deals.code(0, account) !== undefined ? deals.codeCount(account) : -1;
  const historyOfCode: (AccountHistory | undefined)[] = codes > 0 ? new Array<AccountHistory | undefined>(codes).fill(undefined) : [];
  for (let i = 0; i < n; i++) {
    const closed = won?.[i] === 1 || lost?.[i] === 1;
    const d = deals.value(i, date);
    const day = closed ? (typeof d === 'number' ? dayOf(d) : null) : openAsOf;
    if (day === null || account < 0) continue;
    let history: AccountHistory;
    if (codes >= 0) {
      const code = deals.code!(i, account)!;
      if (code < 0) continue; // no account
      history = historyOfCode[code] ??= scorer.account(String(deals.value(i, account)));
    } else {
      const acc = deals.value(i, account);
      if (acc === null) continue;
      history = scorer.account(String(acc));
    }
    asOf[i] = day;
    let byDay = groups.get(history);
    if (!byDay) groups.set(history, (byDay = new Map()));
    let g = byDay.get(day);
    if (g === undefined) {
      g = histories.length;
      byDay.set(day, g);
      histories.push(history);
      groupDays.push(day);
    }
    groupOf[i] = g;
  }
  // Scored account by account: the groups of one account read the same stretch of its history,
  // which then stays in the processor's cache (issue 10: in deal order, each score began with
  // cache misses on an account's arrays).
  const ends = new Int32Array(histories.length);
  const scores: Decimal[] = new Array<Decimal>(histories.length);
  const actions: Set<string>[] = new Array<Set<string>>(histories.length);
  for (const byDay of groups.values()) {
    for (const g of byDay.values()) {
      const w = scorer.windowAt(histories[g], groupDays[g]);
      const done = scorer.scoreOnce(w);
      ends[g] = w.end;
      scores[g] = done.score;
      actions[g] = done.actions;
    }
  }
  const scored = (deal: number) => deal >= 0 && deal < n && groupOf[deal] >= 0;
  return {
    scorer,
    asOf: (deal) => (scored(deal) ? asOf[deal] : null),
    score: (deal) => (scored(deal) ? scores[groupOf[deal]] : null),
    actions: (deal) => (scored(deal) ? actions[groupOf[deal]] : NO_ACTIONS),
    window: (deal) => (scored(deal) ? { history: histories[groupOf[deal]], end: ends[groupOf[deal]], asOf: asOf[deal] } : EMPTY_WINDOW),
  };
}
