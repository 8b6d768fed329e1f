/**
 * The monthly review list (domain.md §2: important accounts are reviewed monthly
 * by the founder): the deals for which the playbook's `review accounts when …`
 * condition holds. An account is on the list when any of its deals is.
 */
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { atDeal, compileContext, compileExpr, newEnv } from '../expr.js';

export interface ReviewResult {
  /** Per deal: 1 when the condition holds (a missing value does not put the deal on the list). */
  flags: Uint8Array;
}

export function evaluateReview(node: NodeOf<'review'>, run: RunContext, inputs: NodeInputs): ReviewResult {
  const fn = compileExpr(node.condition, compileContext(run, inputs));
  const env = newEnv(run);
  const deals = run.deals.source;
  const flags = new Uint8Array(deals.length);
  for (let i = 0; i < deals.length; i++) {
    atDeal(env, deals, i);
    if (fn(env) === true) flags[i] = 1;
  }
  return { flags };
}
