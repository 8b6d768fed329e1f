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
import { toMinorUnits } from './release-table.js';
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
  if (!(whole > 0) || !Number.isSafeInteger(whole) || !Number.isSafeInteger(amount)) return null;
  const pieces: UnitsPiece[] = [];
  let released = 0;
  let reached = 0;
  let total = 0;
  for (const e of events) {
    const m = toMinorUnits(e.measure, digits);
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
    pieces.push({ units: step, on: Math.max(e.date, creditDate), day: e.date, total });
  }
  return { pieces, left: amount - released, collected: Math.min(total, whole) };
}
