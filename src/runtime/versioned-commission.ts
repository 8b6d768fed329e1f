/**
 * A commission table with plan versions (`effective from … until …`): each deal is paid under the
 * version in force on its credit date, while the bands still run on the period's credited amount
 * (the year-to-date amount in a yearly table). docs/language.md, "Plan versions", defines it:
 *
 * - marginal: the period's credited deals are put in credit-date order (then deals-table order);
 *   each deal takes the next slice of the period's running total, and that slice is priced by the
 *   bands of its own version. The deals of one version are consecutive, so version v pays
 *   `table_v(running total after its deals) − table_v(running total before them)`. A band crossed
 *   after the change is paid at the new version's rate; the part below it, credited before the
 *   change, stays at the old rate.
 * - retroactive: the period's whole credited amount decides the band reached, under each version's
 *   own bands; each version pays that band's rate on the deals credited under it.
 *
 * With one version in force all period, both give exactly the unversioned table's amount.
 * A table with a base rate that reports its excess splits each version's part at that version's
 * base rate, as `commission.ts` does for one table.
 */

import { Decimal } from './decimal.js';
import type { NodeOf, RunContext } from './context.js';
import { resolveBands } from './commission.js';
import { groupedText, percentText } from './money.js';
import type { Period } from './periods.js';
import { type BandPart, marginal, retroactive } from './tiers.js';
import { versionAt, versionName } from './versions.js';

type CommissionNode = NodeOf<'commission'>;

/** One version's share of a period's table for one rep. */
export interface VersionPart {
  /** `from 2026-07-01 until 2026-12-31`. */
  version: string;
  baseRate: Decimal | null;
  /** Deals (indexes into the deals table) credited under it in the period, in credit-date order, and each one's credited amount. */
  deals: number[];
  amounts: Decimal[];
  /** Their credited amount, and the period's running total before and after them. */
  credited: Decimal;
  before: Decimal;
  after: Decimal;
  /** The bands' share of this version's slice (marginal) or of its deals (retroactive). */
  parts: BandPart[];
  total: Decimal;
  missingQuotas: string[];
}

/**
 * Each version's part of one rep's table in one period (versions without a deal in it are left
 * out; with no credited deal at all, the version in force on the period's first day, paying 0).
 * @param credited the credited deals the table runs on in the period (the rep's, or a team's), with each one's credited amount.
 * @param quotas the rep's quotas for the period, by name.
 */
export function versionParts(node: CommissionNode, run: RunContext, credited: readonly { deal: number; amount: Decimal }[], period: Period, quotas: Map<string, Decimal>): VersionPart[] {
  const versions = node.versions!;
  const dateIndex = run.deals.date;
  const deals = credited
    .map((d) => ({ i: d.deal, amount: d.amount, date: run.deals.value(d.deal, dateIndex) as number }))
    .sort((a, b) => a.date - b.date || a.i - b.i);
  const byVersion = versions.map(() => [] as { i: number; amount: Decimal }[]);
  for (const d of deals) {
    const v = versionAt(versions, d.date);
    // The checker makes the versions cover the plan period, and credited deals are dated in it.
    if (v < 0) throw new Error(`internal error: no version of commission "${node.name}" is in force on the credit date of deal ${run.deals.id(d.i)}`);
    byVersion[v].push(d);
  }
  const periodTotal = deals.reduce((s, d) => s.plus(d.amount), new Decimal(0));
  let running = new Decimal(0);
  const out: VersionPart[] = [];
  versions.forEach((v, k) => {
    const list = byVersion[k];
    const shown = list.length > 0 || (deals.length === 0 && k === Math.max(0, versionAt(versions, period.start)));
    if (!shown) return;
    const credited = list.reduce((s, d) => s.plus(d.amount), new Decimal(0));
    const before = running;
    const after = running.plus(credited);
    running = after;
    const { bands, missingQuotas } = resolveBands({ ...node, baseRate: v.baseRate, bands: v.bands }, quotas);
    let parts: BandPart[];
    if (node.method === 'marginal') {
      const lo = marginal(before, bands).parts;
      parts = marginal(after, bands).parts.map((p, j) => {
        const basis = p.basis.minus(lo[j].basis);
        return { ...p, basis, pay: basis.mul(p.rate) };
      });
    } else {
      parts = retroactive(periodTotal, bands).parts.map((p) => ({ ...p, basis: credited, pay: credited.mul(p.rate) }));
    }
    const total = parts.reduce((s, p) => s.plus(p.pay), new Decimal(0));
    out.push({ version: versionName(v), baseRate: v.baseRate === null ? null : new Decimal(v.baseRate), deals: list.map((d) => d.i), amounts: list.map((d) => d.amount), credited, before, after, parts, total, missingQuotas });
  });
  return out;
}

function describe(parts: BandPart[], digits: number, rateOf: (p: BandPart) => Decimal, shownRate: (p: BandPart) => string): string {
  const shown = parts.filter((p) => !p.basis.isZero() && !rateOf(p).isZero());
  return shown.length === 0 ? 'nothing' : shown.map((p) => `${shownRate(p)} × ${groupedText(p.basis, digits)}`).join(' + ');
}

/**
 * The unrounded line(s) of a versioned table for one rep and period, each explanation naming the
 * version(s) used: one line, or a base line and an excess line when the table reports its excess.
 */
export function versionedAmounts(node: CommissionNode, parts: VersionPart[], digits: number): { component: string; kind: 'commission' | 'accelerator'; amount: Decimal; explain: string }[] {
  const how = node.method;
  const head = (v: VersionPart) => `version ${v.version} (${v.deals.length} deal${v.deals.length === 1 ? '' : 's'}, ${groupedText(v.credited, digits)} credited${how === 'marginal' && v.deals.length > 0 ? `, ${groupedText(v.before, digits)} to ${groupedText(v.after, digits)} of the ${node.basis ? `${node.basis}-to-date` : `${node.period}'s`} credit` : ''})`;
  const note = (v: VersionPart) => (v.missingQuotas.length === 0 ? '' : ` (no ${v.missingQuotas.join(' or ')} quota: the bands based on it pay nothing)`);
  if (node.excessName === null || parts.some((v) => v.baseRate === null)) {
    const amount = parts.reduce((s, v) => s.plus(v.total), new Decimal(0));
    const explain = parts.map((v) => `${head(v)}: ${how}: ${describe(v.parts, digits, (p) => p.rate, (p) => percentText(p.rate))}${note(v)}`).join('; ');
    return [{ component: node.name, kind: 'commission', amount, explain }];
  }
  let base = new Decimal(0);
  let total = new Decimal(0);
  const baseText: string[] = [];
  const excessText: string[] = [];
  for (const v of parts) {
    const rate = v.baseRate!;
    for (const p of v.parts) base = base.plus(p.basis.mul(Decimal.min(p.rate, rate)));
    total = total.plus(v.total);
    baseText.push(`${head(v)}: base rate ${percentText(rate)}: ${describe(v.parts, digits, (p) => Decimal.min(p.rate, rate), (p) => percentText(Decimal.min(p.rate, rate)))}${note(v)}`);
    excessText.push(`${head(v)}: ${how}, above the base rate: ${describe(v.parts, digits, (p) => (p.rate.gt(rate) ? p.rate.minus(rate) : new Decimal(0)), (p) => `(${percentText(p.rate)} − ${percentText(rate)})`)}`);
  }
  return [
    { component: node.name, kind: 'commission', amount: base, explain: baseText.join('; ') },
    { component: node.excessName, kind: 'accelerator', amount: total.minus(base), explain: excessText.join('; ') },
  ];
}
