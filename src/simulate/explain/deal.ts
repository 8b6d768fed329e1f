/**
 * `explain --deal`: one deal's fate — credited or not and why (the credit
 * rule, the red lines with their conditions' values), the bonuses it triggered
 * or missed and why, and its relationship score and tier as of its date with
 * the activities behind them; for a split deal (or one under a manager's
 * overlay) who gets which part, and with stages each release of it.
 */
import type { NodeOf } from '../../runtime/context.js';
import type { Decimal } from '../../runtime/decimal.js';
import type { GraphRun } from '../../runtime/engine.js';
import { percentText } from '../../runtime/money.js';
import type { CreditResult } from '../../runtime/nodes/credit.js';
import type { RedLineResult } from '../../runtime/nodes/redline.js';
import type { ScoringResult } from '../../runtime/nodes/scoring.js';
import type { DealResult, Evaluation } from '../../runtime/result.js';
import { type ConditionReading, readCondition } from './values.js';
import { type DealParts, type DealRelease, dealParts, dealReleases } from './deal-parts.js';
import { type VersionSpan, lastDayOf, versionJudging, versionName } from '../../runtime/versions.js';

export interface DealExplanation {
  id: string;
  rep: string | null;
  account: string | null;
  stage: DealResult['stage'];
  amount: string | null;
  date: string | null;
  row: { file: string; line: number };
  credit: { credited: boolean; period: string | null; rule: { file: string; line: number; name: string }; reading: ConditionReading; why: string };
  redlines: { id: string; effect: string; message: string; tripped: boolean; rule: { file: string; line: number }; reading: ConditionReading }[];
  bonuses: { name: string; paid: string | null; why: string; reading: ConditionReading | null }[];
  relationship: {
    asOf: string;
    score: string;
    tier: string | null;
    probability: string | null;
    indicators: { name: string; label: string | null; value: boolean | null }[];
    /** The activities that counted, largest first: date, action, points after weight and fading. */
    activities: { date: string; action: string; points: string; row: { file: string; line: number } }[];
  } | null;
  /** Who gets which part of a split deal, or of a deal a manager's overlay runs on (absent otherwise; see `deal-parts.ts`). */
  parts?: DealParts;
  /** With `pay … in stages`: the deal's releases, paid when or held why (absent when nothing is paid in stages). */
  releases?: DealRelease[];
}

function creditWhy(d: DealResult, reading: ConditionReading, blockedBy: string[], planKey: string, sharedBy: string[] | null): string {
  if (d.credited && sharedBy) return `credited in ${d.creditPeriod}, shared by ${sharedBy.join(', ')} (the split credit below)`;
  if (d.credited) return `credited to ${d.rep} in ${d.creditPeriod}`;
  if (reading.result !== true) return `not credited: the credit rule does not hold (${reading.condition} is ${reading.result === null ? 'unknown' : 'false'})`;
  if (blockedBy.length > 0) return `not credited: blocked by red line ${blockedBy.map((b) => `"${b}"`).join(', ')}`;
  if (d.amount === null || d.date === null || d.rep === null) return `not credited: its ${d.amount === null ? 'amount' : d.date === null ? 'date' : 'rep'} is missing`;
  return `not credited in plan period ${planKey}: it is dated ${d.date}`;
}

/** Explains deal number `i` (index in the deals table) of a traced run. */
export function explainDeal(g: GraphRun, e: Evaluation, i: number): DealExplanation {
  const { run } = g;
  const id = run.deals.id(i);
  const d = e.deals.find((x) => x.id === id)!;
  const row = { file: run.deals.table.schema.file, line: run.deals.rows[i].line };
  const creditNode = run.graph.nodes.find((n): n is NodeOf<'credit'> => n.kind === 'credit')!;
  const redNodes = run.graph.nodes.filter((n): n is NodeOf<'redline'> => n.kind === 'redline' && n.subject === 'deals');
  // A rule with plan versions judges the deal by the version in force on its credit date: read that one.
  const dealDate = run.deals.rows[i].values[run.deals.date] as number | null;
  const judging = <V>(versions: (V & VersionSpan)[] | undefined): (V & VersionSpan) | null => (versions ? versions[versionJudging(versions, dealDate, lastDayOf(run.plan))] : null);
  const redlines = redNodes.map((n) => {
    const v = judging(n.versions);
    return {
      id: n.redline,
      effect: n.effect,
      message: v ? `${v.message} (version ${versionName(v)})` : n.message,
      tripped: (g.results.get(n.id) as RedLineResult).deals.includes(i),
      rule: { file: n.source.file, line: n.source.line },
      reading: readCondition(g, n, v ? v.condition : n.condition, i),
    };
  });
  const creditReading = readCondition(g, creditNode, creditNode.condition, i);
  const blockedBy = redlines.filter((r) => r.tripped && r.effect === 'block').map((r) => r.id);
  const credit = g.results.get('credit') as CreditResult;
  const bonuses = run.graph.nodes
    .filter((n): n is NodeOf<'bonus'> => n.kind === 'bonus' && n.scope === 'deal')
    .map((n) => {
      const repIndex = d.rep === null ? undefined : run.reps.indexByKey.get(d.rep);
      const line = repIndex === undefined ? undefined : e.reps.find((r) => r.rep === d.rep)?.lines.find((l) => l.node === n.id);
      const paid = line?.trace?.deals?.find((x) => x.deal === i)?.amount ?? null;
      const condition = judging(n.versions)?.condition ?? (n.versions ? null : n.condition);
      const reading = condition ? readCondition(g, n, condition, i) : null;
      const why = paid
        ? `paid ${run.money(paid)}`
        : !credit.credited[i]
          ? 'not paid: only credited deals earn it'
          : reading && reading.result !== true
            ? `not paid: ${reading.condition} is ${reading.result === null ? 'unknown' : 'false'}`
            : 'not paid: the amount is zero or missing';
      return { name: n.name, paid: paid ? paid.toFixed() : null, why, reading };
    });
  return {
    id,
    rep: d.rep,
    account: d.account,
    stage: d.stage,
    amount: d.amount === null ? null : d.amount.toFixed(),
    date: d.date,
    row,
    credit: { credited: d.credited, period: d.creditPeriod, rule: { file: creditNode.source.file, line: creditNode.source.line, name: creditNode.label }, reading: creditReading, why: creditWhy(d, creditReading, blockedBy, run.plan.key, run.splits?.get(i)?.map((x) => run.reps.keys[x.rep]) ?? null) },
    redlines,
    bonuses,
    relationship: relationshipOf(g, d, i),
    ...withParts(g, e, i, id),
  };
}

function withParts(g: GraphRun, e: Evaluation, i: number, id: string): Pick<DealExplanation, 'parts' | 'releases'> {
  const parts = dealParts(g, e, i);
  const staged = g.results.has('statements');
  return { ...(parts ? { parts } : {}), ...(staged ? { releases: dealReleases(g, id) } : {}) };
}

function relationshipOf(g: GraphRun, d: DealResult, i: number): DealExplanation['relationship'] {
  const rel = d.relationship;
  const scoring = g.results.get('scoring') as ScoringResult | undefined;
  const role = g.run.graph.roles.activities;
  if (!rel || rel.asOf === null || !scoring || !role || d.account === null) return null;
  const asOf = scoring.asOf(i)!;
  const detail = scoring.scorer.scoreAccount(d.account, asOf, true);
  const file = g.run.tables.get(role.table)?.schema.file ?? role.table;
  const counted = detail.contributions.filter((c) => c.counted).sort((a, b) => b.value.cmp(a.value) || a.row.line - b.row.line);
  const indicators = g.run.graph.nodes.filter((n): n is NodeOf<'indicator'> => n.kind === 'indicator').sort((a, b) => a.source.line - b.source.line);
  const points = (x: Decimal) => x.toDecimalPlaces(2).toFixed(2);
  return {
    asOf: rel.asOf,
    score: points(rel.score!),
    tier: rel.tier,
    probability: rel.probability === null ? null : percentText(rel.probability),
    indicators: indicators.map((n, k) => ({ name: n.name, label: n.label, value: rel.indicators[k] })),
    activities: counted.map((c) => ({ date: c.date, action: c.action, points: points(c.value), row: { file, line: c.row.line } })),
  };
}
