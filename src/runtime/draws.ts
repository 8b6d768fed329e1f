/**
 * Draws (docs/language.md §9a): an amount advanced to a rep every period against earnings.
 *
 * - guaranteed (non-recoverable): a period whose earnings fall short of the draw is topped up to
 *   it; nothing is carried to the next period.
 * - recoverable: the top-up is also paid, but it is a balance the rep owes; in a later period,
 *   earnings above the draw repay it — at most the balance, at most the earnings above the draw
 *   (so the rep is never paid less than the draw while one is owed) and, with a cap, at most that
 *   share of the period's earnings (rounded down to the currency's minor unit, so never more).
 *   At year end what is still owed is written off (the company absorbs it) or carried over.
 *
 * A period's negative earnings (credit notes) are not topped up beyond the draw: the draw pays at
 * most its amount, and the clawback stays with the rep. Per period: paid = earnings + draw paid −
 * recovered; the balance never goes negative; balance = Σ draw paid − Σ recovered.
 */
import { Decimal } from './decimal.js';

/** A draw's terms, money in the playbook currency, `cap` a ratio (0.5 for 50%) or null. */
export interface DrawTerms {
  amount: Decimal;
  recoverable: boolean;
  cap: Decimal | null;
  yearEnd: 'write off' | 'carry over' | null;
}

/** One rep's draw in one draw period. Money in the playbook currency. */
export interface DrawPeriod {
  /** `2017-03`, `2017-Q1` or `2017`. */
  period: string;
  /** The period's payout lines (commission, bonus, ranking), before the draw. */
  earnings: Decimal;
  /** The top-up paid because earnings fell short of the draw. */
  drawPaid: Decimal;
  /** What the period's earnings repaid of the balance (recoverable draws). */
  recovered: Decimal;
  /** Still owed at the period's end (before the year-end rule); always 0 for a guaranteed draw. */
  balance: Decimal;
  /** What the rep is paid for the period: earnings + draw paid − recovered. */
  paid: Decimal;
}

export interface DrawOutcome {
  periods: DrawPeriod[];
  /** `at year end write off`: the balance the company absorbs. */
  writtenOff: Decimal;
  /** `at year end carry over`: the balance the rep still owes after the plan period. */
  carriedOver: Decimal;
}

/**
 * Runs a draw over one rep's earnings, period by period in order.
 * @param earnings each draw period's earnings, in order (money); `notInPost` marks a period that
 *   ends before the rep's start date: no draw is advanced for it (docs/language.md §9a).
 * @param digits the currency's minor digits (a capped recovery is rounded down to them).
 */
export function runDraw(terms: DrawTerms, earnings: { period: string; amount: Decimal; notInPost?: boolean }[], digits: number): DrawOutcome {
  const zero = new Decimal(0);
  let balance = zero;
  const periods = earnings.map(({ period, amount, notInPost }): DrawPeriod => {
    // A period before the rep's start date (runtime/in-post.ts) is advanced nothing.
    const drawPaid = notInPost ? zero : Decimal.max(zero, terms.amount.minus(Decimal.max(amount, zero)));
    let recovered = zero;
    if (terms.recoverable && drawPaid.isZero() && balance.gt(0)) {
      const aboveDraw = amount.minus(terms.amount);
      const capped = terms.cap === null ? aboveDraw : amount.mul(terms.cap).toDecimalPlaces(digits, Decimal.ROUND_DOWN);
      recovered = Decimal.max(zero, Decimal.min(balance, aboveDraw, capped));
    }
    if (terms.recoverable) balance = balance.plus(drawPaid).minus(recovered);
    return { period, earnings: amount, drawPaid, recovered, balance, paid: amount.plus(drawPaid).minus(recovered) };
  });
  return {
    periods,
    writtenOff: terms.yearEnd === 'write off' ? balance : zero,
    carriedOver: terms.yearEnd === 'carry over' ? balance : zero,
  };
}
