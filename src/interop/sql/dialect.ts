/**
 * SQL dialects the rule graph compiles to: DuckDB (run in-process by `simulate --engine duckdb`)
 * and Spark SQL (emitted for a warehouse; untested here, see docs/sql.md). A dialect says how to
 * quote names, spell exact decimals, timestamps and the few operations where the two differ:
 * exact division, rounding to the playbook's step, ordered text lists and inline tables.
 *
 * Numbers are `DECIMAL(38, s)` with a scale known at compile time (see `sql-expr.ts`); dates are
 * `TIMESTAMP` values holding the wall-clock time in the playbook's time zone (as the JavaScript
 * engine's date numbers do), so no time-zone function is ever needed in SQL.
 */
import type { RoundingMode } from '../../runtime/money.js';

export type DialectName = 'duckdb' | 'spark';

/** Scale every quotient is carried to (decimal places, truncated toward zero). docs/sql.md, "Differences". */
export const DIVISION_SCALE = 18;

export interface Dialect {
  name: DialectName;
  /** A quoted identifier. */
  ident(name: string): string;
  /** A text literal. */
  text(value: string): string;
  /** An exact decimal type of scale `s`. */
  decimal(scale: number): string;
  /** A timestamp literal from `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS.mmm`. */
  timestamp(text: string): string;
  /** Milliseconds since 1970 of a timestamp expression (wall clock read as UTC). */
  epochMs(expr: string): string;
  /** A timestamp plus a whole number of milliseconds (an integer expression). */
  plusMs(ts: string, ms: string): string;
  /** The aggregate that returns any value of a group (lookups by a unique key). */
  anyValue: string;
  /** `a / b` of scales `sa`, `sb` to {@link DIVISION_SCALE} places, truncated toward zero; `b` is known non-zero. */
  divide(a: string, sa: number, b: string, sb: number): string;
  /**
   * `x` (scale `s`) rounded to a multiple of `step` with `mode`, as DECIMAL(38, digits of step);
   * null when the dialect cannot do it exactly (the caller refuses the playbook).
   */
  roundToStep(x: string, s: number, step: string, mode: RoundingMode): string | null;
  /** Texts of a group joined with `sep`, in `order` (an ORDER BY list). */
  joinedTexts(expr: string, sep: string, order: string): string;
  /** A named inline table of literal rows (`rows` are already SQL literals). */
  inlineTable(columns: string[], rows: string[][]): string;
  /** A statement that defines (or replaces) a view. */
  createView(name: string, select: string): string;
}

/** Decimal places of a decimal text (`0.05` → 2, `100` → 0). */
export function scaleOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** `10^n` as an integer literal text. */
const pow10 = (n: number): string => `1${'0'.repeat(n)}`;

/** Exact integer rounding in HUGEINT: `q = X // T`, remainder compared with half the step (DuckDB). */
function duckRound(x: string, s: number, step: string, mode: RoundingMode): string {
  const k = scaleOf(step);
  const scale = Math.max(s, k);
  const X = `CAST(CAST(${x} AS DECIMAL(38, ${scale})) * ${pow10(scale)} AS HUGEINT)`;
  const T = `CAST(CAST(${step} AS DECIMAL(38, ${scale})) * ${pow10(scale)} AS HUGEINT)`;
  // |X| = q·T + r with 0 ≤ r < T; the mode decides whether |q| goes up by one.
  const q = `(abs(${X}) // ${T})`;
  const r2 = `(2 * (abs(${X}) % ${T}))`;
  const up: Record<RoundingMode, string> = {
    'half-up': `CASE WHEN ${r2} >= ${T} THEN 1 ELSE 0 END`,
    'half-down': `CASE WHEN ${r2} > ${T} THEN 1 ELSE 0 END`,
    'half-even': `CASE WHEN ${r2} > ${T} THEN 1 WHEN ${r2} = ${T} THEN ${q} % 2 ELSE 0 END`,
    up: `CASE WHEN ${r2} > 0 THEN 1 ELSE 0 END`,
    down: '0',
  };
  return `(CAST(sign(${X}) * (${q} + ${up[mode]}) AS DECIMAL(38, 0)) * CAST(${step} AS DECIMAL(38, ${k})))`;
}

export const DUCKDB: Dialect = {
  name: 'duckdb',
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  text: (v) => `'${v.replace(/'/g, "''")}'`,
  decimal: (s) => `DECIMAL(38, ${s})`,
  timestamp: (t) => `TIMESTAMP '${t}'`,
  epochMs: (e) => `epoch_ms(${e})`,
  plusMs: (ts, ms) => `(${ts} + to_milliseconds(${ms}))`,
  anyValue: 'any_value',
  divide: (a, sa, b, sb) => {
    // DuckDB divides decimals in DOUBLE: the quotient is computed on scaled HUGEINTs instead.
    const A = `CAST(CAST(${a} AS DECIMAL(38, ${sa})) * ${pow10(sa)} AS HUGEINT)`;
    const B = `CAST(CAST(${b} AS DECIMAL(38, ${sb})) * ${pow10(sb)} AS HUGEINT)`;
    return `(CAST((${A} * ${pow10(DIVISION_SCALE - sa + sb)}) // ${B} AS DECIMAL(38, 0)) * CAST('0.${'0'.repeat(DIVISION_SCALE - 1)}1' AS DECIMAL(38, ${DIVISION_SCALE})))`;
  },
  roundToStep: duckRound,
  joinedTexts: (e, sep, order) => `string_agg(${e}, '${sep}' ORDER BY ${order})`,
  inlineTable: (cols, rows) => `(VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS v(${cols.join(', ')})`,
  createView: (name, select) => `CREATE OR REPLACE TEMP VIEW ${name} AS\n${select};`,
};

/** Spark's `round` is half-up and `bround` half-even, both exact on decimals, at a number of places. */
function sparkRound(x: string, _s: number, step: string, mode: RoundingMode): string | null {
  const k = scaleOf(step);
  if (!/^0*(\.0*)?1$/.test(step.replace(/^1$/, '1'))) return null; // only a power of ten: 1, 0.1, 0.01, …
  const d = `CAST(${x} AS DECIMAL(38, 18))`;
  switch (mode) {
    case 'half-up':
      return `CAST(round(${d}, ${k}) AS DECIMAL(38, ${k}))`;
    case 'half-even':
      return `CAST(bround(${d}, ${k}) AS DECIMAL(38, ${k}))`;
    case 'down':
      return `CAST(sign(${d}) * floor(abs(${d}) * ${pow10(k)}) / ${pow10(k)} AS DECIMAL(38, ${k}))`;
    case 'up':
      return `CAST(sign(${d}) * ceil(abs(${d}) * ${pow10(k)}) / ${pow10(k)} AS DECIMAL(38, ${k}))`;
    case 'half-down':
      return null;
  }
}

export const SPARK: Dialect = {
  name: 'spark',
  ident: (n) => `\`${n.replace(/`/g, '``')}\``,
  text: (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  decimal: (s) => `DECIMAL(38, ${s})`,
  timestamp: (t) => `TIMESTAMP '${t}'`,
  epochMs: (e) => `unix_millis(${e})`,
  plusMs: (ts, ms) => `timestamp_millis(unix_millis(${ts}) + ${ms})`,
  anyValue: 'first',
  divide: (a, _sa, b) => `CAST(CAST(${a} AS DECIMAL(38, 18)) / CAST(${b} AS DECIMAL(38, 18)) AS DECIMAL(38, ${DIVISION_SCALE}))`,
  roundToStep: sparkRound,
  joinedTexts: (e, sep, order) => `array_join(transform(array_sort(collect_list(struct(${order.replace(/ (ASC|DESC)\b/g, '')}, ${e} AS v))), x -> x.v), '${sep}')`,
  inlineTable: (cols, rows) => `VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')} AS v(${cols.join(', ')})`,
  createView: (name, select) => `CREATE OR REPLACE TEMP VIEW ${name} AS\n${select};`,
};

export const DIALECTS: Record<DialectName, Dialect> = { duckdb: DUCKDB, spark: SPARK };
