/**
 * A commission tier table (domain.md §3): for each rep and each period of the
 * table, the credited amount runs through the bands, marginal or retroactive;
 * one line per period, or a base line and an excess line when the table
 * reports its excess over base separately. Each line is rounded by the
 * playbook's rule.
 */
import type { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { commissionAmounts, resolveBands } from '../commission.js';
import type { PayoutLine } from '../result.js';
import type { CreditResult } from './credit.js';
import type { QuotaResult } from './quota.js';
import type { Period } from '../periods.js';
import { versionParts, versionedAmounts } from '../versioned-commission.js';

export interface ComponentResult {
  /** Payout lines per rep (reps-table order). */
  lines: PayoutLine[][];
  warnings: string[];
}

export function evaluateCommission(node: NodeOf<'commission'>, run: RunContext, inputs: NodeInputs): ComponentResult {
  const credit = inputs.get<CreditResult>('credit');
  const quotaNames = [...new Set([...node.bands, ...(node.versions ?? []).flatMap((v) => v.bands)].flatMap((b) => (b.from.kind === 'quota' ? [b.from.quota] : [])))];
  const quotas = quotaNames.map((name) => [name, inputs.maybe<QuotaResult>(`quota:${name}`)] as const);
  const lines: PayoutLine[][] = run.reps.keys.map(() => []);
  for (let r = 0; r < lines.length; r++) {
    for (const period of run.periods(node.period)) {
      const credited = credit.creditedIn(r, period);
      const repQuotas = new Map<string, Decimal>();
      for (const [name, q] of quotas) {
        const v = q?.forRep(r, period);
        if (v) repQuotas.set(name, v);
      }
      if (node.versions) {
        lines[r].push(...versionedLines(node, run, credit, r, period, repQuotas));
        continue;
      }
      const { bands, missingQuotas } = resolveBands(node, repQuotas);
      const note = missingQuotas.length === 0 ? '' : ` (no ${missingQuotas.join(' or ')} quota: the bands based on it pay nothing)`;
      const computed = commissionAmounts(node, credited, bands, run.digits);
      for (const line of computed.lines) {
        const out: PayoutLine = { component: line.component, kind: line.kind, period: period.key, amount: run.round(line.amount), basis: credited, explain: line.explain + note, deals: [], node: node.id };
        if (run.trace) {
          out.trace = {
            unrounded: line.amount,
            method: node.method,
            bands: computed.tier.parts.map((p) => ({ from: p.from, to: p.to, rate: p.rate, basis: p.basis, pay: p.pay })),
            deals: credit.dealsIn(r, period).flatMap((i) => (credit.credited[i] ? [{ deal: i, amount: credit.amounts[i]! }] : [])),
          };
        }
        lines[r].push(out);
      }
    }
  }
  return { lines, warnings: [] };
}

/** The lines of a table with plan versions (see `versioned-commission.ts`), each naming its versions. */
function versionedLines(node: NodeOf<'commission'>, run: RunContext, credit: CreditResult, r: number, period: Period, quotas: Map<string, Decimal>): PayoutLine[] {
  const parts = versionParts(node, run, credit, r, period, quotas);
  const credited = credit.creditedIn(r, period);
  return versionedAmounts(node, parts, run.digits).map((line) => {
    const out: PayoutLine = { component: line.component, kind: line.kind, period: period.key, amount: run.round(line.amount), basis: credited, explain: line.explain, deals: [], node: node.id };
    if (run.trace) {
      out.trace = {
        unrounded: line.amount,
        method: node.method,
        bands: parts.flatMap((v) => v.parts.map((p) => ({ from: p.from, to: p.to, rate: p.rate, basis: p.basis, pay: p.pay, version: v.version, baseRate: v.baseRate }))),
        deals: parts.flatMap((v) => v.deals.map((i) => ({ deal: i, amount: credit.amounts[i]! }))),
      };
    }
    return out;
  });
}
