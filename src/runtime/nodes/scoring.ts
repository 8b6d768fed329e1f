/**
 * Relationship scoring (domain.md §1): every deal's score as of its as-of date —
 * the close date for won and lost deals, the scoring section's `open deals as
 * of` date for open ones — from its account's activities logged up to that day
 * only (no look-ahead). Deals of one account with the same as-of day share one
 * computed score (see relationship.ts for the cost).
 */
import type { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { parseDateText } from '../periods.js';
import { type ActivityWindow, EMPTY_WINDOW, type Scorer, dayOf, makeScorer } from '../relationship.js';
import type { OutcomeResult } from './outcome.js';

export interface ScoringResult {
  scorer: Scorer;
  /** Per deal: the as-of day (ms), or null when the deal has no date or no account. */
  asOf: (number | null)[];
  /** Per deal: the capped score, or null when not scored. */
  scores: (Decimal | null)[];
  /** Per deal: actions done within the look-back window (read-only; shared by deals of one account and day). */
  actions: Set<string>[];
  /** The deal's account activities up to its as-of day (empty when not scored). */
  window(deal: number): ActivityWindow;
}

export function evaluateScoring(node: NodeOf<'scoring'>, run: RunContext, inputs: NodeInputs): ScoringResult {
  const scorer = makeScorer(node, run, inputs);
  const won = inputs.maybe<OutcomeResult>('outcome:won')?.flags;
  const lost = inputs.maybe<OutcomeResult>('outcome:lost')?.flags;
  const openAsOf = parseDateText(node.openAsOf);
  const { date, account } = run.deals;
  const deals = run.deals.source;
  const n = deals.length;
  const asOf: (number | null)[] = new Array(n);
  const scores: (Decimal | null)[] = new Array(n);
  const actions: Set<string>[] = new Array(n);
  const windows: ActivityWindow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const closed = won?.[i] === 1 || lost?.[i] === 1;
    const d = deals.value(i, date);
    const day = closed ? (typeof d === 'number' ? dayOf(d) : null) : openAsOf;
    const acc = account < 0 ? null : deals.value(i, account);
    if (day === null || acc === null) {
      asOf[i] = null;
      scores[i] = null;
      actions[i] = new Set();
      windows[i] = EMPTY_WINDOW;
      continue;
    }
    const w = scorer.history(String(acc), day);
    asOf[i] = day;
    scores[i] = scorer.capped(w);
    actions[i] = scorer.actionsIn(w);
    windows[i] = w;
  }
  return { scorer, asOf, scores, actions, window: (deal) => windows[deal] ?? EMPTY_WINDOW };
}
