/**
 * What a cap kept back, paid when a reversal leaves its deal or its period under the cap again
 * (docs/language.md §12c; the money lifecycle, domain.md §4). A cap per deal pays min(the deal's
 * part, cap); a cap per period pays min(earned in the period, cap). A reversal takes back its share
 * of what its deal was paid after the caps (stages/clawback.ts), so on its own it would leave less
 * paid than the plan owes:
 * - cap 1,200 per year, A1 700 and A2 800 earned (500 paid, 300 capped), A1 reversed → 500 paid
 *   where min(800, 1,200) = 800 is owed;
 * - cap 800 per deal, A1 900 (800 paid, 100 capped), half reversed → the clawback takes 400, 400
 *   left where min(450, 800) = 450 is owed.
 * Here, on each day reversals take effect, for each rep and component:
 * - each reversed deal's part is lowered by the reversed share (what is left of it: its part
 *   before the caps × the share not reversed), and what the cap per deal lets through is worked
 *   out again on it: min(what is left, cap per deal), with its top-up (lowered by the share too
 *   when top-ups are clawed back with their deal);
 * - what is paid is lowered by what the reversals cancelled and clawed back;
 * - each period (the cap per period's month, quarter or year; all of the rep's parts without one)
 *   is owed the sum of its parts as the cap per deal lets them through, up to the cap per period;
 *   when it is paid less, the difference is **released** to the parts paid less than the cap per
 *   deal lets through, the part the cap took from first (credit date, then deal id): a negative
 *   capped line (`cap released`) says so, and the amount goes through that deal's stages from the
 *   reversal's day on (a cash stage still waits for the deal's cash: of what is left of the deal,
 *   when part of it was reversed).
 * A later reversal of a deal with released pieces takes back its share of them too (cancelled
 * before they are paid, else clawed back), and its period is looked at again.
 */
import { Decimal } from '../decimal.js';
import type { ComponentKind } from '../result.js';
import type { Release } from '../nodes/stages.js';
import { type Reversal, cancelUnpaid } from './clawback.js';
import type { LimitedPart } from './limits.js';
import { ReleaseRecord, withChanges } from './release-record.js';

/** One deal's part of a staged line (or a line no deal is behind) under a cap, as the limits left it. */
export interface CappedPart {
  rep: string;
  repIndex: number;
  component: string;
  kind: ComponentKind;
  /** The commission line's period (`2026-Q1`). */
  period: string;
  deal: string | null;
  /** Date value of the day the part was earned. */
  earnedOn: number;
  /** The part before the caps (currency). */
  amount: Decimal;
  limited: LimitedPart;
}

/**
 * How a released amount is paid: the part's stages from day `on` on (each stage triggered as the
 * part's own, never before `on`; a cash or invoice stage measured against `dealLeft`, the share of
 * the deal not reversed), or a minimum's top-up released on `on`. `why` starts the words of each
 * release made.
 */
export interface CapReleaser {
  stages(part: CappedPart, amount: Decimal, on: number, why: string, dealLeft: Decimal): Release[];
  topUp(part: CappedPart, amount: Decimal, on: number, why: string): Release;
}

/** The caps of the section: per deal and per period (currency), either may be absent. */
export interface Caps {
  perDeal: string | null;
  perPeriod: { amount: string; period: string } | null;
}

/** A part's state while the reversals are gone through. */
interface PartState {
  part: CappedPart;
  /** What is left of the part before the caps, and of its top-up (currency). */
  left: Decimal;
  topUpLeft: Decimal;
  /** What the part is paid now (after the caps, reversals and releases): its pay and its top-up. */
  paid: Decimal;
  paidTopUp: Decimal;
  /** What the caps still keep back of the part and of its top-up: only that is ever released. */
  keptAmount: Decimal;
  keptTopUp: Decimal;
  /** The share of the deal not reversed (1 without a reversal). */
  dealLeft: Decimal;
  /** Released pieces of the part (ordinary, top-ups, and what later reversals made of them). */
  released: Release[];
}

/** A period of one rep and component (all of its parts without a cap per period). */
interface PeriodState {
  key: string | null;
  parts: PartState[];
  /** The reversals of the day, in words, that moved it. */
  whys: string[];
}

/**
 * The releases that pay back what caps kept, after reversals (see the file's comment): released
 * pieces, negative capped lines, and what later reversals take back of released pieces.
 * `releases` holds the section's parts after `applyReversals` (its cancelled and clawback lines are
 * read, dated on their reversal's day); nothing in it is changed.
 * @param parts every part of the section's components, in any order.
 * @param reversals each reversed deal's reversals, in date order (stages/clawback.ts).
 * @param topUps true when a minimum's top-up is clawed back with its deal.
 * @param round the playbook's rounding of a payout line; @param money formats an amount.
 */
export function releaseUnderCaps(parts: readonly CappedPart[], reversals: ReadonlyMap<string, Reversal[]>, releases: readonly Release[], caps: Caps, topUps: boolean, releaser: CapReleaser, round: (d: Decimal) => Decimal, money: (d: Decimal) => string): Release[] {
  const groups = new Map<string, CappedPart[]>();
  for (const p of parts) {
    const k = `${p.rep}\u0000${p.component}`;
    const list = groups.get(k);
    if (list) list.push(p);
    else groups.set(k, [p]);
  }
  const out: Release[] = [];
  for (const [k, list] of groups) {
    if (!list.some((p) => p.limited.capped.gt(0)) || !list.some((p) => p.deal !== null && reversals.has(p.deal))) continue;
    // What the reversals cancelled and clawed back, by deal, line, day, and pay or top-up.
    const taken = new Map<string, Decimal>();
    const [rep, component] = k.split('\u0000');
    for (const x of releases) {
      if (x.rep !== rep || x.component !== component || x.deal === null) continue;
      const day = x.line === 'clawback' ? x.earnedOn : x.line === 'cancelled' ? x.cancelledOn! : null;
      if (day === null) continue;
      const key = `${x.deal}\u0000${x.period}\u0000${day}\u0000${x.stage === 'minimum top-up'}`;
      taken.set(key, (taken.get(key) ?? new Decimal(0)).plus(x.line === 'clawback' ? x.amount.neg() : x.amount));
    }
    out.push(...releaseGroup(list, reversals, taken, caps, topUps, releaser, round, money));
  }
  return out;
}

/** What the cap per deal lets through of what is left of a part (a credit note's part: down to −cap), with its top-up. */
function allowed(s: PartState, capDeal: Decimal | null): Decimal {
  const part = capDeal === null ? s.left : Decimal.max(Decimal.min(s.left, capDeal), capDeal.neg());
  return part.plus(s.topUpLeft);
}

function releaseGroup(list: readonly CappedPart[], reversals: ReadonlyMap<string, Reversal[]>, taken: Map<string, Decimal>, caps: Caps, topUps: boolean, releaser: CapReleaser, round: (d: Decimal) => Decimal, money: (d: Decimal) => string): Release[] {
  const zero = new Decimal(0);
  const one = new Decimal(1);
  const capDeal = caps.perDeal === null ? null : new Decimal(caps.perDeal);
  const periods = new Map<string | null, PeriodState>();
  const byDeal = new Map<string, PartState[]>();
  // The order the caps took the parts in (stages/limits.ts): credit date, then deal id (a line no deal is behind last).
  const ordered = [...list].sort((a, b) => a.earnedOn - b.earnedOn || ((a.deal ?? '\uffff') < (b.deal ?? '\uffff') ? -1 : (a.deal ?? '\uffff') > (b.deal ?? '\uffff') ? 1 : 0));
  for (const p of ordered) {
    const key = p.limited.periodCapped.key;
    const period = periods.get(key) ?? { key, parts: [], whys: [] };
    periods.set(key, period);
    const cappedTopUp = p.limited.cappedTopUp;
    const state: PartState = { part: p, left: p.amount, topUpLeft: p.limited.wanted.topUp, paid: p.limited.amount, paidTopUp: p.limited.topUp, keptAmount: p.limited.capped.minus(cappedTopUp), keptTopUp: cappedTopUp, dealLeft: one, released: [] };
    period.parts.push(state);
    if (p.deal !== null) byDeal.set(p.deal, [...(byDeal.get(p.deal) ?? []), state]);
  }
  // Every reversal of the group's deals with its share of what is left of the deal, by day.
  const events: { on: number; deal: string; r: Reversal; relative: Decimal }[] = [];
  for (const deal of [...byDeal.keys()].sort()) {
    let cum = zero;
    for (const r of reversals.get(deal) ?? []) {
      events.push({ on: r.on, deal, r, relative: r.full ? one : r.share.div(one.minus(cum)) });
      cum = cum.plus(r.share);
    }
  }
  events.sort((a, b) => a.on - b.on);
  const out: Release[] = [];
  for (let e = 0; e < events.length; ) {
    const day = events[e].on;
    const touched = new Set<PeriodState>();
    for (; e < events.length && events[e].on === day; e++) {
      const { deal, r, relative } = events[e];
      const keep = one.minus(relative);
      for (const s of byDeal.get(deal)!) {
        const period = periods.get(s.part.limited.periodCapped.key)!;
        // The reversed share of the part goes, with what the caps kept back of it.
        s.left = r.full ? zero : s.left.mul(keep);
        s.keptAmount = r.full ? zero : s.keptAmount.mul(keep);
        if (topUps) {
          s.topUpLeft = r.full ? zero : s.topUpLeft.mul(keep);
          s.keptTopUp = r.full ? zero : s.keptTopUp.mul(keep);
        }
        s.dealLeft = r.full ? zero : s.dealLeft.mul(keep);
        const back = takeBack(s, relative, r, topUps, round, money);
        out.push(...back.lines);
        s.paid = s.paid.minus(back.amount);
        s.paidTopUp = s.paidTopUp.minus(back.topUp);
        for (const topUp of [false, true]) {
          const key = `${deal}\u0000${s.part.period}\u0000${day}\u0000${topUp}`;
          const t = taken.get(key);
          if (t === undefined) continue;
          if (topUp) s.paidTopUp = s.paidTopUp.minus(t);
          else s.paid = s.paid.minus(t);
          taken.delete(key);
        }
        if (!period.whys.includes(r.why)) period.whys.push(r.why);
        touched.add(period);
      }
    }
    for (const period of touched) {
      out.push(...release(period, day, capDeal, caps.perPeriod, releaser, round, money));
      period.whys = [];
    }
  }
  return out;
}

/**
 * Pays what the period is owed beyond what it is paid out of what the caps kept back: owed is the
 * sum of what the cap per deal lets through of its parts, up to the cap per period; each part is
 * paid at most what the cap per deal lets through of it, in the caps' order.
 */
function release(period: PeriodState, day: number, capDeal: Decimal | null, capPeriod: { amount: string; period: string } | null, releaser: CapReleaser, round: (d: Decimal) => Decimal, money: (d: Decimal) => string): Release[] {
  const zero = new Decimal(0);
  const through = period.parts.reduce((t, s) => t.plus(allowed(s, capDeal)), zero);
  const paid = period.parts.reduce((t, s) => t.plus(s.paid).plus(s.paidTopUp), zero);
  const owed = round(capPeriod === null ? through : Decimal.min(through, new Decimal(capPeriod.amount)));
  let short = owed.minus(paid);
  if (short.isZero()) return [];
  // Paid more than owed: a credit note whose amount came off what the cap kept back (a negative
  // capped amount) now comes off the pay, since the capped amount it came off went with a reversal.
  const up = short.gt(0);
  const out: Release[] = [];
  const whys = period.whys.join('; ');
  const head = capPeriod === null
    ? null
    : `${whys}: ${period.key} has ${money(through)} earned${capDeal === null ? "" : " after the cap per deal"}, and the cap of ${money(new Decimal(capPeriod.amount))} per ${capPeriod.period} pays ${money(owed)} of it, ${money(paid)} paid after the reversal`;
  for (const s of period.parts) {
    // Room on the part: what the cap per deal lets through of it, less what it is paid (pay first, then top-up).
    const part = allowed(s, capDeal).minus(s.topUpLeft);
    for (const topUp of up ? [false, true] : [false]) {
      if (up ? !short.gt(0) : !short.lt(0)) break;
      // Never more than the caps keep back of it (a part they did not cap is paid as it was).
      const room = topUp ? Decimal.min(s.topUpLeft.minus(s.paidTopUp), s.keptTopUp) : up ? Decimal.min(part.minus(s.paid), s.keptAmount) : Decimal.max(part.minus(s.paid), s.keptAmount);
      const x = up ? Decimal.min(short, round(room)) : Decimal.max(short, round(room));
      if (up ? !x.gt(0) : !x.lt(0)) continue;
      short = short.minus(x);
      const p = s.part;
      const what = up
        ? `${money(x)} the cap kept back of ${p.deal === null ? 'the line no deal is behind' : `deal ${p.deal}'s ${topUp ? 'minimum top-up' : 'part'}`} is paid after all`
        : `${money(x.neg())} of credit note ${p.deal}, which came off what the cap kept back, now comes off the pay`;
      const why = !up && head !== null
        ? `taken off the pay: ${head}, so ${what}`
        : head !== null
        ? `released from the cap: ${head}, so ${what}`
        : `released from the cap: ${whys}: what is left of deal ${p.deal}'s part, ${money(s.left)}, is paid up to the cap of ${money(capDeal!)} per deal, and ${money(s.paid)} is paid after the reversal, so ${what}`;
      if (topUp) {
        s.paidTopUp = s.paidTopUp.plus(x);
        s.keptTopUp = s.keptTopUp.minus(x);
      } else {
        s.paid = s.paid.plus(x);
        s.keptAmount = s.keptAmount.minus(x);
      }
      out.push(new ReleaseRecord({ rep: p.rep, repIndex: p.repIndex, component: p.component, kind: p.kind, period: p.period, deal: p.deal, stage: 'cap released', trigger: 'booking', amount: x.neg(), earnedOn: day, triggeredOn: null, payableOn: null, held: why, line: 'capped', cancelledOn: day, ...(topUp ? { cappedTopUp: x.neg() } : {}) }, why));
      const pieces = topUp ? [releaser.topUp(p, x, day, why)] : releaser.stages(p, x, day, why, s.dealLeft);
      s.released.push(...pieces);
      out.push(...pieces);
    }
  }
  return out;
}

/** Whether a release is paid by `day`. */
const isPaidBy = (x: Release, day: number) => x.held === null && x.payableOn !== null && x.payableOn <= day;

/**
 * A reversal's share of a part's released pieces, stage by stage (stages/clawback.ts's rule): what
 * is not paid by its day is cancelled (the latest first), the rest clawed back in one line per stage.
 * @returns the lines made (cancelled pieces split off, clawbacks) and the amounts taken back of the pay and of the top-up.
 */
function takeBack(s: PartState, relative: Decimal, r: Reversal, topUps: boolean, round: (d: Decimal) => Decimal, money: (d: Decimal) => string): { lines: Release[]; amount: Decimal; topUp: Decimal } {
  const lines: Release[] = [];
  let amount = new Decimal(0);
  let topUp = new Decimal(0);
  const stages = new Map<string, Release[]>();
  for (const x of s.released) {
    if (x.line === undefined || x.line === 'clawback' || (topUps && x.line === 'top-up')) stages.set(x.stage, [...(stages.get(x.stage) ?? []), x]);
  }
  for (const group of stages.values()) {
    const earned = group.filter((x) => x.line !== 'clawback');
    // Still earned: the pieces less what earlier reversals clawed back of them.
    const still = group.reduce((t, x) => t.plus(x.amount), new Decimal(0));
    if (!still.gt(0)) continue;
    const reversed = r.full ? still : Decimal.min(round(still.mul(relative)), still);
    if (group[0].stage === 'minimum top-up') topUp = topUp.plus(reversed);
    else amount = amount.plus(reversed);
    const left = cancelUnpaid(earned.filter((x) => !isPaidBy(x, r.on)), reversed, r, (piece) => {
      s.released.push(piece);
      lines.push(piece);
    });
    if (!left.gt(0)) continue;
    const template = earned[0];
    const line = withChanges(template, { amount: left.neg(), line: 'clawback', earnedOn: r.on, triggeredOn: r.on, payableOn: r.on, held: null, cancelledOn: undefined, explain: `clawback of what was released from the cap on deal ${template.deal}'s ${template.stage} part: ${r.why}; ${money(reversed)} of the ${money(still)} released and still earned is reversed, ${money(left)} of it taken back from what was paid` });
    s.released.push(line);
    lines.push(line);
  }
  return { lines, amount, topUp };
}
