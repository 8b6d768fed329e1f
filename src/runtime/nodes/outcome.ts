/** `won when …` / `lost when …`: one flag per deal. */
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { compileContext, compileExpr, newEnv } from '../expr.js';

/** 1 where the deal is won (or lost), index-aligned with the deals table. */
export interface OutcomeResult {
  flags: Uint8Array;
}

export function evaluateOutcome(node: NodeOf<'outcome'>, run: RunContext, inputs: NodeInputs): OutcomeResult {
  const fn = compileExpr(node.expr, compileContext(run, inputs));
  const rows = run.deals.rows;
  const flags = new Uint8Array(rows.length);
  const env = newEnv(run);
  for (let i = 0; i < rows.length; i++) {
    env.row = rows[i];
    env.deal = i;
    flags[i] = fn(env) === true ? 1 : 0;
  }
  return { flags };
}
