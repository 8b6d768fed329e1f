/**
 * The periodic ranking (domain.md §5): every period, all reps ranked by the
 * metric; the top group rewarded, the bottom group flagged for review (and
 * optionally penalised). One payout line per rep with the period rewards.
 * With plan versions, each period is ranked under the groups and rewards of the
 * version in force on the period's last day (docs/language.md §12).
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { atRow, compileContext, compileExpr, newEnv } from '../expr.js';
import { groupedText } from '../money.js';
import { groupSize, heldBackText, rankPeriod } from '../ranking.js';
import type { PayoutLine, RankEntry, ReviewFlag } from '../result.js';
import type { CreditResult } from './credit.js';
import type { Period } from '../periods.js';
import { type VersionSpan, lastDayOf, versionJudging, versionName } from '../versions.js';
import { beforeStart, repStartDays } from '../in-post.js';

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
  // One rule per plan version (groups and rewards); a period is ranked under the version in force on its last day.
  const rules = (node.versions ?? [node]).map((v) => ({
    name: node.name,
    tieDescending: node.tieBreak?.descending ?? false,
    top: v.top ? { ratio: new Decimal(v.top.ratio), reward: new Decimal(v.top.reward) } : null,
    bottom: v.bottom ? { ratio: new Decimal(v.bottom.ratio), reward: new Decimal(v.bottom.reward) } : null,
    review: v.bottom?.review ?? false,
    version: node.versions ? versionName(v as VersionSpan) : null,
  }));
  const ruleFor = (period: Period) => rules[node.versions ? versionJudging(node.versions, lastDayOf(period), lastDayOf(run.plan)) : 0];
  const periodRule = new Map<string, (typeof rules)[number]>();
  const env = newEnv(run);
  const warnings: string[] = [];
  const entries: RankEntry[] = [];
  const nReps = run.reps.keys.length;
  // A rep is ranked only in periods that end after their start date (in-post.ts): a joiner is not
  // ranked last, nor counted in the group sizes, for quarters before they joined.
  const starts = repStartDays(run);
  const periodN = new Map<string, number>();
  for (const period of run.periods(node.period)) {
    const inPost = run.reps.keys.map((_, r) => r).filter((r) => !beforeStart(starts[r], period.end));
    // A period counts as one with credited deals only through the reps ranked in it.
    if (node.onlyCreditedPeriods && !inPost.some((r) => credit.dealsIn(r, period).some((i) => credit.credited[i]))) continue;
    env.period = period;
    periodN.set(period.key, inPost.length);
    const candidates = inPost.map((r) => {
      const key = run.reps.keys[r];
      env.rep = r;
      atRow(env, run.reps.rows[r]);
      const value = metric(env) as Decimal | null;
      if (value === null) warnings.push(`ranking "${node.name}": rep ${key} has no value in ${period.key} and ranks last`);
      return { rep: key, metric: value, tieValue: tieIndex >= 0 ? run.reps.rows[r].values[tieIndex] : null };
    });
    const rule = ruleFor(period);
    periodRule.set(period.key, rule);
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
    const held = heldBackText(mine, (p) => (periodRule.get(p)?.top ? groupSize(periodN.get(p) ?? nReps, periodRule.get(p)!.top!.ratio) : 0), metricWords, (d) => (metricWords === 'credited amount' ? run.money(d) : d.toFixed()));
    const explain =
      (rewarded.length === 0
        ? 'no rewarded rank in any period'
        : `rewarded in ${rewarded.length} period${rewarded.length === 1 ? '' : 's'}: ${rewarded.map((e) => `${e.period} rank ${e.rank} (${run.money(e.reward)}${periodRule.get(e.period)?.version ? `, version ${periodRule.get(e.period)!.version}` : ''})`).join(', ')}`) + held;
    const line: PayoutLine = { component: node.name, kind: 'ranking', period: run.plan.key, amount: run.round(sum), basis: credit.repCredited[r], explain, deals: [], node: node.id };
    if (run.trace) line.trace = { unrounded: sum, ranks: rewarded.map((e) => ({ period: e.period, rank: e.rank, of: periodN.get(e.period) ?? nReps, reward: e.reward })) };
    lines.push([line]);
    reviews.push(
      mine
        .filter((e) => e.band === 'bottom' && periodRule.get(e.period)!.review)
        .map((e) => ({ rule: node.name, period: e.period, reason: `bottom ${groupedText(periodRule.get(e.period)!.bottom!.ratio.mul(100), 0)}% by ${metricWords} in ${e.period}: rank ${e.rank} of ${periodN.get(e.period) ?? nReps}` })),
    );
  }
  return { entries, lines, reviews, warnings };
}
