/**
 * Compiles typed expressions from the rule graph into closures. No text is
 * ever turned into JavaScript source: each node becomes a small function over
 * an `Env` that the evaluator fills in before each call (no allocation per row).
 *
 * Missing values follow three-valued logic: arithmetic with a missing value is
 * missing; a comparison with a missing value is *unknown*; `and`/`or`/`not` are
 * Kleene's; a condition holds only when it is definitely true. So `missing < 2`
 * never passes by accident, and neither does `not (missing < 2)`.
 */
import type { FieldStep, TExpr } from '../graph/ir.js';
import { adjustsPayout } from '../graph/dependencies.js';
import { netPayout } from './stages/adjustments.js';
import type { NodeInputs, RunContext } from './context.js';
import { overActivities } from './activity-aggregates.js';
import { Decimal, isDecimal } from './decimal.js';
import type { CreditResult } from './nodes/credit.js';
import type { IndicatorResult } from './nodes/indicator.js';
import type { OutcomeResult } from './nodes/outcome.js';
import type { PayoutResult } from './nodes/payout.js';
import { type StatementsResult, payFastBuiltin } from './nodes/statements.js';
import type { QuotaResult } from './nodes/quota.js';
import type { ScoringResult } from './nodes/scoring.js';
import { DAY_MS, type Period, parseDateText } from './periods.js';
import { smallDecimal } from './small-integers.js';
import type { RowLike, RowSource, TableLike, Value } from './values.js';

/**
 * The cursor an expression runs at: which row, deal, rep and period it is about. Each node
 * evaluator owns one and moves it between calls (no allocation per row); nothing else is shared.
 */
export interface Env {
  /** The row the expression is about (a deal, a rep, an activity, or a row of the table being derived), when `src` is null. */
  row: RowLike;
  /**
   * When set, the row the expression is about is row `at` of this source instead of `row`: a
   * table kept as columns (the deals, issue 10) is read field by field, no row object made.
   * Whoever sets `row` sets `src` to null (see {@link atRow}, {@link atSource}).
   */
  src?: RowSource | null;
  /** Row index into `src` (when `src` is set). */
  at?: number;
  /** Index of the current deal in the deals table (deal contexts). */
  deal: number;
  /** Index of the current rep in the reps table (rep contexts). */
  rep: number;
  /** The current period (rep contexts). */
  period: Period;
  /** Activity contexts (weights, filters): the current activity's age in days. */
  age: number;
  /** Tier contexts: the deal's relationship score. */
  score: Decimal | null;
  /** Counts divisions by zero, so the evaluator can report where a value went missing. */
  divisionsByZero: number;
}

/** The row of a cursor at no row (frozen: nothing may be written into it). */
const NO_ROW: RowLike = Object.freeze({ line: 0, values: Object.freeze([]) as unknown as Value[] }) as RowLike;

/** A fresh cursor over the plan period, at no row yet (the evaluator moves it: {@link atDeal}, {@link atRow}). */
export function newEnv(run: RunContext): Env {
  return { row: NO_ROW, src: null, at: 0, deal: 0, rep: 0, period: run.plan, age: 0, score: null, divisionsByZero: 0 };
}

/** Points `env` at the row object `row` (a rep, an activity, a row of a small table). */
export function atRow(env: Env, row: RowLike): void {
  env.row = row;
  env.src = null;
}

/** Points `env` at row `i` of `source` (read field by field: no row object made). */
export function atSource(env: Env, source: RowSource, i: number): void {
  env.src = source;
  env.at = i;
}

/** Points `env` at deal `i` (its row in the deals' source, and the deal built-ins). */
export function atDeal(env: Env, deals: RowSource, i: number): void {
  env.src = deals;
  env.at = i;
  env.deal = i;
}

export type Compiled = (env: Env) => Value;

/** What compiling an expression needs: the tables and layout, and the node's declared inputs (for built-ins). */
export interface CompileContext {
  tables: Map<string, TableLike>;
  /** Field name → index in `row.values`, per table (source then derived fields). */
  layout: Map<string, Map<string, number>>;
  inputs: NodeInputs;
  /** The activities log's table (the graph's activities role): aggregates over it read the deal's as-of window. */
  activitiesTable: string | null;
  /** True when caps, minimums or clawbacks change the payout: `payout` then reads it net of them. */
  adjustedPayout?: boolean;
}

/** The compile context of a node: the run's tables and layout with the node's inputs. */
export function compileContext(run: RunContext, inputs: NodeInputs): CompileContext {
  return { tables: run.tables, layout: run.layout, inputs, activitiesTable: run.graph.roles.activities?.table ?? null, adjustedPayout: adjustsPayout(run.graph.nodes) };
}

export function fieldIndex(ctx: CompileContext, step: FieldStep): number {
  const index = ctx.layout.get(step.table)?.get(step.field);
  if (index === undefined) throw new Error(`internal: no field ${step.table}.${step.field} in the layout`);
  return index;
}

/** A closure reading a field path from a row: `product.list_price` follows the lookup. */
export function compilePath(path: FieldStep[], ctx: CompileContext): (row: RowLike) => Value {
  const first = fieldIndex(ctx, path[0]);
  if (path.length === 1) return (row) => row.values[first];
  const hops = path.slice(1).map((step) => ({ table: ctx.tables.get(step.table)!, index: fieldIndex(ctx, step) }));
  return (row) => followLookups(row.values[first], hops);
}

/** The value at the end of a path's lookups (`product.list_price`) from the first field's value; null when a key is missing or finds no row. */
function followLookups(first: Value, hops: { table: TableLike; index: number }[]): Value {
  let value = first;
  for (const hop of hops) {
    if (value === null || value === undefined) return null;
    const current: RowLike | undefined = hop.table.byKey?.get(String(value));
    if (!current) return null;
    value = current.values[hop.index];
  }
  return value;
}

/**
 * {@link compilePath} for a row of a source read in place: field `path[0]` of row `i`, then the lookups.
 * Same values as `compilePath` over `source.row(i)`.
 */
export function compileSourcePath(path: FieldStep[], ctx: CompileContext): (source: RowSource, i: number) => Value {
  const first = fieldIndex(ctx, path[0]);
  if (path.length === 1) return (source, i) => source.value(i, first);
  const hops = path.slice(1).map((step) => ({ table: ctx.tables.get(step.table)!, index: fieldIndex(ctx, step) }));
  return (source, i) => followLookups(source.value(i, first), hops);
}

/** A closure reading a field path from the row `env` is at (its `src` row, else `row`). */
export function compileEnvPath(path: FieldStep[], ctx: CompileContext): (env: Env) => Value {
  const read = compilePath(path, ctx);
  const readAt = compileSourcePath(path, ctx);
  return (env) => {
    const src = env.src;
    return src ? readAt(src, env.at!) : read(env.row);
  };
}

/** Compares two non-missing values of one type: negative, zero or positive. */
export function compareValues(a: Value, b: Value): number {
  // The primitive types are told apart first: asking decimal.js whether a text is a Decimal is
  // the slow part of comparing texts (an action name against a literal, for every activity).
  if (typeof a === 'string') return typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : 0;
  if (typeof a === 'number') return typeof b === 'number' ? a - b : 0;
  if (typeof a === 'boolean') return typeof b === 'boolean' ? Number(a) - Number(b) : 0;
  if (isDecimal(a) && isDecimal(b)) return a.cmp(b);
  return 0;
}

function literal(e: Extract<TExpr, { k: 'lit' }>): Value {
  if (typeof e.v === 'boolean') return e.v;
  if (e.t === 'date') return parseDateText(e.v);
  if (e.t === 'text') return e.v;
  return new Decimal(e.v);
}

/** Compiles one expression. Throws only on internal inconsistencies (a graph that skipped the checker). */
export function compileExpr(e: TExpr, ctx: CompileContext): Compiled {
  switch (e.k) {
    case 'lit': {
      const value = literal(e);
      return () => value;
    }
    case 'field':
      return compileEnvPath(e.path, ctx);
    case 'builtin':
      return compileBuiltin(e, ctx);
    case 'neg': {
      const inner = compileExpr(e.e, ctx);
      return (env) => {
        const v = inner(env);
        return v === null ? null : (v as Decimal).neg();
      };
    }
    case 'not': {
      const inner = compileExpr(e.e, ctx);
      return (env) => {
        const v = inner(env);
        return v === null ? null : !v;
      };
    }
    case 'missing': {
      const inner = compileExpr(e.e, ctx);
      return e.neg ? (env) => inner(env) !== null : (env) => inner(env) === null;
    }
    case 'in': {
      const inner = compileExpr(e.e, ctx);
      const options = e.options.map((o) => compileExpr(o, ctx));
      return (env) => {
        const v = inner(env);
        if (v === null) return null;
        // Like a chain of `=` joined by `or`: a missing option makes "not found" unknown.
        let found = false;
        let unknown = false;
        for (const o of options) {
          const w = o(env);
          if (w === null) unknown = true;
          else if (compareValues(v, w) === 0) {
            found = true;
            break;
          }
        }
        if (!found && unknown) return null;
        return e.neg ? !found : found;
      };
    }
    case 'bin':
      return compileBinary(e, ctx);
    case 'call':
      return compileCall(e, ctx);
    case 'sum':
    case 'count':
    case 'distinct': {
      const value = e.k === 'count' ? null : e.value;
      if (e.table === ctx.activitiesTable || e.k === 'distinct') {
        return overActivities(ctx.inputs.get<ScoringResult>('scoring'), e.k, value, e.filter, (x) => compileExpr(x, ctx));
      }
      return overRepDeals(ctx, value && compileExpr(value, ctx), e.filter ? compileExpr(e.filter, ctx) : null, e.k === 'count');
    }
    case 'firstPer':
      return compileFirstPer(e, ctx);
  }
  throw new Error(`internal: cannot compile expression ${JSON.stringify(e)}`);
}

/** Built-in values, each read from the result of the node that computes it. */
function compileBuiltin(e: Extract<TExpr, { k: 'builtin' }>, ctx: CompileContext): Compiled {
  switch (e.name) {
    case 'won':
    case 'lost': {
      const flags = ctx.inputs.maybe<OutcomeResult>(`outcome:${e.name}`)?.flags;
      return flags ? (env) => flags[env.deal] === 1 : () => false;
    }
    case 'credited': {
      const credit = ctx.inputs.get<CreditResult>('credit');
      return e.t === 'boolean' ? (env) => credit.credited[env.deal] === 1 : (env) => credit.creditedIn(env.rep, env.period);
    }
    case 'quota': {
      const quota = ctx.inputs.maybe<QuotaResult>(`quota:${e.quota}`);
      return quota ? (env) => quota.forRep(env.rep, env.period) : () => null;
    }
    case 'score':
      return (env) => env.score;
    case 'payout': {
      const payout = ctx.inputs.get<PayoutResult>('payout');
      // Net of caps, minimums and clawbacks when the playbook has them (runtime/stages/adjustments.ts).
      if (ctx.adjustedPayout) {
        const statements = ctx.inputs.get<StatementsResult>('statements');
        const net = new Map<number, Decimal>();
        return (env) => {
          const r = payout.reps[env.rep];
          if (!r) return null;
          if (!net.has(env.rep)) net.set(env.rep, netPayout(r, statements));
          return net.get(env.rep)!;
        };
      }
      return (env) => payout.reps[env.rep]?.payout ?? null;
    }
    case 'forfeited': {
      const payout = ctx.inputs.get<PayoutResult>('payout');
      return (env) => payout.reps[env.rep]?.forfeited ?? null;
    }
    case 'held':
    case 'days_to_pay_median':
    case 'days_to_pay_p90':
    case 'days_to_pay_max':
      return payFastBuiltin(e.name, ctx.inputs.get<StatementsResult>('statements'));
    case 'age':
      return (env) => smallDecimal(env.age);
    case 'indicator': {
      const values = ctx.inputs.get<IndicatorResult>(`indicator:${e.indicator}`).values;
      return (env) => values[env.deal] ?? null;
    }
  }
}

/** `first credited per GROUP by ORDER…`: the earliest creditable deal of each group, decided once from credit. */
function compileFirstPer(e: Extract<TExpr, { k: 'firstPer' }>, ctx: CompileContext): Compiled {
  const credit = ctx.inputs.get<CreditResult>('credit');
  const deals = credit.deals;
  const group = compileSourcePath(e.group, ctx);
  const order = e.order.map((o) => compileSourcePath(o, ctx));
  const earlier = (a: number, b: number): boolean => {
    for (const read of order) {
      const va = read(deals, a);
      const vb = read(deals, b);
      if (va === null || vb === null) {
        if (va !== vb) return vb === null;
        continue;
      }
      const c = compareValues(va, vb);
      if (c !== 0) return c < 0;
    }
    return a < b;
  };
  const best = new Map<string, number>();
  for (let i = 0; i < deals.length; i++) {
    if (!credit.creditable[i]) continue;
    const key = group(deals, i);
    if (key === null) continue;
    const k = String(key);
    const current = best.get(k);
    if (current === undefined || earlier(i, current)) best.set(k, i);
  }
  const firsts = new Set(best.values());
  return (env) => firsts.has(env.deal);
}

/** sum/count over the current rep's deals dated in the current period; the deal cursor is swapped in and restored. */
function overRepDeals(ctx: CompileContext, value: Compiled | null, filter: Compiled | null, count: boolean): Compiled {
  const credit = ctx.inputs.get<CreditResult>('credit');
  return (env) => {
    const savedRow = env.row;
    const savedSrc = env.src;
    const savedAt = env.at;
    const savedDeal = env.deal;
    let total = new Decimal(0);
    let n = 0;
    for (const index of credit.dealsIn(env.rep, env.period)) {
      atDeal(env, credit.deals, index);
      if (filter && filter(env) !== true) continue;
      if (count) n++;
      else {
        const v = value!(env);
        if (v !== null) total = total.plus(v as Decimal);
      }
    }
    env.row = savedRow;
    env.src = savedSrc;
    env.at = savedAt;
    env.deal = savedDeal;
    return count ? smallDecimal(n) : total;
  };
}

function compileBinary(e: Extract<TExpr, { k: 'bin' }>, ctx: CompileContext): Compiled {
  const l = compileExpr(e.l, ctx);
  const r = compileExpr(e.r, ctx);
  switch (e.op) {
    case 'and':
      return (env) => {
        const a = l(env);
        if (a === false) return false;
        const b = r(env);
        if (b === false) return false;
        return a === null || b === null ? null : true;
      };
    case 'or':
      return (env) => {
        const a = l(env);
        if (a === true) return true;
        const b = r(env);
        if (b === true) return true;
        return a === null || b === null ? null : false;
      };
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const test = comparators[e.op];
      const numeric = (t: string) => t === 'money' || t === 'number' || t === 'ratio';
      if (numeric(e.l.t) && numeric(e.r.t)) {
        // Amounts, numbers and ratios are decimals: compared directly (others fall back to the general rule).
        return (env) => {
          const a = l(env);
          const b = r(env);
          if (a === null || b === null) return null;
          return test(a instanceof Decimal && b instanceof Decimal ? a.cmp(b) : compareValues(a, b));
        };
      }
      return (env) => {
        const a = l(env);
        const b = r(env);
        if (a === null || b === null) return null;
        return test(compareValues(a, b));
      };
    }
    default:
      return compileArithmetic(e.op, e, l, r);
  }
}

/** `+ - × /` on amounts and numbers, and date arithmetic (date − date in days, date ± days). Missing in, missing out. */
function compileArithmetic(op: '+' | '-' | '*' | '/', e: Extract<TExpr, { k: 'bin' }>, l: Compiled, r: Compiled): Compiled {
  switch (op) {
    case '+':
    case '-':
      if (e.l.t === 'date' && e.r.t === 'date') {
        return (env) => {
          const a = l(env);
          const b = r(env);
          return a === null || b === null ? null : new Decimal(((a as number) - (b as number)) / DAY_MS);
        };
      }
      if (e.l.t === 'date') {
        const sign = op === '+' ? 1 : -1;
        return (env) => {
          const a = l(env);
          const b = r(env);
          return a === null || b === null ? null : (a as number) + sign * (b as Decimal).toNumber() * DAY_MS;
        };
      }
      return op === '+'
        ? (env) => {
            const a = l(env);
            const b = r(env);
            return a === null || b === null ? null : (a as Decimal).plus(b as Decimal);
          }
        : (env) => {
            const a = l(env);
            const b = r(env);
            return a === null || b === null ? null : (a as Decimal).minus(b as Decimal);
          };
    case '*':
      return (env) => {
        const a = l(env);
        const b = r(env);
        return a === null || b === null ? null : (a as Decimal).mul(b as Decimal);
      };
    case '/':
      // Dividing by zero gives a missing value, never Infinity: the condition using it will not hold.
      return (env) => {
        const a = l(env);
        const b = r(env);
        if (a === null || b === null) return null;
        if ((b as Decimal).isZero()) {
          env.divisionsByZero++;
          return null;
        }
        return (a as Decimal).div(b as Decimal);
      };
  }
}

/** Each comparison as a test of a three-way comparison result (shared with the json-rules-engine operators). */
export const comparators: Record<'=' | '!=' | '<' | '<=' | '>' | '>=', (c: number) => boolean> = {
  '=': (c) => c === 0,
  '!=': (c) => c !== 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function compileCall(e: Extract<TExpr, { k: 'call' }>, ctx: CompileContext): Compiled {
  const args = e.args.map((a) => compileExpr(a, ctx));
  const values = (env: Env): Value[] | null => {
    const out: Value[] = [];
    for (const a of args) {
      const v = a(env);
      if (v === null) return null;
      out.push(v);
    }
    return out;
  };
  switch (e.fn) {
    case 'min':
      return (env) => {
        const v = values(env);
        return v ? Decimal.min(...(v as Decimal[])) : null;
      };
    case 'max':
      return (env) => {
        const v = values(env);
        return v ? Decimal.max(...(v as Decimal[])) : null;
      };
    case 'clamp':
      return (env) => {
        const v = values(env) as Decimal[] | null;
        return v ? Decimal.min(Decimal.max(v[0], v[1]), v[2]) : null;
      };
    case 'abs':
      return (env) => {
        const v = args[0](env);
        return v === null ? null : (v as Decimal).abs();
      };
    case 'year':
    case 'month':
    case 'day': {
      const part = e.fn === 'year' ? (d: Date) => d.getUTCFullYear() : e.fn === 'month' ? (d: Date) => d.getUTCMonth() + 1 : (d: Date) => d.getUTCDate();
      return (env) => {
        const v = args[0](env);
        return v === null ? null : new Decimal(part(new Date(v as number)));
      };
    }
    case 'days_between':
      return (env) => {
        const v = values(env);
        return v ? new Decimal(Math.floor(((v[1] as number) - (v[0] as number)) / DAY_MS)) : null;
      };
  }
  throw new Error(`internal: unknown function ${e.fn}`);
}
