/**
 * The json-rules-engine operators the exported rules use. The library's own operators
 * compare JS numbers and treat a missing fact loosely; these compare exact decimals
 * (decimal.js, from the text the fact module writes), dates and text, and never hold
 * when either side is missing — the engine's rule that a comparison with a missing value
 * is *unknown* and an unknown condition does not hold.
 */
import { Decimal } from '../../graph/decimal.js';
import { comparators } from '../../runtime/expr.js';

/** Comparison names as they appear in operator names (`pb:decimal:<`). */
export const COMPARISONS = ['=', '!=', '<', '<=', '>', '>='] as const;
export type Comparison = (typeof COMPARISONS)[number];
/** Value kinds with their own comparison operators. */
export const OPERAND_KINDS = ['decimal', 'date', 'text', 'boolean'] as const;
export type OperandKind = (typeof OPERAND_KINDS)[number];

/** `pb:decimal:<` and so on. */
export function comparisonOperator(kind: OperandKind, op: Comparison): string {
  return `pb:${kind}:${op}`;
}

/** The names `registerOperators` adds, for the export's `operators` list. */
export function operatorNames(): string[] {
  const names: string[] = ['pb:missing'];
  for (const kind of OPERAND_KINDS) {
    for (const op of COMPARISONS) names.push(comparisonOperator(kind, op));
    names.push(`pb:${kind}:in`, `pb:${kind}:notIn`);
  }
  return names;
}

const isMissing = (v: unknown): boolean => v === null || v === undefined;

/**
 * A date or timestamp value as a number for comparison: `YYYY-MM-DD` is midnight,
 * `YYYY-MM-DDTHH:mm[:ss[.sss]]` the wall-clock time (both read as UTC, like the engine).
 * @throws Error on any other text.
 */
export function dateNumber(v: unknown): number {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/.exec(v) : null;
  if (!m) throw new Error(`not a date: ${JSON.stringify(v)} (expected YYYY-MM-DD)`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')));
}

/** An exact decimal from fact text (or an integer-valued JS number). @throws Error on anything else. */
function decimal(v: unknown): Decimal {
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return new Decimal(v);
  // A JS number is accepted only when it is an integer (exactly representable); fractions must come as text.
  if (typeof v === 'number' && Number.isSafeInteger(v)) return new Decimal(v);
  throw new Error(`not an exact decimal: ${JSON.stringify(v)} (pass numbers as decimal text such as "0.2")`);
}

/** Three-way comparison of two non-missing values of one kind. */
function compare(kind: OperandKind, a: unknown, b: unknown): number {
  switch (kind) {
    case 'decimal':
      return decimal(a).cmp(decimal(b));
    case 'date':
      return dateNumber(a) - dateNumber(b);
    case 'text':
      if (typeof a !== 'string' || typeof b !== 'string') throw new Error(`not text: ${JSON.stringify(typeof a === 'string' ? b : a)}`);
      return a < b ? -1 : a > b ? 1 : 0;
    case 'boolean':
      if (typeof a !== 'boolean' || typeof b !== 'boolean') throw new Error(`not true or false: ${JSON.stringify(typeof a === 'boolean' ? b : a)}`);
      return Number(a) - Number(b);
  }
}


/** The operator callbacks by name: `(factValue, ruleValue) => holds`. */
export function operatorTable(): Map<string, (fact: unknown, value: unknown) => boolean> {
  const table = new Map<string, (fact: unknown, value: unknown) => boolean>();
  // `value` true: holds when the fact is missing; false: when it is present.
  table.set('pb:missing', (fact, value) => isMissing(fact) === value);
  for (const kind of OPERAND_KINDS) {
    for (const op of COMPARISONS) {
      const test = comparators[op];
      table.set(comparisonOperator(kind, op), (fact, value) => !isMissing(fact) && !isMissing(value) && test(compare(kind, fact, value)));
    }
    // Options are literals, never missing; a missing fact makes `in` and `not in` unknown.
    const found = (fact: unknown, options: unknown): boolean => (options as unknown[]).some((o) => compare(kind, fact, o) === 0);
    table.set(`pb:${kind}:in`, (fact, options) => !isMissing(fact) && found(fact, options));
    table.set(`pb:${kind}:notIn`, (fact, options) => !isMissing(fact) && !found(fact, options));
  }
  return table;
}

/** The part of a json-rules-engine `Engine` this module needs. */
export interface OperatorHost {
  addOperator<A, B>(name: string, callback: (factValue: A, jsonValue: B) => boolean): void;
}

/**
 * Adds every `pb:` operator to a json-rules-engine `Engine`. Call it before `engine.run`.
 * The operators throw (failing the run) on a value of the wrong kind, so a fact passed as
 * a JS fraction (0.1 is not exact) is refused rather than compared inexactly.
 */
export function registerOperators(engine: OperatorHost): void {
  for (const [name, fn] of operatorTable()) engine.addOperator<unknown, unknown>(name, fn);
}
