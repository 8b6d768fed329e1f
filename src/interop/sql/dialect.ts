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
  /**
   * `x` (scale `s`) divided by the whole number `n`, rounded to `step` by `mode`, as DECIMAL(38, digits
   * of step): a quota's monthly part (half-up to the minor unit, runtime/money.ts splitExact), a yearly
   * bonus's instalment (runtime/instalments.ts). Null when the dialect cannot round so exactly.
   */
  divideRound(x: string, s: number, n: number, step: string, mode: RoundingMode): string | null;
  /** Texts of a group joined with `sep`, in `order` (an ORDER BY list). */
  joinedTexts(expr: string, sep: string, order: string): string;
  /** A named inline table of literal rows (`rows` are already SQL literals). */
  inlineTable(columns: string[], rows: string[][]): string;
  /** A statement that defines (or replaces) a view. */
  createView(name: string, select: string): string;
  /** A condition that holds only when definitely true (missing and false do not). */
  isTrue(condition: string): string;
  /** Statements the views need first (DuckDB: the exact division and rounding macros). */
  prelude: string[];
}

/** Decimal places of a decimal text (`0.05` → 2, `100` → 0). */
export function scaleOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * A decimal literal typed no wider than it needs (`CAST('0.025' AS DECIMAL(4, 3))`): DuckDB gives a
 * CASE or GREATEST over DECIMAL(38, 0) and DECIMAL(38, 2) the type DECIMAL(38, 0), dropping the
 * cents, while a narrow literal joins a DECIMAL(38, s) without loss. docs/sql.md, "Differences".
 */
export function decimalLiteral(text: string): string {
  const scale = scaleOf(text);
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+(?=\d)/, '').length;
  return `CAST('${text}' AS DECIMAL(${Math.min(38, Math.max(digits, scale + 1, 1))}, ${scale}))`;
}

/** `10^n` as an integer literal text. */
const pow10 = (n: number): string => `1${'0'.repeat(n)}`;

/** A DECIMAL(38, s) value as the integer of its units of 10^-scale (HUGEINT). */
const scaledInt = (x: string, scale: number) => `pb_int(CAST(${x} AS DECIMAL(38, ${scale})), ${pow10(scale)})`;

/**
 * DuckDB macros for exact arithmetic on scaled integers (HUGEINT), defined once per script.
 * pb_div: a ÷ b × 10^k truncated toward zero, by long division in chunks of at most 9 digits
 * (p1…p4 are 10^chunk), so no intermediate exceeds |b| × 10^9. pb_round_*: |x| ÷ t rounded to a
 * whole number by the mode, with x's sign (t > 0 is the step in the same units).
 */
const DUCKDB_MACROS = [
  // Whole and fractional parts apart, so that no DECIMAL(38, s) intermediate overflows.
  'CREATE OR REPLACE TEMP MACRO pb_int(x, p) AS CAST(trunc(x) AS HUGEINT) * p + CAST((x - trunc(x)) * p AS HUGEINT);',
  `CREATE OR REPLACE TEMP MACRO pb_div(a, b, p1, p2, p3, p4) AS
  (((((a // b) * p1 + ((a % b) * p1) // b) * p2 + ((((a % b) * p1) % b) * p2) // b) * p3
    + ((((((a % b) * p1) % b) * p2) % b) * p3) // b) * p4 + ((((((((a % b) * p1) % b) * p2) % b) * p3) % b) * p4) // b);`,
  'CREATE OR REPLACE TEMP MACRO pb_round_half_up(x, t) AS sign(x) * (abs(x) // t + CASE WHEN 2 * (abs(x) % t) >= t THEN 1 ELSE 0 END);',
  'CREATE OR REPLACE TEMP MACRO pb_round_half_down(x, t) AS sign(x) * (abs(x) // t + CASE WHEN 2 * (abs(x) % t) > t THEN 1 ELSE 0 END);',
  'CREATE OR REPLACE TEMP MACRO pb_round_half_even(x, t) AS sign(x) * (abs(x) // t + CASE WHEN 2 * (abs(x) % t) > t THEN 1 WHEN 2 * (abs(x) % t) = t THEN (abs(x) // t) % 2 ELSE 0 END);',
  'CREATE OR REPLACE TEMP MACRO pb_round_up(x, t) AS sign(x) * (abs(x) // t + CASE WHEN abs(x) % t > 0 THEN 1 ELSE 0 END);',
  'CREATE OR REPLACE TEMP MACRO pb_round_down(x, t) AS sign(x) * (abs(x) // t);',
];

/**
 * Decimal places an amount is snapped to (half-even) before it is rounded to the step: a quotient
 * carried to {@link DIVISION_SCALE} places leaves an error near 1e-18, and snapping makes
 * 750.01499…9 round as the true 750.015 does (the JavaScript engine snaps its 40-digit values to
 * 20 places for the same reason; runtime/money.ts). docs/sql.md, "Differences".
 */
export const SNAP_PLACES = 12;

/** Exact rounding to a step on scaled integers (DuckDB's own ROUND is half away from zero only; docs/sql.md). */
function duckRound(x: string, s: number, step: string, mode: RoundingMode): string {
  const k = scaleOf(step);
  const fn = `pb_round_${mode.replace('-', '_')}`;
  const scale = Math.max(Math.min(s, SNAP_PLACES), k);
  const units = s > scale ? `pb_round_half_even(${scaledInt(x, s)}, ${pow10(s - scale)})` : scaledInt(x, scale);
  return `(CAST(${fn}(${units}, ${BigInt(step.replace('.', '')) * 10n ** BigInt(scale - k)}) AS DECIMAL(38, 0)) * CAST('${step}' AS DECIMAL(38, ${k})))`;
}

/** 10^k split into at most four factors of at most 10^9 (the chunks of pb_div). */
function chunks(k: number): string[] {
  const out: string[] = [];
  for (let left = k, i = 0; i < 4; i++, left -= Math.min(left, 9)) out.push(pow10(Math.max(0, Math.min(left, 9))));
  return out;
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
    // DuckDB divides decimals in DOUBLE: the quotient is computed on scaled HUGEINTs instead. When
    // a × 10^k fits in a HUGEINT (|a| < 10^(38 − k)), one integer division does it; otherwise the
    // long division in chunks (pb_div), about ten times slower per row.
    const k = DIVISION_SCALE - sa + sb;
    const [ia, ib] = [scaledInt(a, sa), scaledInt(b, sb)];
    const long = `pb_div(${ia}, ${ib}, ${chunks(k).join(', ')})`;
    const quotient = k >= 38 ? long : `CASE WHEN abs(${ia}) < CAST('${pow10(38 - k)}' AS HUGEINT) THEN (${ia} * CAST('${pow10(k)}' AS HUGEINT)) // ${ib} ELSE ${long} END`;
    return `(CAST(${quotient} AS DECIMAL(38, 0)) * CAST('0.${'0'.repeat(DIVISION_SCALE - 1)}1' AS DECIMAL(38, ${DIVISION_SCALE})))`;
  },
  roundToStep: duckRound,
  divideRound: (x, s, n, step, mode) => {
    // On whole numbers of 10^-scale: units ÷ (n × step's units), rounded by the mode on the exact
    // remainder. The long division of `divide` would do too, but its macro, nested in a window
    // sum, takes DuckDB a second to plan.
    const k = scaleOf(step);
    const scale = Math.max(s, k);
    return `(CAST(pb_round_${mode.replace('-', '_')}(${scaledInt(x, scale)}, ${BigInt(n) * BigInt(step.replace('.', '')) * 10n ** BigInt(scale - k)}) AS DECIMAL(38, 0)) * CAST('${step}' AS DECIMAL(38, ${k})))`;
  },
  joinedTexts: (e, sep, order) => `string_agg(${e}, '${sep}' ORDER BY ${order})`,
  inlineTable: (cols, rows) => `(VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS v(${cols.join(', ')})`,
  createView: (name, select) => `CREATE OR REPLACE TEMP VIEW ${name} AS\n${select};`,
  isTrue: (c) => `(${c}) IS TRUE`,
  prelude: DUCKDB_MACROS,
};

/** Spark's `round` is half-up and `bround` half-even, both exact on decimals, at a number of places. */
function sparkRound(x: string, _s: number, step: string, mode: RoundingMode): string | null {
  const k = scaleOf(step);
  if (!/^(1|0\.0*1)$/.test(step)) return null; // the checker allows only powers of ten (PB2109)
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
  divideRound: (x, _s, n, step, mode) => sparkRound(`CAST(${x} AS DECIMAL(38, 18)) / ${n}`, 18, step, mode),
  joinedTexts: (e, sep, order) => `array_join(transform(array_sort(collect_list(struct(${order.replace(/ (ASC|DESC)\b/g, '')}, ${e} AS v))), x -> x.v), '${sep}')`,
  inlineTable: (cols, rows) => `VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')} AS v(${cols.join(', ')})`,
  createView: (name, select) => `CREATE OR REPLACE TEMP VIEW ${name} AS\n${select};`,
  isTrue: (c) => `coalesce(${c}, FALSE)`,
  prelude: [],
};

export const DIALECTS: Record<DialectName, Dialect> = { duckdb: DUCKDB, spark: SPARK };
