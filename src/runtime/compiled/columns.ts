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
import { NUMBER_ASIDE, NUMBER_MISSING, type NumberParts } from '../../graph/decimal-units.js';
import { type CompileContext, compileSourcePath, fieldIndex } from '../expr.js';
import type { RowSource, TableLike, Value } from '../values.js';


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
  byRows: WeakMap<RowSource, Map<string, Column>>;
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
export function columnOf(path: FieldStep[], type: ValueType, rows: RowSource, ctx: CompileContext): Column {
  const cache = cacheOf(ctx.tables);
  const cacheable = sourceOnly(path, ctx);
  const key = `${type}:${path.map((s) => `${s.table}.${s.field}`).join('>')}`;
  let columns = cache.byRows.get(rows);
  const cached = columns?.get(key);
  if (cacheable && cached && cached.v.length === rows.length) return cached;
  const read = path.length > 1 ? byFirstCode(rows, fieldIndex(ctx, path[0]), compileSourcePath(path, ctx)) : compileSourcePath(path, ctx);
  const numeric = type === 'money' || type === 'number' || type === 'ratio';
  // A field of the table itself, held as units and scales by the loader: read without a Decimal.
  const parts = numeric && path.length === 1 && rows.numberParts !== undefined ? rows.numberParts(fieldIndex(ctx, path[0])) : null;
  const column = numeric ? numericColumn(rows, read, parts) : codedColumn(rows, read, type, cache.dict);
  column.cached = cacheable;
  if (cacheable) {
    if (!columns) cache.byRows.set(rows, (columns = new Map()));
    columns.set(key, column);
  }
  return column;
}

/**
 * `read` (a path of lookups from field `first`) made once per distinct value of `first` when the
 * source holds that field as dictionary codes: the value at the end of the lookups depends only on
 * the first field's text, and rows with one code hold one text. Ten million activities then make
 * one key string and one lookup per distinct account, not per row (issue 10: `followLookups` was
 * ~4 s of a 1M-deal simulate). Other sources, and rows with no code, are read as before.
 */
function byFirstCode(rows: RowSource, first: number, read: (rows: RowSource, i: number) => Value): (rows: RowSource, i: number) => Value {
  if (rows.length === 0 || rows.code === undefined || rows.codeCount === undefined || rows.code(0, first) === undefined) return read;
  const count = rows.codeCount(first);
  const done = new Uint8Array(count);
  const values = new Array<Value>(count).fill(null);
  return (source, i) => {
    const code = source === rows ? rows.code!(i, first)! : -1;
    if (code < 0 || code >= count) return read(source, i);
    if (done[code] === 0) {
      values[code] = read(source, i);
      done[code] = 1;
    }
    return values[code];
  };
}

/**
 * Reads a numeric column in two passes: each value's digits and exponent (first pass, which also
 * finds the most decimals), then its scaled integer (second pass). Values whose digits fit below
 * 2^53 — every amount in practice — are read straight from decimal.js's documented representation
 * (`d`: base-10^7 words, `e`: exponent, `s`: sign) with no Decimal arithmetic and no string; longer
 * ones go through Decimal as before.
 */
function numericColumn(rows: RowSource, read: (rows: RowSource, i: number) => Value, parts: NumberParts | null): Column {
  const n = rows.length;
  const v = new Float64Array(n);
  const state = new Uint8Array(n);
  /** Per row: the power of ten of `v` (x = v · 10^p), for the values read from their digits. */
  const power = new Int16Array(n);
  /** The rare values of more digits, converted through Decimal. */
  const long = new Map<number, Decimal>();
  let decimals = 0;
  for (let i = 0; i < n; i++) {
    if (parts !== null) {
      const s = parts.scales[i];
      if (s === NUMBER_MISSING) {
        state[i] = MISSING;
        continue;
      }
      if (s !== NUMBER_ASIDE) {
        unitsDigits(parts.units[i], s, v, power, i);
        if (-power[i] > MAX_DECIMALS) state[i] = INEXACT;
        else if (-power[i] > decimals) decimals = -power[i];
        continue;
      }
      // A value of more digits, held as its Decimal: read as below.
    }
    const x = read(rows, i);
    if (x === null || x === undefined) state[i] = MISSING;
    else if (!isDecimal(x)) state[i] = INEXACT;
    else if (digitsOf(x, v, power, i)) {
      if (-power[i] > MAX_DECIMALS) state[i] = INEXACT;
      else if (-power[i] > decimals) decimals = -power[i];
    } else {
      const dp = x.decimalPlaces();
      if (dp > MAX_DECIMALS) state[i] = INEXACT;
      else {
        if (dp > decimals) decimals = dp;
        long.set(i, x);
      }
    }
  }
  const scale = 10 ** decimals;
  for (let i = 0; i < n; i++) {
    if (state[i] !== PRESENT) {
      // NaN where there is no exact value: a fused loop (kernel.ts) then sees any missing or inexact
      // input in its result, and reads the states only for those rows.
      v[i] = Number.NaN;
      continue;
    }
    const x = long.get(i);
    let scaled: number;
    if (x === undefined) {
      // v · 10^k with v below 2^53 and 10^k exact (k ≤ 22): exact while below 2^53, and 2^53 or
      // more (so flagged) when the exact product is.
      const k = power[i] + decimals;
      scaled = k > 22 ? Number.POSITIVE_INFINITY : v[i] * 10 ** k;
    } else {
      // An integer Decimal converts to the nearest double: exactly when it is below 2^53, and to
      // 2^53 or more otherwise — so the double tells which.
      scaled = decimals === 0 ? x.toNumber() : x.mul(scale).toNumber();
    }
    if (scaled > MAX_EXACT || scaled < -MAX_EXACT) {
      state[i] = INEXACT;
      v[i] = Number.NaN;
    } else v[i] = scaled;
  }
  return { v, state, scale, cached: false };
}

/**
 * Writes `units × 10^-scale` (units an integer below 2^53) as {@link digitsOf} writes the same
 * value's Decimal: `v[i]` the signed integer of its significant digits with no trailing zero,
 * `power[i]` its power of ten (0 for zero), so a column read from the parts is the column read
 * through Decimals, value for value and with the same scale.
 */
export function unitsDigits(units: number, scale: number, v: Float64Array, power: Int16Array, i: number): void {
  if (units === 0) {
    v[i] = 0;
    power[i] = 0;
    return;
  }
  let m = units;
  let p = -scale;
  while (m % 10 === 0) {
    m /= 10;
    p++;
  }
  v[i] = m;
  power[i] = p;
}

/**
 * Writes a finite Decimal whose significant digits form an integer below 2^53 as `v[i] · 10^power[i]`
 * (v[i] that integer, signed, with no trailing zero) and returns true; false for longer values
 * (and NaN, ±Infinity), which the caller converts through Decimal.
 */
export function digitsOf(x: Decimal, v: Float64Array, power: Int16Array, i: number): boolean {
  const d = (x as unknown as { d: number[] | null }).d;
  const e = (x as unknown as { e: number }).e;
  if (!d || d.length > 3) return false;
  const n = d.length;
  // The last word without its trailing zeros (decimal.js drops trailing zero words, so it is not 0
  // unless the value is).
  let last = d[n - 1];
  let zeros = 0;
  while (last !== 0 && last % 10 === 0) {
    last /= 10;
    zeros++;
  }
  // Words before the last are below 10^14 together: exact; the whole is exact while below 2^53, and
  // 2^53 or more (so declined) when the exact integer is.
  const m = n === 1 ? last : (n === 2 ? d[0] : d[0] * 1e7 + d[1]) * 10 ** (7 - zeros) + last;
  if (m > MAX_EXACT) return false;
  // The first word holds 1 to 7 digits; each later word exactly 7.
  const w = d[0];
  const first = w >= 1e6 ? 7 : w >= 1e5 ? 6 : w >= 1e4 ? 5 : w >= 1e3 ? 4 : w >= 100 ? 3 : w >= 10 ? 2 : 1;
  v[i] = (x as unknown as { s: number }).s < 0 && m !== 0 ? -m : m;
  power[i] = m === 0 ? 0 : e + 1 - first - 7 * (n - 1) + zeros;
  return true;
}

function codedColumn(rows: RowSource, read: (rows: RowSource, i: number) => Value, type: ValueType, dict: Map<string, number>): Column {
  const n = rows.length;
  const v = new Float64Array(n);
  const state = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = read(rows, i);
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
