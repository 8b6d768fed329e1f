/**
 * The draw node (docs/language.md §9a): for each rep, the earnings of every draw period (the
 * rep's commission, bonus and ranking lines of that period, before forfeits), the draw paid, what
 * was recovered and the balance, by `runDraw`; and the payout lines that pay them: a `draw` line
 * per period topped up and a negative `draw recovered` line per period that repaid the balance.
 * A line of a period longer than the draw's (a yearly bonus per deal, a quarterly ranking under a
 * monthly draw) counts in the last draw period it covers.
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { type DrawOutcome, type DrawTerms, runDraw } from '../draws.js';
import { percentText } from '../money.js';
import type { PayoutLine } from '../result.js';
import { bySource } from './payout.js';
import type { ComponentResult } from './commission.js';
import { beforeStart, repStartDays } from '../in-post.js';
import { dateText } from '../periods.js';

/** One rep's draw: its terms (as written) and what it did each period. */
export interface RepDraw extends DrawOutcome {
  kind: 'guaranteed' | 'recoverable';
  amount: Decimal;
  /** The draw's period unit. */
  every: 'year' | 'quarter' | 'month';
  cap: Decimal | null;
  yearEnd: 'write off' | 'carry over' | null;
  /** The draw periods that end before the rep's start date (runtime/in-post.ts): advanced nothing. */
  notInPost: string[];
  /** The rep's start date (`YYYY-MM-DD`) when some period is before it; else null. */
  startDate: string | null;
}

export interface DrawResult {
  /** Per rep (reps-table order): the draw and recovery lines. */
  lines: PayoutLine[][];
  draws: RepDraw[];
}

export function evaluateDraw(node: NodeOf<'draw'>, run: RunContext, inputs: NodeInputs): DrawResult {
  const terms: DrawTerms = { amount: new Decimal(node.amount), recoverable: node.recoverable, cap: node.cap === null ? null : new Decimal(node.cap), yearEnd: node.yearEnd };
  const components = run.graph.nodes.filter((n) => node.inputs.includes(n.id)).sort(bySource);
  const periods = run.periods(node.period);
  const ends = new Map<string, number>();
  for (const unit of ['year', 'quarter', 'month'] as const) for (const p of run.periods(unit)) ends.set(p.key, p.end);
  // The draw period a line counts in: the one holding the line's last day.
  const drawPeriodOf = (key: string) => {
    const end = ends.get(key) ?? run.plan.end;
    return periods.findIndex((p) => end - 1 >= p.start && end - 1 < p.end);
  };
  const every = node.period;
  const lines: PayoutLine[][] = [];
  const draws: RepDraw[] = [];
  const starts = repStartDays(run);
  for (let r = 0; r < run.reps.keys.length; r++) {
    const earned = periods.map(() => new Decimal(0));
    for (const c of components) {
      for (const line of inputs.get<ComponentResult>(c.id).lines[r]) {
        const k = drawPeriodOf(line.period);
        if (k >= 0) earned[k] = earned[k].plus(line.amount);
      }
    }
    const outcome = runDraw(terms, periods.map((p, k) => ({ period: p.key, amount: earned[k], notInPost: beforeStart(starts[r], p.end) })), run.digits);
    const notInPost = periods.filter((p) => beforeStart(starts[r], p.end)).map((p) => p.key);
    draws.push({ ...outcome, kind: node.recoverable ? 'recoverable' : 'guaranteed', amount: terms.amount, every, cap: terms.cap, yearEnd: node.yearEnd, notInPost, startDate: notInPost.length === 0 ? null : dateText(starts[r]!) });
    const mine: PayoutLine[] = [];
    for (const p of outcome.periods) {
      const owed = node.recoverable ? `; ${run.money(p.balance)} to recover` : '';
      if (!p.drawPaid.isZero()) {
        mine.push({ component: 'draw', kind: 'draw', period: p.period, amount: p.drawPaid, basis: p.earnings, explain: `${node.recoverable ? 'recoverable' : 'guaranteed'} draw of ${run.money(terms.amount)} per ${every}: earnings ${run.money(p.earnings)} topped up by ${run.money(p.drawPaid)}${owed}`, deals: [], node: node.id });
      }
      if (!p.recovered.isZero()) {
        const cap = terms.cap === null ? '' : `, at most ${percentText(terms.cap)} of earnings`;
        mine.push({ component: 'draw recovered', kind: 'recovery', period: p.period, amount: p.recovered.neg(), basis: p.earnings, explain: `earnings ${run.money(p.earnings)} are ${run.money(p.earnings.minus(terms.amount))} above the draw of ${run.money(terms.amount)}; ${run.money(p.recovered)} of the balance recovered${cap}${owed}`, deals: [], node: node.id });
      }
    }
    lines.push(mine);
  }
  return { lines, draws };
}
