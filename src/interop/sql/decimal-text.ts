/** Exact arithmetic on decimal texts from the graph (rates, band bounds), for SQL made at compile time. */
import { Decimal } from '../../graph/decimal.js';

/** Compares two decimal texts exactly: negative, 0 or positive. */
export function cmpText(a: string, b: string): number {
  return new Decimal(a).cmp(b);
}

/** The exact product of two decimal texts, as text. */
export function mulText(a: string, b: string): string {
  return new Decimal(a).mul(b).toFixed();
}
