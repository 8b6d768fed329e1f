/**
 * Tier tables: the commission a credited amount earns under a band schedule.
 *
 * - marginal: each band pays its rate on the part of the amount inside it;
 * - retroactive: the highest band reached pays its rate on the whole amount.
 * A band's lower bound is inclusive (design.md, "Tier tables"): exactly 100%
 * of quota is in the band that starts at 100%.
 * When the first band starts at 0 or below, a negative total (credit notes
 * exceeding bookings) is charged back at the first band's rate: a clawback,
 * never a payment. When it starts above 0, amounts below it earn nothing.
 */
import { Decimal } from './decimal.js';

export interface ResolvedBand {
  /** Inclusive lower bound, in the playbook currency. */
  from: Decimal;
  /** Rate as a ratio (0.02 for 2%). */
  rate: Decimal;
}

export interface BandPart {
  from: Decimal;
  /** Exclusive upper bound, or null for the open top band. */
  to: Decimal | null;
  rate: Decimal;
  /** The part of the amount this band pays on. */
  basis: Decimal;
  pay: Decimal;
}

export interface TierResult {
  total: Decimal;
  parts: BandPart[];
}

/** Bands sorted by lower bound (stable); callers pass bands resolved for one rep and period. */
function sorted(bands: ResolvedBand[]): ResolvedBand[] {
  return bands.map((b, i) => ({ b, i })).sort((x, y) => x.b.from.cmp(y.b.from) || x.i - y.i).map((x) => x.b);
}

/** Marginal commission on `amount`: Σ rate_i × (part of amount in band i). */
export function marginal(amount: Decimal, bands: ResolvedBand[]): TierResult {
  const list = sorted(bands);
  const parts: BandPart[] = [];
  let total = new Decimal(0);
  for (let i = 0; i < list.length; i++) {
    const { from, rate } = list[i];
    const to = i + 1 < list.length ? list[i + 1].from : null;
    let basis: Decimal;
    if (i === 0 && amount.lt(from)) basis = from.lte(0) ? amount.minus(from) : new Decimal(0);
    else if (amount.lte(from)) basis = new Decimal(0);
    else basis = (to !== null && amount.gt(to) ? to : amount).minus(from);
    const pay = basis.mul(rate);
    total = total.plus(pay);
    parts.push({ from, to, rate, basis, pay });
  }
  return { total, parts };
}

/** Retroactive commission on `amount`: the reached band's rate × the whole amount. */
export function retroactive(amount: Decimal, bands: ResolvedBand[]): TierResult {
  const list = sorted(bands);
  let reached = -1;
  for (let i = 0; i < list.length; i++) if (amount.gte(list[i].from)) reached = i;
  if (reached < 0 && list.length > 0 && list[0].from.lte(0)) reached = 0; // clawback at the first rate
  if (reached < 0) return { total: new Decimal(0), parts: [] };
  const band = list[reached];
  const pay = amount.mul(band.rate);
  return { total: pay, parts: [{ from: band.from, to: reached + 1 < list.length ? list[reached + 1].from : null, rate: band.rate, basis: amount, pay }] };
}
