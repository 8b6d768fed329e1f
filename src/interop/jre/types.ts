/**
 * The document `playbook compile --target json-rules-engine` writes: json-rules-engine 7
 * rules per subject table (deals, activities), the facts they read and how the fact
 * module computes them, and what the export leaves out and why.
 *
 * Values in facts and rule values are JSON: exact decimals as text (`"0.2"`), dates as
 * `YYYY-MM-DD` (timestamps `YYYY-MM-DDTHH:mm:ss.sss`, wall clock in the playbook's time
 * zone), text, booleans, and null for a missing value.
 */
import type { FieldStep, TExpr, ValueType } from '../../graph/ir.js';
import type { TableSchema } from '../../graph/tables.js';

/** A json-rules-engine condition as this export writes it (a subset of the library's shape). */
export type JreCondition =
  | { all: JreCondition[] }
  | { any: JreCondition[] }
  | { not: JreCondition }
  | { fact: string; operator: string; value: unknown };

/** One json-rules-engine rule, ready for `engine.addRule`. */
export interface JreRule {
  name: string;
  conditions: { all: JreCondition[] } | { any: JreCondition[] } | { not: JreCondition };
  event: { type: 'red-line' | 'outcome' | 'credit' | 'bonus'; params: Record<string, unknown> };
}

/** A fact a rule reads: a field path of the record (through lookups) or a computed expression. */
export type FactSpec =
  | { name: string; kind: 'field'; type: ValueType; path: FieldStep[] }
  | { name: string; kind: 'outcome'; type: 'boolean'; outcome: 'won' | 'lost' }
  | { name: string; kind: 'computed'; type: ValueType; expr: TExpr; text: string };

/** The rules and facts of one subject table (one record at a time). */
export interface SubjectExport {
  table: string;
  facts: FactSpec[];
  rules: JreRule[];
}

/** A rule of the playbook the export does not carry, with the reason in the analyst's words. */
export interface NotExported {
  id: string;
  kind: string;
  reason: string;
}

export interface JreExport {
  format: 'playbook-engine/json-rules-engine';
  version: 1;
  playbook: string;
  /** What the fact module needs to compute facts exactly. */
  model: {
    timeZone: string;
    /** The deals table (outcomes are about its records). */
    dealsTable: string;
    tables: TableSchema[];
    derived: { table: string; name: string; type: ValueType; expr: TExpr; line: number; column: number }[];
    outcomes: { outcome: 'won' | 'lost'; expr: TExpr }[];
    /** The plan period as dates, start inclusive, end exclusive (`YYYY-MM-DD`). */
    plan: { start: string; end: string };
  };
  /** The custom operators the rules use (register them with `registerOperators`). */
  operators: string[];
  subjects: SubjectExport[];
  notExported: NotExported[];
}
