/**
 * The project's exact decimal type: decimal.js with 40 significant digits and
 * half-up rounding, configured once here (graph is imported by both the data
 * loader and the runtime, so every Decimal in a run shares this setting).
 * Money sums are exact; a ratio such as 4514 ÷ 4821 carries far more precision
 * than any comparison or rounding needs.
 */
import { Decimal } from 'decimal.js';

Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

export { Decimal };
export const ZERO = new Decimal(0);

/** True for a decimal.js value. */
export function isDecimal(value: unknown): value is Decimal {
  return Decimal.isDecimal(value);
}
