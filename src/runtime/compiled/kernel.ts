/**
 * The fused comparison kernel: one hand-written loop, chosen when the decision is compiled, that
 * decides the common shape of a per-deal condition — a comparison of two linear combinations of at
 * most two numeric columns, one side possibly divided by a third (`1 − amount ÷ list price > 20%`),
 * optionally behind a yes/no gate (`won and …`) — without the vectorised program's temporary
 * arrays (decision.ts runs one loop per expression node; this runs one loop in all). It is a fixed
 * loop taking parameters (the coefficients), never generated code.
 *
 * At compile time the comparison is rewritten exactly (BigInt fractions) into
 *     sign(W) · sign(D) OP 0,   W = wx·X + wy·Y + wk,   D = dx·X + dy·Y + dk,
 * where X, Y are the columns' scaled integers (money in minor units) and the coefficients are
 * integers: `1 − amount ÷ list > 0.2` with both columns in whole units is `W = 4·list − 5·amount`,
 * `D = list`. Per row: a missing value is UNKNOWN, a value that cannot be held exactly is FALLBACK,
 * a divisor D = 0 is UNKNOWN (the decimal evaluator's division by zero gives a missing value).
 *
 * Why the answer is the decimal evaluator's (expr.ts, 40 significant digits, half-up), on every row
 * that is not FALLBACK — each point is checked at compile time from the columns' largest values, or
 * the kernel is not used (the vectorised program then decides):
 * 1. W and D are computed exactly in doubles: Σ|coefficient|·max|X| + |constant| ≤ 2^53 − 1.
 * 2. Every value the decimal evaluator computes before the division (and every term added after
 *    it) is an exact decimal with at most 15 decimals and, times 10^decimals, at most 2^53 − 1 in
 *    magnitude: at most 16 significant digits, so the decimals hold it exactly.
 * 3. There is at most one division, on a comparison's side, and after it only `+ −` with such
 *    exact terms (constants, or columns when the divisor is a constant) and negation; its quotient
 *    and every later value are at most 2^53 in magnitude. So the decimals' value of that side is
 *    within 4 · 2^53 · 5·10^-40 < 10^-22 of the exact fraction.
 * 4. Two sides that differ, differ by at least 1/(LW · max|D| / LD) ≥ 1/2^53 > 10^-16 (LW, LD the
 *    integers that cleared W's and D's denominators): far more than the rounding, so the sign is the
 *    decimals' sign.
 * 5. Two sides that are EQUAL: the quotient then equals an exact decimal (the other side minus the
 *    terms added after the division: at most 17 integer digits and 15 decimals), which the
 *    decimals' correctly rounded division returns exactly, and the additions after it are exact
 *    (point 2): the decimals find them equal too. (An equality after a division in any other shape
 *    — a quotient multiplied, two divisions — is still left to the decimals by decision.ts.)
 */
import type { TExpr } from '../../graph/ir.js';
import { Decimal } from '../decimal.js';
import { type Column, INEXACT, MAX_EXACT, PRESENT, columnOf } from './columns.js';
import * as answers from './common.js';
import { type BoolVec, type DecisionContext, derivedOf } from './common.js';

// The answers as this module's own constants: an imported binding is loaded afresh on every pass of
// a loop (measured: 3.6 → 1.9 ns per deal), a module constant is folded into the compiled loop.
const { FALSE, TRUE, UNKNOWN, FALLBACK } = answers;

/** An exact fraction n/d (d > 0, reduced): the compile-time algebra only, never per row. */
interface Q {
  n: bigint;
  d: bigint;
}
const big = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = big(a);
  b = big(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function q(n: bigint, d = 1n): Q {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}
const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const absQ = (a: Q): Q => ({ n: big(a.n), d: a.d });
const ZERO: Q = { n: 0n, d: 1n };
const ONE: Q = { n: 1n, d: 1n };
const LIMIT = BigInt(MAX_EXACT);
/** a ≤ limit (an integer). */
const within = (a: Q, limit: bigint) => a.n <= limit * a.d;

class NotKernel extends Error {}
const not = (why: string): never => {
  throw new NotKernel(why);
};

/** A column read by the kernel: value = X / scale, X its scaled integers; `max` the largest |X| over its present rows. */
interface Slot {
  col: Column;
  max: bigint;
}

/** Σ coef·X + c over columns' scaled integers; `refs` every column read (a missing value there makes the value missing, even if its coefficient cancelled); `dp` the most decimals the value can have. */
interface Lin {
  terms: Map<string, Q>;
  c: Q;
  refs: Set<string>;
  dp: number;
}
/** num / den, the one division (rounded by the decimals); `max` bounds its magnitude. */
interface Rat {
  num: Lin;
  den: Lin;
  max: Q;
}
type Side = { lin: Lin } | { rat: Rat };

const maxCache = new WeakMap<Column, bigint>();
/** The largest |X| over the present rows of a column (columns kept across runs never change). */
function maxOf(col: Column): bigint {
  let m = maxCache.get(col);
  if (m === undefined) {
    let x = 0;
    for (let i = 0; i < col.v.length; i++) if (col.state[i] === PRESENT && Math.abs(col.v[i]) > x) x = Math.abs(col.v[i]);
    maxCache.set(col, (m = BigInt(x)));
  }
  return m;
}

const isNumeric = (t: string) => t === 'money' || t === 'number' || t === 'ratio';
const union = (a: Set<string>, b: Set<string>) => new Set([...a, ...b]);
const isConst = (l: Lin) => l.refs.size === 0;

class Builder {
  readonly slots = new Map<string, Slot>();
  constructor(private readonly dc: DecisionContext) {}

  /** An upper bound of |value| over the present rows. */
  bound(l: Lin): Q {
    let b = absQ(l.c);
    for (const [key, coef] of l.terms) b = add(b, mul(absQ(coef), q(this.slots.get(key)!.max)));
    return b;
  }

  /** Point 2: the decimals hold this value exactly (at most 16 significant digits). */
  exact(l: Lin): Lin {
    if (l.dp > 15 || !within(mul(this.bound(l), q(10n ** BigInt(l.dp))), LIMIT)) not('value too large to be exact');
    return l;
  }

  side(e: TExpr): Side {
    switch (e.k) {
      case 'lit': {
        if (!isNumeric(e.t) || typeof e.v !== 'string') return not('literal');
        const x = new Decimal(e.v);
        const dp = x.decimalPlaces();
        if (dp > 15) return not('literal with too many decimals');
        return { lin: this.exact({ terms: new Map(), c: q(BigInt(x.mul(10 ** dp).toFixed(0)), 10n ** BigInt(dp)), refs: new Set(), dp }) };
      }
      case 'field': {
        const inline = derivedOf(e.path, this.dc);
        if (inline) return isNumeric(inline.t) ? this.side(inline) : not('derived type');
        if (!isNumeric(e.t)) return not('field type');
        const col = columnOf(e.path, e.t, this.dc.rows, this.dc.cc);
        // Only columns kept for the run (source fields): their values, and so their largest, never change.
        if (!col.cached) return not('column not kept');
        const key = `${e.t}:${e.path.map((s) => `${s.table}.${s.field}`).join('>')}`;
        this.slots.set(key, { col, max: maxOf(col) });
        const dp = Math.round(Math.log10(col.scale));
        return { lin: this.exact({ terms: new Map([[key, q(1n, BigInt(col.scale))]]), c: ZERO, refs: new Set([key]), dp }) };
      }
      case 'neg': {
        const a = this.side(e.e);
        return 'lin' in a ? { lin: scale(a.lin, q(-1n), 0) } : { rat: { ...a.rat, num: scale(a.rat.num, q(-1n), 0) } };
      }
      case 'bin': {
        if (!isNumeric(e.l.t) || !isNumeric(e.r.t)) return not('not numbers');
        const a = this.side(e.l);
        const b = this.side(e.r);
        if (e.op === '+' || e.op === '-') {
          const sign = e.op === '+' ? 1n : -1n;
          if ('lin' in a && 'lin' in b) return { lin: this.exact(sum(a.lin, b.lin, sign)) };
          const r = this.combine(a, b, sign);
          if (!within(r.max, LIMIT)) not('value after the division too large');
          return { rat: r };
        }
        if (e.op === '*') {
          if (!('lin' in a) || !('lin' in b)) return not('product after a division');
          if (isConst(a.lin)) return { lin: this.exact(scale(b.lin, a.lin.c, a.lin.dp)) };
          if (isConst(b.lin)) return { lin: this.exact(scale(a.lin, b.lin.c, b.lin.dp)) };
          return not('product of two columns');
        }
        if (e.op === '/') {
          if (!('lin' in a) || !('lin' in b)) return not('a second division');
          // |quotient| ≤ max|num| / min|den|, and a non-zero den with dp decimals is at least 10^-dp.
          const max = mul(this.bound(a.lin), q(10n ** BigInt(b.lin.dp)));
          if (!within(max, LIMIT)) return not('quotient too large');
          return { rat: { num: a.lin, den: b.lin, max } };
        }
        return not(`operator ${e.op}`);
      }
      default:
        return not(e.k);
    }
  }

  /** a ± b where one side is the division: (N ± L·D) / D, when L or D is a constant (else not linear). */
  combine(a: Side, b: Side, sign: bigint): Rat {
    if ('rat' in a && 'rat' in b) return not('two divisions');
    if ('rat' in a) {
      const l = (b as { lin: Lin }).lin;
      return { num: sum(a.rat.num, this.times(l, a.rat.den), sign), den: a.rat.den, max: add(a.rat.max, this.bound(l)) };
    }
    const r = (b as { rat: Rat }).rat;
    return { num: sum(this.times(a.lin, r.den), r.num, sign), den: r.den, max: add(r.max, this.bound(a.lin)) };
  }

  /** l · den, linear only when one of them is a constant. */
  times(l: Lin, den: Lin): Lin {
    if (isConst(l)) return { ...scale(den, l.c, l.dp), refs: union(den.refs, l.refs) };
    if (isConst(den)) return { ...scale(l, den.c, den.dp), refs: union(den.refs, l.refs) };
    return not('column times a column divisor');
  }
}

function sum(a: Lin, b: Lin, sign: bigint): Lin {
  const terms = new Map(a.terms);
  for (const [k, v] of b.terms) terms.set(k, add(terms.get(k) ?? ZERO, mul(v, q(sign))));
  return { terms, c: add(a.c, mul(b.c, q(sign))), refs: union(a.refs, b.refs), dp: Math.max(a.dp, b.dp) };
}

function scale(a: Lin, k: Q, dp: number): Lin {
  const terms = new Map([...a.terms].map(([key, v]) => [key, mul(v, k)] as [string, Q]));
  return { terms, c: mul(a.c, k), refs: a.refs, dp: a.dp + dp };
}

/** The parameters of the loop: W and D as integer coefficients over at most two columns. */
interface Plan {
  x: Column;
  y: Column;
  wx: number;
  wy: number;
  wk: number;
  dx: number;
  dy: number;
  dk: number;
  /** The answer for sign(W·D) = −1, 0, +1. */
  below: number;
  equal: number;
  above: number;
  /** `>` and `<` (W negated): the rows kept are exactly those with W·D > 0, read by the fastest loop. */
  positive: { wx: number; wy: number; wk: number } | null;
  /** The rows, in order, where a column holds a value that cannot be held exactly (NaN in the columns, as missing values are). */
  inexact: Int32Array;
}

const OUTCOMES: Record<string, [number, number, number]> = {
  '=': [FALSE, TRUE, FALSE],
  '!=': [TRUE, FALSE, TRUE],
  '<': [TRUE, FALSE, FALSE],
  '<=': [TRUE, TRUE, FALSE],
  '>': [FALSE, FALSE, TRUE],
  '>=': [FALSE, TRUE, TRUE],
};

/** Integer coefficients of `l` over the slots (times the lcm of its denominators), and that lcm; null when W or D could pass 2^53. */
function integers(l: Lin, keys: string[], b: Builder): { coefs: bigint[]; k: bigint; lcm: bigint; max: bigint } | null {
  let lcm = l.c.d;
  for (const v of l.terms.values()) lcm = (lcm / gcd(lcm, v.d)) * v.d;
  const coefs = keys.map((key) => {
    const v = l.terms.get(key) ?? ZERO;
    return (v.n * lcm) / v.d;
  });
  const k = (l.c.n * lcm) / l.c.d;
  let max = big(k);
  keys.forEach((key, j) => (max += big(coefs[j]) * b.slots.get(key)!.max));
  return max <= LIMIT ? { coefs, k, lcm, max } : null;
}

/** The plan for comparison `e`, or null when it is not of the kernel's shape or not provably exact. */
function planOf(e: TExpr, dc: DecisionContext): Plan | null {
  if (e.k !== 'bin' || !(e.op in OUTCOMES) || !isNumeric(e.l.t) || !isNumeric(e.r.t)) return null;
  const b = new Builder(dc);
  let w: Lin;
  let d: Lin;
  let divided: boolean;
  try {
    const l = b.side(e.l);
    const r = b.side(e.r);
    if ('lin' in l && 'lin' in r) {
      w = sum(l.lin, r.lin, -1n);
      d = { terms: new Map(), c: ONE, refs: new Set(), dp: 0 };
      divided = false;
    } else {
      const x = b.combine(l, r, -1n);
      w = x.num;
      d = x.den;
      divided = true;
    }
  } catch (err) {
    if (err instanceof NotKernel) return null;
    throw err;
  }
  const keys = [...union(w.refs, d.refs)];
  if (keys.length === 0 || keys.length > 2) return null;
  // A divisor that is one column goes first, so the fastest loops read D as that column (x).
  if (keys.length === 2 && d.refs.size === 1 && d.refs.has(keys[1])) keys.reverse();
  const W = integers(w, keys, b);
  const D = integers(d, keys, b);
  if (!W || !D) return null;
  // Point 4: unequal sides differ by more than the decimals' rounding.
  if (divided && D.max * W.lcm > LIMIT * D.lcm) return null;
  const [below, equal, above] = OUTCOMES[e.op];
  const x = b.slots.get(keys[0])!.col;
  const y = keys.length > 1 ? b.slots.get(keys[1])!.col : x;
  const n = (v: bigint | undefined) => Number(v ?? 0n);
  const [wx, wy, wk] = [n(W.coefs[0]), n(W.coefs[1]), n(W.k)];
  const positive = e.op === '>' ? { wx, wy, wk } : e.op === '<' ? { wx: -wx, wy: -wy, wk: -wk } : null;
  const inexact: number[] = [];
  for (let i = 0; i < x.state.length; i++) if (x.state[i] === INEXACT || y.state[i] === INEXACT) inexact.push(i);
  return { x, y, wx, wy, wk, dx: n(D.coefs[0]), dy: n(D.coefs[1]), dk: n(D.k), below, equal, above, positive, inexact: Int32Array.from(inexact) };
}

/**
 * The comparison `e` as one fused loop over its columns, behind `gate` (the left side of an `and`,
 * compiled by the caller once the comparison is known to fit), or null when `e` is not of the
 * kernel's shape. The gate is read first: a row it settles (FALSE, or FALLBACK) is not compared —
 * the same answer the decimal evaluator gives whichever side of the `and` is written first.
 */
export function comparisonKernel(e: TExpr, dc: DecisionContext, gate: (() => BoolVec) | null): BoolVec | null {
  const plan = planOf(e, dc);
  if (!plan) return null;
  const size = dc.rows.length;
  const g = gate ? gate() : null;
  const always = g ? null : new Uint8Array(size).fill(TRUE);
  const r = new Uint8Array(size);
  return {
    r,
    run: () => {
      if (g) g.run();
      decide(plan, g ? g.r : always!, r);
    },
    collect: (list) => {
      if (g) g.run();
      if (plan.positive && (!g || g.twoValued)) {
        const gr = g ? g.r : always!;
        // D = c·x with c > 0 (`÷ list price`) has the sign of x; a constant D > 0 (no division) has none.
        if (plan.dy === 0 && plan.dk === 0 && plan.dx > 0) return collectPositiveOverX(plan, gr, list);
        if (plan.dx === 0 && plan.dy === 0 && plan.dk > 0) return collectPositiveW(plan, gr, list);
        return collectPositive(plan, gr, list);
      }
      return collect(plan, g ? g.r : always!, list);
    },
  };
}

/**
 * The answer of the comparison at row i from t = W·D (its sign is exact: W and D are exact
 * integers, and a product of two doubles keeps its sign): NaN when a value is not present (the
 * columns hold NaN there), 0 when W or D is 0.
 */
function answerAt(p: Plan, t: number, den: number, i: number): number {
  if (t > 0) return p.above;
  if (t < 0) return p.below;
  if (t === 0) return den === 0 ? UNKNOWN : p.equal;
  // States: PRESENT 0, MISSING 1, INEXACT 2 — an INEXACT value asks the decimals.
  return (p.x.state[i] | p.y.state[i]) & 2 ? FALLBACK : UNKNOWN;
}

/** The loop filling every row's answer. */
function decide(p: Plan, gate: Uint8Array, r: Uint8Array): void {
  const xv = p.x.v;
  const yv = p.y.v;
  const { wx, wy, wk, dx, dy, dk } = p;
  const size = r.length;
  for (let i = 0; i < size; i++) {
    const g = gate[i];
    if (g === FALSE || g === FALLBACK) {
      r[i] = g;
      continue;
    }
    const x = xv[i];
    const y = yv[i];
    const den = dx * x + dy * y + dk;
    const c = answerAt(p, (wx * x + wy * y + wk) * den, den, i);
    r[i] = c === TRUE && g === UNKNOWN ? UNKNOWN : c;
  }
}

/**
 * The loop listing the rows that hold (i) or must be asked (~i): no store for the others. A row
 * whose gate is UNKNOWN can never hold (unknown and anything is not true), so it is skipped.
 */
function collect(p: Plan, gate: Uint8Array, list: Int32Array): number {
  const xv = p.x.v;
  const yv = p.y.v;
  const { wx, wy, wk, dx, dy, dk } = p;
  // The common operators read one sign: `>`/`>=` keep t > 0, `<`/`<=` keep t < 0.
  const keepAbove = p.above === TRUE;
  const keepBelow = p.below === TRUE;
  const size = gate.length;
  let k = 0;
  for (let i = 0; i < size; i++) {
    const g = gate[i];
    if (g !== TRUE) {
      if (g === FALLBACK) list[k++] = ~i;
      continue;
    }
    const x = xv[i];
    const y = yv[i];
    const den = dx * x + dy * y + dk;
    const t = (wx * x + wy * y + wk) * den;
    if (t > 0) {
      if (keepAbove) list[k++] = i;
    } else if (t < 0) {
      if (keepBelow) list[k++] = i;
    } else {
      const c = answerAt(p, t, den, i);
      if (c === TRUE) list[k++] = i;
      else if (c === FALLBACK) list[k++] = ~i;
    }
  }
  return k;
}

/**
 * The fastest loops below take two rows per pass. Why: the same one-row loop ran at one of two
 * speeds per process (2.0 or 2.8 ns per deal over the Maven deals, as did a stand-alone copy of
 * it and, at 1.8 or 2.4 ns, the benchmark's hand-written loop: where V8 placed the machine code);
 * two rows per pass measured 1.85–1.9 ns in most processes and 2.5 ns at worst
 * (bench/decisions.ts, twelve rounds in eight processes). The answers are the same row by row.
 *
 * The fastest loop, for `>` and `<` behind a gate of FALSE/TRUE only: a row is kept exactly when
 * its gate is TRUE and W·D > 0 — a missing value or a zero divisor gives NaN or 0, never kept, the
 * answers UNKNOWN or FALSE the decimals give too. The rows holding a value that cannot be held
 * exactly (known when the columns were read) are then merged in as `~i` where the gate is TRUE.
 */
function collectPositive(p: Plan, gate: Uint8Array, list: Int32Array): number {
  const xv = p.x.v;
  const yv = p.y.v;
  const { wx, wy, wk } = p.positive!;
  const { dx, dy, dk } = p;
  const size = gate.length;
  let k = 0;
  let i = 0;
  for (; i + 1 < size; i += 2) {
    if (gate[i] === TRUE) {
      const x = xv[i];
      const y = yv[i];
      if ((wx * x + wy * y + wk) * (dx * x + dy * y + dk) > 0) list[k++] = i;
    }
    if (gate[i + 1] === TRUE) {
      const x = xv[i + 1];
      const y = yv[i + 1];
      if ((wx * x + wy * y + wk) * (dx * x + dy * y + dk) > 0) list[k++] = i + 1;
    }
  }
  if (i < size && gate[i] === TRUE) {
    const x = xv[i];
    const y = yv[i];
    if ((wx * x + wy * y + wk) * (dx * x + dy * y + dk) > 0) list[k++] = i;
  }
  return p.inexact.length === 0 ? k : mergeInexact(p.inexact, gate, list, k);
}

/** {@link collectPositive} when D = c·x, c > 0: W·x has the sign of W·D (NaN and 0 alike). */
function collectPositiveOverX(p: Plan, gate: Uint8Array, list: Int32Array): number {
  const xv = p.x.v;
  const yv = p.y.v;
  const { wx, wy, wk } = p.positive!;
  const size = gate.length;
  let k = 0;
  let i = 0;
  for (; i + 1 < size; i += 2) {
    if (gate[i] === TRUE) {
      const x = xv[i];
      if ((wx * x + wy * yv[i] + wk) * x > 0) list[k++] = i;
    }
    if (gate[i + 1] === TRUE) {
      const x = xv[i + 1];
      if ((wx * x + wy * yv[i + 1] + wk) * x > 0) list[k++] = i + 1;
    }
  }
  if (i < size && gate[i] === TRUE) {
    const x = xv[i];
    if ((wx * x + wy * yv[i] + wk) * x > 0) list[k++] = i;
  }
  return p.inexact.length === 0 ? k : mergeInexact(p.inexact, gate, list, k);
}

/** {@link collectPositive} when D is a constant above 0 (no division): W alone. */
function collectPositiveW(p: Plan, gate: Uint8Array, list: Int32Array): number {
  const xv = p.x.v;
  const yv = p.y.v;
  const { wx, wy, wk } = p.positive!;
  const size = gate.length;
  let k = 0;
  let i = 0;
  for (; i + 1 < size; i += 2) {
    if (gate[i] === TRUE && wx * xv[i] + wy * yv[i] + wk > 0) list[k++] = i;
    if (gate[i + 1] === TRUE && wx * xv[i + 1] + wy * yv[i + 1] + wk > 0) list[k++] = i + 1;
  }
  if (i < size && gate[i] === TRUE && wx * xv[i] + wy * yv[i] + wk > 0) list[k++] = i;
  return p.inexact.length === 0 ? k : mergeInexact(p.inexact, gate, list, k);
}

/** Merges the inexact rows whose gate is TRUE (as `~i`) into the kept rows `list[0..k)`, in row order. */
function mergeInexact(inexact: Int32Array, gate: Uint8Array, list: Int32Array, k: number): number {
  const asked = inexact.filter((i) => gate[i] === TRUE);
  if (asked.length === 0) return k;
  const kept = list.slice(0, k);
  let a = 0;
  let b = 0;
  let n = 0;
  while (a < kept.length || b < asked.length) {
    if (b >= asked.length || (a < kept.length && kept[a] < asked[b])) list[n++] = kept[a++];
    else list[n++] = ~asked[b++];
  }
  return n;
}
