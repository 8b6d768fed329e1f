/**
 * Whole numbers 0 … 1023 as Decimals, made once (issue 10, scale): counts and ages are read per
 * deal or per activity — millions of times at scale — and a Decimal is never changed once made
 * (every decimal.js operation returns a new one), so every reader can share them.
 */
import { Decimal } from './decimal.js';

const SMALL: Decimal[] = Array.from({ length: 1024 }, (_, n) => new Decimal(n));

/** `n` as a Decimal: a shared one for a whole number in 0 … 1023, else a new one (exactly `new Decimal(n)`). */
export function smallDecimal(n: number): Decimal {
  return Number.isInteger(n) && n >= 0 && n < SMALL.length && !Object.is(n, -0) ? SMALL[n] : new Decimal(n);
}
