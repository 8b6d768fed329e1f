/**
 * Annual amounts paid in instalments (docs/language.md §9b): `pay 50,000 per year in monthly
 * instalments` pays the year's amount in 12 parts (4 for quarterly). Every part but the last is
 * the amount ÷ parts, rounded by the playbook's rule; the last takes what is left, so the parts
 * always add up exactly to the whole (50,000 in months: 11 × 4,166.67 and 4,166.63).
 */
import { Decimal } from './decimal.js';

/**
 * Splits `total` (money, already rounded) into `count` parts that add up to it exactly.
 * @param round the playbook's rounding of one payout line.
 * @returns `count` amounts in order; the last one takes the remainder.
 */
export function instalmentParts(total: Decimal, count: number, round: (value: Decimal) => Decimal): Decimal[] {
  const part = round(total.div(count));
  const parts = Array.from({ length: count - 1 }, () => part);
  parts.push(total.minus(part.mul(count - 1)));
  return parts;
}
