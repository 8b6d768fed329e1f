/**
 * The scheme's own checks: the cost budget (payout at most a share of the
 * credited amount) and each `assert … for each rep`, evaluated per rep over
 * the plan period. `playbook verify` reads them on generated histories;
 * `simulate` warns when the real data breaks them.
 */
import type { TExpr } from '../../graph/ir.js';
import { printExpr } from '../../graph/print.js';
import { Decimal, isDecimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { type Compiled, type CompileContext, atRow, compileContext, compileExpr, newEnv } from '../expr.js';
import { percentText } from '../money.js';
import { dateText } from '../periods.js';
import type { Value } from '../values.js';
import type { AssertionResult } from '../result.js';
import type { PayoutResult } from './payout.js';
import type { StatementsResult } from './statements.js';
import { adjustsPayout } from '../../graph/dependencies.js';
import { netPayout } from '../stages/adjustments.js';

export interface ValidationResult {
  assertions: AssertionResult[];
  warnings: string[];
}

/** The values an assertion reads, each once, in the order written: fields, built-ins and aggregates (`payout`, `days_to_pay_p90`, `sum …`). */
function readsOf(e: TExpr, into: Map<string, TExpr>): Map<string, TExpr> {
  switch (e.k) {
    case 'field':
    case 'builtin':
    case 'sum':
    case 'count':
    case 'distinct':
      if (!into.has(printExpr(e))) into.set(printExpr(e), e);
      break;
    case 'neg':
    case 'not':
    case 'missing':
    case 'in':
      readsOf(e.e, into);
      break;
    case 'bin':
      readsOf(e.l, into);
      readsOf(e.r, into);
      break;
    case 'call':
      for (const a of e.args) readsOf(a, into);
      break;
    default:
      break;
  }
  return into;
}

/** A value as an analyst reads it: money grouped in the currency, ratios as percents, dates ISO, missing as "missing". */
function shown(v: Value, type: TExpr['t'], run: RunContext): string {
  if (v === null || v === undefined) return 'missing';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (type === 'date' && typeof v === 'number') return dateText(v);
  if (isDecimal(v)) return type === 'ratio' ? percentText(v) : type === 'money' ? run.money(v) : v.toSignificantDigits(10).toFixed();
  return JSON.stringify(String(v));
}

/** Compiles the values an assertion reads, to name them when it breaks (`days_to_pay_p90 = 10`). */
function valueReaders(condition: TExpr, ctx: CompileContext): { name: string; type: TExpr['t']; read: Compiled }[] {
  return [...readsOf(condition, new Map()).entries()].map(([name, e]) => ({ name, type: e.t, read: compileExpr(e, ctx) }));
}

export function evaluateValidation(node: NodeOf<'validation'>, run: RunContext, inputs: NodeInputs): ValidationResult {
  const ctx = compileContext(run, inputs);
  const payout = inputs.get<PayoutResult>('payout');
  const env = newEnv(run);
  env.period = run.plan;
  const assertions: AssertionResult[] = [];
  // Why each broken assertion broke, in the order of `assertions`: the values it read for that rep.
  const broken: string[] = [];
  for (const a of node.assertions) {
    const fn = compileExpr(a.condition, ctx);
    const readers = valueReaders(a.condition, ctx);
    for (let r = 0; r < run.reps.keys.length; r++) {
      env.rep = r;
      atRow(env, run.reps.rows[r]);
      const holds = fn(env);
      assertions.push({ name: a.name, rep: run.reps.keys[r], holds: holds === null ? null : holds === true });
      if (holds === false) broken.push(readers.map((x) => `${x.name} = ${shown(x.read(env), x.type, run)}`).join(', '));
    }
  }
  const warnings: string[] = [];
  if (node.budget) {
    const credited = payout.reps.reduce((s, r) => s.plus(r.credited), new Decimal(0));
    // Net of caps, minimums and clawbacks when a `pay … in stages` section has them (the statements are then an input).
    const statements = adjustsPayout(run.graph.nodes) ? inputs.get<StatementsResult>('statements') : null;
    const paid = payout.reps.reduce((s, r) => s.plus(statements ? netPayout(r, statements) : r.payout), new Decimal(0));
    const limit = credited.mul(node.budget);
    if (paid.gt(limit)) warnings.push(`the scheme pays ${run.money(paid)} on ${run.money(credited)} credited, over its budget of ${new Decimal(node.budget).mul(100).toString()}% (${run.money(limit)})`);
  }
  let b = 0;
  for (const a of assertions) {
    if (a.holds !== false) continue;
    const values = broken[b++];
    warnings.push(`assertion "${a.name}" does not hold for rep ${a.rep}${values ? `: ${values}` : ''}`);
  }
  return { assertions, warnings };
}
