/**
 * Columns for compiled decisions: the values a decision reads, pulled out of a table's rows once
 * into typed arrays so that deciding a row allocates nothing and builds no Decimal.
 *
 * - money, numbers and ratios: exact integers in a Float64Array, scaled by the column's
 *   `scale` (10^d, d the most decimals any value of the column has), so `12.50` at scale 100
 *   is 1250 and the value is `v / scale` exactly;
 * - dates: the evaluator's millisecond numbers (already integers);
 * - text: codes from a dictionary shared by every column of one set of tables, so two texts are
 *   equal exactly when their codes are (the codes do not follow alphabetical order);
 * - yes/no: 0 or 1.
 *
 * Each row also has a state: present, missing, or not exactly representable (a money value whose
 * scaled integer passes 2^53, or one with more than 15 decimals) — the last makes the decision of
 * that row fall back to the decimal evaluator. Columns are built from the loaded rows (src/data's
 * row format is untouched) and cached per rows array while every step of the path is a source
 * field (source values never change during a run; derived ones are written by their node).
 */
import type { FieldStep, ValueType } from '../../graph/ir.js';
import { Decimal, isDecimal } from '../decimal.js';
import { type CompileContext, compilePath, fieldIndex } from '../expr.js';
import type { RowLike, TableLike, Value } from '../values.js';

/** Row states. */
export const PRESENT = 0;
export const MISSING = 1;
/** The value exists but cannot be held exactly: decide the row with the decimal evaluator. */
export const INEXACT = 2;

/** The largest integer a double holds exactly, with every smaller one. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;
/** More decimals than this make a value inexact (10^15 is the largest scale kept). */
const MAX_DECIMALS = 15;

export interface Column {
  /** Per row: the scaled integer (NaN in a numeric column where the state is not PRESENT), the date's milliseconds, the text's code, or 0/1. */
  v: Float64Array;
  /** Per row: PRESENT, MISSING or INEXACT. */
  state: Uint8Array;
  /** The denominator of every value of a numeric column (a power of ten); 1 otherwise. */
  scale: number;
  /** True when the column is kept for later decisions over the same rows (source fields only). */
  cached: boolean;
}

interface Cache {
  /** Text → code, shared by all columns and literals over one set of tables. */
  dict: Map<string, number>;
  byRows: WeakMap<RowLike[], Map<string, Column>>;
}
const caches = new WeakMap<Map<string, TableLike>, Cache>();

function cacheOf(tables: Map<string, TableLike>): Cache {
  let cache = caches.get(tables);
  if (!cache) caches.set(tables, (cache = { dict: new Map(), byRows: new WeakMap() }));
  return cache;
}

/** The code of a text in the dictionary shared by the columns of `ctx`'s tables (a new code for a new text). */
export function textCode(ctx: CompileContext, text: string): number {
  const dict = cacheOf(ctx.tables).dict;
  let code = dict.get(text);
  if (code === undefined) dict.set(text, (code = dict.size));
  return code;
}

/** True when every step of the path reads a source field (never rewritten during a run). */
function sourceOnly(path: FieldStep[], ctx: CompileContext): boolean {
  return path.every((step) => {
    const table = ctx.tables.get(step.table);
    return table !== undefined && fieldIndex(ctx, step) < table.schema.fields.length;
  });
}

/**
 * The column of `path` (a field, or a lookup such as `product.list_price`) over `rows`, whose
 * values are of type `type`. Built once per rows array for source fields; afresh for derived ones.
 */
export function columnOf(path: FieldStep[], type: ValueType, rows: RowLike[], ctx: CompileContext): Column {
  const cache = cacheOf(ctx.tables);
  const cacheable = sourceOnly(path, ctx);
  const key = `${type}:${path.map((s) => `${s.table}.${s.field}`).join('>')}`;
  let columns = cache.byRows.get(rows);
  const cached = columns?.get(key);
  if (cacheable && cached && cached.v.length === rows.length) return cached;
  const read = compilePath(path, ctx);
  const column = type === 'money' || type === 'number' || type === 'ratio' ? numericColumn(rows, read) : codedColumn(rows, read, type, cache.dict);
  column.cached = cacheable;
  if (cacheable) {
    if (!columns) cache.byRows.set(rows, (columns = new Map()));
    columns.set(key, column);
  }
  return column;
}

function numericColumn(rows: RowLike[], read: (row: RowLike) => Value): Column {
  const n = rows.length;
  const v = new Float64Array(n);
  const state = new Uint8Array(n);
  const values: (Decimal | null)[] = new Array(n);
  let decimals = 0;
  for (let i = 0; i < n; i++) {
    const x = read(rows[i]);
    if (x === null || x === undefined) {
      state[i] = MISSING;
      values[i] = null;
    } else if (!isDecimal(x)) {
      state[i] = INEXACT;
      values[i] = null;
    } else {
      values[i] = x;
      const dp = x.decimalPlaces();
      if (dp > MAX_DECIMALS) state[i] = INEXACT;
      else if (dp > decimals) decimals = dp;
    }
  }
  const scale = 10 ** decimals;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x === null || state[i] !== PRESENT) {
      // NaN where there is no exact value: a fused loop (kernel.ts) then sees any missing or inexact
      // input in its result, and reads the states only for those rows.
      v[i] = Number.NaN;
      continue;
    }
    // An integer Decimal converts to the nearest double: exactly when it is below 2^53, and to
    // 2^53 or more otherwise — so the double tells which.
    const scaled = decimals === 0 ? x.toNumber() : x.mul(scale).toNumber();
    if (scaled > MAX_EXACT || scaled < -MAX_EXACT) {
      state[i] = INEXACT;
      v[i] = Number.NaN;
    } else v[i] = scaled;
  }
  return { v, state, scale, cached: false };
}

function codedColumn(rows: RowLike[], read: (row: RowLike) => Value, type: ValueType, dict: Map<string, number>): Column {
  const n = rows.length;
  const v = new Float64Array(n);
  const state = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = read(rows[i]);
    if (x === null || x === undefined) state[i] = MISSING;
    else if (type === 'date' && typeof x === 'number' && Number.isSafeInteger(x)) v[i] = x;
    else if (type === 'boolean' && typeof x === 'boolean') v[i] = x ? 1 : 0;
    else if (type === 'text' && typeof x === 'string') {
      let code = dict.get(x);
      if (code === undefined) dict.set(x, (code = dict.size));
      v[i] = code;
    } else state[i] = INEXACT;
  }
  return { v, state, scale: 1, cached: false };
}

/** A decimal literal as an exact fraction n / d (d a power of ten), or null when it does not fit. */
export function exactFraction(text: string): { n: number; d: number } | null {
  const x = new Decimal(text);
  const dp = x.decimalPlaces();
  if (dp > MAX_DECIMALS) return null;
  const scaled = x.mul(10 ** dp);
  if (scaled.abs().gt(MAX_EXACT)) return null;
  return { n: scaled.toNumber(), d: 10 ** dp };
}
