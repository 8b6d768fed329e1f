/**
 * A relationship indicator (domain.md §2): a yes/no fact about each deal, over
 * its account's activities logged up to the deal's as-of date.
 */
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { compileContext, compileExpr, newEnv } from '../expr.js';
import type { ScoringResult } from './scoring.js';

export interface IndicatorResult {
  /** Per deal: true, false, or null when unknown (the deal is not scored, or a value is missing). */
  values: (boolean | null)[];
}

export function evaluateIndicator(node: NodeOf<'indicator'>, run: RunContext, inputs: NodeInputs): IndicatorResult {
  const fn = compileExpr(node.condition, compileContext(run, inputs));
  const scoring = inputs.get<ScoringResult>('scoring');
  const env = newEnv(run);
  const values = run.deals.rows.map((row, i) => {
    if (scoring.asOf[i] === null) return null;
    env.row = row;
    env.deal = i;
    env.score = scoring.scores[i];
    return fn(env) as boolean | null;
  });
  return { values };
}
