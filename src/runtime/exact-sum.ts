/**
 * Sums of non-negative 40-digit decimals (relationship scores: Σ points × weight × fading) held as
 * scaled integers (plain-number limbs, BigInts when the magnitude changes), giving exactly what
 * adding the same Decimals one by one gives — decimal.js
 * rounds each sum to 40 significant digits, half-up (src/graph/decimal.ts) — at a fraction of the
 * cost: three number additions per term instead of a Decimal built per `plus`.
 *
 * Why it is the same: let the running total t (already on the 40-digit grid of its magnitude)
 * and the term v be ≥ 0, and s = t + v exactly. decimal.js returns s rounded half-up at unit
 * 10^(k−40), k the number of integer digits of s (k ≤ 0 below 1). When s has the same magnitude
 * as t, t is a multiple of that unit, so round(t + v) = t + round(v): the term rounded at each
 * magnitude is worked out once (per term and magnitude) and added. When s reaches a higher power
 * of ten, s itself is rounded. Terms that are negative or have more than SUM_SCALE decimals are
 * not held (`SumTerms.of` returns -1) and the caller adds Decimals instead.
 *
 * Cost (issue 10, scale): a score adds a hundred terms out of a few thousand distinct ones (actions
 * × weights × ages), so the terms live in one table of flat arrays, numbered, and their roundings
 * as limbs of plain numbers (integers below 10^14: every limb sum is exact in a double); the total
 * is three such limbs. An addition at the total's magnitude is three number additions with no
 * object touched but the table — the terms as objects, each with its own arrays, cost a cache miss
 * or three per addition, more than the arithmetic. Only when the total reaches a power of ten, a
 * few times per sum, is the addition worked out on BigInts exactly as before.
 */
import { Decimal } from './decimal.js';

/** Decimals held: a term or total is stored as value × 10^SUM_SCALE. */
export const SUM_SCALE = 60;
/** Significant digits of every Decimal of a run (src/graph/decimal.ts). */
const DIGITS = 40;
const POW: bigint[] = Array.from({ length: SUM_SCALE + 64 }, (_, j) => 10n ** BigInt(j));
const SCALE = new Decimal(10).pow(SUM_SCALE);

/** `x` (scaled, ≥ 0) rounded half-up to 40 significant digits for magnitude `k`. */
function roundAt(x: bigint, k: number): bigint {
  const p = SUM_SCALE + k - DIGITS;
  if (p <= 0) return x; // the unit is finer than the scale: x is already on the grid
  const unit = POW[p];
  const q = x / unit;
  const r = x - q * unit;
  return (r * 2n >= unit ? q + 1n : q) * unit;
}

/** Limbs: base 10^14; three hold 42 digits (a total has at most 40, plus a carry). */
const LIMB = 1e14;
const BIG_LIMB = BigInt(LIMB);
/** The top limb at or above which a total in units of its magnitude's 40-digit grid has reached the next power of ten (10^40 units). */
const TOP = 1e12;
/** Lowest magnitude held in limbs: below it the grid's unit is finer than the scale (see `roundAt`). */
const MIN_LIMB_K = DIGITS - SUM_SCALE;

/** Highest magnitude a term may have for `addHigher` (far above any score; above it, BigInts as before). */
const MAX_LIMB_K = 40;

/** The units of the 40-digit grid of magnitude k (k ≥ MIN_LIMB_K). */
function unitOf(k: number): bigint {
  return POW[SUM_SCALE + k - DIGITS];
}

/**
 * Distinct terms of sums, numbered from 0: each one's scaled value (value × 10^SUM_SCALE), its
 * magnitude (integer digits: 1 for 1–9.99…, 0 for 0.1–0.99…, −1 for 0.01–0.099…) and its roundings
 * at the magnitudes a total may have, as limbs in units of that magnitude's grid (worked out on first use).
 */
export class SumTerms {
  /** Scaled value of each term. */
  readonly big: bigint[] = [];
  /** Magnitude of each term; 0 for zero. */
  readonly k: number[] = [];
  /** 1 for a zero term (tested first: a zero adds nothing). */
  readonly zero: number[] = [];
  /**
   * By total magnitude k (index k − MIN_LIMB_K): each term rounded at k, as limbs (low first) at
   * term × 3; NaN until worked out. One table per magnitude keeps the few a run's totals have
   * small and dense: the additions of a sum read one of them.
   */
  private readonly byK: (Float64Array | undefined)[] = [];
  /** The same layout with each term cut (rounded down) at k, for a total that crosses a power of ten (filled with `byK`). */
  private readonly cutByK: (Float64Array | undefined)[] = [];

  /** The number of a Decimal term, or -1 when it is negative or has more than SUM_SCALE decimals (add Decimals then). */
  of(d: Decimal): number {
    if (d.isNeg() || d.decimalPlaces() > SUM_SCALE) return -1;
    const id = this.big.length;
    const zero = d.isZero();
    this.big.push(zero ? 0n : BigInt(d.mul(SCALE).toFixed(0)));
    this.k.push(zero ? 0 : d.e + 1);
    this.zero.push(zero ? 1 : 0);
    return id;
  }

  /** The table of magnitude `k` (k ≥ MIN_LIMB_K), large enough for every term so far. */
  table(k: number): Float64Array {
    const at = k - MIN_LIMB_K;
    const table = this.byK[at];
    if (table !== undefined && table.length >= this.big.length * 3) return table;
    const size = Math.max(192, this.big.length * 6);
    const grown = new Float64Array(size).fill(Number.NaN);
    const cut = new Float64Array(size);
    if (table) {
      grown.set(table);
      cut.set(this.cutByK[at]!);
    }
    this.cutByK[at] = cut;
    return (this.byK[at] = grown);
  }

  /** The cut limbs of magnitude `k`, laid out as its `table(k)` (valid where that one is worked out). */
  cutTable(k: number): Float64Array {
    return this.cutByK[k - MIN_LIMB_K]!;
  }

  /**
   * The limbs of term `id` rounded at magnitude `k` (k ≥ its magnitude and MIN_LIMB_K) in `limbs`
   * (the table of k) from `id × 3`, and cut at k in the same place of `cutTable(k)`, worked out if need be.
   */
  fill(limbs: Float64Array, id: number, k: number): void {
    const o = id * 3;
    if (limbs[o] !== limbs[o]) {
      // NaN: not worked out yet.
      const units = roundAt(this.big[id], k) / unitOf(k);
      limbs[o] = Number(units % BIG_LIMB);
      limbs[o + 1] = Number((units / BIG_LIMB) % BIG_LIMB);
      limbs[o + 2] = Number(units / (BIG_LIMB * BIG_LIMB));
      const cutUnits = this.big[id] / unitOf(k);
      const cut = this.cutByK[k - MIN_LIMB_K]!;
      cut[o] = Number(cutUnits % BIG_LIMB);
      cut[o + 1] = Number((cutUnits / BIG_LIMB) % BIG_LIMB);
      cut[o + 2] = Number(cutUnits / (BIG_LIMB * BIG_LIMB));
    }
  }
}

/** Digits per word of decimal.js's representation (its `LOG_BASE`), and the word base. */
const LOG_BASE = 7;
const WORD = 1e7;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];
/** 10^0 … 10^14 (a limb's digits). */
const POW10_14 = Array.from({ length: 15 }, (_, j) => 10 ** j);

/**
 * The Decimal (c × 10^28 + b × 10^14 + a) × 10^exp for limbs 0 ≤ a, b < 10^14, 0 ≤ c < 10^15,
 * written as decimal.js's own fields — sign `s`, decimal exponent `e` of the leading digit, digits
 * `d` in base-10^7 words aligned on the decimal point, no zero word at either end — exactly what
 * its parser makes from the same digits (as src/graph/decimal-units.ts does for amounts; pinned
 * field by field against `new Decimal(text)` by test/unit/exact-sum-decimal.test.ts). Issue 10:
 * writing the digits out and parsing them was a fifth of the scores' time at a million deals.
 */
export function decimalOfLimbs(c: number, b: number, a: number, exp: number): Decimal {
  const x = new Decimal(0) as unknown as { s: number; e: number; d: number[] };
  if (a === 0 && b === 0 && c === 0) return x as unknown as Decimal;
  // The words of the integer (each limb is two words), then shifted left by r digits so that the
  // lowest word's last digit sits at an exponent that is a multiple of 7 (decimal.js's alignment).
  const r = ((exp % LOG_BASE) + LOG_BASE) % LOG_BASE;
  const m = POW10[r];
  const w = [0, Math.floor(c / WORD), c % WORD, Math.floor(b / WORD), b % WORD, Math.floor(a / WORD), a % WORD];
  let carry = 0;
  for (let i = 6; i >= 0; i--) {
    const v = w[i] * m + carry; // < 10^13 + 10^7: exact
    carry = Math.floor(v / WORD);
    w[i] = v - carry * WORD;
  }
  let first = 0;
  while (w[first] === 0) first++;
  let last = 6;
  while (w[last] === 0) last--;
  let digits = 1;
  while (digits < LOG_BASE && w[first] >= POW10[digits]) digits++;
  // Word i's lowest digit has exponent (exp − r) + 7 × (6 − i).
  x.e = exp - r + LOG_BASE * (6 - first) + digits - 1;
  x.d = w.slice(first, last + 1);
  return x as unknown as Decimal;
}

/** A running total of terms of one table, added to as decimal.js's `plus` would. */
export class ExactSum {
  /** Magnitude (integer digits) of the total; meaningful when it is not zero. */
  private k = 0;
  private zero = true;
  /** The total in units of its magnitude's grid, low limb first, while `big` is null (a typed array: no number is boxed). */
  private readonly l = new Float64Array(3);
  /** The scaled total when it is held as a BigInt (below MIN_LIMB_K), else null. */
  private big: bigint | null = null;
  /** The terms' table of the total's magnitude (while `big` is null). */
  private limbs: Float64Array | null = null;

  constructor(private readonly terms: SumTerms) {}

  /** Empties the total (a sum is reused from one score to the next). */
  reset(): void {
    this.zero = true;
    this.big = null;
    this.limbs = null;
  }

  /** Adds term `id` of the table. */
  add(id: number): void {
    const terms = this.terms;
    if (terms.zero[id] === 1) return;
    const tk = terms.k[id];
    if (this.zero) {
      // 0 + v is v (it has at most 40 significant digits): its limbs at its own magnitude.
      this.zero = false;
      if (tk >= MIN_LIMB_K) {
        const limbs = (this.limbs = terms.table(tk));
        terms.fill(limbs, id, tk);
        const o = id * 3;
        this.k = tk;
        this.big = null;
        this.l[0] = limbs[o];
        this.l[1] = limbs[o + 1];
        this.l[2] = limbs[o + 2];
      } else this.setScaled(terms.big[id], tk);
      return;
    }
    const j = this.k - tk;
    // A term of a higher magnitude than the total always moves it: the exact path below.
    if (this.big === null && j >= 0) {
      // The table grows as terms are made: a term newer than it takes a fresh look.
      let r = this.limbs!;
      if (r.length <= id * 3) r = this.limbs = terms.table(this.k);
      const o = id * 3;
      // Worked out on first use (NaN until then); tested here, not in a call, on every addition.
      if (r[o] !== r[o]) terms.fill(r, id, this.k);
      const l = this.l;
      let a = l[0] + r[o];
      let b = l[1] + r[o + 1];
      let c = l[2] + r[o + 2];
      if (a >= LIMB) {
        a -= LIMB;
        b += 1;
      }
      if (b >= LIMB) {
        b -= LIMB;
        c += 1;
      }
      // Below 10^40 units the exact sum is below 10^k too (t + round(v) < 10^k ⇒ t + v < 10^k): same magnitude.
      if (c < TOP) {
        l[0] = a;
        l[1] = b;
        l[2] = c;
        return;
      }
      this.carryUp(terms.cutTable(this.k), o);
      return;
    }
    if (this.big === null && tk <= MAX_LIMB_K) this.addHigher(id, tk);
    else this.addExactly(terms.big[id]);
  }

  /**
   * The total t (magnitude k, U units of its grid, held as limbs) plus term v of a higher magnitude
   * K = k + d (d ≥ 1), as decimal.js's `plus` gives it, in plain numbers (issue 10, compute2: the
   * BigInt path here ran a few times per score, a tenth of the scores' time). v has at most 40
   * significant digits, so it is V whole units of K's grid (its limbs at K are exact). With
   * W = ⌊U / 10^d⌋ and Q = V + W, the exact sum in units of K's grid is Q + f, 0 ≤ f < 1:
   * - Q < 10^40 ⇔ s < 10^K: s keeps magnitude K and is rounded half-up at its grid, Q + 1 when
   *   the digit of U at 10^(d−1) (the first one cut) is 5 or more, else Q; a result of 10^40
   *   units is 10^K exactly (magnitude K + 1, 10^39 units of its grid), as in `addExactly`;
   * - Q ≥ 10^40: s has magnitude K + 1 (s < 10^(K−1) + 10^K < 2 × 10^K) and is ⌊Q / 10⌋, plus one
   *   when Q's last digit is 5 or more (f cannot change that verdict), below 2 × 10^39 units.
   * Every step is on limbs below 10^15: exact in a double.
   */
  private addHigher(id: number, tk: number): void {
    const terms = this.terms;
    const rt = terms.table(tk);
    terms.fill(rt, id, tk);
    const o = id * 3;
    const d = tk - this.k;
    const l = this.l;
    // W = U shifted right by d digits, and the first digit cut (limb by limb: whole limbs, then r digits).
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let cutDigit = 0;
    if (d <= 42) {
      const q = Math.floor(d / 14);
      const r = d - q * 14;
      const u0 = q === 0 ? l[0] : q === 1 ? l[1] : q === 2 ? l[2] : 0;
      const u1 = q === 0 ? l[1] : q === 1 ? l[2] : 0;
      const u2 = q === 0 ? l[2] : 0;
      const p = POW10_14[r];
      const up = POW10_14[14 - r];
      const h0 = Math.floor(u0 / p);
      const h1 = Math.floor(u1 / p);
      const h2 = Math.floor(u2 / p);
      w0 = h0 + (u1 - h1 * p) * up;
      w1 = h1 + (u2 - h2 * p) * up;
      w2 = h2;
      // The digit of U at 10^(d−1): digit (d−1) mod 14 of limb ⌊(d−1) / 14⌋.
      const at = d - 1;
      const limb = at < 14 ? l[0] : at < 28 ? l[1] : l[2];
      const x = Math.floor(limb / POW10_14[at % 14]);
      cutDigit = x - Math.floor(x / 10) * 10;
    }
    let a = rt[o] + w0;
    let b = rt[o + 1] + w1;
    let c = rt[o + 2] + w2;
    if (a >= LIMB) {
      a -= LIMB;
      b += 1;
    }
    if (b >= LIMB) {
      b -= LIMB;
      c += 1;
    }
    let k = tk;
    if (c < TOP) {
      if (cutDigit >= 5) {
        a += 1;
        if (a >= LIMB) {
          a -= LIMB;
          b += 1;
          if (b >= LIMB) {
            b -= LIMB;
            c += 1;
          }
        }
        if (c >= TOP) {
          // Rounded up to 10^K exactly: 10^39 units of the next grid.
          k += 1;
          a = 0;
          b = 0;
          c = TOP / 10;
        }
      }
    } else {
      // Q / 10 half-up, limb by limb from the top (as `carryUp`).
      const c1 = Math.floor(c / 10);
      const bb = (c - c1 * 10) * LIMB + b;
      const b1 = Math.floor(bb / 10);
      const aa = (bb - b1 * 10) * LIMB + a;
      const a1 = Math.floor(aa / 10);
      a = a1;
      b = b1;
      c = c1;
      if (aa - a1 * 10 >= 5) {
        a += 1;
        if (a >= LIMB) {
          a -= LIMB;
          b += 1;
          if (b >= LIMB) {
            b -= LIMB;
            c += 1;
          }
        }
      }
      k += 1;
    }
    this.k = k;
    this.limbs = terms.table(k);
    l[0] = a;
    l[1] = b;
    l[2] = c;
  }

  /**
   * Adds terms `ids[from, to)` of the table in that order: exactly what `add` of each one in turn
   * does (the same limbs, the same rounding), with the total's limbs held in locals while its
   * magnitude stays put (issue 10, compute2: at a million deals a hundred million additions, each
   * reading and writing the total's three limbs through the object, were a quarter of the scores).
   * Whatever is not the plain case — a zero total, a total held as a BigInt, a term of a higher
   * magnitude, a sum that reaches the next power of ten — is handed to `add`, limbs stored first.
   */
  addMany(ids: Int32Array, from: number, to: number): void {
    const terms = this.terms;
    const zero = terms.zero;
    const mag = terms.k;
    const l = this.l;
    let i = from;
    while (i < to) {
      if (this.zero || this.big !== null) {
        this.add(ids[i++]);
        continue;
      }
      const k = this.k;
      let r = this.limbs!;
      let a = l[0];
      let b = l[1];
      let c = l[2];
      for (; i < to; i++) {
        const id = ids[i];
        if (zero[id] === 1) continue;
        if (mag[id] > k) break;
        const o = id * 3;
        if (r.length <= o) r = this.limbs = terms.table(k);
        if (r[o] !== r[o]) terms.fill(r, id, k);
        let na = a + r[o];
        let nb = b + r[o + 1];
        let nc = c + r[o + 2];
        if (na >= LIMB) {
          na -= LIMB;
          nb += 1;
        }
        if (nb >= LIMB) {
          nb -= LIMB;
          nc += 1;
        }
        if (nc >= TOP) break; // reaches the next power of ten: `add` carries it up
        a = na;
        b = nb;
        c = nc;
      }
      l[0] = a;
      l[1] = b;
      l[2] = c;
      if (i < to) this.add(ids[i++]);
    }
  }

  /**
   * The total t (magnitude k) plus term v (magnitude ≤ k) when t + round(v) reached 10^k: the sum s
   * is below 2 × 10^k, so decimal.js rounds it at magnitude k + 1 (or it is exactly 10^k). With
   * X = t + v cut at k's grid, in units of that grid, s / unit = X + f with 0 ≤ f < 1, and s rounded
   * half-up at the next grid (ten units) is ⌊X / 10⌋, plus one when X's last digit is 5 or more —
   * f cannot change that digit's verdict. (When s < 10^k and only the rounded term reached 10^k,
   * X = 10^40 − 1 and this gives 10^39 units of the next grid: 10^k, as decimal.js does.) Plain
   * numbers throughout: each step below 10^15, exact in a double (issue 10: the BigInt path here
   * cost a fifth of the scores).
   */
  private carryUp(cut: Float64Array, o: number): void {
    const l = this.l;
    let a = l[0] + cut[o];
    let b = l[1] + cut[o + 1];
    let c = l[2] + cut[o + 2];
    if (a >= LIMB) {
      a -= LIMB;
      b += 1;
    }
    if (b >= LIMB) {
      b -= LIMB;
      c += 1;
    }
    // X / 10, limb by limb from the top (every partial value below 10^15).
    const c1 = Math.floor(c / 10);
    const bb = (c - c1 * 10) * LIMB + b;
    let b1 = Math.floor(bb / 10);
    const aa = (bb - b1 * 10) * LIMB + a;
    let a1 = Math.floor(aa / 10);
    let c2 = c1;
    if (aa - a1 * 10 >= 5) {
      a1 += 1;
      if (a1 >= LIMB) {
        a1 -= LIMB;
        b1 += 1;
        if (b1 >= LIMB) {
          b1 -= LIMB;
          c2 += 1;
        }
      }
    }
    this.k += 1;
    this.limbs = this.terms.table(this.k);
    l[0] = a1;
    l[1] = b1;
    l[2] = c2;
  }

  /**
   * True when the total is greater than term `id` (what `toDecimal().gt(term)` says, without
   * making the Decimal). Above the term's magnitude the total is ≥ 10^(k−1) ≥ 10^(term's k) > term;
   * below it, smaller. At the same magnitude the total is U units of the grid and the term T ≥ 0
   * exactly: with C = ⌊T / unit⌋ (the term cut at the grid), U > C ⇔ U × unit > T.
   */
  exceeds(id: number): boolean {
    if (this.zero) return false;
    const terms = this.terms;
    if (terms.zero[id] === 1) return true;
    const tk = terms.k[id];
    if (this.big !== null || this.k !== tk) return this.big !== null ? this.big > terms.big[id] : this.k > tk;
    let r = this.limbs!;
    if (r.length <= id * 3) r = this.limbs = terms.table(this.k);
    terms.fill(r, id, this.k);
    const cut = terms.cutTable(this.k);
    const o = id * 3;
    const l = this.l;
    if (l[2] !== cut[o + 2]) return l[2] > cut[o + 2];
    if (l[1] !== cut[o + 1]) return l[1] > cut[o + 1];
    return l[0] > cut[o];
  }

  /** The total as a Decimal (exact: it has at most 40 significant digits). */
  toDecimal(): Decimal {
    if (this.zero) return new Decimal(0);
    if (this.big !== null) return new Decimal(`${this.big}e-${SUM_SCALE}`);
    // The limbs in units of the grid 10^(k − 40), without a BigInt nor a text.
    return decimalOfLimbs(this.l[2], this.l[1], this.l[0], this.k - DIGITS);
  }

  /** The total × 10^SUM_SCALE. */
  private scaled(): bigint {
    if (this.big !== null) return this.big;
    return ((BigInt(this.l[2]) * BIG_LIMB + BigInt(this.l[1])) * BIG_LIMB + BigInt(this.l[0])) * unitOf(this.k);
  }

  /** Holds a scaled total of magnitude k (on its grid): as limbs when the grid's unit is whole. */
  private setScaled(t: bigint, k: number): void {
    this.k = k;
    if (k < MIN_LIMB_K) {
      this.big = t;
      return;
    }
    this.big = null;
    this.limbs = this.terms.table(k);
    const units = t / unitOf(k);
    this.l[0] = Number(units % BIG_LIMB);
    this.l[1] = Number((units / BIG_LIMB) % BIG_LIMB);
    this.l[2] = Number(units / (BIG_LIMB * BIG_LIMB));
  }

  /** The addition of a scaled term as decimal.js does it, on BigInts: when the total changes magnitude (or is held as a BigInt). */
  private addExactly(v: bigint): void {
    const t = this.scaled();
    const s = t + v;
    let k = this.k;
    while (k + SUM_SCALE < POW.length && s >= POW[SUM_SCALE + k]) k++;
    const next = k === this.k ? t + roundAt(v, k) : roundAt(s, k);
    // Rounding up may reach the next power of ten exactly (99.9…95 → 100): still on every grid.
    if (next >= POW[SUM_SCALE + k]) k++;
    this.setScaled(next, k);
  }
}
