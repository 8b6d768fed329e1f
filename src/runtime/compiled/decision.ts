/**
 * The decision compiler: a condition over a table's rows (`won and discount > 20%`) compiled once
 * into a closure over columns (see `columns.ts`) that decides row `i` in exact integer arithmetic,
 * with no allocation and no Decimal. Every number is held as an exact fraction n / d of two
 * integers below 2^53 (money scaled to its minor units, literals to their decimals); a comparison
 * is a cross-multiplication: `1 − amount / list > 20%` becomes `(list − amount) · 10 > 2 · list`
 * (list > 0; the sign of a denominator is moved to its numerator first).
 *
 * Agreement with the decimal evaluator (expr.ts, 40 significant digits), argued per row:
 * - `+ − ×`, min, max, abs, negation of exact decimals below 2^53 are exact in both;
 * - a quotient is rounded by the decimal evaluator (relative error ≤ 10^-39). Every intermediate
 *   is kept below 2^53 in magnitude, so the decimal value is within k·10^-23 of the fraction (k
 *   operations), while two unequal fractions whose denominators multiply to less than 2^53
 *   differ by more than 10^-16: the sign of every comparison is the same. Only when the fractions
 *   are EQUAL after a division (1/3 × 3 = 1, where the decimals give 0.999…9) can the two differ,
 *   so an equality after a division is decided by the decimal evaluator; so is a division by an
 *   exact zero computed through a division (the decimals may hold −10^-40 there);
 * - division by zero is missing; missing values follow the same three-valued logic (Kleene).
 * Anything else falls back — per row (INEXACT: a value past 2^53, a product that would not be
 * exact, a fraction of a day) or per expression at compile time (`compileDecision` returns null:
 * aggregates, rep-period built-ins, text ordering, the relationship score…).
 */
import type { FieldStep, TExpr } from '../../graph/ir.js';
import type { CreditResult } from '../nodes/credit.js';
import type { IndicatorResult } from '../nodes/indicator.js';
import type { OutcomeResult } from '../nodes/outcome.js';
import { type CompileContext, type Env, compileExpr } from '../expr.js';
import { DAY_MS, parseDateText } from '../periods.js';
import type { RowLike } from '../values.js';
import { INEXACT, MAX_EXACT, MISSING, PRESENT, columnOf, exactFraction, textCode } from './columns.js';

/** Results of a compiled condition for one row. */
export const FALSE = 0;
export const TRUE = 1;
/** The condition's value is unknown (a missing value reached it): it does not hold. */
export const UNKNOWN = 2;
/** The row must be decided by the decimal evaluator (exactness could not be proven). */
export const FALLBACK = 3;

/** Decides row `i`: FALSE, TRUE, UNKNOWN or FALLBACK. */
export type Decision = (i: number) => number;

/** A number (or date in ms, d = 1) of row `i`, written into `n`/`d` by `at`, which returns PRESENT, MISSING or INEXACT. */
interface NumNode {
  n: number;
  /** Always > 0. */
  d: number;
  /** True when a division happened below (the decimal evaluator rounded there). */
  div: boolean;
  at: (i: number) => number;
}

/** A text or yes/no value of row `i` as a code in `c`. */
interface CodeNode {
  c: number;
  at: (i: number) => number;
}

/** What compiling a decision needs: the expression context, the rows decided and the derived fields to inline. */
export interface DecisionContext {
  cc: CompileContext;
  /** The table whose rows are decided (index `i` is into its rows). */
  table: string;
  rows: RowLike[];
  /** True when the rows are the deals table's (deal built-ins: won, lost, credited, indicators). */
  deals: boolean;
  /** `table.field` → the expression of each derived field, inlined instead of read back as a rounded Decimal. */
  derived: ReadonlyMap<string, TExpr>;
}

class Unsupported extends Error {}
const unsupported = (what: string): never => {
  throw new Unsupported(what);
};

const fits = (x: number) => x <= MAX_EXACT && x >= -MAX_EXACT;
const isNumeric = (t: string) => t === 'money' || t === 'number' || t === 'ratio';

/**
 * Compiles `expr` (a yes/no expression over `dc.table`'s rows) to a decision, or returns null when
 * some part of it is not supported by the compiler (the caller then uses the decimal evaluator).
 */
export function compileDecision(expr: TExpr, dc: DecisionContext): Decision | null {
  try {
    return bool(expr, dc);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/**
 * Compiles a numeric expression (money, number, ratio) to a function writing its exact fraction of
 * row `i` into `node.n / node.d` and returning PRESENT, MISSING (also: divided by zero) or INEXACT;
 * null when not supported.
 */
export function compileNumber(expr: TExpr, dc: DecisionContext): { at: (i: number) => number; node: { n: number; d: number; div: boolean } } | null {
  try {
    if (!isNumeric(expr.t)) return null;
    const node = num(expr, dc);
    return { at: node.at, node };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

function derivedOf(path: FieldStep[], dc: DecisionContext): TExpr | undefined {
  return path.length === 1 && path[0].table === dc.table ? dc.derived.get(`${path[0].table}.${path[0].field}`) : undefined;
}

function num(e: TExpr, dc: DecisionContext): NumNode {
  const node: NumNode = { n: 0, d: 1, div: false, at: () => PRESENT };
  switch (e.k) {
    case 'lit': {
      if (e.t === 'date') {
        const ms = parseDateText(String(e.v));
        if (ms === null || !Number.isSafeInteger(ms)) return unsupported('date literal');
        node.n = ms as number;
        return node;
      }
      if (!isNumeric(e.t) || typeof e.v !== 'string') return unsupported('literal');
      const f = exactFraction(e.v) ?? unsupported('literal beyond 2^53');
      node.n = f.n;
      node.d = f.d;
      return node;
    }
    case 'field': {
      const inline = derivedOf(e.path, dc);
      if (inline && isNumeric(inline.t)) {
        try {
          return num(inline, dc);
        } catch (err) {
          if (!(err instanceof Unsupported)) throw err;
          // Not compilable: read the stored (derived) values as a column instead.
        }
      }
      if (!isNumeric(e.t) && e.t !== 'date') return unsupported('field type');
      const col = columnOf(e.path, e.t, dc.rows, dc.cc);
      const { v, state, scale } = col;
      node.d = scale;
      node.at = (i) => {
        const s = state[i];
        if (s === PRESENT) node.n = v[i];
        return s;
      };
      return node;
    }
    case 'neg': {
      const a = num(e.e, dc);
      node.div = a.div;
      node.at = (i) => {
        const s = a.at(i);
        node.n = -a.n;
        node.d = a.d;
        return s;
      };
      return node;
    }
    case 'bin':
      return arithmetic(e, dc, node);
    case 'call':
      return call(e, dc, node);
    default:
      return unsupported(e.k);
  }
}

function arithmetic(e: Extract<TExpr, { k: 'bin' }>, dc: DecisionContext, node: NumNode): NumNode {
  const a = num(e.l, dc);
  const b = num(e.r, dc);
  node.div = a.div || b.div || e.op === '/';
  const dates = e.l.t === 'date';
  switch (e.op) {
    case '+':
    case '-': {
      const sign = e.op === '+' ? 1 : -1;
      if (dates && e.r.t === 'date') {
        // date − date in days: the decimal evaluator divides milliseconds by a day; exact only for whole days.
        node.at = (i) => {
          const s = a.at(i) || b.at(i);
          if (s !== PRESENT) return s;
          const ms = a.n - b.n;
          if (ms % DAY_MS !== 0) return INEXACT;
          node.n = ms / DAY_MS;
          node.d = 1;
          return PRESENT;
        };
        return node;
      }
      if (dates) {
        // date ± days: exact for a whole number of days computed without a division.
        node.at = (i) => {
          const s = a.at(i) || b.at(i);
          if (s !== PRESENT) return s;
          if (b.div || b.n % b.d !== 0) return INEXACT;
          const ms = a.n + sign * (b.n / b.d) * DAY_MS;
          if (!fits(ms)) return INEXACT;
          node.n = ms;
          node.d = 1;
          return PRESENT;
        };
        return node;
      }
      node.at = (i) => {
        const s = a.at(i) || b.at(i);
        if (s !== PRESENT) return s;
        const ad = a.d;
        const bd = b.d;
        let n: number;
        let d: number;
        if (ad === bd) {
          n = a.n + sign * b.n;
          d = ad;
        } else if (ad > bd && ad % bd === 0) {
          const m = b.n * (ad / bd);
          if (!fits(m)) return INEXACT;
          n = a.n + sign * m;
          d = ad;
        } else if (bd > ad && bd % ad === 0) {
          const m = a.n * (bd / ad);
          if (!fits(m)) return INEXACT;
          n = m + sign * b.n;
          d = bd;
        } else {
          const x = a.n * bd;
          const y = b.n * ad;
          d = ad * bd;
          if (!fits(x) || !fits(y) || !fits(d)) return INEXACT;
          n = x + sign * y;
        }
        if (!fits(n)) return INEXACT;
        node.n = n;
        node.d = d;
        return PRESENT;
      };
      return node;
    }
    case '*':
      node.at = (i) => {
        const s = a.at(i) || b.at(i);
        if (s !== PRESENT) return s;
        const n = a.n * b.n;
        const d = a.d * b.d;
        if (!fits(n) || !fits(d)) return INEXACT;
        node.n = n;
        node.d = d;
        return PRESENT;
      };
      return node;
    case '/':
      node.at = (i) => {
        const s = a.at(i) || b.at(i);
        if (s !== PRESENT) return s;
        if (b.n === 0) {
          // Through an earlier division the decimals may hold a tiny non-zero value here: let them decide.
          if (b.div) return INEXACT;
          return MISSING;
        }
        let n: number;
        let d: number;
        if (a.d === b.d) {
          n = a.n;
          d = b.n;
        } else {
          n = a.n * b.d;
          d = a.d * b.n;
          if (!fits(n) || !fits(d)) return INEXACT;
        }
        if (d < 0) {
          n = -n;
          d = -d;
        }
        node.n = n;
        node.d = d;
        return PRESENT;
      };
      return node;
    default:
      return unsupported(`operator ${e.op}`);
  }
}

/** Three-way comparison of two present fractions: negative, zero or positive; NaN when it cannot be decided exactly. */
function compareFractions(a: NumNode, b: NumNode): number {
  if (a.d === b.d) return a.n - b.n;
  const x = a.n * b.d;
  const y = b.n * a.d;
  if (!fits(x) || !fits(y) || !fits(a.d * b.d)) return Number.NaN;
  return x - y;
}

function call(e: Extract<TExpr, { k: 'call' }>, dc: DecisionContext, node: NumNode): NumNode {
  const args = e.args.map((x) => num(x, dc));
  node.div = args.some((x) => x.div);
  const copy = (from: NumNode) => {
    node.n = from.n;
    node.d = from.d;
  };
  switch (e.fn) {
    case 'min':
    case 'max': {
      const lower = e.fn === 'min';
      node.at = (i) => {
        for (const x of args) {
          const s = x.at(i);
          if (s !== PRESENT) return s;
        }
        let best = args[0];
        for (let k = 1; k < args.length; k++) {
          const c = compareFractions(args[k], best);
          if (Number.isNaN(c)) return INEXACT;
          if (lower ? c < 0 : c > 0) best = args[k];
        }
        copy(best);
        return PRESENT;
      };
      return node;
    }
    case 'clamp': {
      const [x, lo, hi] = args;
      node.at = (i) => {
        const s = x.at(i) || lo.at(i) || hi.at(i);
        if (s !== PRESENT) return s;
        const c1 = compareFractions(x, lo);
        if (Number.isNaN(c1)) return INEXACT;
        const low = c1 < 0 ? lo : x;
        const c2 = compareFractions(low, hi);
        if (Number.isNaN(c2)) return INEXACT;
        copy(c2 > 0 ? hi : low);
        return PRESENT;
      };
      return node;
    }
    case 'abs': {
      const [x] = args;
      node.at = (i) => {
        const s = x.at(i);
        if (s !== PRESENT) return s;
        node.n = Math.abs(x.n);
        node.d = x.d;
        return PRESENT;
      };
      return node;
    }
    case 'year':
    case 'month':
    case 'day': {
      const [x] = args;
      const part = e.fn;
      node.at = (i) => {
        const s = x.at(i);
        if (s !== PRESENT) return s;
        node.n = civilPart(x.n, part);
        node.d = 1;
        return PRESENT;
      };
      return node;
    }
    case 'days_between': {
      const [from, to] = args;
      node.at = (i) => {
        const s = from.at(i) || to.at(i);
        if (s !== PRESENT) return s;
        node.n = Math.floor((to.n - from.n) / DAY_MS);
        node.d = 1;
        return PRESENT;
      };
      return node;
    }
    default:
      return unsupported(`function ${e.fn}`);
  }
}

/** Year, month (1–12) or day of the month of a date in ms (UTC fields), without building a Date (H. Hinnant's civil_from_days). */
export function civilPart(ms: number, part: 'year' | 'month' | 'day'): number {
  const z = Math.floor(ms / DAY_MS) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  if (part === 'day') return day;
  if (part === 'month') return month;
  return yoe + era * 400 + (month <= 2 ? 1 : 0);
}

/** A text or yes/no value as a code (texts through the shared dictionary; yes/no as 0/1). */
function code(e: TExpr, dc: DecisionContext): CodeNode {
  const node: CodeNode = { c: 0, at: () => PRESENT };
  if (e.t === 'boolean') {
    const test = bool(e, dc);
    node.at = (i) => {
      const r = test(i);
      if (r === FALLBACK) return INEXACT;
      if (r === UNKNOWN) return MISSING;
      node.c = r;
      return PRESENT;
    };
    return node;
  }
  if (e.t !== 'text') return unsupported('coded type');
  if (e.k === 'lit') {
    node.c = textCode(dc.cc, String(e.v));
    return node;
  }
  if (e.k !== 'field') return unsupported(`text ${e.k}`);
  const { v, state } = columnOf(e.path, 'text', dc.rows, dc.cc);
  node.at = (i) => {
    const s = state[i];
    if (s === PRESENT) node.c = v[i];
    return s;
  };
  return node;
}

type Op = '=' | '!=' | '<' | '<=' | '>' | '>=';
const TESTS: Record<Op, (c: number) => boolean> = {
  '=': (c) => c === 0,
  '!=': (c) => c !== 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

/** A value compared with others: `at` returns the state, `cmp` compares it with another of the same kind (NaN: undecidable). */
interface Comparable {
  at: (i: number) => number;
  cmp: (other: Comparable) => number;
  /** A division happened below: equality cannot be trusted to match the decimals. */
  div: boolean;
}

function comparable(e: TExpr, dc: DecisionContext, ordered: boolean): Comparable {
  if (isNumeric(e.t) || e.t === 'date') {
    const x = num(e, dc);
    const self: Comparable & { x: NumNode } = { x, at: x.at, div: x.div, cmp: (o) => compareFractions(x, (o as typeof self).x) };
    return self;
  }
  if (e.t === 'text' && ordered) return unsupported('text ordering');
  const x = code(e, dc);
  const self: Comparable & { x: CodeNode } = { x, at: x.at, div: false, cmp: (o) => x.c - (o as typeof self).x.c };
  return self;
}

const kindOf = (t: string) => (isNumeric(t) ? 'number' : t);

function bool(e: TExpr, dc: DecisionContext): Decision {
  if (e.t !== 'boolean') return unsupported('not a condition');
  switch (e.k) {
    case 'lit': {
      const r = e.v === true ? TRUE : FALSE;
      return () => r;
    }
    case 'field': {
      const inline = derivedOf(e.path, dc);
      if (inline && inline.t === 'boolean') {
        try {
          return bool(inline, dc);
        } catch (err) {
          if (!(err instanceof Unsupported)) throw err;
        }
      }
      const { v, state } = columnOf(e.path, 'boolean', dc.rows, dc.cc);
      return (i) => {
        const s = state[i];
        return s === PRESENT ? v[i] : s === MISSING ? UNKNOWN : FALLBACK;
      };
    }
    case 'builtin':
      return builtin(e, dc);
    case 'not': {
      const inner = bool(e.e, dc);
      return (i) => {
        const r = inner(i);
        return r === TRUE ? FALSE : r === FALSE ? TRUE : r;
      };
    }
    case 'missing': {
      const inner = isNumeric(e.e.t) || e.e.t === 'date' ? num(e.e, dc) : code(e.e, dc);
      const whenMissing = e.neg ? FALSE : TRUE;
      const whenPresent = e.neg ? TRUE : FALSE;
      return (i) => {
        const s = inner.at(i);
        return s === PRESENT ? whenPresent : s === MISSING ? whenMissing : FALLBACK;
      };
    }
    case 'in': {
      if (e.options.some((o) => kindOf(o.t) !== kindOf(e.e.t))) return unsupported('mixed types in a list');
      const value = comparable(e.e, dc, false);
      const options = e.options.map((o) => comparable(o, dc, false));
      const found = e.neg ? FALSE : TRUE;
      const notFound = e.neg ? TRUE : FALSE;
      return (i) => {
        const s = value.at(i);
        if (s === MISSING) return UNKNOWN;
        if (s === INEXACT) return FALLBACK;
        let unknown = false;
        for (const o of options) {
          const t = o.at(i);
          if (t === MISSING) unknown = true;
          else if (t === INEXACT) return FALLBACK;
          else {
            const c = value.cmp(o);
            if (c === 0 && (value.div || o.div)) return FALLBACK;
            if (c === 0) return found;
            if (Number.isNaN(c)) return FALLBACK;
          }
        }
        return unknown ? UNKNOWN : notFound;
      };
    }
    case 'bin':
      return binary(e, dc);
    case 'firstPer': {
      // Decided once for all deals by the decimal evaluator's compilation (a set of deal indexes); read per deal here.
      if (!dc.deals) return unsupported('first per outside the deals table');
      const first = compileExpr(e, dc.cc);
      const env = { deal: 0 } as Env;
      return (i) => {
        env.deal = i;
        return first(env) === true ? TRUE : FALSE;
      };
    }
    default:
      return unsupported(e.k);
  }
}

function binary(e: Extract<TExpr, { k: 'bin' }>, dc: DecisionContext): Decision {
  if (e.op === 'and' || e.op === 'or') {
    const l = bool(e.l, dc);
    const r = bool(e.r, dc);
    // Kleene, short-circuiting as the decimal evaluator does; a fallback anywhere reached decides the row there.
    return e.op === 'and'
      ? (i) => {
          const a = l(i);
          if (a === FALSE || a === FALLBACK) return a;
          const b = r(i);
          if (b === FALSE || b === FALLBACK) return b;
          return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : TRUE;
        }
      : (i) => {
          const a = l(i);
          if (a === TRUE || a === FALLBACK) return a;
          const b = r(i);
          if (b === TRUE || b === FALLBACK) return b;
          return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : FALSE;
        };
  }
  if (!(e.op in TESTS)) return unsupported(`operator ${e.op}`);
  const op = e.op as Op;
  if (kindOf(e.l.t) !== kindOf(e.r.t)) return unsupported('comparison of different types');
  const test = TESTS[op];
  if (isNumeric(e.l.t) || e.l.t === 'date') {
    const a = num(e.l, dc);
    const b = num(e.r, dc);
    const div = a.div || b.div;
    return (i) => {
      const s = a.at(i);
      if (s === INEXACT) return FALLBACK;
      const t = b.at(i);
      if (t === INEXACT) return FALLBACK;
      if (s === MISSING || t === MISSING) return UNKNOWN;
      const c = compareFractions(a, b);
      if (c !== c || (c === 0 && div)) return FALLBACK;
      return test(c) ? TRUE : FALSE;
    };
  }
  const a = comparable(e.l, dc, op !== '=' && op !== '!=');
  const b = comparable(e.r, dc, op !== '=' && op !== '!=');
  return (i) => {
    const s = a.at(i);
    if (s === INEXACT) return FALLBACK;
    const t = b.at(i);
    if (t === INEXACT) return FALLBACK;
    if (s === MISSING || t === MISSING) return UNKNOWN;
    return test(a.cmp(b)) ? TRUE : FALSE;
  };
}

function builtin(e: Extract<TExpr, { k: 'builtin' }>, dc: DecisionContext): Decision {
  if (!dc.deals) return unsupported('deal built-in outside the deals table');
  const inputs = dc.cc.inputs;
  switch (e.name) {
    case 'won':
    case 'lost': {
      const flags = inputs.maybe<OutcomeResult>(`outcome:${e.name}`)?.flags;
      return flags ? (i) => flags[i] : () => FALSE;
    }
    case 'credited': {
      const credited = inputs.get<CreditResult>('credit').credited;
      return (i) => (credited[i] === 1 ? TRUE : FALSE);
    }
    case 'indicator': {
      const values = inputs.get<IndicatorResult>(`indicator:${e.indicator}`).values;
      return (i) => {
        const v = values[i];
        return v === true ? TRUE : v === false ? FALSE : UNKNOWN;
      };
    }
    default:
      return unsupported(`built-in ${e.name}`);
  }
}
