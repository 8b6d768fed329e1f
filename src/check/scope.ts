/**
 * Name scopes for expressions: which fields, lookups and built-in names an
 * expression may use where it stands (a table row, a deal, a rep).
 */
import type { DeriveDecl, TableDecl } from '../language/ast.js';
import type { CheckedField, TExpr, ValueType } from './model.js';

/** Field type as declared → the value type expressions see. */
export function valueTypeOf(type: CheckedField['type']): ValueType {
  switch (type) {
    case 'date':
    case 'timestamp':
      return 'date';
    case 'percent':
      return 'ratio';
    default:
      return type;
  }
}

export interface DerivedState {
  decl: DeriveDecl;
  /** `pending` while its expression is being checked: meeting it again means a cycle. */
  state: 'unchecked' | 'pending' | 'done';
  type: ValueType | 'error';
  expr: TExpr | null;
}

/** A table as the checker sees it: source fields and derived fields by name. */
export interface TableScope {
  decl: TableDecl;
  fields: Map<string, CheckedField>;
  derived: Map<string, DerivedState>;
  /** Derived fields in the order they finished checking (dependencies first). */
  derivedOrder: string[];
  /** Fields declared with an error already reported (e.g. an unknown type): uses stay silent. */
  unusable: Set<string>;
}

/** Where an expression stands, which decides the names it may use. */
export type Context =
  | { kind: 'row'; table: string } // a derived field or an outcome rule
  | { kind: 'deal'; table: string; allowCredited: boolean; where: string; relationship?: { indicators: string[]; score: boolean } } // credit, bonus per deal, red line on deals, must win; tiers and indicators
  | { kind: 'activity'; table: string; where: string; noAge?: boolean } // a weight condition or a filter over activities (has `age`); a red line on activities (no `age`)
  | { kind: 'rep'; table: string; deals: string | null; quotas: string[]; where: string; noResults?: boolean; statement?: boolean; stages?: boolean }; // quota, rep bonus, ranking metric, red line on reps
