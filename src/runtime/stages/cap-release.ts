/**
 * What a cap per period kept back, paid when a reversal brings the period back under its cap
 * (docs/language.md §12c; the money lifecycle, domain.md §4). A cap per period pays
 * min(earned in the period, cap). A reversal takes back its share of what its deal was paid after
 * the caps (stages/clawback.ts), so on its own it would leave the period paying less than the plan
 * owes: cap 1,200 per year, A1 700 and A2 800 earned (500 paid, 300 capped), A1 reversed → 500
 * paid where min(800, 1,200) = 800 is owed. Here, on each day reversals take effect, for each
 * period of a rep and component that a reversed deal was earned in:
 * - what the period has earned is lowered by the reversed share of each reversed deal's part
 *   (after the cap per deal; with its top-up only when top-ups are clawed back with their deal),
 *   and the reversed share of what the cap kept back of that deal is gone with it;
 * - what the period is paid is lowered by what the reversals cancelled and clawed back;
 * - when it is paid less than min(earned, cap), the difference is taken from what the cap kept
 *   back, the part it was taken from first (credit date, then deal id: the order the cap took it),
 *   and **released**: it goes through its deal's stages from the reversal's day on (a cash stage
 *   still waits for the deal's cash), and a negative capped line says it is paid after all.
 * A later reversal of a deal with released pieces takes back its share of them too (cancelled
 * before they are paid, else clawed back), and the period is looked at again.
 */
import { Decimal } from '../decimal.js';
import type { ComponentKind } from '../result.js';
import type { Release } from '../nodes/stages.js';
import type { Reversal } from './clawback.js';
import type { LimitedPart } from './limits.js';
import { ReleaseRecord, withChanges } from './release-record.js';

/** One deal's part of a staged line (or a line no deal is behind) under a cap per period, as the limits left it. */
export interface CappedPeriodPart {
  rep: string;
  repIndex: number;
  component: string;
  kind: ComponentKind;
  /** The commission line's period (`2026-Q1`). */
  period: string;
  deal: string | null;
  /** Date value of the day the part was earned. */
  earnedOn: number;
  limited: LimitedPart;
}

/**
 * How a released amount is paid: the part's stages from day `on` on (each stage as its own part
 * was triggered, never before `on`), or a minimum's top-up released on `on`. `why` starts the
 * words of each release made.
 */
export interface CapReleaser {
  stages(part: CappedPeriodPart, amount: Decimal, on: number, why: string): Release[];
  topUp(part: CappedPeriodPart, amount: Decimal, on: number, why: string): Release;
}

/** A part's state while the reversals are gone through. */
interface PartState {
  part: CappedPeriodPart;
  /** What the cap per period still keeps back of the part, and of its top-up (currency). */
  keptAmount: Decimal;
  keptTopUp: Decimal;
  /** Released pieces of the part still earned (ordinary, then top-ups). */
  released: Release[];
}

/** A period of one rep and component under the cap. */
interface PeriodState {
  key: string;
  earned: Decimal;
  paid: Decimal;
  parts: PartState[];
  /** The reversals of the day, in words, that moved it. */
  whys: string[];
}

/**
 * The releases that pay back what caps per period kept, after reversals (see the file's comment):
 * released pieces, negative capped lines, and what later reversals take back of released pieces.
 * `releases` holds the section's parts after `applyReversals` (its cancelled and clawback lines are
 * read, dated on their reversal's day); nothing in it is changed.
 * @param parts every part under the cap per period, in any order.
 * @param reversals each reversed deal's reversals, in date order (stages/clawback.ts).
 * @param cap the cap per period (currency) and its period's name.
 * @param topUps true when a minimum's top-up is clawed back with its deal.
 * @param round the playbook's rounding of a payout line; @param money formats an amount.
 */
export function releaseUnderPeriodCaps(parts: readonly CappedPeriodPart[], reversals: ReadonlyMap<string, Reversal[]>, releases: readonly Release[], cap: { amount: string; period: string }, topUps: boolean, releaser: CapReleaser, round: (d: Decimal) => Decimal, money: (d: Decimal) => string): Release[] {
  const capAmount = new Decimal(cap.amount);
  const groups = new Map<string, CappedPeriodPart[]>();
  for (const p of parts) {
    const k = `${p.rep}\u0000${p.component}`;
    const list = groups.get(k);
    if (list) list.push(p);
    else groups.set(k, [p]);
  }
  const out: Release[] = [];
  for (const [k, list] of groups) {
    const kept = list.some((p) => p.limited.periodCapped.amount.plus(p.limited.periodCapped.topUp).gt(0));
    if (!kept || !list.some((p) => p.deal !== null && reversals.has(p.deal))) continue;
    // What the reversals cancelled and clawed back, by deal and day.
    const taken = new Map<string, Decimal>();
    const [rep, component] = k.split('\u0000');
    for (const x of releases) {
      if (x.rep !== rep || x.component !== component || x.deal === null) continue;
      const day = x.line === 'clawback' ? x.earnedOn : x.line === 'cancelled' ? x.cancelledOn! : null;
      if (day === null) continue;
      const key = `${x.deal}\u0000${day}`;
      taken.set(key, (taken.get(key) ?? new Decimal(0)).plus(x.line === 'clawback' ? x.amount.neg() : x.amount));
    }
    out.push(...releaseGroup(list, reversals, taken, capAmount, cap.period, topUps, releaser, round, money));
  }
  return out;
}

function releaseGroup(list: readonly CappedPeriodPart[], reversals: ReadonlyMap<string, Reversal[]>, taken: Map<string, Decimal>, cap: Decimal, unit: string, topUps: boolean, releaser: CapReleaser, round: (d: Decimal) => Decimal, money: (d: Decimal) => string): Release[] {
  const zero = new Decimal(0);
  const periods = new Map<string, PeriodState>();
  const byDeal = new Map<string, PartState[]>();
  // The order the cap took the parts in (stages/limits.ts): credit date, then deal id (a line no deal is behind last).
  const ordered = [...list].sort((a, b) => a.earnedOn - b.earnedOn || ((a.deal ?? '\uffff') < (b.deal ?? '\uffff') ? -1 : (a.deal ?? '\uffff') > (b.deal ?? '\uffff') ? 1 : 0));
  for (const p of ordered) {
    const key = p.limited.periodCapped.key!;
    const period = periods.get(key) ?? { key, earned: zero, paid: zero, parts: [], whys: [] };
    periods.set(key, period);
    period.earned = period.earned.plus(p.limited.wanted.amount).plus(p.limited.wanted.topUp);
    period.paid = period.paid.plus(p.limited.amount).plus(p.limited.topUp);
    const state: PartState = { part: p, keptAmount: p.limited.periodCapped.amount, keptTopUp: p.limited.periodCapped.topUp, released: [] };
    period.parts.push(state);
    if (p.deal !== null) byDeal.set(p.deal, [...(byDeal.get(p.deal) ?? []), state]);
  }
  // Every reversal of the group's deals with its share of what is left of the deal, by day.
  const events: { on: number; deal: string; r: Reversal; relative: Decimal }[] = [];
  for (const deal of [...byDeal.keys()].sort()) {
    let cum = zero;
    for (const r of reversals.get(deal) ?? []) {
      events.push({ on: r.on, deal, r, relative: r.full ? new Decimal(1) : r.share.div(new Decimal(1).minus(cum)) });
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
      const left = new Decimal(1).minus(relative);
      for (const s of byDeal.get(deal)!) {
        const period = periods.get(s.part.limited.periodCapped.key!)!;
        period.earned = period.earned.minus(r.share.mul(s.part.limited.wanted.amount.plus(topUps ? s.part.limited.wanted.topUp : zero)));
        s.keptAmount = r.full ? zero : s.keptAmount.mul(left);
        if (topUps) s.keptTopUp = r.full ? zero : s.keptTopUp.mul(left);
        const back = takeBack(s, relative, r, topUps, round, money);
        out.push(...back.lines);
        period.paid = period.paid.minus(back.amount);
        if (!period.whys.includes(r.why)) period.whys.push(r.why);
        touched.add(period);
      }
      const key = `${deal}\u0000${day}`;
      const t = taken.get(key);
      if (t !== undefined) {
        // A deal's parts are all earned on its credit date: one period.
        const period = periods.get(byDeal.get(deal)![0].part.limited.periodCapped.key!)!;
        period.paid = period.paid.minus(t);
        taken.delete(key);
      }
    }
    for (const period of touched) {
      out.push(...release(period, day, cap, unit, releaser, round, money));
      period.whys = [];
    }
  }
  return out;
}

/** Pays what the period is owed beyond what it is paid (min(earned, cap) − paid) out of what the cap kept back, in the cap's order. */
function release(period: PeriodState, day: number, cap: Decimal, unit: string, releaser: CapReleaser, round: (d: Decimal) => Decimal, money: (d: Decimal) => string): Release[] {
  const owed = round(Decimal.min(period.earned, cap));
  // Never more than the cap keeps back in all (a credit note's negative share included).
  const keptInAll = period.parts.reduce((s, x) => s.plus(x.keptAmount).plus(x.keptTopUp), new Decimal(0));
  let left = Decimal.min(owed.minus(period.paid), round(keptInAll));
  if (!left.gt(0)) return [];
  const out: Release[] = [];
  const head = `${period.whys.join('; ')}: ${period.key} has ${money(period.earned)} earned, and the cap of ${money(cap)} per ${unit} pays ${money(owed)} of it, ${money(period.paid)} paid after the reversal`;
  for (const s of period.parts) {
    for (const topUp of [false, true]) {
      if (!left.gt(0)) break;
      const kept = topUp ? s.keptTopUp : s.keptAmount;
      const x = Decimal.min(left, round(kept));
      if (!x.gt(0)) continue;
      left = left.minus(x);
      period.paid = period.paid.plus(x);
      if (topUp) s.keptTopUp = s.keptTopUp.minus(x);
      else s.keptAmount = s.keptAmount.minus(x);
      const what = `${money(x)} the cap kept back of ${s.part.deal === null ? 'the line no deal is behind' : `deal ${s.part.deal}'s ${topUp ? 'minimum top-up' : 'part'}`}`;
      const why = `released from the cap: ${head}, so ${what} is paid after all`;
      const p = s.part;
      out.push(new ReleaseRecord({ rep: p.rep, repIndex: p.repIndex, component: p.component, kind: p.kind, period: p.period, deal: p.deal, stage: 'cap released', trigger: 'booking', amount: x.neg(), earnedOn: day, triggeredOn: null, payableOn: null, held: why, line: 'capped', cancelledOn: day }, why));
      const pieces = topUp ? [releaser.topUp(p, x, day, why)] : releaser.stages(p, x, day, why);
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
 * @returns the lines made (cancelled pieces split off, clawbacks) and the amount taken back.
 */
function takeBack(s: PartState, relative: Decimal, r: Reversal, topUps: boolean, round: (d: Decimal) => Decimal, money: (d: Decimal) => string): { lines: Release[]; amount: Decimal } {
  const lines: Release[] = [];
  let amount = new Decimal(0);
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
    amount = amount.plus(reversed);
    let left = reversed;
    const unpaid = earned.filter((x) => !isPaidBy(x, r.on)).sort((a, b) => Number(a.payableOn !== null) - Number(b.payableOn !== null) || (b.payableOn ?? 0) - (a.payableOn ?? 0));
    for (const x of unpaid) {
      if (!left.gt(0)) break;
      const take = Decimal.min(left, x.amount);
      left = left.minus(take);
      const why = `cancelled: ${r.why}, before it was paid`;
      if (take.eq(x.amount)) Object.assign(x, { line: 'cancelled', cancelledOn: r.on, payableOn: null, held: why });
      else {
        x.amount = x.amount.minus(take);
        const piece = withChanges(x, { amount: take, line: 'cancelled', cancelledOn: r.on, payableOn: null, held: why });
        s.released.push(piece);
        lines.push(piece);
      }
    }
    if (!left.gt(0)) continue;
    const template = earned[0];
    const line = withChanges(template, { amount: left.neg(), line: 'clawback', earnedOn: r.on, triggeredOn: r.on, payableOn: r.on, held: null, cancelledOn: undefined, explain: `clawback of what was released from the cap on deal ${template.deal}'s ${template.stage} part: ${r.why}; ${money(reversed)} of the ${money(still)} released and still earned is reversed, ${money(left)} of it taken back from what was paid` });
    s.released.push(line);
    lines.push(line);
  }
  return { lines, amount };
}
