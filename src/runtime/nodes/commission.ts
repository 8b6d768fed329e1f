/**
 * A commission tier table (domain.md §3): for each rep and each period of the
 * table, the credited amount runs through the bands, marginal or retroactive;
 * one line per period, or a base line and an excess line when the table
 * reports its excess over base separately. Each line is rounded by the
 * playbook's rule.
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { commissionAmounts, resolveBands } from '../commission.js';
import type { PayoutLine } from '../result.js';
import type { CreditResult } from './credit.js';
import type { QuotaResult } from './quota.js';
import type { Period } from '../periods.js';
import { type VersionPart, versionParts, versionedAmounts } from '../versioned-commission.js';
import { toDateLines } from '../to-date.js';
import { type BandPart, marginal } from '../tiers.js';

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
  // Whose credit the table runs on: the rep's own, or (`on team credited by FIELD`) the team's.
  const team = node.team === undefined ? null : teamMembers(run, node.team);
  const creditedDeals = (r: number, period: Period): { deal: number; amount: Decimal }[] =>
    (team ? team[r] : [r]).flatMap((m) => credit.dealsIn(m, period).flatMap((i) => (credit.credited[i] ? [{ deal: i, amount: credit.amountFor(m, i)! }] : [])));
  // The lines of one period on the credit of `period` (for a to-date table, from the basis's start
  // to the pay period's end), with bands based on the quotas of `quotaPeriod`.
  const periodLines = (r: number, period: Period, quotaPeriod: Period, key: string): PayoutLine[] => {
    const credited = team ? creditedDeals(r, period).reduce((s, d) => s.plus(d.amount), new Decimal(0)) : credit.creditedIn(r, period);
    const repQuotas = new Map<string, Decimal>();
    for (const [name, q] of quotas) {
      const v = q?.forRep(r, quotaPeriod);
      if (v) repQuotas.set(name, v);
    }
    if (node.versions) return versionedLines(node, run, creditedDeals(r, period), credited, period, repQuotas).map((l) => ({ ...l, period: key }));
    const { bands, missingQuotas } = resolveBands(node, repQuotas);
    const note = missingQuotas.length === 0 ? '' : ` (no ${missingQuotas.join(' or ')} quota: the bands based on it pay nothing)`;
    const computed = commissionAmounts(node, credited, bands, run.digits);
    return computed.lines.map((line) => {
      const out: PayoutLine = { component: line.component, kind: line.kind, period: key, amount: run.round(line.amount), basis: credited, explain: line.explain + note, deals: [], node: node.id };
      if (run.trace) {
        out.trace = {
          unrounded: line.amount,
          method: node.method,
          bands: computed.tier.parts.map((p) => ({ from: p.from, to: p.to, rate: p.rate, basis: p.basis, pay: p.pay })),
          deals: creditedDeals(r, period).map((d) => ({ deal: d.deal, amount: d.amount })),
        };
      }
      return out;
    });
  };
  for (let r = 0; r < lines.length; r++) {
    if (node.basis) {
      lines[r].push(...toDateLines(run, node.period, node.basis, (toDate, basis, pay) => periodLines(r, toDate, basis, pay.key)));
      continue;
    }
    for (const period of run.periods(node.period)) lines[r].push(...periodLines(r, period, period, period.key));
  }
  return { lines, warnings: team ? ownManagerWarnings(run, node.team!, node.name, team) : [] };
}

/**
 * A rep whose team field names themself (a typing error in the reps file, or a head of sales with
 * no manager above): a rep is not on their own team, so a team table does not count their own
 * deals, and with nobody else naming them it runs on nothing. Named with the reps file's line.
 */
function ownManagerWarnings(run: RunContext, field: string, commission: string, teams: number[][]): string[] {
  const index = run.layout.get(run.graph.roles.reps.table)!.get(field)!;
  const file = run.reps.table.schema.file;
  const out: string[] = [];
  run.reps.rows.forEach((row, r) => {
    const key = run.reps.keys[r];
    const named = row.values[index];
    if (named === null || String(named) !== key) return;
    const empty = teams[r].length === 0 ? `, and no other rep names ${key}: the line runs on ${run.money(new Decimal(0))} credited` : '';
    out.push(`${file}:${row.line}: rep ${key} names themself in ${field}; a rep is not on their own team, so commission "${commission}" does not count ${key}'s own deals${empty}. If the ${field} is a typing error, correct it`);
  });
  return out;
}

/** The lines of a table with plan versions (see `versioned-commission.ts`), each naming its versions. */
function versionedLines(node: NodeOf<'commission'>, run: RunContext, deals: { deal: number; amount: Decimal }[], credited: Decimal, period: Period, quotas: Map<string, Decimal>): PayoutLine[] {
  const parts = versionParts(node, run, deals, period, quotas);
  const amounts = versionedAmounts(node, parts, run.digits);
  // With an excess line, each line's deals are priced by their version's part of that line.
  const split = amounts.length === 2 ? parts.map((v) => baseOfVersion(v)) : null;
  // A deal's slice of its version's bands, as this line counts it: all of it, or its base or excess part.
  const sliceIn = (line: { kind: string }) => (slice: BandPart[], v: VersionPart) => {
    const total = slice.reduce((t, p) => t.plus(p.pay), new Decimal(0));
    if (split === null) return total;
    const base = slice.reduce((t, p) => t.plus(p.basis.mul(Decimal.min(p.rate, v.baseRate!))), new Decimal(0));
    return line.kind === 'commission' ? base : total.minus(base);
  };
  const prices = amounts.map((line) => dealPricesOf(node.method, parts, (v, k) => (split === null ? v.total : line.kind === 'commission' ? split[k] : v.total.minus(split[k])), sliceIn(line)));
  return amounts.map((line, n) => {
    const out: PayoutLine = { component: line.component, kind: line.kind, period: period.key, amount: run.round(line.amount), basis: credited, explain: line.explain, deals: [], node: node.id };
    if (prices[n]) out.dealPrices = prices[n]!;
    if (run.trace) {
      out.trace = {
        unrounded: line.amount,
        method: node.method,
        bands: parts.flatMap((v) => v.parts.map((p) => ({ from: p.from, to: p.to, rate: p.rate, basis: p.basis, pay: p.pay, version: v.version, baseRate: v.baseRate }))),
        deals: parts.flatMap((v) => v.deals.map((i, k) => ({ deal: i, amount: v.amounts[k] }))),
      };
    }
    return out;
  });
}

/**
 * Each deal's own price in a versioned line (see `PayoutLine.dealPrices`): its version's amount
 * shared by credit among that version's deals. A version whose deals net to zero credit (a credit
 * note taking back a deal of the same version and period) cannot be shared by credit: each of its
 * deals is priced by its own slice of the version's bands instead (marginal: the bands from the
 * running credit before the deal to after it; retroactive: its amount at the reached rate), which
 * add up to the version's amount (zero for a marginal table). Null with deals under one version
 * only (the line is then shared by credit, as without versions).
 * @param lineOf the version's amount in this line (its total, or its base or excess part).
 * @param sliceOf a deal's own price in this line from its slice's band parts.
 */
function dealPricesOf(method: 'marginal' | 'retroactive', parts: VersionPart[], lineOf: (v: VersionPart, k: number) => Decimal, sliceOf: (slice: BandPart[], v: VersionPart) => Decimal): Map<number, Decimal> | null {
  if (parts.filter((v) => v.deals.length > 0).length < 2) return null;
  const prices = new Map<number, Decimal>();
  const add = (i: number, price: Decimal) => prices.set(i, (prices.get(i) ?? new Decimal(0)).plus(price));
  parts.forEach((v, n) => {
    if (!v.credited.isZero()) {
      const amount = lineOf(v, n);
      v.deals.forEach((i, k) => add(i, amount.mul(v.amounts[k]).div(v.credited)));
      return;
    }
    const bands = v.parts.map((p) => ({ from: p.from, rate: p.rate }));
    let running = v.before;
    v.deals.forEach((i, k) => {
      const amount = v.amounts[k];
      const lo = method === 'marginal' ? marginal(running, bands).parts : null;
      const slice = lo
        ? marginal(running.plus(amount), bands).parts.map((p, j) => {
            const basis = p.basis.minus(lo[j].basis);
            return { ...p, basis, pay: basis.mul(p.rate) };
          })
        : v.parts.map((p) => ({ ...p, basis: amount, pay: amount.mul(p.rate) }));
      running = running.plus(amount);
      add(i, sliceOf(slice, v));
    });
  });
  return prices;
}

/** A version's part of the base line when the table reports its excess (as versionedAmounts splits it): each band at most the base rate. */
function baseOfVersion(v: VersionPart): Decimal {
  return v.parts.reduce((s, p) => s.plus(p.basis.mul(Decimal.min(p.rate, v.baseRate!))), new Decimal(0));
}

/**
 * For each rep (reps-table order), the reps whose `field` names them: the team a manager's
 * overlay runs on. A rep is not in their own team; a rep whose field is empty is in no team.
 * Also used by `pay … in stages` to share an overlay's line among the team's deals.
 */
export function teamMembers(run: RunContext, field: string): number[][] {
  const index = run.layout.get(run.graph.roles.reps.table)!.get(field)!;
  const teams: number[][] = run.reps.keys.map(() => []);
  run.reps.rows.forEach((row, m) => {
    const manager = row.values[index];
    const r = manager === null ? undefined : run.reps.indexByKey.get(String(manager));
    if (r !== undefined && r !== m) teams[r].push(m);
  });
  return teams;
}