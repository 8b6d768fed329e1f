/**
 * What compiling the rule graph to SQL produces (compile-sql.ts): the input tables, the views in the
 * scheduler's order, the result views the engine reads back, and the refusal raised for a construct
 * the dialect cannot express exactly.
 */
import type { Diagnostic } from '../../language/diagnostics.js';
import type { DialectName } from './dialect.js';

/** A construct of the playbook that the SQL dialect cannot express exactly; carries the diagnostic naming the rule. */
export class SqlRefusal extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** One input table: its relation name and typed columns (`_pb_row`: 0-based position in the file, `_pb_line`: the file's line). */
export interface SqlInputTable {
  table: string;
  columns: { name: string; sqlType: string; type: string }[];
}

/** One view: the graph node it computes (null for a helper) and the playbook line it comes from. */
export interface SqlView {
  name: string;
  node: string | null;
  line: number | null;
  sql: string;
}

/** Names of the views the engine reads results from (see duckdb-evaluate.ts). */
export interface SqlResultViews {
  /** The deals with every per-deal column (`_pb_won`, `_pb_credited`, red line flags, derived fields). */
  deals: string;
  /** The last view of every table with derived fields. */
  tables: Map<string, string>;
  creditReps: string;
  /** Commission node id → view (rep, period, ord, credited, amount1, amount2). */
  commissions: Map<string, string>;
  /** Bonus node id → { per rep, per deal } views. */
  bonuses: Map<string, { reps: string; deals: string }>;
  /** Ranking node id → { entries, per-rep lines } views. */
  rankings: Map<string, { entries: string; lines: string }>;
  /** Red line node id → per-rep trips view (deals subject, read by payout). */
  trips: Map<string, string>;
  /** Red line on activities node id → view of the activities that trip it (act_row: 0-based position in the file), in file order. */
  activityTrips: Map<string, string>;
  /** Quota node id → view (rep, month: fiscal month 0–11, part: that month's quota, NULL when the rep has none). */
  quotas: Map<string, string>;
  forfeits: string;
  payout: string;
}

export interface SqlProgram {
  dialect: DialectName;
  inputs: SqlInputTable[];
  /** Statements to run before the views (macros). */
  prelude: string[];
  views: SqlView[];
  results: SqlResultViews;
  /** Table.field → scale of every numeric column (inputs and derived fields). */
  scales: Map<string, number>;
}

export interface SqlOptions {
  dialect: DialectName;
  /** Scale of each numeric input column, keyed `table.field`; default {@link DEFAULT_SCALE}. */
  scales?: Map<string, number>;
  /** The playbook's text, for the `-- line N:` comments. */
  source?: string;
  /** Each step as a temporary table computed once (the DuckDB engine), not a view. */
  materialize?: boolean;
}

/** The scale of a numeric input column when the data is not known (`playbook compile`). */
export const DEFAULT_SCALE = 6;

