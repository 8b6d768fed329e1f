/**
 * The scheme's own checks: the cost budget (payout at most a share of the
 * credited amount) and each `assert … for each rep`, evaluated per rep over
 * the plan period. `playbook verify` reads them on generated histories;
 * `simulate` warns when the real data breaks them.
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { compileContext, compileExpr, newEnv } from '../expr.js';
import type { AssertionResult } from '../result.js';
import type { PayoutResult } from './payout.js';

export interface ValidationResult {
  assertions: AssertionResult[];
  warnings: string[];
}

export function evaluateValidation(node: NodeOf<'validation'>, run: RunContext, inputs: NodeInputs): ValidationResult {
  const ctx = compileContext(run, inputs);
  const payout = inputs.get<PayoutResult>('payout');
  const env = newEnv(run);
  env.period = run.plan;
  const assertions: AssertionResult[] = [];
  for (const a of node.assertions) {
    const fn = compileExpr(a.condition, ctx);
    for (let r = 0; r < run.reps.keys.length; r++) {
      env.rep = r;
      env.row = run.reps.rows[r];
      const holds = fn(env);
      assertions.push({ name: a.name, rep: run.reps.keys[r], holds: holds === null ? null : holds === true });
    }
  }
  const warnings: string[] = [];
  if (node.budget) {
    const credited = payout.reps.reduce((s, r) => s.plus(r.credited), new Decimal(0));
    const paid = payout.reps.reduce((s, r) => s.plus(r.payout), new Decimal(0));
    const limit = credited.mul(node.budget);
    if (paid.gt(limit)) warnings.push(`the scheme pays ${run.money(paid)} on ${run.money(credited)} credited, over its budget of ${new Decimal(node.budget).mul(100).toString()}% (${run.money(limit)})`);
  }
  for (const a of assertions) if (a.holds === false) warnings.push(`assertion "${a.name}" does not hold for rep ${a.rep}`);
  return { assertions, warnings };
}
