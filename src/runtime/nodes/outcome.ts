/** `won when …` / `lost when …`: one flag per deal, decided by a compiled decision (`compiled/`). */
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { atDeal, newEnv } from '../expr.js';
import { compileCondition } from '../compiled/condition.js';

/** 1 where the deal is won (or lost), index-aligned with the deals table. */
export interface OutcomeResult {
  flags: Uint8Array;
}

export function evaluateOutcome(node: NodeOf<'outcome'>, run: RunContext, inputs: NodeInputs): OutcomeResult {
  const deals = run.deals.source;
  const holds = compileCondition(node.expr, run, inputs, run.graph.roles.deals.table, deals);
  const flags = new Uint8Array(deals.length);
  const env = newEnv(run);
  for (let i = 0; i < deals.length; i++) {
    atDeal(env, deals, i);
    flags[i] = holds(i, env) === true ? 1 : 0;
  }
  return { flags };
}
