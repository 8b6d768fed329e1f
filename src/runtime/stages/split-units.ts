/**
 * {@link splitExact} (runtime/money.ts) in whole units of the rounding step, for the splits a
 * `pay … in stages` section makes per part (issue 10: at 1,000,000 deals a line is shared among
 * its deals and each part among its stages about 2 million times, and the Decimal divisions,
 * products and roundings were a good part of the section's time).
 *
 * splitExact rounds `whole × weight` (weight = a ÷ total, a 40-digit Decimal) to the step: the
 * Decimal product differs from the exact rational `whole × a ÷ total` by far less than 1e-15 of a
 * step when the parts are below 2^53 steps and the step is 1, 0.1, …, 0.000001 (40 significant
 * digits: a relative error under 1e-39 per operation; the snap to 20 decimal places, under 5e-15
 * of such a step). So the exact rational rounded by the same mode gives the same part — unless it
 * lies within 1e-9 of a step of a point where the mode changes its answer (half a step for the
 * half modes, a whole step for `up`/`down`) without being exactly on it: there the Decimal path
 * might have snapped onto that point, and the split is left to splitExact (`null`). Exactly on such
 * a point, both round the same exact value. Parts, caps and the last part's remainder are then
 * plain integer sums, exact below 2^53; anything that could pass 2^53 gives `null` too.
 */
import type { RoundingMode } from '../money.js';

const SAFE = Number.MAX_SAFE_INTEGER;
/** How close (in steps) to a rounding point a part may lie and still be computed here. */
const NEAR = 1e-9;

/**
 * The number of decimal places of a step written `1`, `0.1`, `0.01`, … `0.000001`, or -1 for any
 * other step (`0.05`, `5`, `0.0000001`): those are split by splitExact.
 */
export function stepPlaces(step: string): number {
  const m = /^(?:1|0\.(0*)1)$/.exec(step);
  if (!m) return -1;
  const places = m[1] === undefined ? 0 : m[1].length + 1;
  return places <= 6 ? places : -1;
}

/**
 * `num ÷ den` (integers, den > 0) rounded to a whole number by `mode` as roundTo does (half-up:
 * half away from zero), or NaN when the quotient lies near a rounding point without being on it
 * (see the file's comment) or the result would pass 2^53.
 */
export function roundQuotient(num: number | bigint, den: number | bigint, mode: RoundingMode): number {
  if (typeof num === 'number' && typeof den === 'number' && Math.abs(num) <= SAFE && den <= SAFE) return roundSafe(num, den, mode);
  return roundBig(BigInt(num), BigInt(den), mode);
}

function roundSafe(num: number, den: number, mode: RoundingMode): number {
  const n = Math.abs(num);
  const r = n % den;
  const q = (n - r) / den;
  let away: boolean;
  if (r === 0) away = false;
  else {
    // The fraction as a double (relative error 2^-53): only used where it is far from the rounding point.
    const frac = r / den;
    if (mode === 'up' || mode === 'down') {
      if (frac < NEAR || frac > 1 - NEAR) return NaN;
      away = mode === 'up';
    } else if (r * 2 === den) away = mode === 'half-up' || (mode === 'half-even' && q % 2 === 1);
    else {
      if (Math.abs(frac - 0.5) < NEAR) return NaN;
      away = frac > 0.5;
    }
  }
  const units = away ? q + 1 : q;
  if (units > SAFE) return NaN;
  return num < 0 && units !== 0 ? -units : units;
}

const NEAR_BIG = 1_000_000_000n;

function roundBig(num: bigint, den: bigint, mode: RoundingMode): number {
  const n = num < 0n ? -num : num;
  const r = n % den;
  const q = n / den;
  let away: boolean;
  if (r === 0n) away = false;
  else if (mode === 'up' || mode === 'down') {
    if (r * NEAR_BIG < den || (den - r) * NEAR_BIG < den) return NaN;
    away = mode === 'up';
  } else if (r * 2n === den) away = mode === 'half-up' || (mode === 'half-even' && q % 2n === 1n);
  else {
    const off = r * 2n - den;
    if ((off < 0n ? -off : off) * NEAR_BIG < den * 2n) return NaN;
    away = off > 0n;
  }
  const units = away ? q + 1n : q;
  if (units > BigInt(SAFE)) return NaN;
  return units === 0n ? 0 : Number(num < 0n ? -units : units);
}

/**
 * splitExact(whole, weights[k] ÷ den, step, mode) in steps: `whole` and the weights are safe
 * integers (whole in steps, the weights in any one unit; for a line shared among deals, den is the
 * weights' sum; for a part shared among stages, the shares' scale, 10^places), den is not zero.
 * Returns the parts in steps, or null when splitExact must decide (see the file's comment).
 *
 * A weight's sign is read as decimal.js reads the quotient's: a zero weight over a positive den is
 * +0, "positive"; over a negative den −0, "negative" (a zero amount must be +0: the caller passes
 * no −0).
 */
export function splitUnits(whole: number, weights: readonly number[], den: number, mode: RoundingMode): number[] | null {
  if (!Number.isSafeInteger(whole) || !Number.isSafeInteger(den) || den === 0) return null;
  const last = weights.length - 1;
  // A negative den: the same quotients with both signs turned (a ÷ den = −a ÷ −den).
  const flip = den < 0;
  const d = flip ? -den : den;
  let negativeWeight = false;
  let positiveWeight = false;
  for (const w of weights) {
    if (!Number.isSafeInteger(w)) return null;
    if (w < 0 !== flip) negativeWeight = true;
    else positiveWeight = true;
  }
  const mixedSigns = negativeWeight && positiveWeight;
  const negative = whole < 0;
  const parts: number[] = new Array(weights.length);
  let allocated = 0;
  for (let i = 0; i <= last; i++) {
    const left = whole - allocated;
    if (!Number.isSafeInteger(left)) return null;
    let part: number;
    if (i === last) part = left;
    else {
      const w = flip ? -weights[i] : weights[i];
      const product = whole * w;
      part = roundQuotient(Number.isSafeInteger(product) ? product : BigInt(whole) * BigInt(w), d, mode);
      if (Number.isNaN(part)) return null;
      if (!mixedSigns && (negative ? part < left : part > left)) part = left;
    }
    parts[i] = part;
    allocated += part;
    if (!Number.isSafeInteger(allocated)) return null;
  }
  return parts;
}
