/**
 * A quota (domain.md §3): each rep's annual target, split into the fiscal
 * months evenly or by weights (the parts add up exactly to the whole), and
 * prorated for reps who join during the year.
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { atRow, compileContext, compileExpr, newEnv } from '../expr.js';
import { splitExact } from '../money.js';
import type { Period } from '../periods.js';
import { prorateMonths } from '../proration.js';
import { versionAt, versionName } from '../versions.js';

export interface QuotaResult {
  /** Rep index → the twelve fiscal months' quota (absent when the rep has none). */
  months: Map<number, Decimal[]>;
  /** Rep index → the annual quota (the months' sum). */
  annual: Map<number, Decimal>;
  /** The rep's quota for a period (the sum of its months), or null when the rep has none. */
  forRep(rep: number, period: Period): Decimal | null;
  warnings: string[];
}

/**
 * The warnings a quota gives per rep, in one wording for the engine and the SQL back ends
 * (interop/sql/duckdb-evaluate.ts). `which`: ` in its version …` or empty; `amount` as money text.
 */
export const quotaWarning = {
  belowZero: (rep: string, quota: string, amount: string, which = '') =>
    `rep ${rep} has a ${quota} quota below zero (${amount}${which}), which no target can be: it is left out, and bands based on it pay nothing`,
  missing: (rep: string, quota: string, which = '') => `rep ${rep} has no ${quota} quota (the value is missing${which}); bands based on it pay nothing`,
  zero: (rep: string, quota: string, prorated = false) =>
    `rep ${rep} has a ${quota} quota of 0 for the plan period${prorated ? ' (or prorated to nothing: the rep starts after the plan period)' : ''}: every amount credited counts as above it in commission bands, and attainment against it (credited / ${quota}) has no value, so conditions and rankings on it leave the rep out`,
};

export function evaluateQuota(node: NodeOf<'quota'>, run: RunContext, inputs: NodeInputs): QuotaResult {
  const ctx = compileContext(run, inputs);
  // Plan versions: each fiscal month's part comes from the version in force on the month's first
  // day (the checker makes versions start on a 1st and end on a month's last day), so the year's
  // quota is the sum of the months each version was in force for (docs/language.md, "Plan versions").
  const specs = node.versions ?? [{ amount: node.amount, split: node.split, prorate: node.prorate, from: '', until: null }];
  const compiled = specs.map((spec) => ({
    fn: compileExpr(spec.amount, ctx),
    weights: spec.split.kind === 'weights' ? spec.split.weights.map((w) => new Decimal(w)) : Array.from({ length: 12 }, () => new Decimal(1).div(12)),
    prorate: spec.prorate,
    prorateField: spec.prorate ? run.layout.get(run.graph.roles.reps.table)!.get(spec.prorate.field)! : -1,
  }));
  const monthVersion = run.periods('month').map((m) => (node.versions ? versionAt(node.versions, m.start) : 0));
  const used = [...new Set(monthVersion)];
  const months = new Map<number, Decimal[]>();
  const annual = new Map<number, Decimal>();
  const warnings: string[] = [];
  const env = newEnv(run);
  env.period = run.plan;
  for (let r = 0; r < run.reps.rows.length; r++) {
    env.rep = r;
    atRow(env, run.reps.rows[r]);
    const byVersion = new Map<number, Decimal[]>();
    let missing: number | null = null;
    for (const k of used) {
      const c = compiled[k];
      const amount = c.fn(env) as Decimal | null;
      if (amount === null) {
        missing = k;
        break;
      }
      if (amount.isNegative()) {
        // A target below zero (`(5,000)` in the reps file) would put the bands from a share of it below
        // zero too, paying the upper rate on money never credited: it is refused, as a missing one is.
        const which = node.versions ? ` in its version ${versionName(node.versions[k])}` : '';
        warnings.push(quotaWarning.belowZero(run.reps.keys[r], node.name, run.money(amount), which));
        missing = -1;
        break;
      }
      let parts = splitExact(amount, c.weights, run.minorStep, 'half-up');
      if (c.prorate) parts = prorateMonths(parts, run.reps.rows[r].values[c.prorateField], c.prorate.by, run.periods('month'), run.minorStep);
      byVersion.set(k, parts);
    }
    if (missing === -1) continue;
    if (missing !== null) {
      const which = node.versions ? ` in its version ${versionName(node.versions[missing])}` : '';
      warnings.push(quotaWarning.missing(run.reps.keys[r], node.name, which));
      continue;
    }
    const parts = monthVersion.map((k, m) => byVersion.get(k)![m]);
    months.set(r, parts);
    const year = parts.reduce((s, m) => s.plus(m), new Decimal(0));
    annual.set(r, year);
    if (year.isZero()) {
      // Everything credited is then above the quota, and attainment against it has no value: say so.
      warnings.push(quotaWarning.zero(run.reps.keys[r], node.name, specs.some((spec) => spec.prorate)));
    }
  }
  const forRep = (rep: number, period: Period) => {
    const m = months.get(rep);
    return m ? period.months.reduce((s, i) => s.plus(m[i]), new Decimal(0)) : null;
  };
  return { months, annual, forRep, warnings };
}
