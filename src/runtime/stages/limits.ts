/**
 * Minimums and caps of a staged commission (the money lifecycle, domain.md §4): applied to each
 * deal's part of a commission line, for one rep and component, before the part is split between
 * the stages.
 * - `minimum N per deal`: a deal's part above zero and below N is **topped up** to N; the top-up
 *   is a line of its own, released on the deal's credit date (kept when the deal is reversed:
 *   a clawback takes back what the deal earned, not the top-up);
 * - `cap N per deal`: what a deal's part has above N is **capped** (never paid);
 * - `cap N per month|quarter|year`: the parts are taken in the order they were earned (credit date,
 *   then deal id); once the rep's parts of the component earned in the period (top-ups included)
 *   reach N, the rest is capped — the deal crossing it first, then its top-up.
 * Each capped amount is a line of its own, with the reason ("capped at 2,000.00 per deal").
 */
import { Decimal } from '../decimal.js';

/** One deal's part of a commission line (deal null: a line no credited deal is behind). */
export interface LimitPart {
  deal: string | null;
  /** Date value of the day it is earned. */
  earnedOn: number;
  amount: Decimal;
}

/** What the limits make of a part: the amount split between the stages, the top-up and the capped amount with why. */
export interface LimitedPart {
  amount: Decimal;
  topUp: Decimal;
  capped: Decimal;
  /** The part of `capped` that was the minimum's top-up (a cap per period reached by a top-up); zero otherwise. */
  cappedTopUp: Decimal;
  /** Why it is capped, or null. */
  why: string | null;
}

export interface Limits {
  minimumPerDeal: string | null;
  capPerDeal: string | null;
  capPerPeriod: { amount: string; period: 'month' | 'quarter' | 'year' } | null;
  topUpClawedBack: boolean;
}

/**
 * Applies `limits` to `parts` (one rep and component); returns one result per part, in the same order.
 * @param periodOf the key of the month, quarter or year (of the plan's calendar) a day falls in.
 */
export function applyLimits(parts: LimitPart[], limits: Limits, periodOf: (day: number, period: 'month' | 'quarter' | 'year') => string, money: (d: Decimal) => string): LimitedPart[] {
  const zero = new Decimal(0);
  const out: LimitedPart[] = parts.map((p) => ({ amount: p.amount, topUp: zero, capped: zero, cappedTopUp: zero, why: null }));
  const order = parts.map((_, k) => k).sort((a, b) => parts[a].earnedOn - parts[b].earnedOn || ((parts[a].deal ?? '\uffff') < (parts[b].deal ?? '\uffff') ? -1 : (parts[a].deal ?? '\uffff') > (parts[b].deal ?? '\uffff') ? 1 : 0) || a - b);
  const minimum = limits.minimumPerDeal === null ? null : new Decimal(limits.minimumPerDeal);
  const capDeal = limits.capPerDeal === null ? null : new Decimal(limits.capPerDeal);
  const capPeriod = limits.capPerPeriod === null ? null : new Decimal(limits.capPerPeriod.amount);
  const running = new Map<string, Decimal>();
  for (const k of order) {
    const p = parts[k];
    const r = out[k];
    if (p.deal !== null && minimum !== null && p.amount.gt(0) && p.amount.lt(minimum)) r.topUp = minimum.minus(p.amount);
    if (p.deal !== null && capDeal !== null && p.amount.gt(capDeal)) {
      r.capped = p.amount.minus(capDeal);
      r.amount = capDeal;
      r.why = `capped at ${money(capDeal)} per deal: deal ${p.deal}'s part was ${money(p.amount)}`;
    }
    if (capPeriod === null) continue;
    const key = periodOf(p.earnedOn, limits.capPerPeriod!.period);
    const before = running.get(key) ?? zero;
    const wanted = r.amount.plus(r.topUp);
    const over = Decimal.min(before.plus(wanted).minus(capPeriod), wanted);
    running.set(key, before.plus(wanted).minus(Decimal.max(over, 0)));
    if (!over.gt(0)) continue;
    const fromAmount = Decimal.min(over, Decimal.max(r.amount, 0));
    r.amount = r.amount.minus(fromAmount);
    r.topUp = r.topUp.minus(over.minus(fromAmount));
    r.cappedTopUp = r.cappedTopUp.plus(over.minus(fromAmount));
    r.capped = r.capped.plus(over);
    const reached = `capped at ${money(capPeriod)} per ${limits.capPerPeriod!.period} (${key}): ${money(Decimal.max(before, 0))} earned before ${p.deal === null ? 'this line' : `deal ${p.deal}`}`;
    r.why = r.why === null ? reached : `${r.why}; ${reached}`;
  }
  return out;
}
