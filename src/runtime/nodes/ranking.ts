/**
 * The periodic ranking (domain.md §5): every period, all reps ranked by the
 * metric; the top group rewarded, the bottom group flagged for review (and
 * optionally penalised). One payout line per rep with the period rewards.
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { compileContext, compileExpr, newEnv } from '../expr.js';
import { groupedText } from '../money.js';
import { rankPeriod } from '../ranking.js';
import type { PayoutLine, RankEntry, ReviewFlag } from '../result.js';
import type { CreditResult } from './credit.js';

export interface RankingResult {
  entries: RankEntry[];
  /** One line per rep (reps-table order). */
  lines: PayoutLine[][];
  /** Bottom-group review flags per rep. */
  reviews: ReviewFlag[][];
  warnings: string[];
}

export function evaluateRanking(node: NodeOf<'ranking'>, run: RunContext, inputs: NodeInputs): RankingResult {
  const metric = compileExpr(node.metric, compileContext(run, inputs));
  const credit = inputs.get<CreditResult>('credit');
  const tieIndex = node.tieBreak ? run.layout.get(run.graph.roles.reps.table)!.get(node.tieBreak.field)! : -1;
  const rule = {
    name: node.name,
    tieDescending: node.tieBreak?.descending ?? false,
    top: node.top ? { ratio: new Decimal(node.top.ratio), reward: new Decimal(node.top.reward) } : null,
    bottom: node.bottom ? { ratio: new Decimal(node.bottom.ratio), reward: new Decimal(node.bottom.reward) } : null,
  };
  const env = newEnv(run);
  const warnings: string[] = [];
  const entries: RankEntry[] = [];
  const nReps = run.reps.keys.length;
  for (const period of run.periods(node.period)) {
    if (node.onlyCreditedPeriods && !run.reps.keys.some((_, r) => credit.dealsIn(r, period).some((i) => credit.credited[i]))) continue;
    env.period = period;
    const candidates = run.reps.keys.map((key, r) => {
      env.rep = r;
      env.row = run.reps.rows[r];
      const value = metric(env) as Decimal | null;
      if (value === null) warnings.push(`ranking "${node.name}": rep ${key} has no value in ${period.key} and ranks last`);
      return { rep: key, metric: value, tieValue: tieIndex >= 0 ? run.reps.rows[r].values[tieIndex] : null };
    });
    entries.push(...rankPeriod(rule, period.key, candidates));
  }
  const metricWords = node.metric.k === 'builtin' && node.metric.name === 'credited' ? 'credited amount' : 'the ranking measure';
  const byRep = new Map<string, RankEntry[]>();
  for (const e of entries) byRep.set(e.rep, [...(byRep.get(e.rep) ?? []), e]);
  const lines: PayoutLine[][] = [];
  const reviews: ReviewFlag[][] = [];
  for (let r = 0; r < nReps; r++) {
    const mine = byRep.get(run.reps.keys[r]) ?? [];
    const rewarded = mine.filter((e) => !e.reward.isZero());
    const sum = rewarded.reduce((s, e) => s.plus(e.reward), new Decimal(0));
    const explain =
      rewarded.length === 0 ? 'no rewarded rank in any period' : `rewarded in ${rewarded.length} period${rewarded.length === 1 ? '' : 's'}: ${rewarded.map((e) => `${e.period} rank ${e.rank} (${run.money(e.reward)})`).join(', ')}`;
    const line: PayoutLine = { component: node.name, kind: 'ranking', period: run.plan.key, amount: run.round(sum), basis: credit.repCredited[r], explain, deals: [], node: node.id };
    if (run.trace) line.trace = { unrounded: sum, ranks: rewarded.map((e) => ({ period: e.period, rank: e.rank, of: nReps, reward: e.reward })) };
    lines.push([line]);
    reviews.push(
      node.bottom?.review
        ? mine.filter((e) => e.band === 'bottom').map((e) => ({ rule: node.name, period: e.period, reason: `bottom ${groupedText(rule.bottom!.ratio.mul(100), 0)}% by ${metricWords} in ${e.period}: rank ${e.rank} of ${nReps}` }))
        : [],
    );
  }
  return { entries, lines, reviews, warnings };
}
