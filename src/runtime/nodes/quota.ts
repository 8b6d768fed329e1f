/**
 * A quota (domain.md §3): each rep's annual target, split into the fiscal
 * months evenly or by weights (the parts add up exactly to the whole), and
 * prorated for reps who join during the year.
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { compileContext, compileExpr, newEnv } from '../expr.js';
import { splitExact } from '../money.js';
import type { Period } from '../periods.js';
import { prorateMonths } from '../proration.js';

export interface QuotaResult {
  /** Rep index → the twelve fiscal months' quota (absent when the rep has none). */
  months: Map<number, Decimal[]>;
  /** Rep index → the annual quota (the months' sum). */
  annual: Map<number, Decimal>;
  /** The rep's quota for a period (the sum of its months), or null when the rep has none. */
  forRep(rep: number, period: Period): Decimal | null;
  warnings: string[];
}

export function evaluateQuota(node: NodeOf<'quota'>, run: RunContext, inputs: NodeInputs): QuotaResult {
  const fn = compileExpr(node.amount, compileContext(run, inputs));
  const weights = node.split.kind === 'weights' ? node.split.weights.map((w) => new Decimal(w)) : Array.from({ length: 12 }, () => new Decimal(1).div(12));
  const prorateField = node.prorate ? run.layout.get(run.graph.roles.reps.table)!.get(node.prorate.field)! : -1;
  const months = new Map<number, Decimal[]>();
  const annual = new Map<number, Decimal>();
  const warnings: string[] = [];
  const env = newEnv(run);
  env.period = run.plan;
  for (let r = 0; r < run.reps.rows.length; r++) {
    env.rep = r;
    env.row = run.reps.rows[r];
    const amount = fn(env) as Decimal | null;
    if (amount === null) {
      warnings.push(`rep ${run.reps.keys[r]} has no ${node.name} quota (the value is missing); bands based on it pay nothing`);
      continue;
    }
    let parts = splitExact(amount, weights, run.minorStep, 'half-up');
    if (node.prorate) parts = prorateMonths(parts, run.reps.rows[r].values[prorateField], node.prorate.by, run.periods('month'), run.minorStep);
    months.set(r, parts);
    annual.set(r, parts.reduce((s, m) => s.plus(m), new Decimal(0)));
  }
  const forRep = (rep: number, period: Period) => {
    const m = months.get(rep);
    return m ? period.months.reduce((s, i) => s.plus(m[i]), new Decimal(0)) : null;
  };
  return { months, annual, forRep, warnings };
}
