/**
 * Period-to-date bases (docs/language.md §8b): a commission table `on year-to-date credited paid
 * per quarter` runs its bands on the credit from the start of the basis period (the plan year, or
 * the quarter for `quarter-to-date`) to the end of each pay period, and each pay period's line is
 * the to-date commission, rounded, less what the earlier pay periods of the same basis paid. So the
 * lines of a basis period add up exactly to the commission on its whole credit, and a band crossed
 * in the third quarter pays its rate from the third quarter on, never again on earlier credit
 * (marginal); a retroactive table's rate rise is trued up on the year's earlier credit in the
 * period it is reached. A period whose to-date commission falls (credit notes) pays a negative
 * line: a clawback of what was paid before.
 */
import { Decimal } from './decimal.js';
import type { RunContext } from './context.js';
import { groupedText } from './money.js';
import { type Period, monthOf } from './periods.js';
import type { PayoutLine } from './result.js';

/**
 * The to-date period of `pay` within `basis`: from the basis's first day to the pay period's last.
 * Its key (`2017 to 2017-Q2`) keeps the credit memos of different to-date ranges apart.
 */
export function toDatePeriod(basis: Period, pay: Period): Period {
  const last = pay.months[pay.months.length - 1];
  return { key: `${basis.key} to ${pay.key}`, start: basis.start, end: pay.end, months: basis.months.filter((m) => m <= last) };
}

/**
 * The lines of a to-date table for one rep: for every basis period and every pay period inside it,
 * `compute` gives the rounded lines on the to-date credit (bands resolved on the basis period's
 * quotas); each line then pays the increment over what its component paid before in that basis.
 * @param compute the lines of the table on `toDate`'s credit, with quota bands from `basis`, keyed `pay.key`.
 * @returns the increment lines, one per pay period and component; amounts in the playbook currency.
 */
export function toDateLines(run: RunContext, payUnit: 'quarter' | 'month' | 'year', basisUnit: 'year' | 'quarter', compute: (toDate: Period, basis: Period, pay: Period) => PayoutLine[]): PayoutLine[] {
  const out: PayoutLine[] = [];
  const pays = run.periods(payUnit);
  for (const basis of run.periods(basisUnit)) {
    const paidBefore = new Map<string, Decimal>();
    for (const pay of pays.filter((p) => p.start >= basis.start && p.end <= basis.end)) {
      const toDate = toDatePeriod(basis, pay);
      const range = `${monthOf(toDate.start)} … ${monthOf(toDate.end - 1)}`;
      for (const line of compute(toDate, basis, pay)) {
        const before = paidBefore.get(line.component) ?? new Decimal(0);
        paidBefore.set(line.component, line.amount);
        const less = before.isZero() ? '' : `, less ${groupedText(before, run.digits)} paid for earlier ${payUnit}s`;
        out.push({
          ...line,
          // With plan versions, the increment is shared by the own prices of the deals credited in
          // this pay period (PayoutLine.dealPrices): exactly theirs when the earlier periods' deals
          // keep their prices; in proportion to them when the to-date line re-prices earlier credit.
          dealPrices: line.dealPrices ? pricesIn(run, line.dealPrices, pay) : undefined,
          amount: line.amount.minus(before),
          explain: `${basisUnit}-to-date ${range}, ${groupedText(line.basis, run.digits)} credited: ${line.explain} = ${groupedText(line.amount, run.digits)}${less}`,
          ...(line.trace ? { trace: { ...line.trace, toDate: { range, paidBefore: before, payUnit } } } : {}),
        });
      }
    }
  }
  return out;
}

/** The prices of the deals credited in `pay` (by credit date), or undefined when none is. */
function pricesIn(run: RunContext, prices: Map<number, Decimal>, pay: Period): Map<number, Decimal> | undefined {
  const out = new Map<number, Decimal>();
  for (const [i, price] of prices) {
    const day = run.deals.value(i, run.deals.date);
    if (typeof day === 'number' && day >= pay.start && day < pay.end) out.set(i, price);
  }
  return out.size === 0 ? undefined : out;
}
