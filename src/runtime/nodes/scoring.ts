/**
 * Relationship scoring (domain.md §1): every deal's score as of its as-of date —
 * the close date for won and lost deals, the scoring section's `open deals as
 * of` date for open ones — from its account's activities logged up to that day
 * only (no look-ahead).
 */
import type { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { parseDateText } from '../periods.js';
import { type ActivityWindow, type Scorer, dayOf, makeScorer } from '../relationship.js';
import type { OutcomeResult } from './outcome.js';

export interface ScoringResult {
  scorer: Scorer;
  /** Per deal: the as-of day (ms), or null when the deal has no date or no account. */
  asOf: (number | null)[];
  /** Per deal: the capped score, or null when not scored. */
  scores: (Decimal | null)[];
  /** Per deal: actions done within the look-back window. */
  actions: Set<string>[];
  /** The deal's account activities up to its as-of day (empty when not scored). */
  window(deal: number): ActivityWindow;
}

const EMPTY: ActivityWindow = { rows: [], ages: [] };

export function evaluateScoring(node: NodeOf<'scoring'>, run: RunContext, inputs: NodeInputs): ScoringResult {
  const scorer = makeScorer(node, run, inputs);
  const won = inputs.maybe<OutcomeResult>('outcome:won')?.flags;
  const lost = inputs.maybe<OutcomeResult>('outcome:lost')?.flags;
  const openAsOf = parseDateText(node.openAsOf);
  const { rows, date, account } = run.deals;
  const asOf: (number | null)[] = [];
  const scores: (Decimal | null)[] = [];
  const actions: Set<string>[] = [];
  const windows: ActivityWindow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const closed = won?.[i] === 1 || lost?.[i] === 1;
    const d = rows[i].values[date];
    const day = closed ? (typeof d === 'number' ? dayOf(d) : null) : openAsOf;
    const acc = account < 0 ? null : rows[i].values[account];
    if (day === null || acc === null) {
      asOf.push(null);
      scores.push(null);
      actions.push(new Set());
      windows.push(EMPTY);
      continue;
    }
    const w = scorer.history(String(acc), day);
    asOf.push(day);
    scores.push(scorer.score(w, day, false).score);
    actions.push(scorer.actionsIn(w));
    windows.push(w);
  }
  return { scorer, asOf, scores, actions, window: (deal) => windows[deal] ?? EMPTY };
}
