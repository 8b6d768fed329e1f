/**
 * Money in the generator is integer fen (CNY minor units, 1/100 yuan), held in
 * ordinary numbers: every total stays far below 2^53, so sums are exact.
 */

/** Whole yuan to fen. */
export function yuan(amount: number): number {
  if (!Number.isSafeInteger(amount)) throw new Error(`yuan(${amount}): not a whole number`);
  return amount * 100;
}

/** Fen as a plain decimal string with two digits: 125000000 -> "1250000.00". */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`formatFen(${fen}): not an integer`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
