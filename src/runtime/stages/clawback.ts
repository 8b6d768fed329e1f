/**
 * Clawbacks (the money lifecycle, domain.md §4: an order that is reversed — a credit note, a
 * cancellation, a refund — or whose cash never comes gives back its commission). A reversal is
 * linked to its original deal by the deals table's key, so it is valued at what the original was
 * paid: its part of its own commission line, at the tier and version that line was computed at,
 * never at the tier the rep has reached by the reversal's day. Nothing is re-priced: the reversal
 * takes back a share of each of the deal's stage parts.
 *
 * For each stage part of the deal (one rep, component, line and stage), a reversal of a share s of
 * the deal (the amount reversed ÷ the deal's credited amount) takes back s of what is still earned
 * on it (rounded by the playbook's rule; a reversal reaching 100% takes back exactly what is left):
 * 1. first what is not yet paid on the reversal's day is **cancelled** — never paid (held parts
 *    waiting for a trigger first, then released parts not yet paid, the latest first);
 * 2. the rest, never more than was paid for the part, is **clawed back**: a line of its own,
 *    negative, dated and recovered on the reversal's day, naming the deal and its line's period.
 * A clawback window (`clawed back when cash is not collected within N days of booking|invoice`)
 * is a reversal of the deal's cash not collected by then, dated the day after the window ends.
 */
import { Decimal } from '../decimal.js';
import type { RunContext } from '../context.js';
import { percentText } from '../money.js';
import { DAY_MS, dateText } from '../periods.js';
import type { Release } from '../nodes/stages.js';
import { withChanges } from './release-record.js';
import type { StageEvents } from './events.js';

/** One reversal of a deal: the day it takes effect and its own share of the deal's credited amount. */
export interface Reversal {
  /** Date value of the day it takes effect. */
  on: number;
  /** Ratio of the deal's credited amount reversed by this event (0 < share ≤ 1). */
  share: Decimal;
  /** True when the deal is wholly reversed after it. */
  full: boolean;
  /** Why, in words: `deal D7 reversed 4,000.00 of 10,000.00 on 2026-08-15 (reversals.csv line 2)`. */
  why: string;
}

/** What the reversals of a section read, per deal index. */
export interface ReversalInputs {
  /** The reversals table's rows (amounts reversed; the sign is ignored), or null without `clawed back on reversal`. */
  reversals: StageEvents | null;
  /** The clawback window and the tables it reads, or null. */
  window: { days: number; from: 'booking' | 'invoice'; collections: StageEvents; invoices: StageEvents | null } | null;
  /** The end of the data the section reads: a window ending later has not tripped yet. */
  lastDate: number | null;
}

/**
 * Every credited deal's reversals, in date order (rows of the reversals table first on a day, then
 * the window). A deal is never reversed beyond 100%: the excess of a row is ignored and counted for
 * a warning, as are rows for deals no stage part is behind.
 * @param deals the credited deals: index → id, credited amount (currency) and credit day (date value).
 */
export function reversalsOf(run: RunContext, inputs: ReversalInputs, deals: Map<number, { id: string; whole: Decimal; day: number }>, warnings: string[]): Map<string, Reversal[]> {
  const out = new Map<string, Reversal[]>();
  const file = inputs.reversals ? run.tables.get('reversals')?.schema.file ?? 'reversals' : 'reversals';
  const notCredited: number[] = [];
  const beyond: { id: string; line: number }[] = [];
  const early: string[] = [];
  const nothingToReverse: string[] = [];
  const repeats: string[] = [];
  if (inputs.reversals) for (const i of inputs.reversals.byDeal.keys()) if (!deals.has(i)) notCredited.push(i);
  for (const [i, deal] of [...deals].sort((a, b) => a[0] - b[0])) {
    if (!deal.whole.gt(0)) {
      // A credit note (credited at zero or below) was paid nothing to take back: a reversal of it is
      // most often a row meant for another deal, so it is named rather than passed over.
      const first = inputs.reversals?.byDeal.get(i)?.[0];
      if (first) nothingToReverse.push(`${file}:${first.line}: deal ${deal.id} is credited ${run.money(deal.whole)}, not above zero (a credit note): a reversal of it takes nothing back; check the deal it names`);
      continue;
    }
    const events: { on: number; order: number; make: (cum: Decimal) => { share: Decimal; why: string } | null }[] = [];
    // Two rows with the same deal, day and amount are most often one credit note exported twice:
    // both are taken back (two equal credit notes on one day do happen), and the repeat is named.
    const seenRows = new Map<string, number>();
    for (const row of inputs.reversals?.byDeal.get(i) ?? []) {
      const key = `${row.date}|${row.measure.toString()}`;
      const first = seenRows.get(key);
      if (first === undefined) seenRows.set(key, row.line);
      else repeats.push(`${file}:${row.line}: repeats line ${first} (deal ${deal.id}, ${dateText(row.date)}, ${run.money(row.measure)}): both are taken back; if it is the same credit note exported twice, remove one`);
    }
    for (const row of inputs.reversals?.byDeal.get(i) ?? []) {
      const on = Math.max(row.date, deal.day);
      // A reversal dated before the deal it reverses is nearly always a typing error (a year or a
      // day/month swap): it is taken on the deal's credit date, and said so.
      if (row.date < deal.day) early.push(`${file}:${row.line}: the reversal of deal ${deal.id} is dated ${dateText(row.date)}, before the deal's credit date ${dateText(deal.day)}: it is taken on ${dateText(deal.day)}; check the date`);
      events.push({ on, order: 0, make: (cum) => {
        const share = Decimal.min(row.measure.abs().div(deal.whole), new Decimal(1).minus(cum));
        if (row.measure.abs().div(deal.whole).gt(share) && !beyond.some((b) => b.id === deal.id)) beyond.push({ id: deal.id, line: row.line });
        return { share, why: `deal ${deal.id} reversed ${run.money(row.measure.abs())} of ${run.money(deal.whole)} on ${dateText(on)} (${file} line ${row.line})` };
      } });
    }
    const w = inputs.window;
    const start = w === null ? null : w.from === 'booking' ? deal.day : (w.invoices?.byDeal.get(i)?.[0]?.date ?? null);
    if (w !== null && start !== null) {
      const end = Math.max(start, deal.day) + w.days * DAY_MS;
      const on = end + DAY_MS;
      if (inputs.lastDate !== null && on <= inputs.lastDate) {
        const collected = (w.collections.byDeal.get(i) ?? []).filter((e) => e.date <= end).reduce((s, e) => s.plus(e.measure), new Decimal(0));
        events.push({ on, order: 1, make: (cum) => {
          const left = new Decimal(1).minus(cum).mul(deal.whole).minus(collected);
          if (!left.gt(0)) return null;
          return { share: left.div(deal.whole), why: `cash not collected within ${w.days} days of ${w.from === 'booking' ? 'booking' : 'the first invoice'} (by ${dateText(end)}): ${run.money(Decimal.max(collected, 0))} of ${run.money(deal.whole.mul(new Decimal(1).minus(cum)))} collected` };
        } });
      }
    }
    events.sort((a, b) => a.on - b.on || a.order - b.order);
    let cum = new Decimal(0);
    const list: Reversal[] = [];
    for (const e of events) {
      if (cum.gte(1)) break;
      const made = e.make(cum);
      if (made === null || !made.share.gt(0)) continue;
      cum = cum.plus(made.share);
      list.push({ on: e.on, share: made.share, full: cum.gte(1), why: made.why });
    }
    if (list.length > 0) out.set(deal.id, list);
  }
  if (notCredited.length > 0) {
    const ids = notCredited.map((i) => `${run.deals.id(i)} on line ${inputs.reversals!.byDeal.get(i)![0].line}`);
    warnings.push(`${file}: ${ids.length} reversal${ids.length === 1 ? ' names a deal' : 's name deals'} that no staged commission is behind (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}): nothing to claw back`);
  }
  warnings.push(...nothingToReverse.slice(0, 5), ...early.slice(0, 5), ...repeats.slice(0, 5));
  if (repeats.length > 5) warnings.push(`${file}: ${repeats.length - 5} more reversal rows repeat an earlier row`);
  if (nothingToReverse.length > 5) warnings.push(`${file}: ${nothingToReverse.length - 5} more reversals of credit notes`);
  if (early.length > 5) warnings.push(`${file}: ${early.length - 5} more reversals dated before the deal they reverse`);
  if (beyond.length === 1) warnings.push(`${file}:${beyond[0].line}: deal ${beyond[0].id} is reversed by more than its credited amount: it is clawed back in full, no more`);
  else if (beyond.length > 1) warnings.push(`${file}: deals ${beyond.slice(0, 5).map((b) => `${b.id} (line ${b.line})`).join(', ')}${beyond.length > 5 ? ', …' : ''} are reversed by more than their credited amount: they are clawed back in full, no more`);
  return out;
}

/** A part a reversal can take back: an ordinary part, and a minimum's top-up when the playbook says so. */
const reversible = (x: Release, topUps: boolean) => x.line === undefined || (topUps && x.line === 'top-up');
const isPaidBy = (x: Release, day: number, topUps: boolean) => reversible(x, topUps) && x.held === null && x.payableOn !== null && x.payableOn <= day;

/**
 * Cancels up to `amount` of `unpaid` (parts not paid on the reversal's day), held parts first (never
 * triggered, or forfeited), then released parts waiting for their pay day, the latest first: a part
 * wholly taken becomes a cancelled line in place; one partly taken is lowered, and the cancelled
 * piece split off is given to `split`. Returns what is left of `amount` to claw back from what was paid.
 */
export function cancelUnpaid(unpaid: Release[], amount: Decimal, r: Reversal, split: (piece: Release) => void): Decimal {
  const order = [...unpaid].sort((a, b) => Number(a.payableOn !== null) - Number(b.payableOn !== null) || (b.payableOn ?? 0) - (a.payableOn ?? 0));
  let left = amount;
  const why = `cancelled: ${r.why}, before it was paid`;
  for (const x of order) {
    if (!left.gt(0)) break;
    const take = Decimal.min(left, x.amount);
    left = left.minus(take);
    if (take.eq(x.amount)) Object.assign(x, { line: 'cancelled', cancelledOn: r.on, payableOn: null, held: why });
    else {
      x.amount = x.amount.minus(take);
      split(withChanges(x, { amount: take, line: 'cancelled', cancelledOn: r.on, payableOn: null, held: why }));
    }
  }
  return left;
}

/**
 * Applies the reversals to the ordinary parts of `releases` (changed in place: parts are cancelled,
 * or split with the cancelled piece appended) and returns the clawback lines to add.
 * @param round the playbook's rounding of a payout line; @param topUps true when a minimum's top-up
 * is clawed back with its deal (`minimum … per deal clawed back with the deal`; by default it is kept).
 */
export function applyReversals(releases: Release[], reversals: Map<string, Reversal[]>, round: (d: Decimal) => Decimal, money: (d: Decimal) => string, topUps = false): Release[] {
  const groups = new Map<string, Release[]>();
  for (const x of releases) {
    if (x.deal === null || !reversals.has(x.deal)) continue;
    const k = [x.rep, x.component, x.period, x.deal, x.stage].join('\u0000');
    const list = groups.get(k);
    if (list) list.push(x);
    else groups.set(k, [x]);
  }
  const added: Release[] = [];
  const pieces: Release[] = [];
  for (const parts of groups.values()) {
    const template = parts[0];
    const clawed: Release[] = [];
    let cum = new Decimal(0);
    for (const r of reversals.get(template.deal!)!) {
      const stillEarned = [...parts.filter((x) => reversible(x, topUps)), ...clawed].reduce((s, x) => s.plus(x.amount), new Decimal(0));
      const relative = r.share.div(new Decimal(1).minus(cum));
      cum = cum.plus(r.share);
      const reversed = r.full ? stillEarned : Decimal.min(round(stillEarned.mul(relative)), stillEarned);
      if (!reversed.gt(0)) continue;
      const left = cancelUnpaid(parts.filter((x) => reversible(x, topUps) && !isPaidBy(x, r.on, topUps)), reversed, r, (piece) => {
        parts.push(piece);
        pieces.push(piece);
      });
      const cancelled = reversed.minus(left);
      if (!left.gt(0)) continue;
      const paid = parts.filter((x) => isPaidBy(x, r.on, topUps)).reduce((s, x) => s.plus(x.amount), new Decimal(0)).plus(clawed.reduce((s, x) => s.plus(x.amount), new Decimal(0)));
      const line = withChanges(template, {
        amount: left.neg(),
        line: 'clawback',
        earnedOn: r.on,
        triggeredOn: r.on,
        payableOn: r.on,
        held: null,
        explain: `clawback of deal ${template.deal}'s ${template.stage} part of the ${template.period} line, at what it was paid: ${r.why}; ${r.full ? 'all' : percentText(relative)} of the ${money(stillEarned)} still earned on the part is reversed = ${money(reversed)}${cancelled.isZero() ? '' : `, of which ${money(cancelled)} not yet paid is cancelled`}; ${money(left)} of the ${money(paid)} paid is taken back`,
        cancelledOn: undefined,
      });
      clawed.push(line);
      added.push(line);
    }
  }
  for (const p of pieces) releases.push(p);
  return added;
}
