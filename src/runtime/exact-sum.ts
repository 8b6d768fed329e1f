/**
 * Sums of non-negative 40-digit decimals (relationship scores: Σ points × weight × fading) held as
 * scaled BigInts, giving exactly what adding the same Decimals one by one gives — decimal.js
 * rounds each sum to 40 significant digits, half-up (src/graph/decimal.ts) — at a fraction of the
 * cost: one or two integer additions per term instead of a Decimal built per `plus`.
 *
 * Why it is the same: let the running total t (already on the 40-digit grid of its magnitude)
 * and the term v be ≥ 0, and s = t + v exactly. decimal.js returns s rounded half-up at unit
 * 10^(k−40), k the number of integer digits of s (k ≤ 0 below 1). When s has the same magnitude
 * as t, t is a multiple of that unit, so round(t + v) = t + round(v): the term rounded at each
 * magnitude is worked out once (per term and magnitude) and added. When s reaches a higher power
 * of ten, s itself is rounded. Terms that are negative or have more than SUM_SCALE decimals are
 * not held (`termOf` returns null) and the caller adds Decimals instead.
 */
import { Decimal } from './decimal.js';

/** Decimals held: a term or total is stored as value × 10^SUM_SCALE. */
export const SUM_SCALE = 60;
/** Significant digits of every Decimal of a run (src/graph/decimal.ts). */
const DIGITS = 40;
const POW: bigint[] = Array.from({ length: SUM_SCALE + 64 }, (_, j) => 10n ** BigInt(j));
const SCALE = new Decimal(10).pow(SUM_SCALE);

/** A term ready to be summed: its scaled value, magnitude and its roundings (made on first use). */
export interface SumTerm {
  big: bigint;
  /** Integer digits of the value (1 for 1–9.99…, 0 for 0.1–0.99…, −1 for 0.01–0.099…); unused for 0. */
  k: number;
  /** The value rounded half-up at the 40-digit unit of magnitude `k + j`, by j. */
  rounded: (bigint | undefined)[];
}

/** The term of a Decimal, or null when it is negative or has more than SUM_SCALE decimals. */
export function termOf(d: Decimal): SumTerm | null {
  if (d.isNeg() || d.decimalPlaces() > SUM_SCALE) return null;
  if (d.isZero()) return { big: 0n, k: 0, rounded: [] };
  return { big: BigInt(d.mul(SCALE).toFixed(0)), k: d.e + 1, rounded: [] };
}

/** `x` (scaled, ≥ 0) rounded half-up to 40 significant digits for magnitude `k`. */
function roundAt(x: bigint, k: number): bigint {
  const p = SUM_SCALE + k - DIGITS;
  if (p <= 0) return x; // the unit is finer than the scale: x is already on the grid
  const unit = POW[p];
  const q = x / unit;
  const r = x - q * unit;
  return (r * 2n >= unit ? q + 1n : q) * unit;
}

/** A running total, added to as decimal.js's `plus` would. */
export class ExactSum {
  private t = 0n;
  private k = 0;

  add(term: SumTerm): void {
    if (term.big === 0n) return;
    if (this.t === 0n) {
      // 0 + v is v (it has at most 40 significant digits).
      this.t = term.big;
      this.k = term.k;
      return;
    }
    const s = this.t + term.big;
    let k = this.k;
    while (k + SUM_SCALE < POW.length && s >= POW[SUM_SCALE + k]) k++;
    if (k === this.k) {
      const j = k - term.k;
      let r = term.rounded[j];
      if (r === undefined) r = term.rounded[j] = roundAt(term.big, k);
      this.t += r;
    } else {
      this.t = roundAt(s, k);
      this.k = k;
    }
    // Rounding up may reach the next power of ten exactly (99.9…95 → 100): still on every grid.
    if (this.t >= POW[SUM_SCALE + this.k]) this.k++;
  }

  /** The total as a Decimal (exact: it has at most 40 significant digits). */
  toDecimal(): Decimal {
    return this.t === 0n ? new Decimal(0) : new Decimal(`${this.t}e-${SUM_SCALE}`);
  }
}
