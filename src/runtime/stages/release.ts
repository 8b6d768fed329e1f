/**
 * How one stage of one deal's commission is released (domain.md §4: a reward at each stage):
 * - booking: all of it on the deal's credit date;
 * - invoice / cash: as the deal is invoiced / its cash is collected, in proportion to the amount
 *   invoiced / collected so far over the deal's amount, capped at 100%;
 * - revenue: in proportion to the percent complete reported so far (the highest so far), capped at 100%;
 * - completion: all of it when the deal is first reported 100% complete.
 * Each release is the stage's amount × the proportion reached, rounded by the playbook's rule,
 * less what was released before; at 100% the stage is released to the last cent, so the releases
 * add up exactly to the stage. Nothing is released before the credit date: cash collected earlier
 * releases on it. A deal whose amount is not above zero (a credit note) has nothing to collect or
 * deliver: its stages all fall on its credit date. What is not released by the end of the data is
 * held, with the reason.
 */
import { Decimal } from '../decimal.js';
import { percentText } from '../money.js';
import { dateText } from '../periods.js';
import { dayText } from '../day-text.js';
import type { StageEvent } from './events.js';
import type { WordSource, Words } from './release-record.js';

export type StageTrigger = 'booking' | 'invoice' | 'cash' | 'revenue' | 'completion';

/** A part of a stage: released on `on` (a date value), or held (`on` null) for `reason`. */
export interface StagePart {
  amount: Decimal;
  on: number | null;
  /**
   * Why it was released then (words written when read: a million deals release millions of parts,
   * and their sentences, made up front, were a good part of the run's memory — issue 10), or why it
   * is held (a sentence: it is the part's `held`).
   */
  why: Words;
}

/** `booked on 2026-05-03`, written when read. */
export class BookedWords implements WordSource {
  constructor(readonly day: number) {}

  text(): string {
    return `booked on ${dayText(this.day)}`;
  }
}

/** `reported 100% complete on 2026-05-03`, written when read. */
export class CompletedWords implements WordSource {
  constructor(readonly day: number) {}

  text(): string {
    return `reported 100% complete on ${dayText(this.day)}`;
  }
}

/**
 * `40% complete on 2026-05-03` or `40% of 1,000.00 collected by 2026-05-03`, written when read.
 * The proportion reached is min(value ÷ the deal's amount, 1) for cash and invoices (value: the
 * amount collected or invoiced so far) and min(value, 1) for revenue (value: the percent complete
 * as a ratio) — computed on each read, the same Decimal every time, so only the value is kept.
 */
export class ReachedWords implements WordSource {
  constructor(
    readonly trigger: 'invoice' | 'cash' | 'revenue',
    readonly value: Decimal,
    readonly dealAmount: Decimal,
    readonly day: number,
    readonly money: (d: Decimal) => string,
  ) {}

  text(): string {
    const { trigger, day } = this;
    const reached = Decimal.min(trigger === 'revenue' ? this.value : this.value.div(this.dealAmount), 1);
    return trigger === 'revenue' ? `${percentText(reached)} complete on ${dateText(day)}` : reachedText(percentText(reached), this.money(this.dealAmount), trigger, day);
  }
}

/**
 * `40% of 1,000.00 collected by 2026-05-03`: the words of a cash or invoice release from its
 * pieces already written (the percent reached, the deal's amount as money, the day). Shared by
 * {@link ReachedWords} and the release columns (release-table.ts), which write the percent from
 * whole minor units.
 */
export function reachedText(percent: string, dealAmount: string, trigger: 'invoice' | 'cash', day: number): string {
  return `${percent} of ${dealAmount} ${WHAT[trigger].done} by ${dayText(day)}`;
}

const WHAT: Record<'invoice' | 'cash', { done: string; waiting: string }> = {
  invoice: { done: 'invoiced', waiting: 'not yet invoiced' },
  cash: { done: 'collected', waiting: 'cash not yet collected' },
};

/**
 * The parts of a stage of `amount` for one deal.
 * @param dealAmount the deal's credited amount (currency); @param creditDate its credit day;
 * @param events the deal's rows in the table the trigger reads (collections, invoices or progress), by date;
 * @param round the playbook's rounding of a payout line; @param money money in words for explanations.
 */
export function releaseStage(trigger: StageTrigger, amount: Decimal, dealAmount: Decimal | null, creditDate: number, events: StageEvent[], round: (d: Decimal) => Decimal, money: (d: Decimal) => string): StagePart[] {
  if (trigger === 'booking') return [{ amount, on: creditDate, why: new BookedWords(creditDate) }];
  if (dealAmount === null || !dealAmount.isPositive()) return [{ amount, on: creditDate, why: 'a deal of no positive amount has nothing to collect or deliver: released on its credit date' }];
  if (trigger === 'completion') {
    const done = events.find((e) => e.measure.gte(1));
    if (done) return [{ amount, on: Math.max(done.date, creditDate), why: new CompletedWords(done.date) }];
    const last = events[events.length - 1];
    return [{ amount, on: null, why: last ? `not complete: ${percentText(maxMeasure(events))} complete at ${dateText(last.date)}` : 'not complete: no progress reported' }];
  }
  const parts: StagePart[] = [];
  let released = new Decimal(0);
  let reached = new Decimal(0);
  let total = new Decimal(0);
  for (const e of events) {
    total = total.plus(e.measure);
    const ratio = trigger === 'revenue' ? e.measure : total.div(dealAmount);
    if (!ratio.gt(reached)) continue;
    reached = Decimal.min(ratio, 1);
    const target = reached.eq(1) ? amount : round(amount.mul(reached));
    const step = target.minus(released);
    if (step.isZero()) continue;
    released = target;
    parts.push({ amount: step, on: Math.max(e.date, creditDate), why: new ReachedWords(trigger, trigger === 'revenue' ? e.measure : total, dealAmount, e.date, money) });
  }
  const left = amount.minus(released);
  if (!left.isZero()) {
    const why = trigger === 'revenue' ? `revenue not yet recognised: ${percentText(reached)} complete` : `${WHAT[trigger].waiting}: ${money(trigger === 'cash' || trigger === 'invoice' ? Decimal.min(total, dealAmount) : total)} of ${money(dealAmount)} ${WHAT[trigger].done}`;
    parts.push({ amount: left, on: null, why });
  }
  return parts;
}

function maxMeasure(events: StageEvent[]): Decimal {
  return events.reduce((m, e) => Decimal.max(m, e.measure), new Decimal(0));
}
