/**
 * A relationship indicator (domain.md §2): a yes/no fact about each deal, over
 * its account's activities logged up to the deal's as-of date.
 */
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { atDeal, compileContext, compileExpr, newEnv } from '../expr.js';
import type { ScoringResult } from './scoring.js';

export interface IndicatorResult {
  /** Per deal: true, false, or null when unknown (the deal is not scored, or a value is missing). */
  values: (boolean | null)[];
}

export function evaluateIndicator(node: NodeOf<'indicator'>, run: RunContext, inputs: NodeInputs): IndicatorResult {
  const fn = compileExpr(node.condition, compileContext(run, inputs));
  const scoring = inputs.get<ScoringResult>('scoring');
  const env = newEnv(run);
  const deals = run.deals.source;
  // Unknown unless scored; the scored deals are evaluated account by account (see `dealOrder`).
  const values = new Array<boolean | null>(deals.length).fill(null);
  for (const i of scoring.dealOrder) {
    atDeal(env, deals, i);
    env.score = scoring.score(i);
    values[i] = fn(env) as boolean | null;
  }
  return { values };
}
