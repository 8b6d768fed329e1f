/**
 * Minimums and caps of a staged commission (the money lifecycle, domain.md §4): applied to each
 * deal's part of a commission line, for one rep and component, before the part is split between
 * the stages.
 * - `minimum N per deal`: a deal's part above zero and below N is **topped up** to N; the top-up
 *   is a line of its own, released on the deal's credit date (kept when the deal is reversed:
 *   a clawback takes back what the deal earned, not the top-up);
 * - `cap N per deal`: what a deal's part has above N is **capped** (never paid); a credit note's
 *   part below −N is capped at −N the same way (the cap cannot tell which deal a credit note
 *   reduces, so no row moves the pay by more than N, either way; simulate warns about each one);
 * - `cap N per month|quarter|year`: the parts are taken in the order they were earned (credit date,
 *   then deal id) with a running total of what they earned in the period (top-ups included); what
 *   is paid is the running total up to N, so once it reaches N the rest is capped — the deal crossing
 *   it first, then its top-up — and a credit note that follows comes off what was capped (a negative
 *   capped amount) before it comes off what is paid. The period pays min(total, N) whatever the
 *   order of its parts.
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
  /**
   * What the cap per period took (from the part, then from its top-up; negative for a credit note
   * taken off what was capped before it), and the period's key; zero and null without one. A
   * reversal that brings the period back under its cap pays it (stages/cap-release.ts).
   */
  periodCapped: { amount: Decimal; topUp: Decimal; key: string | null };
  /** The part and top-up the cap per period looked at: after the cap per deal, before the cap per period. */
  wanted: { amount: Decimal; topUp: Decimal };
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
  const out: LimitedPart[] = parts.map((p) => ({ amount: p.amount, topUp: zero, capped: zero, cappedTopUp: zero, why: null, periodCapped: { amount: zero, topUp: zero, key: null }, wanted: { amount: p.amount, topUp: zero } }));
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
    } else if (p.deal !== null && capDeal !== null && p.amount.lt(capDeal.neg())) {
      r.capped = p.amount.plus(capDeal);
      r.amount = capDeal.neg();
      r.why = `capped at ${money(capDeal.neg())} per deal: credit note ${p.deal}'s part was ${money(p.amount)}, and a credit note takes off no more than a deal may pay`;
    }
    r.wanted = { amount: r.amount, topUp: r.topUp };
    if (capPeriod === null) continue;
    const key = periodOf(p.earnedOn, limits.capPerPeriod!.period);
    r.periodCapped = { amount: zero, topUp: zero, key };
    // The period's running total as earned (uncapped); what is paid is that total up to the cap.
    const before = running.get(key) ?? zero;
    const wanted = r.amount.plus(r.topUp);
    const after = before.plus(wanted);
    running.set(key, after);
    const paid = Decimal.min(after, capPeriod).minus(Decimal.min(before, capPeriod));
    // Above zero: capped (from the part first, then its top-up); below zero: a credit note taken off what was capped before it.
    const over = wanted.minus(paid);
    if (over.isZero()) continue;
    const fromAmount = over.gt(0) ? Decimal.min(over, Decimal.max(r.amount, 0)) : over;
    r.amount = r.amount.minus(fromAmount);
    r.topUp = r.topUp.minus(over.minus(fromAmount));
    r.cappedTopUp = r.cappedTopUp.plus(over.minus(fromAmount));
    r.capped = r.capped.plus(over);
    r.periodCapped = { amount: fromAmount, topUp: over.minus(fromAmount), key };
    const reached = over.gt(0)
      ? `capped at ${money(capPeriod)} per ${limits.capPerPeriod!.period} (${key}): ${money(Decimal.max(Decimal.min(before, capPeriod), 0))} earned before ${p.deal === null ? 'this line' : `deal ${p.deal}`}`
      : `cap of ${money(capPeriod)} per ${limits.capPerPeriod!.period} (${key}) already reached: ${money(over.neg())} of ${p.deal === null ? 'this line' : `credit note ${p.deal}`} comes off the ${money(before.minus(capPeriod))} capped before it, not off what is paid`;
    r.why = r.why === null ? reached : `${r.why}; ${reached}`;
  }
  return out;
}
