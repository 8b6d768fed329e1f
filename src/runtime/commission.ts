/**
 * Commission lines for one rep and period from a commission node: the tier
 * table resolved against the rep's quotas, computed marginal or retroactive,
 * and reported as one line, or as a base line plus an accelerator line when
 * the table reports its excess over base separately.
 */
import type { GraphNode } from '../graph/nodes.js';
import { Decimal } from './decimal.js';
import { groupedText, percentText } from './money.js';
import { type BandPart, type ResolvedBand, type TierResult, marginal, retroactive } from './tiers.js';

type CommissionNode = Extract<GraphNode, { kind: 'commission' }>;

export interface CommissionAmounts {
  /** Unrounded amounts, each with its explanation. */
  lines: { component: string; kind: 'commission' | 'accelerator'; amount: Decimal; explain: string }[];
  /** The tier table's result: the amount in each band and what each band paid (for traces). */
  tier: TierResult;
}

/**
 * Bands with amounts and rates resolved for one rep and period. A band that
 * starts at a percent of a quota the rep does not have is left out (it pays
 * nothing); its name is returned in `missingQuotas` so the line can say so.
 */
export function resolveBands(node: CommissionNode, quotas: Map<string, Decimal>): { bands: ResolvedBand[]; missingQuotas: string[] } {
  const missingQuotas: string[] = [];
  const base = node.baseRate === null ? null : new Decimal(node.baseRate);
  const out: ResolvedBand[] = [];
  for (const band of node.bands) {
    let from: Decimal;
    if (band.from.kind === 'amount') from = new Decimal(band.from.amount);
    else {
      const quota = quotas.get(band.from.quota);
      if (!quota) {
        if (!missingQuotas.includes(band.from.quota)) missingQuotas.push(band.from.quota);
        continue;
      }
      from = quota.mul(band.from.ratio);
    }
    const rate = band.rate.kind === 'ratio' ? new Decimal(band.rate.ratio) : new Decimal(band.rate.factor).mul(base ?? 0);
    out.push({ from, rate });
  }
  return { bands: out, missingQuotas };
}

/**
 * Every band's rate in every version of `node`, as a ratio (0.02 = 2%); a rate written as a
 * multiple of the base rate is resolved against its version's base rate (none: 0).
 */
export function bandRates(node: CommissionNode): Decimal[] {
  return (node.versions ?? [node]).flatMap((v) => v.bands.map((b) => (b.rate.kind === 'ratio' ? new Decimal(b.rate.ratio) : new Decimal(b.rate.factor).mul(v.baseRate ?? 0))));
}

/**
 * `2% × 100,000.00 + 6% × 50,000.00`: each band's rate and the part of the credited amount in it.
 * With `minusRate`, only bands paying more than that rate, as `(6% − 2%) × 50,000.00` (the excess line).
 */
function describeParts(parts: BandPart[], digits: number, minusRate: Decimal | null, none: string): string {
  const shown = parts.filter((p) => !p.basis.isZero() && (minusRate === null || p.rate.gt(minusRate)));
  if (shown.length === 0) return none;
  return shown
    .map((p) => {
      const rate = minusRate === null ? percentText(p.rate) : `(${percentText(p.rate)} − ${percentText(minusRate)})`;
      return `${rate} × ${groupedText(p.basis, digits)}`;
    })
    .join(' + ');
}

/** Computes the unrounded commission line(s) on `credited` for one rep and period. */
export function commissionAmounts(node: CommissionNode, credited: Decimal, bands: ResolvedBand[], digits: number): CommissionAmounts {
  const result = node.method === 'marginal' ? marginal(credited, bands) : retroactive(credited, bands);
  const how = node.method === 'marginal' ? 'marginal' : 'retroactive';
  if (node.excessName === null || node.baseRate === null) {
    const explain = result.parts.length === 0 || result.total.isZero() ? `${how}: nothing earned on ${groupedText(credited, digits)}` : `${how}: ${describeParts(result.parts, digits, null, 'nothing earned')}`;
    return { lines: [{ component: node.name, kind: 'commission', amount: result.total, explain }], tier: result };
  }
  // The base line pays each band's part at the base rate, or at the band's own rate where that is
  // lower; the excess line pays each band's part at what its rate is above the base rate (never
  // negative). Credit below a first band that starts above 0 is in no band: neither line pays on it.
  // Both lines add up exactly to the table (docs/language.md, "report excess over base as").
  const baseRate = new Decimal(node.baseRate);
  let base = new Decimal(0);
  let baseBasis = new Decimal(0);
  for (const part of result.parts) {
    base = base.plus(part.basis.mul(Decimal.min(part.rate, baseRate)));
    if (part.rate.gte(baseRate)) baseBasis = baseBasis.plus(part.basis);
  }
  const fullBase = baseBasis.eq(credited);
  return {
    lines: [
      {
        component: node.name,
        kind: 'commission',
        amount: base,
        explain: fullBase ? `base rate ${percentText(baseRate)} × ${groupedText(credited, digits)} credited` : `base rate ${percentText(baseRate)} on the credited amount inside the bands: ${describeParts(result.parts.map((p) => ({ ...p, rate: Decimal.min(p.rate, baseRate) })), digits, null, `nothing: ${groupedText(credited, digits)} credited is below the first band`)}`,
      },
      { component: node.excessName, kind: 'accelerator', amount: result.total.minus(base), explain: `${how}, above the base rate: ${describeParts(result.parts, digits, baseRate, 'nothing above the base rate')}` },
    ],
    tier: result,
  };
}
