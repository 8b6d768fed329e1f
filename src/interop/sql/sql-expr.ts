/**
 * Typed expressions (graph/ir.ts) as SQL over one row. The language's three-valued logic is SQL's
 * own: arithmetic with NULL is NULL, a comparison with NULL is unknown, AND/OR/NOT are Kleene's, and
 * `x IN (…)` is unknown when x is missing or when nothing matched and an option is missing — exactly
 * the JavaScript engine's rules (runtime/expr.ts). A condition holds only when it `IS TRUE`.
 *
 * Every number carries a scale known at compile time (the DECIMAL(38, s) it has): sums keep the
 * larger scale, products add scales (capped at {@link DIVISION_SCALE}), quotients have
 * {@link DIVISION_SCALE} places. Dividing by zero gives NULL, as in the JavaScript engine, and
 * {@link SqlExpr.dz} says, for the derived-field warning, whether evaluating the row divided by zero.
 */
import type { FieldStep, TExpr } from '../../graph/ir.js';
import { DIVISION_SCALE, type Dialect, decimalLiteral, scaleOf } from './dialect.js';

/** An expression in SQL: its text, the scale of a number (0 otherwise), and a divided-by-zero test (null: it never divides). */
export interface SqlExpr {
  sql: string;
  scale: number;
  dz: string | null;
}

/** What translating an expression over one row needs to know. */
export interface RowScope {
  d: Dialect;
  /** The alias of the row's relation in the FROM clause. */
  alias: string;
  /** The SQL relation (view) that holds a table's rows with its fields so far. */
  relationOf(table: string): string;
  /** The key field of a table (lookups go through it). */
  keyOf(table: string): string;
  /** The scale of a numeric field. */
  scaleOf(table: string, field: string): number;
  /** The SQL of a built-in value in this scope (with its scale when it is a number of a known scale), or null when it cannot be expressed here. */
  builtin(e: Extract<TExpr, { k: 'builtin' }>): string | { sql: string; scale: number } | null;
  /** The column holding a `first credited per …` flag computed beforehand, or null. */
  firstPer(e: Extract<TExpr, { k: 'firstPer' }>): string | null;
  /** Stops the translation: the construct cannot be expressed in SQL (the caller names the rule). */
  refuse(what: string): never;
  /** `sum`/`count`/`distinct` over a rep's rows in this scope (a rep's period), or null when it cannot be expressed here; absent: refused. */
  aggregate?(e: Extract<TExpr, { k: 'sum' | 'count' | 'distinct' }>): SqlExpr | null;
  /** Computes a lookup once per row (as a column of the row) and returns the column; absent: inline. */
  lookup?(subquery: string): string;
}

const NUMERIC = new Set(['money', 'number', 'ratio']);
const DAY_MS = '86400000';

const or = (...parts: (string | null)[]): string | null => {
  const list = parts.filter((p): p is string => p !== null);
  return list.length === 0 ? null : list.length === 1 ? list[0] : `(${list.join(' OR ')})`;
};

/** A field path: the first step reads the row, each further step looks the value up by the next table's key. */
function fieldSql(path: FieldStep[], s: RowScope): string {
  let sql = `${s.alias}.${s.d.ident(path[0].field)}`;
  for (let i = 1; i < path.length; i++) {
    const step = path[i];
    const u = `l${i}`;
    sql = `(SELECT ${s.d.anyValue}(${u}.${s.d.ident(step.field)}) FROM ${s.relationOf(step.table)} ${u} WHERE ${u}.${s.d.ident(s.keyOf(step.table))} = ${sql})`;
  }
  return path.length > 1 && s.lookup ? s.lookup(sql) : sql;
}

function cast(sql: string, scale: number, s: RowScope): string {
  return `CAST(${sql} AS ${s.d.decimal(scale)})`;
}

/** Translates `e` over the scope's row. Calls `scope.refuse` for what SQL here cannot express. */
export function sqlExpr(e: TExpr, s: RowScope): SqlExpr {
  switch (e.k) {
    case 'lit': {
      if (typeof e.v === 'boolean') return { sql: e.v ? 'TRUE' : 'FALSE', scale: 0, dz: null };
      if (e.t === 'text') return { sql: s.d.text(e.v), scale: 0, dz: null };
      if (e.t === 'date') return { sql: s.d.timestamp(e.v), scale: 0, dz: null };
      return { sql: decimalLiteral(e.v), scale: scaleOf(e.v), dz: null };
    }
    case 'field': {
      const last = e.path[e.path.length - 1];
      return { sql: fieldSql(e.path, s), scale: NUMERIC.has(e.t) ? s.scaleOf(last.table, last.field) : 0, dz: null };
    }
    case 'builtin': {
      const b = s.builtin(e);
      if (b === null) return s.refuse(`the built-in value "${e.name}"${e.t === 'boolean' ? '' : ' as an amount'}`);
      if (typeof b !== 'string') return { sql: b.sql, scale: b.scale, dz: null };
      return { sql: b, scale: NUMERIC.has(e.t) ? 2 : 0, dz: null };
    }
    case 'firstPer': {
      const column = s.firstPer(e);
      if (column === null) return s.refuse('"first credited per"');
      return { sql: column, scale: 0, dz: null };
    }
    case 'neg': {
      const x = sqlExpr(e.e, s);
      return { sql: `(-${x.sql})`, scale: x.scale, dz: x.dz };
    }
    case 'not': {
      const x = sqlExpr(e.e, s);
      return { sql: `(NOT ${x.sql})`, scale: 0, dz: x.dz };
    }
    case 'missing': {
      const x = sqlExpr(e.e, s);
      return { sql: `(${x.sql} IS ${e.neg ? 'NOT ' : ''}NULL)`, scale: 0, dz: x.dz };
    }
    case 'in': {
      const x = sqlExpr(e.e, s);
      const options = e.options.map((o) => sqlExpr(o, s));
      const scale = Math.max(x.scale, ...options.map((o) => o.scale));
      const num = NUMERIC.has(e.e.t);
      const list = options.map((o) => (num ? cast(o.sql, scale, s) : o.sql)).join(', ');
      return { sql: `(${num ? cast(x.sql, scale, s) : x.sql} ${e.neg ? 'NOT IN' : 'IN'} (${list}))`, scale: 0, dz: or(x.dz, ...options.map((o) => o.dz)) };
    }
    case 'bin':
      return binary(e, s);
    case 'call':
      return call(e, s);
    case 'sum':
    case 'count':
    case 'distinct':
      return s.aggregate?.(e) ?? s.refuse(`"${e.k}" over ${e.table}`);
  }
}

function binary(e: Extract<TExpr, { k: 'bin' }>, s: RowScope): SqlExpr {
  const l = sqlExpr(e.l, s);
  const r = sqlExpr(e.r, s);
  switch (e.op) {
    case 'and':
      // The JavaScript engine does not evaluate the right side when the left is false.
      return { sql: `(${l.sql} AND ${r.sql})`, scale: 0, dz: or(l.dz, r.dz && `(COALESCE(${l.sql}, TRUE) AND ${r.dz})`) };
    case 'or':
      return { sql: `(${l.sql} OR ${r.sql})`, scale: 0, dz: or(l.dz, r.dz && `(NOT COALESCE(${l.sql}, FALSE) AND ${r.dz})`) };
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const op = e.op === '!=' ? '<>' : e.op;
      return { sql: `(${l.sql} ${op} ${r.sql})`, scale: 0, dz: or(l.dz, r.dz) };
    }
    case '+':
    case '-': {
      const dz = or(l.dz, r.dz);
      if (e.l.t === 'date' && e.r.t === 'date') {
        const ms = `CAST(${s.d.epochMs(l.sql)} - ${s.d.epochMs(r.sql)} AS ${s.d.decimal(0)})`;
        return { sql: `CASE WHEN ${l.sql} IS NULL OR ${r.sql} IS NULL THEN NULL ELSE ${s.d.divide(ms, 0, DAY_MS, 0)} END`, scale: DIVISION_SCALE, dz };
      }
      if (e.l.t === 'date') {
        const ms = `CAST(round(${r.sql} * ${DAY_MS}) AS BIGINT)`;
        return { sql: s.d.plusMs(l.sql, e.op === '+' ? ms : `(-${ms})`), scale: 0, dz };
      }
      const scale = Math.max(l.scale, r.scale);
      return { sql: cast(`${l.sql} ${e.op} ${r.sql}`, scale, s), scale, dz };
    }
    case '*': {
      const scale = Math.min(l.scale + r.scale, DIVISION_SCALE);
      return { sql: cast(`${cast(l.sql, l.scale, s)} * ${cast(r.sql, r.scale, s)}`, scale, s), scale, dz: or(l.dz, r.dz) };
    }
    case '/': {
      // Both sides are evaluated; a zero divisor (both present) makes the value missing and is counted.
      const zero = `(${l.sql} IS NOT NULL AND ${r.sql} = 0)`;
      return { sql: `CASE WHEN ${r.sql} = 0 THEN NULL ELSE ${s.d.divide(l.sql, l.scale, r.sql, r.scale)} END`, scale: DIVISION_SCALE, dz: or(l.dz, r.dz, zero) };
    }
  }
}

function call(e: Extract<TExpr, { k: 'call' }>, s: RowScope): SqlExpr {
  const args = e.args.map((a) => sqlExpr(a, s));
  // Arguments are read left to right and reading stops at the first missing one (runtime/expr.ts).
  const dz = or(...args.map((a, k) => a.dz && (k === 0 ? a.dz : `(${args.slice(0, k).map((p) => `${p.sql} IS NOT NULL`).join(' AND ')} AND ${a.dz})`)));
  const anyNull = args.map((a) => `${a.sql} IS NULL`).join(' OR ');
  const scale = Math.max(0, ...args.map((a) => a.scale));
  const nums = args.map((a) => cast(a.sql, scale, s));
  switch (e.fn) {
    case 'min':
    case 'max':
      return { sql: `CASE WHEN ${anyNull} THEN NULL ELSE ${e.fn === 'min' ? 'LEAST' : 'GREATEST'}(${nums.join(', ')}) END`, scale, dz };
    case 'clamp':
      return { sql: `CASE WHEN ${anyNull} THEN NULL ELSE LEAST(GREATEST(${nums[0]}, ${nums[1]}), ${nums[2]}) END`, scale, dz };
    case 'abs':
      return { sql: `abs(${args[0].sql})`, scale: args[0].scale, dz: args[0].dz };
    case 'year':
    case 'month':
    case 'day':
      return { sql: cast(`${e.fn === 'day' ? 'dayofmonth' : e.fn}(${args[0].sql})`, 0, s), scale: 0, dz };
    case 'days_between':
      return { sql: cast(`floor((${s.d.epochMs(args[1].sql)} - ${s.d.epochMs(args[0].sql)}) / ${DAY_MS})`, 0, s), scale: 0, dz };
  }
  return s.refuse(`the function ${e.fn}`);
}
