/**
 * `verify` with commission paid in stages (domain.md §4, pay fast): the money-timing rules —
 * `budget days to pay at most N` and every `assert` that reads `held` or `days_to_pay_…` — are
 * checked on each generated history AND on the perturbed histories the other properties build
 * from it: with one more deal, with that deal split in two, and with that deal moved across a
 * month boundary (both sides). A change that only shows when a deal is added, split or moved (a
 * late cash collection on the extra deal, a payment pushed over a calendar date) is found too.
 */
import { walk } from '../../check/analysis/index.js';
import type { TExpr } from '../../check/model.js';
import type { RuleGraph } from '../../graph/nodes.js';
import { DAY_MS, dateText } from '../../runtime/periods.js';
import type { Evaluation } from '../../runtime/result.js';
import { type History, type HistoryRow, cloneHistory } from './history.js';
import { splitDeal } from './split-deal.js';

/** The words every report line of these checks ends its statement with. */
export const PERTURBED_WORDS = 'on each generated history and on its perturbed variants (one more deal, that deal split in two, that deal moved across a month boundary)';

/** One history to check, with the words that name it in a counterexample. */
export interface Variant {
  label: string;
  words: string;
  history: History;
}

/** What the variants need to know about the graph and the generated case. */
export interface VariantPlan {
  keyField: string;
  dateField: string;
  /** Money fields shared between the two parts of a split deal (none: no split variant). */
  splitFields: string[];
  minorDigits: number;
  /** Month starts inside the plan period (ms), for the moved variant. */
  boundaries: number[];
}

function withDeal(h: History, deal: HistoryRow, key: string, id: string): History {
  const out = cloneHistory(h);
  out.deals = [...(out.deals ?? []), { ...deal, [key]: id }];
  return out;
}

/**
 * The history `h` and its perturbed variants, built from the generated extra deal `extra` and the
 * number `aux` (which boundary to move across, how to split) exactly as the monotone, split and
 * timing properties build theirs.
 */
export function perturbedVariants(plan: VariantPlan, h: History, extra: HistoryRow, aux: number): Variant[] {
  const out: Variant[] = [{ label: 'history', words: 'the generated history', history: h }];
  out.push({ label: 'with-extra-deal', words: 'the history with one more deal (EXTRA)', history: withDeal(h, extra, plan.keyField, 'EXTRA') });
  if (plan.splitFields.length > 0) {
    const [part1, part2] = splitDeal(extra, plan.splitFields, (aux % 9) + 1, plan.minorDigits);
    out.push({ label: 'with-deal-split', words: 'the history with that deal split in two (PART1, PART2)', history: withDeal(withDeal(h, part1, plan.keyField, 'PART1'), part2, plan.keyField, 'PART2') });
  }
  if (plan.boundaries.length > 0) {
    const boundary = plan.boundaries[aux % plan.boundaries.length];
    for (const [label, day] of [['moved-before', boundary - DAY_MS], ['moved-after', boundary]] as const) {
      out.push({ label, words: `the history with that deal (MOVED) closing on ${dateText(day)}`, history: withDeal(h, { ...extra, [plan.dateField]: day }, plan.keyField, 'MOVED') });
    }
  }
  return out;
}

/** True when an assertion reads the money lifecycle: `held` or a `days_to_pay_…` figure. */
export function readsPayTiming(condition: TExpr): boolean {
  let found = false;
  walk(condition, (e) => {
    if (e.k === 'builtin' && (e.name === 'held' || e.name.startsWith('days_to_pay'))) found = true;
  });
  return found;
}

/** The staged payment that waited longest from trigger to payment, in days, or null when nothing staged was paid. */
export function longestWait(e: Evaluation): { days: number; text: string } | null {
  const paid = (e.payments?.releases ?? []).filter((x) => x.paidOn !== null && x.triggeredOn !== null);
  if (paid.length === 0) return null;
  const wait = (x: (typeof paid)[number]) => Math.round((x.paidOn! - x.triggeredOn!) / DAY_MS);
  const worst = paid.reduce((a, b) => (wait(b) > wait(a) ? b : a));
  return { days: wait(worst), text: `${worst.rep}, ${worst.component}, ${worst.deal === null ? '' : `deal ${worst.deal}, `}${worst.stage}: triggered ${dateText(worst.triggeredOn!)}, paid ${dateText(worst.paidOn!)}` };
}

/** The pay-time budget of the playbook in days (`budget days to pay at most N`), or null. */
export function payTimeBudget(graph: RuleGraph): number | null {
  const s = graph.nodes.find((n) => n.kind === 'statements') as Extract<RuleGraph['nodes'][number], { kind: 'statements' }> | undefined;
  return s?.budgetDays ?? null;
}
