/**
 * Money: rounding to the playbook's step, exact splits, and fixed-digit text.
 * Amounts are `Decimal`s in the playbook's currency.
 */
import { Decimal } from './decimal.js';
import { fastGroupedText, fastMoneyText } from './money-text.js';

export { minorUnitsText } from './money-text.js';

export type RoundingMode = 'half-up' | 'half-even' | 'half-down' | 'up' | 'down';

const modes: Record<RoundingMode, Decimal.Rounding> = {
  // Half-up in finance means half away from zero: -2.345 → -2.35 (a clawback mirrors a payment).
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-down': Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
};

/**
 * Decimal places a value is snapped to before it is rounded. Amounts are computed
 * with 40 significant digits, so a quotient that does not terminate (a margin,
 * (amount − cost) ÷ amount) leaves an error far below 1e-20; snapping first makes
 * 53,380.48499…9 (26 nines, from a true 53,380.485) round as 53,380.485 does.
 */
const SNAP_PLACES = 20;

/** Rounds `amount` to a multiple of `step` (`0.01`, `1`, …) with the declared mode. */
export function roundTo(amount: Decimal, step: string, mode: RoundingMode): Decimal {
  const stepDecimal = new Decimal(step);
  return amount.toDecimalPlaces(SNAP_PLACES, Decimal.ROUND_HALF_EVEN).div(stepDecimal).toDecimalPlaces(0, modes[mode]).mul(stepDecimal);
}

/** Fixed-digit text: `1234.5` with 2 digits → `"1234.50"`. Never exponent notation. */
export function moneyText(amount: Decimal, digits: number): string {
  return fastMoneyText(amount, digits) ?? generalMoneyText(amount, digits);
}

/** {@link moneyText} by decimal.js's `toFixed` (the reference for the fast path in money-text.ts; exported for its tests). */
export function generalMoneyText(amount: Decimal, digits: number): string {
  const text = amount.toFixed(digits, Decimal.ROUND_HALF_UP);
  return text === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : text;
}

/**
 * Exact text with at least the currency's digits: `1234.5` → `"1234.50"`, `100.005` → `"100.005"`.
 * For amounts the engine does not round (a deal's amount, a credited total), so that the parts
 * printed add up to the total printed.
 */
export function exactMoneyText(amount: Decimal, digits: number): string {
  return moneyText(amount, Math.max(digits, amount.decimalPlaces()));
}

/** Human text with digit grouping: `1234567.5` → `"1,234,567.50"`. */
export function groupedText(amount: Decimal, digits: number): string {
  return fastGroupedText(amount, digits) ?? generalGroupedText(amount, digits);
}

/** {@link groupedText} by `toFixed` and a regular expression (the reference for the fast path; exported for its tests). */
export function generalGroupedText(amount: Decimal, digits: number): string {
  const [int, frac] = generalMoneyText(amount, digits).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const grouped = int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${frac}`;
}

/** A ratio as a percent text: `0.075` → `"7.5%"`. */
export function percentText(ratio: Decimal): string {
  return `${ratio.mul(100).toDecimalPlaces(4).toString()}%`;
}

/**
 * Splits `whole` into parts by `weights` (ratios summing to 1), each rounded to
 * `step`, with the rounding remainder given to the last part so the parts sum
 * exactly to the whole: 6.45 by 30% / 70% → 1.94 + 4.51; 100,000 by twelve
 * months → eleven × 8,333.33 and 8,333.37. With weights of one sign, no part
 * goes past what is left of the whole, so no part has the opposite sign (0.06 by
 * twelve → six × 0.01). Weights of both signs (a line shared among deals and a
 * credit note) give parts of both signs and are not capped: 70 by 1,000/700 and
 * −300/700 → 100 and −30.
 */
export function splitExact(whole: Decimal, weights: Decimal[], step: string, mode: RoundingMode = 'half-up'): Decimal[] {
  const parts: Decimal[] = [];
  let allocated = new Decimal(0);
  const negative = whole.isNegative();
  const mixedSigns = weights.some((w) => w.isNegative()) && weights.some((w) => w.isPositive());
  for (let i = 0; i < weights.length; i++) {
    const left = whole.minus(allocated);
    let part = i === weights.length - 1 ? left : roundTo(whole.mul(weights[i]), step, mode);
    if (!mixedSigns && (negative ? part.lt(left) : part.gt(left))) part = left;
    parts.push(part);
    allocated = allocated.plus(part);
  }
  return parts;
}
