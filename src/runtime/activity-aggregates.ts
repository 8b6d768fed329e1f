/**
 * `count`, `sum` and `distinct` over a deal's activities (its account's activities up to the
 * deal's as-of day), as used by relationship indicators (domain.md §2).
 *
 * A plain scan visits every activity of the window for every deal: with 1,000 deals on an
 * account of 1,000 activities, a million visits per aggregate. When the filter is a
 * conjunction of conditions on the activity alone (its fields and lookups: no built-in, no
 * nested aggregate, no division) and bounds on its `age` against fixed numbers, and the
 * summed value is about the activity alone, the aggregate is answered from running totals
 * kept per account (worked out once, on first use, in date order): the age bounds become a
 * range of days found by binary search, and the count (or, with no age bound, the sum) is a
 * difference of running totals. The values are the same as the scan's: counts are whole
 * numbers, and a sum with no age bound is the same running sum in the same order.
 */
import type { TExpr } from '../graph/ir.js';
import { Decimal, isDecimal } from './decimal.js';
import type { Compiled, Env } from './expr.js';
import type { ScoringResult } from './nodes/scoring.js';
import { type AccountHistory, ageIn, dayNumber, firstOnOrAfter, historyRow, historyStart } from './relationship.js';
import { PrefixCounts } from './prefix-counts.js';
import { smallDecimal } from './small-integers.js';

type Kind = 'count' | 'sum' | 'distinct';

/** An activity filter split for the indexed path: conditions on the activity alone, and the range of ages allowed. */
interface IndexPlan {
  rowConditions: TExpr[];
  /** Inclusive, in whole days. */
  minAge: number;
  maxAge: number;
}

/** True when an expression reads only the activity row (fields, lookups, literals and operators other than division). */
function aboutTheRowOnly(e: TExpr): boolean {
  switch (e.k) {
    case 'lit':
    case 'field':
      return true;
    case 'neg':
    case 'not':
    case 'missing':
      return aboutTheRowOnly(e.e);
    case 'in':
      return aboutTheRowOnly(e.e) && e.options.every(aboutTheRowOnly);
    case 'bin':
      return e.op !== '/' && aboutTheRowOnly(e.l) && aboutTheRowOnly(e.r);
    case 'call':
      return e.args.every(aboutTheRowOnly);
    default:
      return false; // built-ins (age, score, won, …), nested aggregates
  }
}

/** The conjuncts of a condition joined by `and` (true exactly when every conjunct is true, by Kleene's `and`). */
function conjuncts(e: TExpr): TExpr[] {
  return e.k === 'bin' && e.op === 'and' ? [...conjuncts(e.l), ...conjuncts(e.r)] : [e];
}

/** `age OP number` (either way round) as an inclusive range of whole-day ages, or null when it is not one. */
function ageRange(e: TExpr): [number, number] | null {
  if (e.k !== 'bin' || !['<', '<=', '>', '>=', '='].includes(e.op)) return null;
  const isAge = (x: TExpr) => x.k === 'builtin' && x.name === 'age';
  const isNumber = (x: TExpr): x is Extract<TExpr, { k: 'lit' }> => x.k === 'lit' && typeof x.v === 'string' && x.t !== 'date' && x.t !== 'text';
  let op = e.op;
  let lit: Extract<TExpr, { k: 'lit' }>;
  if (isAge(e.l) && isNumber(e.r)) lit = e.r;
  else if (isAge(e.r) && isNumber(e.l)) {
    lit = e.l;
    op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' } as const)[op as '<' | '<=' | '>' | '>=' | '='];
  } else return null;
  const c = new Decimal(lit.v as string);
  const floor = c.floor().toNumber();
  const ceil = c.ceil().toNumber();
  switch (op) {
    case '<=':
      return [0, floor];
    case '<':
      return [0, ceil - 1];
    case '>=':
      return [ceil, Infinity];
    case '>':
      return [floor + 1, Infinity];
    default:
      return c.isInteger() ? [floor, floor] : [1, 0]; // an age is a whole number of days
  }
}

/** The indexed plan for an aggregate, or null when it needs the plain scan. */
function planFor(kind: Kind, value: TExpr | null, filter: TExpr | null): IndexPlan | null {
  if (kind === 'distinct' || (value && !aboutTheRowOnly(value))) return null;
  const plan: IndexPlan = { rowConditions: [], minAge: 0, maxAge: Infinity };
  for (const c of filter ? conjuncts(filter) : []) {
    const range = ageRange(c);
    if (range) {
      plan.minAge = Math.max(plan.minAge, range[0]);
      plan.maxAge = Math.min(plan.maxAge, range[1]);
    } else if (aboutTheRowOnly(c)) plan.rowConditions.push(c);
    else return null;
  }
  if (kind === 'sum' && (plan.minAge > 0 || plan.maxAge !== Infinity)) return null; // a difference of decimal sums: keep the scan
  return plan;
}

/**
 * The compiled aggregate over the current deal's activities. `compile` compiles an expression in
 * the node's context (passed in to keep this module free of the compiler). The row and age of
 * the cursor are swapped in and restored.
 */
export function overActivities(scoring: ScoringResult, kind: Kind, value: TExpr | null, filter: TExpr | null, compile: (e: TExpr) => Compiled): Compiled {
  const valueFn = value ? compile(value) : null;
  const plan = planFor(kind, value, filter);
  if (plan) return indexed(scoring, kind as 'count' | 'sum', valueFn, plan, plan.rowConditions.map(compile));
  const filterFn = filter ? compile(filter) : null;
  return (env) => {
    const window = scoring.window(env.deal);
    const history = window.history;
    const savedRow = env.row;
    const savedSrc = env.src;
    const savedAge = env.age;
    env.src = null; // the activity rows are row objects (the deal the cursor was at is read through a source)
    let n = 0;
    let total = new Decimal(0);
    const seen = new Set<string>();
    for (let i = 0; i < window.end; i++) {
      env.row = historyRow(history, i);
      env.age = ageIn(window, i);
      if (filterFn && filterFn(env) !== true) continue;
      if (kind === 'count') n++;
      else {
        const v = valueFn!(env);
        if (v === null) continue;
        if (kind === 'sum') total = total.plus(v as Decimal);
        else seen.add(isDecimal(v) ? `n:${v.toString()}` : `${typeof v}:${String(v)}`);
      }
    }
    env.row = savedRow;
    env.src = savedSrc;
    env.age = savedAge;
    return kind === 'count' ? smallDecimal(n) : kind === 'sum' ? total : smallDecimal(seen.size);
  };
}

/**
 * The scoring actions a conjunction of row conditions keeps, when it is exactly one test of the
 * activities' action field against text literals — `action = "x"` (either way round) or
 * `action in ("x", "y")` — else null. An activity passes such a test exactly when its action is
 * one of the names (texts compare as they are; a missing action passes none: the literal "null",
 * which a missing action's scoring lookup would match, is left to the scan).
 */
function actionNames(conditions: TExpr[], actionField: { table: string; field: string }): string[] | null {
  if (conditions.length !== 1) return null;
  const c = conditions[0];
  const isAction = (e: TExpr) => e.k === 'field' && e.t === 'text' && e.path.length === 1 && e.path[0].table === actionField.table && e.path[0].field === actionField.field;
  const text = (e: TExpr): string | null => (e.k === 'lit' && e.t === 'text' && typeof e.v === 'string' && e.v !== 'null' ? e.v : null);
  let names: (string | null)[];
  if (c.k === 'bin' && c.op === '=' && isAction(c.l)) names = [text(c.r)];
  else if (c.k === 'bin' && c.op === '=' && isAction(c.r)) names = [text(c.l)];
  else if (c.k === 'in' && !c.neg && isAction(c.e) && c.options.length > 0) names = c.options.map(text);
  else return null;
  return names.every((x): x is string => x !== null) ? names : null;
}

/** Running totals of one account: count[i] (or sum[i]) over its first i activities that pass the row conditions. */
interface Running {
  count: Int32Array;
  sum: Decimal[] | null;
}


function indexed(scoring: ScoringResult, kind: 'count' | 'sum', valueFn: Compiled | null, plan: IndexPlan, conditions: Compiled[]): Compiled {
  // A plain map (its keys live as long as the scoring result anyway): fifty thousand weak keys made
  // every full collection work through them (issue 10).
  const perAccount = new Map<AccountHistory, Running>();
  // Which activities pass the row conditions, decided once for the whole table in table order.
  let passes: Uint8Array | null = null;
  const passing = (env: Env): Uint8Array => {
    if (passes) return passes;
    const source = scoring.scorer.activities;
    passes = new Uint8Array(source.length);
    const savedRow = env.row;
    const savedSrc = env.src;
    const savedAt = env.at;
    for (let p = 0; p < source.length; p++) {
      // Read in place (as expr.ts's atSource does): no row is made per activity.
      env.src = source;
      env.at = p;
      let pass = 1;
      for (const c of conditions) if (c(env) !== true) { pass = 0; break; }
      passes[p] = pass;
    }
    env.row = savedRow;
    env.src = savedSrc;
    env.at = savedAt;
    return passes;
  };
  const running = (history: AccountHistory, env: Env): Running => {
    let r = perAccount.get(history);
    if (r) return r;
    const pass = passing(env);
    const n = history.positions.length;
    r = { count: new Int32Array(n + 1), sum: kind === 'sum' ? new Array<Decimal>(n + 1) : null };
    let total = new Decimal(0);
    if (r.sum) r.sum[0] = total;
    const savedRow = env.row;
    const savedSrc = env.src;
    env.src = null;
    for (let i = 0; i < n; i++) {
      const ok = pass[history.positions[i]];
      r.count[i + 1] = r.count[i] + ok;
      if (r.sum) {
        if (ok) {
          env.row = historyRow(history, i);
          const v = valueFn!(env);
          if (v !== null) total = total.plus(v as Decimal);
        }
        r.sum[i + 1] = total;
      }
    }
    env.row = savedRow;
    env.src = savedSrc;
    perAccount.set(history, r);
    return r;
  };
  // Counts of activities whose action is one of some scoring actions (the usual indicator): prefix
  // counts from the per-activity actions the scorer already holds, made on first use (issue 10,
  // second pass: each indicator tested the ten million activities with the decimal evaluator,
  // then gathered them in the scorer's order); with no row condition, every activity counts.
  const names = plan.rowConditions.length === 0 ? [] : actionNames(plan.rowConditions, scoring.scorer.actionField);
  let byAction: PrefixCounts | null = null;
  // Counts (issue 10): one prefix count over every history, in the scorer's order, made on first
  // use in one sweep — count[k] is the number of passing activities among order[0, k) — so a
  // window's count is a difference of two entries (no array per account, no lookup per deal). The
  // activities that pass are bits (ten million fit in 1.25 MB: the sweep's reads stay in cache).
  // A bit and a running count per 32 (prefix-counts.ts), not an Int32 per activity.
  let count: PrefixCounts | null = null;
  const counts = (env: Env): PrefixCounts => {
    if (count) return count;
    const pass = passing(env);
    const bits = new Int32Array((pass.length + 31) >>> 5);
    for (let p = 0; p < pass.length; p++) if (pass[p]) bits[p >>> 5] |= 1 << (p & 31);
    passes = null; // the bits replace the bytes
    const order = scoring.scorer.order;
    const c = new PrefixCounts(order.length);
    for (let k = 0; k < order.length; k++) {
      const p = order[k];
      if ((bits[p >>> 5] >>> (p & 31)) & 1) c.set(k);
    }
    return (count = c.seal());
  };
  return (env) => {
    const window = scoring.window(env.deal);
    if (window.end === 0) return smallDecimal(0);
    if (kind === 'sum') return running(window.history, env).sum![window.end];
    const from = historyStart(window.history);
    // Ages in [minAge, maxAge] are the days in [asOf − maxAge, asOf − minAge].
    const days = window.history.days;
    const asOfDay = dayNumber(window.asOf);
    const lo = plan.maxAge === Infinity ? 0 : firstOnOrAfter(days, window.end, asOfDay - plan.maxAge);
    const hi = plan.minAge === 0 ? window.end : firstOnOrAfter(days, window.end, asOfDay - (plan.minAge - 1));
    if (hi <= lo) return smallDecimal(0);
    if (names !== null && names.length === 0) return smallDecimal(hi - lo);
    const c = names !== null ? (byAction ??= scoring.scorer.actionCounts(names) ?? counts(env)) : counts(env);
    return smallDecimal(c.between(from + lo, from + hi));
  };
}
