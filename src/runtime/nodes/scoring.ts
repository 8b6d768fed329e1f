/**
 * Relationship scoring (domain.md §1): every deal's score as of its as-of date —
 * the close date for won and lost deals, the scoring section's `open deals as
 * of` date for open ones — from its account's activities logged up to that day
 * only (no look-ahead). Deals of one account with the same as-of day form a
 * group and share one computed score (see relationship.ts for the cost).
 *
 * Kept per deal (issue 10: at a million deals, a score, a set, a window and a boxed
 * day per deal were 0.7 GB kept alive): its group's number, in a typed array; per
 * group the account's number, the as-of day, the end of the window, the score (the
 * cap's one Decimal when capped) and the (shared, read-only) set of actions done.
 * Windows are made when asked.
 */
import type { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { DAY_MS, parseDateText } from '../periods.js';
import { type ActivityWindow, EMPTY_WINDOW, type Scorer, countingOrder, dayNumber, dayOf, historyOrder, makeScorer } from '../relationship.js';
import type { OutcomeResult } from './outcome.js';
import { PackedDecimals } from '../packed-decimals.js';

export interface ScoringResult {
  scorer: Scorer;
  /** Deal `deal`'s as-of day (ms, midnight), or null when the deal has no date or no account (not scored). */
  asOf(deal: number): number | null;
  /** Deal `deal`'s capped score, in points, or null when not scored (a new Decimal on each read, the same value). */
  score(deal: number): Decimal | null;
  /** Actions done within the look-back window of deal `deal` (read-only; shared by deals of one account and day; empty when not scored). */
  actions(deal: number): Set<string>;
  /** The deal's account activities up to its as-of day (empty when not scored; a new object per call). */
  window(deal: number): ActivityWindow;
  /**
   * The scored deals (indexes), account by account and day by day: readers that evaluate every
   * scored deal may follow it so that one account's history is read while it is in the
   * processor's cache (issue 10: in deal order, each deal's window began with cache misses).
   */
  dealOrder: Int32Array;
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
  // Per deal: its account's number (the scorer's; `none` when the account has no activity; -1: not
  // scored) and its as-of day's number (the day in ms is that × DAY_MS: both the close date's
  // midnight and the open deals' day are whole days since 1970).
  const none = scorer.accounts;
  const accountOf = new Int32Array(n).fill(-1);
  const dayOf_ = new Int32Array(n);
  let firstDay = Infinity;
  let lastDay = -Infinity;
  // The account's number by the deals' dictionary code of the account, when they have one (one
  // lookup by text per account, not per deal).
  const codes = account >= 0 && n > 0 && deals.code !== undefined && deals.codeCount !== undefined && deals.code(0, account) !== undefined ? deals.codeCount(account) : -1;
  const numberOfCode = codes > 0 ? new Int32Array(codes).fill(-2) : new Int32Array(0);
  const numberOf = (text: string) => {
    const id = scorer.accountNumber(text);
    return id < 0 ? none : id;
  };
  for (let i = 0; i < n; i++) {
    const closed = won?.[i] === 1 || lost?.[i] === 1;
    const d = deals.value(i, date);
    const day = closed ? (typeof d === 'number' ? dayOf(d) : null) : openAsOf;
    if (day === null || account < 0) continue;
    let id: number;
    if (codes >= 0) {
      const code = deals.code!(i, account)!;
      if (code < 0) continue; // no account
      id = numberOfCode[code];
      if (id === -2) id = numberOfCode[code] = numberOf(String(deals.value(i, account)));
    } else {
      const acc = deals.value(i, account);
      if (acc === null) continue;
      id = numberOf(String(acc));
    }
    accountOf[i] = id;
    const number = dayNumber(day);
    dayOf_[i] = number;
    if (number < firstDay) firstDay = number;
    if (number > lastDay) lastDay = number;
  }
  // Groups: the deals of one account with one as-of day (issue 10: found by two counting sorts —
  // by day, then account — instead of a map of maps looked up per deal). Numbered account by
  // account, day by day; each is scored once, account by account, so the groups of one account
  // read the same stretch of its history while it is in the processor's cache.
  const counted = countingOrder(accountOf, none + 1, dayOf_, firstDay, lastDay);
  const { order } = counted ?? historyOrder(accountOf, none + 1, Float64Array.from(dayOf_, (d) => d * DAY_MS), (i) => i, null);
  let groups = 0;
  for (let k = 0; k < order.length; k++) if (k === 0 || accountOf[order[k]] !== accountOf[order[k - 1]] || dayOf_[order[k]] !== dayOf_[order[k - 1]]) groups++;
  // Per deal: its group (-1: not scored), written over its account's number once that is read (a
  // deal not scored keeps -1). Per group: the account's number (in the counting sort's scratch when
  // it is about as long), the as-of day, the window's end, the score and the actions done (issue 10,
  // ext: fewer fresh arrays, each a step towards V8's next full collection).
  const groupOf = accountOf;
  const spare = counted?.spare;
  const groupAccount = spare !== undefined && groups * 8 >= spare.length * 7 ? spare.subarray(0, groups) : new Int32Array(groups);
  const groupAsOf = new Float64Array(groups);
  const ends = new Int32Array(groups);
  // Each group's score packed as its digits (packed-decimals.ts: ~110 MB less at 1M deals); read as a new Decimal.
  const scores = new PackedDecimals(groups);
  const actions: Set<string>[] = new Array<Set<string>>(groups);
  let g = -1;
  let lastAccount = -1;
  let lastDay_ = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const id = accountOf[i];
    const day = dayOf_[i];
    if (k === 0 || id !== lastAccount || day !== lastDay_) {
      g++;
      lastAccount = id;
      lastDay_ = day;
      const asOf = day * DAY_MS;
      groupAccount[g] = id;
      groupAsOf[g] = asOf;
      const w = scorer.windowAt(scorer.historyOf(id), asOf);
      const done = scorer.scoreOnce(w);
      ends[g] = w.end;
      scores.push(done.score);
      actions[g] = done.actions;
    }
    groupOf[i] = g; // accountOf[i] is read above, and only once
  }
  scores.fit();
  const scored = (deal: number) => deal >= 0 && deal < n && groupOf[deal] >= 0;
  return {
    scorer,
    dealOrder: order,
    asOf: (deal) => (scored(deal) ? groupAsOf[groupOf[deal]] : null),
    score: (deal) => (scored(deal) ? scores.get(groupOf[deal]) : null),
    actions: (deal) => (scored(deal) ? actions[groupOf[deal]] : NO_ACTIONS),
    window: (deal) => {
      if (!scored(deal)) return EMPTY_WINDOW;
      const at = groupOf[deal];
      return { history: scorer.historyOf(groupAccount[at]), end: ends[at], asOf: groupAsOf[at] };
    },
  };
}
