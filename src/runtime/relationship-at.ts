/**
 * A deal's relationship re-evaluated as of any day (domain.md §2: important
 * accounts are reviewed monthly, so their tier is needed now and a month ago,
 * not only at the deal's own as-of date). The indicator and tier conditions are
 * the same compiled expressions the run used, fed the account's activities up
 * to the chosen day (no look-ahead) and the score as of that day.
 */
import type { GraphNode } from '../graph/nodes.js';
import type { NodeInputs, NodeOf } from './context.js';
import { Decimal } from './decimal.js';
import { type GraphRun, nodeInputs } from './engine.js';
import { atDeal, compileContext, compileExpr, newEnv } from './expr.js';
import type { IndicatorResult } from './nodes/indicator.js';
import type { ReviewResult } from './nodes/review.js';
import type { ScoringResult } from './nodes/scoring.js';
import { dateText } from './periods.js';
import { type ActivityWindow, EMPTY_WINDOW, dayOf } from './relationship.js';

/** One deal's relationship as of a chosen day. */
export interface RelationshipAt {
  /** `YYYY-MM-DD`. */
  asOf: string;
  /** Capped score, in points. */
  score: Decimal;
  /** Per indicator (in the order of `indicatorNames`): done, not done, or null when unknown. */
  indicators: (boolean | null)[];
  /** The first tier whose condition holds, or null (no tiers, or none matched). */
  tier: string | null;
  /** The tier's stated win probability (a ratio, 0.8 = 80%), or null. */
  probability: Decimal | null;
}

export interface RelationshipAtModel {
  /** The indicators' names and labels, in the playbook's order. */
  indicatorNames: string[];
  indicatorLabels: (string | null)[];
  /** The tiers' names, highest first (the playbook's order). */
  tierNames: string[];
  /** Per deal: 1 when the playbook's `review accounts when …` holds for it; null when the playbook has no review list. */
  review: Uint8Array | null;
  /**
   * Deal `deal` (index in the deals table) re-evaluated as of `asOf` (ms, any time of the day): its
   * account's score, indicators and tier from activities dated on or before that day only.
   */
  at(deal: number, asOf: number): RelationshipAt;
}

const bySource = (a: GraphNode, b: GraphNode) => a.source.line - b.source.line || a.source.column - b.source.column;

/** The model of a finished run, or null when the playbook does not score relationships. */
export function relationshipAt(g: GraphRun): RelationshipAtModel | null {
  const nodes = g.run.graph.nodes;
  const scoringNode = nodes.find((n): n is NodeOf<'scoring'> => n.kind === 'scoring');
  if (!scoringNode || !g.results.has(scoringNode.id)) return null;
  const scoring = g.results.get(scoringNode.id) as ScoringResult;
  const indicatorNodes = nodes.filter((n): n is NodeOf<'indicator'> => n.kind === 'indicator').sort(bySource);
  const tiersNode = nodes.find((n): n is NodeOf<'tiers'> => n.kind === 'tiers');
  const reviewNode = nodes.find((n): n is NodeOf<'review'> => n.kind === 'review');
  const dealCount = g.run.deals.length;
  // Only the results the conditions may read are kept (the model outlives the run: the rest of the
  // node results — credits, releases, statements' sources — are freed once the evaluation is assembled).
  const readable = new Set([...indicatorNodes, ...(tiersNode ? [tiersNode] : [])].flatMap((n) => n.inputs));
  const kept: GraphRun = { run: g.run, order: [], results: new Map([...g.results].filter(([id]) => readable.has(id))) };
  // The window the conditions see: swapped before each evaluation.
  let window: ActivityWindow = EMPTY_WINDOW;
  const scoringNow: ScoringResult = { ...scoring, window: () => window };
  // The conditions, and the per-deal indicator values they read (an array of every deal per
  // indicator: 24 MB at a million deals), are made on the first `at`: most runs never ask (issue 10).
  let made: { indicatorNow: Map<string, IndicatorResult>; indicators: { id: string; fn: ReturnType<typeof compileExpr> }[]; tiers: { t: NodeOf<'tiers'>['tiers'][number]; fn: ReturnType<typeof compileExpr> | null }[]; env: ReturnType<typeof newEnv> } | null = null;
  const conditions = () => {
    if (made !== null) return made;
    const indicatorNow = new Map(indicatorNodes.map((n) => [n.id, { values: new Array<boolean | null>(dealCount).fill(null) } as IndicatorResult]));
    const inputsFor = (node: GraphNode): NodeInputs => {
      const real = nodeInputs(kept, node);
      const swap = <T>(id: string, fallback: () => T | undefined): T | undefined => (id === 'scoring' ? (scoringNow as T) : indicatorNow.has(id) ? (indicatorNow.get(id) as T) : fallback());
      return { get: <T>(id: string) => swap<T>(id, () => real.get<T>(id)) as T, maybe: <T>(id: string) => swap<T>(id, () => real.maybe<T>(id)) };
    };
    const indicators = indicatorNodes.map((n) => ({ id: n.id, fn: compileExpr(n.condition, compileContext(g.run, inputsFor(n))) }));
    const tiers = tiersNode ? tiersNode.tiers.map((t) => ({ t, fn: t.condition ? compileExpr(t.condition, compileContext(g.run, inputsFor(tiersNode))) : null })) : [];
    return (made = { indicatorNow, indicators, tiers, env: newEnv(g.run) });
  };
  const accountIndex = g.run.deals.account;
  const review = reviewNode && g.results.has(reviewNode.id) ? (g.results.get(reviewNode.id) as ReviewResult).flags : null;
  const { run } = g;
  return {
    indicatorNames: indicatorNodes.map((n) => n.name),
    indicatorLabels: indicatorNodes.map((n) => n.label),
    tierNames: tiersNode ? tiersNode.tiers.map((t) => t.name) : [],
    review,
    at(deal, asOf) {
      const { indicatorNow, indicators, tiers, env } = conditions();
      const day = dayOf(asOf);
      const deals = run.deals.source;
      const account = accountIndex < 0 ? null : deals.value(deal, accountIndex);
      window = account === null ? EMPTY_WINDOW : scoring.scorer.history(String(account), day);
      const score = scoring.scorer.score(window, false).score;
      atDeal(env, deals, deal);
      env.score = score;
      const values = indicators.map(({ id, fn }) => {
        const v = fn(env) as boolean | null;
        indicatorNow.get(id)!.values[deal] = v;
        return v;
      });
      const match = tiers.find(({ fn }) => fn === null || fn(env) === true);
      for (const { id } of indicators) indicatorNow.get(id)!.values[deal] = null;
      return { asOf: dateText(day), score, indicators: values, tier: match?.t.name ?? null, probability: match ? new Decimal(match.t.probability) : null };
    },
  };
}
