/**
 * What every node evaluator may see besides its inputs' results: the graph's
 * static facts (playbook header, tables, field layout, declared roles, plan
 * period, rounding) and the data indexes built once from the tables (each rep's
 * deals). Read-only during evaluation; node results live in the engine's result
 * map, keyed by node id, and reach an evaluator only through {@link NodeInputs}.
 */
import type { GraphNode, RuleGraph } from '../graph/nodes.js';
import type { Decimal } from './decimal.js';
import { groupedText, roundTo } from './money.js';
import { type Period, planPeriods } from './periods.js';
import { type SplitShare, readSplits } from './splits.js';
import { rowSource } from './row-source.js';
import type { RowLike, RowSource, TableLike, Value } from './values.js';

export type NodeOf<K extends GraphNode['kind']> = Extract<GraphNode, { kind: K }>;

/** Thrown when the data cannot be evaluated at all (e.g. the deals table is absent). */
export class EvaluationError extends Error {}

/**
 * The deals table with its role fields resolved to value indexes. The deals are read through
 * {@link DealsView.source} (field by field; kept as columns when the loader gave columns, issue 10):
 * `rows` makes every deal into a row object, for the few readers that need whole rows (explain).
 */
export interface DealsView {
  table: TableLike;
  /** Every deal as a row object: made on first read when the table is held as columns (see `TableLike.columns`). */
  readonly rows: RowLike[];
  /** The deals as a row source (the columns while no one made the rows; else the rows). Read once per loop. */
  readonly source: RowSource;
  /** Number of deals. */
  readonly length: number;
  /** Field `field` (value index: source or derived field) of deal `i`; a new Decimal for a number field. */
  value(i: number, field: number): Value;
  /** Source line of deal `i`. */
  line(i: number): number;
  /** Value index of the rep, credit date, account (or -1) and key (or -1) fields. */
  rep: number;
  date: number;
  account: number;
  key: number;
  /** The deal's id (its key, or `line N`). */
  id(i: number): string;
  /** Deal id → index of the deal, built once on first use (split, collections and progress tables name deals by id). */
  indexOf(): ReadonlyMap<string, number>;
  /**
   * Lets go the map {@link indexOf} built (at a million deals, a million id strings and their map:
   * about 70 MB kept to the end otherwise, issue 10); a later `indexOf` builds it again.
   */
  forgetIndex(): void;
}

/** The reps table and each rep's deals (by the deals' rep field), in reps-table order. */
export interface RepBook {
  table: TableLike;
  keys: string[];
  rows: RowLike[];
  indexByKey: Map<string, number>;
  /** Indexes into the deals table of each rep's deals, any date, in deals-table order. */
  deals: number[][];
}

export interface RunContext {
  graph: RuleGraph;
  tables: Map<string, TableLike>;
  /** Field name → index in `row.values`, per table (source fields, then derived fields in graph order). */
  layout: Map<string, Map<string, number>>;
  deals: DealsView;
  reps: RepBook;
  /** The plan period (the fiscal year). */
  plan: Period;
  /** The plan period's sub-periods of a unit. */
  periods(unit: 'year' | 'quarter' | 'month'): Period[];
  /** True when a date value falls in the plan period. */
  inPlan(date: Value): boolean;
  /** Digits of the currency's minor unit and the minor unit itself as text (`0.01`). */
  digits: number;
  minorStep: string;
  /** Rounds a payout line by the playbook's rule. */
  round(d: Decimal): Decimal;
  /** Money with digit grouping, for explanations (`1,234.50`). */
  money(d: Decimal): string;
  /** True when evaluators should keep the detail `explain` needs. */
  trace: boolean;
  /** `credit … split by TABLE`: deal index → who shares its credit (see `splits.ts`); null without splits. */
  splits: Map<number, SplitShare[]> | null;
}

/**
 * Access to the results of a node's declared inputs. Reading a result the node did not
 * declare is an internal error: it is how the engine keeps "reads only its inputs" true.
 */
export interface NodeInputs {
  /** The result of input `id`. @throws Error when `id` is not a declared input or has no result yet. */
  get<T>(id: string): T;
  /** The result of input `id`, or undefined when the graph has no such node. */
  maybe<T>(id: string): T | undefined;
  /**
   * What the node kind's preparer computed for this node while a table was still loading
   * (engine.ts `PREPARERS`), or undefined: the evaluator then computes it itself.
   */
  prepared?: unknown;
}

export const MAX_LISTED = 5;

/** `a, b, c, d, e and 3 more`. */
export function listIds(ids: string[]): string {
  return ids.length <= MAX_LISTED ? ids.join(', ') : `${ids.slice(0, MAX_LISTED).join(', ')} and ${ids.length - MAX_LISTED} more`;
}

/** {@link listIds} of a list of `count` items of which only the first (up to {@link MAX_LISTED}) were made: the same text. */
export function listFirst(first: string[], count: number): string {
  return count <= MAX_LISTED ? first.join(', ') : `${first.slice(0, MAX_LISTED).join(', ')} and ${count - MAX_LISTED} more`;
}

/**
 * Builds the run context for `graph` over `tables`: layout (derived fields appended after
 * the source fields), role indexes, rep book.
 * @throws EvaluationError when the deals or reps table is missing.
 */
export function makeContext(graph: RuleGraph, tables: Map<string, TableLike>, trace: boolean): RunContext {
  const p = graph.playbook;
  const roles = graph.roles;
  const dealsTable = tables.get(roles.deals.table);
  const repsTable = tables.get(roles.reps.table);
  if (!dealsTable || !repsTable) throw new EvaluationError(`the data has no ${!dealsTable ? roles.deals.table : roles.reps.table} table`);
  const layout = new Map<string, Map<string, number>>();
  for (const t of graph.tables) layout.set(t.name, new Map(t.fields.map((f, i) => [f.name, i])));
  // Derived fields get their slots in a fixed order (by table, then source position), whatever the node order.
  const derived = graph.nodes.filter((n): n is NodeOf<'derived'> => n.kind === 'derived').sort((a, b) => a.source.line - b.source.line || a.source.column - b.source.column || (a.id < b.id ? -1 : 1));
  for (const n of derived) {
    const fields = layout.get(n.table)!;
    fields.set(n.name, fields.size);
  }
  const dealFields = layout.get(roles.deals.table)!;
  const at = (name: string | null) => (name === null ? -1 : (dealFields.get(name) ?? -1));
  const keyIndex = at(roles.deals.key);
  const source = () => rowSource(dealsTable);
  const count = source().length;
  let byId: Map<string, number> | undefined;
  const deals: DealsView = {
    table: dealsTable,
    get rows() {
      return dealsTable.rows;
    },
    get source() {
      return source();
    },
    length: count,
    value: (i, field) => source().value(i, field),
    line: (i) => source().line(i),
    rep: at(roles.deals.rep),
    date: at(roles.deals.date),
    account: at(roles.deals.account),
    key: keyIndex,
    id: (i) => (keyIndex >= 0 ? String(deals.value(i, keyIndex)) : `line ${deals.line(i)}`),
    indexOf: () => {
      if (!byId) {
        byId = new Map();
        for (let i = 0; i < count; i++) byId.set(deals.id(i), i);
      }
      return byId;
    },
    forgetIndex: () => {
      byId = undefined;
    },
  };
  const repKey = layout.get(roles.reps.table)!.get(roles.reps.key)!;
  const keys = repsTable.rows.map((r) => String(r.values[repKey]));
  const indexByKey = new Map(keys.map((k, i) => [k, i]));
  const repDeals: number[][] = keys.map(() => []);
  const dealSource = source();
  for (let i = 0; i < count; i++) {
    const r = indexByKey.get(String(dealSource.value(i, deals.rep)));
    if (r !== undefined) repDeals[r].push(i);
  }
  // With a split table, a split deal is a deal of each person who shares it (and only of them).
  const splits = roles.splits ? readSplits(graph, tables, layout, deals.indexOf(), indexByKey) : null;
  if (splits) {
    for (const [i, shares] of splits) {
      const own = indexByKey.get(String(dealSource.value(i, deals.rep)));
      if (own !== undefined) repDeals[own] = repDeals[own].filter((d) => d !== i);
      for (const s of shares) if (!repDeals[s.rep].includes(i)) repDeals[s.rep].push(i);
    }
    for (const list of repDeals) list.sort((a, b) => a - b);
  }
  const plan = planPeriods('year', p.planYear, p.fiscalYearStartMonth)[0];
  const periodCache = new Map<string, Period[]>();
  const digits = p.minorDigits;
  return {
    graph,
    tables,
    layout,
    deals,
    reps: { table: repsTable, keys, rows: repsTable.rows, indexByKey, deals: repDeals },
    plan,
    periods(unit) {
      let list = periodCache.get(unit);
      if (!list) periodCache.set(unit, (list = planPeriods(unit, p.planYear, p.fiscalYearStartMonth)));
      return list;
    },
    inPlan: (date) => typeof date === 'number' && date >= plan.start && date < plan.end,
    digits,
    minorStep: digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`,
    round: (d) => roundTo(d, p.rounding.step, p.rounding.mode),
    money: moneyWith(digits),
    trace,
    splits,
  };
}

/**
 * The run's `money`: grouped text with `digits` digits. Made here, not as an arrow function in
 * the run context's function, because a closure keeps its whole defining scope alive: the stage
 * releases hold `money` (stages/release-table.ts) until the report is written, and with it they
 * kept the tables and the deals' column store (issue 10: ~70 MB at 100k deals).
 */
function moneyWith(digits: number): (d: Decimal) => string {
  return (d) => groupedText(d, digits);
}
