/**
 * Turns a playbook condition (typed IR) into a json-rules-engine condition that holds
 * exactly when the engine's three-valued condition is definitely true.
 *
 * How: `not` is pushed down to the comparisons (negation normal form), flipping `and`/`or`
 * and each comparison (`<` ↔ `>=`, `in` ↔ `not in`, "is missing" ↔ "is present"). Under
 * Kleene's logic that is exact, and a comparison with a missing value stays unknown either
 * way, which the `pb:` operators report as "does not hold". So json-rules-engine never sees
 * its own `not` over an unknown (where `not false` would wrongly hold). Operands that are not
 * plain fields or literals (arithmetic, functions, boolean fields) become facts the fact
 * module computes with the engine's own expression code.
 */
import type { TExpr, ValueType } from '../../graph/ir.js';
import { printExpr } from '../../graph/print.js';
import { type Comparison, type OperandKind, comparisonOperator } from './operators.js';
import type { FactSpec, JreCondition } from './types.js';

/** Thrown for an expression the export cannot carry; the message is the reason, in the analyst's words. */
export class NotExportableError extends Error {}

const FLIP: Record<Comparison, Comparison> = { '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
const MIRROR: Record<Comparison, Comparison> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function operandKind(t: ValueType): OperandKind {
  return t === 'date' ? 'date' : t === 'text' ? 'text' : t === 'boolean' ? 'boolean' : 'decimal';
}

/** Why an expression cannot be decided from one record, or null when it can. */
export function unexportableReason(e: TExpr): string | null {
  switch (e.k) {
    case 'sum':
    case 'count':
    case 'distinct':
      return `${e.k}(…) over ${e.table} adds up many records (a rep's deals in a period, an account's activities), not one`;
    case 'firstPer':
      return '`first credited per …` depends on the other deals of the same group, which one record does not show';
    case 'builtin':
      if (e.name === 'won' || e.name === 'lost') return null;
      return `"${e.name}" is computed over a rep's period or an account's history, not from one record`;
    case 'lit':
    case 'field':
      return null;
    case 'neg':
    case 'not':
    case 'missing':
      return unexportableReason(e.e);
    case 'bin':
      return unexportableReason(e.l) ?? unexportableReason(e.r);
    case 'in':
      return unexportableReason(e.e) ?? e.options.map(unexportableReason).find((r) => r !== null) ?? null;
    case 'call':
      return e.args.map(unexportableReason).find((r) => r !== null) ?? null;
  }
}

/** The facts of one subject table, named once each and listed in first-use order. */
export class FactTable {
  readonly facts: FactSpec[] = [];
  private readonly byKey = new Map<string, string>();
  private computed = 0;

  /** The fact reading `e` (a field path, an outcome or a computed expression); added on first use. */
  factOf(e: TExpr): string {
    const key = JSON.stringify(e);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let spec: FactSpec;
    if (e.k === 'field') spec = { name: e.path.map((s) => s.field).join('.'), kind: 'field', type: e.t, path: e.path };
    else if (e.k === 'builtin' && (e.name === 'won' || e.name === 'lost')) spec = { name: e.name, kind: 'outcome', type: 'boolean', outcome: e.name };
    else spec = { name: `computed#${++this.computed}`, kind: 'computed', type: e.t, expr: e, text: printExpr(e) };
    // A field path could spell the same name as an outcome fact (a field called `won`): keep names unique.
    while (this.facts.some((f) => f.name === spec.name)) spec = { ...spec, name: `${spec.name}#` };
    this.facts.push(spec);
    this.byKey.set(key, spec.name);
    return spec.name;
  }
}

const isComparison = (op: string): op is Comparison => op in FLIP;

/**
 * The json-rules-engine condition that holds exactly when `e` is definitely true
 * (`negated`: definitely false). @throws NotExportableError for aggregates and the like.
 */
export function toCondition(e: TExpr, facts: FactTable, negated = false): JreCondition {
  const reason = unexportableReason(e);
  if (reason !== null) throw new NotExportableError(reason);
  switch (e.k) {
    case 'not':
      return toCondition(e.e, facts, !negated);
    case 'bin':
      if (e.op === 'and' || e.op === 'or') {
        const parts = [toCondition(e.l, facts, negated), toCondition(e.r, facts, negated)];
        return (e.op === 'and') !== negated ? { all: parts } : { any: parts };
      }
      if (isComparison(e.op)) return comparison(e.l, e.r, negated ? FLIP[e.op] : e.op, facts);
      break;
    case 'missing':
      return { fact: facts.factOf(e.e), operator: 'pb:missing', value: e.neg === negated };
    case 'in':
      if (e.options.every((o) => o.k === 'lit')) {
        const kind = operandKind(e.e.t);
        return { fact: facts.factOf(e.e), operator: `pb:${kind}:${e.neg !== negated ? 'notIn' : 'in'}`, value: e.options.map((o) => (o as { v: unknown }).v) };
      }
      break;
    case 'lit':
      // A constant condition: true holds always, false never (a fact that is always present).
      break;
  }
  // Anything else of type boolean (a boolean field, won/lost, a function): test the value itself.
  return { fact: facts.factOf(e), operator: comparisonOperator('boolean', '='), value: !negated };
}

function comparison(l: TExpr, r: TExpr, op: Comparison, facts: FactTable): JreCondition {
  const kind = operandKind(l.t === 'boolean' || r.t === 'boolean' ? 'boolean' : l.t);
  if (l.k === 'lit' && r.k !== 'lit') return comparison(r, l, MIRROR[op], facts);
  const value = r.k === 'lit' ? r.v : { fact: facts.factOf(r) };
  return { fact: facts.factOf(l), operator: comparisonOperator(kind, op), value };
}
