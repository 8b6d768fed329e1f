/**
 * {@link releaseStage} (release.ts) of a cash or invoice stage in whole minor units (issue 10: about
 * a million such stages at 1,000,000 deals, each a few Decimal divisions, products and roundings).
 *
 * The proportion reached after each row is total ÷ the deal's amount, capped at 1; releaseStage
 * compares and multiplies 40-digit Decimal quotients. Totals and the deal's amount are whole minor
 * units below 2^53, so two different totals give quotients at least 2^-53 apart relative to each
 * other — far more than the Decimal's rounding (1e-39): "reached more than before" is "a larger
 * total than before", and 100% is "a total of at least the deal's amount". Each release's target,
 * round(stage amount × reached), is the exact rational rounded by the mode (split-units.ts
 * `roundQuotient`), which gives up near a rounding point: then, or for any amount that is not a
 * whole number of minor units, this returns null and releaseStage decides.
 */
import type { RoundingMode } from '../money.js';
import type { StageEvent } from './events.js';
import { toMinorUnits } from '../minor-units.js';
import { roundQuotient } from './split-units.js';

/** One release: its amount (minor units), the day it is released, and the row's day and total so far (minor units) its words name. */
export interface UnitsPiece {
  units: number;
  on: number;
  day: number;
  total: number;
}

/**
 * The releases of a cash or invoice stage of `amount` minor units, for a deal of `whole` minor
 * units (above zero), credited on `creditDate`, from its rows `events` (by date): `pieces` released,
 * and `left` (minor units) not released by the end of the data, with `collected` the total collected
 * (or invoiced), capped at the deal's amount, that the held part's words name. Null when releaseStage
 * must decide (see the file's comment). The step of rounding must be one minor unit.
 */
export function releaseUnits(amount: number, whole: number, creditDate: number, events: readonly StageEvent[], digits: number, mode: RoundingMode): { pieces: UnitsPiece[]; left: number; collected: number } | null {
  const days = events.map((e) => e.date);
  const units = events.map((e) => toMinorUnits(e.measure, digits));
  return releaseUnitsOf(amount, whole, creditDate, days, units, 0, events.length, mode);
}

/**
 * {@link releaseUnits} over a deal's rows held as columns (`DealEvents.days` / `units`, rows
 * [from, to), by date): the rows' measures already in whole minor units (NaN for one that is not:
 * then null). No Decimal is read (issue 10: about a million cash and invoice stages at 1,000,000
 * deals, each reading its deal's rows).
 */
export function releaseUnitsOf(amount: number, whole: number, creditDate: number, days: ArrayLike<number>, units: ArrayLike<number>, from: number, to: number, mode: RoundingMode): { pieces: UnitsPiece[]; left: number; collected: number } | null {
  if (!(whole > 0) || !Number.isSafeInteger(whole) || !Number.isSafeInteger(amount)) return null;
  const pieces: UnitsPiece[] = [];
  let released = 0;
  let reached = 0;
  let total = 0;
  for (let k = from; k < to; k++) {
    const m = units[k];
    if (Number.isNaN(m)) return null;
    total += m;
    if (!Number.isSafeInteger(total)) return null;
    if (!(total > reached)) continue;
    reached = Math.min(total, whole);
    const product = amount * total;
    const target = reached === whole ? amount : roundQuotient(Number.isSafeInteger(product) ? product : BigInt(amount) * BigInt(total), whole, mode);
    if (Number.isNaN(target)) return null;
    const step = target - released;
    if (step === 0) continue;
    released = target;
    const date = days[k];
    pieces.push({ units: step, on: Math.max(date, creditDate), day: date, total });
  }
  return { pieces, left: amount - released, collected: Math.min(total, whole) };
}

/**
 * The row that releases a completion stage, read in whole minor units: the first of rows
 * [from, to) (by date) whose percent complete, as a ratio in minor units of `digits` digits
 * (100% → 10^digits), is at least 100% — releaseStage's `events.find(e => e.measure.gte(1))`,
 * exact since the units are exact integers. -1 when a row before it is not in whole minor units
 * (NaN: its measure is not known here) or no row reaches 100% (the held part's words name the
 * highest percent): then releaseStage decides.
 */
export function completedRow(units: ArrayLike<number>, from: number, to: number, digits: number): number {
  const whole = 10 ** digits;
  if (!Number.isSafeInteger(whole)) return -1;
  for (let k = from; k < to; k++) {
    const m = units[k];
    if (Number.isNaN(m)) return -1;
    if (m >= whole) return k;
  }
  return -1;
}
