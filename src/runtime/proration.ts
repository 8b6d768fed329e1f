/**
 * Proration of a quota for a rep who joins during the plan period: months
 * before the start month count nothing; by `months`, the start month and the
 * months after it count in full; by `days`, the start month counts for the
 * share of its days from the start day on, rounded down to the currency's
 * minor unit. Every month's part is at most its full part, so the parts of a
 * year never add up to more than the annual amount. A rep with no start date,
 * or one before the plan period, keeps the full quota.
 */
import { Decimal } from './decimal.js';
import { roundTo } from './money.js';
import type { Period } from './periods.js';
import type { Value } from './values.js';

export function prorateMonths(months: Decimal[], start: Value, by: 'days' | 'months', periods: Period[], minorStep: string): Decimal[] {
  if (typeof start !== 'number') return months;
  return months.map((part, i) => {
    const p = periods[i];
    if (start < p.start) return part; // employed for the whole month
    if (start >= p.end) return new Decimal(0); // not yet employed
    if (by === 'months') return part;
    const days = Math.round((p.end - p.start) / 86_400_000);
    const startDay = Math.floor((start - p.start) / 86_400_000); // 0 for the 1st
    return roundTo(part.mul(days - startDay).div(days), minorStep, 'down');
  });
}
