/**
 * Winners, unchanged and losers as groups with their totals. With a minimum
 * group size, a group with fewer reps is merged into its neighbour (losers |
 * unchanged | winners), again until every group is big enough or only one is
 * left, so that no group's total reveals one person's pay.
 */
import { Decimal } from '../../runtime/decimal.js';
import type { RepComparison, Verdict } from './compare.js';

export interface RepGroup {
  /** `winners`, `unchanged`, `losers`, or merged: `unchanged + winners`. */
  label: string;
  verdicts: Verdict[];
  reps: string[];
  a: Decimal;
  b: Decimal;
  difference: Decimal;
}

const ORDER: { verdict: Verdict; label: string }[] = [
  { verdict: 'loser', label: 'losers' },
  { verdict: 'unchanged', label: 'unchanged' },
  { verdict: 'winner', label: 'winners' },
];

function merged(x: RepGroup, y: RepGroup): RepGroup {
  return { label: `${x.label} + ${y.label}`, verdicts: [...x.verdicts, ...y.verdicts], reps: [...x.reps, ...y.reps], a: x.a.plus(y.a), b: x.b.plus(y.b), difference: x.difference.plus(y.difference) };
}

/** The non-empty groups in the order losers, unchanged, winners; merged below `minGroup` reps when it is given. */
export function groupReps(reps: readonly RepComparison[], minGroup: number | null): RepGroup[] {
  let groups: RepGroup[] = ORDER.map(({ verdict, label }) => {
    const mine = reps.filter((r) => r.verdict === verdict);
    const total = (pick: (r: RepComparison) => Decimal) => mine.reduce((s, r) => s.plus(pick(r)), new Decimal(0));
    return { label, verdicts: [verdict], reps: mine.map((r) => r.rep), a: total((r) => r.a.payout), b: total((r) => r.b.payout), difference: total((r) => r.difference) };
  }).filter((g) => g.reps.length > 0);
  if (minGroup === null) return groups;
  for (;;) {
    const small = groups.map((g, i) => ({ g, i })).filter(({ g }) => g.reps.length < minGroup);
    if (small.length === 0 || groups.length < 2) return groups;
    const { i } = small.reduce((x, y) => (y.g.reps.length < x.g.reps.length ? y : x));
    // Merge with the neighbour, or at the middle with the smaller one (it needs the help more).
    const j = i === 0 ? 1 : i === groups.length - 1 ? i - 1 : groups[i - 1].reps.length <= groups[i + 1].reps.length ? i - 1 : i + 1;
    const [lo, hi] = i < j ? [i, j] : [j, i];
    groups = [...groups.slice(0, lo), merged(groups[lo], groups[hi]), ...groups.slice(hi + 1)];
  }
}
