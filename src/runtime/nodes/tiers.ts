/**
 * Relationship tiers (domain.md §2): tried in order, the first whose condition
 * holds for the deal (as of its as-of date) is its tier, with the tier's
 * stated win probability.
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { atDeal, compileContext, compileExpr, newEnv } from '../expr.js';
import type { ScoringResult } from './scoring.js';

export interface TiersResult {
  /** Per deal: the tier's index in the node's list, or -1 (not scored, or no tier matched). */
  tier: Int32Array;
  probabilities: Decimal[];
}

export function evaluateTiers(node: NodeOf<'tiers'>, run: RunContext, inputs: NodeInputs): TiersResult {
  const ctx = compileContext(run, inputs);
  const conditions = node.tiers.map((t) => (t.condition ? compileExpr(t.condition, ctx) : null));
  const scoring = inputs.get<ScoringResult>('scoring');
  const env = newEnv(run);
  const deals = run.deals.source;
  const tier = new Int32Array(deals.length).fill(-1);
  // The scored deals account by account (see `dealOrder`); the others keep -1.
  for (const i of scoring.dealOrder) {
    atDeal(env, deals, i);
    env.score = scoring.score(i);
    tier[i] = conditions.findIndex((c) => c === null || c(env) === true);
  }
  return { tier, probabilities: node.tiers.map((t) => new Decimal(t.probability)) };
}
