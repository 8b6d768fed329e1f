/**
 * The state of one compilation of a rule graph to SQL, shared by the per-kind view builders
 * (views-*.ts): the views written so far and their names, the relation that holds each table's
 * rows with the columns added so far, the per-deal columns built-ins read, the scales of numeric
 * columns, and the helpers every builder needs (a row scope for expressions, the plan's periods,
 * exact rounding of payout lines, refusals naming the rule).
 */
import type { TExpr } from '../../graph/ir.js';
import type { GraphNode, RuleGraph } from '../../graph/nodes.js';
import type { Span } from '../../language/ast.js';
import { error } from '../../language/diagnostics.js';
import { type Period, dateText, planPeriods } from '../../runtime/periods.js';
import { DIALECTS, type Dialect } from './dialect.js';
import { DEFAULT_SCALE, type SqlInputTable, type SqlOptions, SqlRefusal, type SqlResultViews, type SqlView } from './sql-program.js';
import { type RowScope, type SqlExpr, sqlExpr } from './sql-expr.js';

/** A view of payout lines (commission, bonus, ranking): its amount columns and the component each pays. */
export interface LineView {
  node: GraphNode;
  view: string;
  amounts: string[];
  components: string[];
}

const sqlType = (type: string, scale: number, d: Dialect): string =>
  type === 'text' ? (d.name === 'duckdb' ? 'VARCHAR' : 'STRING') : type === 'date' || type === 'timestamp' ? 'TIMESTAMP' : type === 'boolean' ? 'BOOLEAN' : d.decimal(scale);

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'x';

/** The rule's first line from where it starts (the whole line when the text is known). */
function spanOf(node: GraphNode, lines: string[]): Span {
  const { line, column } = node.source;
  const text = lines[line - 1];
  const end = text === undefined ? column + Math.max(1, node.source.name.length) - 1 : Math.max(column, text.trimEnd().length);
  return { line, column, endLine: line, endColumn: end };
}

/** One compilation's state and shared helpers; the builders add views through {@link SqlBuild.add}. */
export class SqlBuild {
  readonly d: Dialect;
  /** Quotes an identifier in the dialect. */
  readonly q: (name: string) => string;
  readonly lines: string[];
  /** `table.field` → scale of every numeric column (inputs, derived fields, `deals._pb_amount`). */
  readonly scales: Map<string, number>;
  readonly views: SqlView[] = [];
  readonly inputs: SqlInputTable[];
  readonly dealsT: string;
  readonly repsT: string;
  /** Table → the relation holding its rows with every column added so far. */
  readonly current: Map<string, string>;
  /** Per-deal columns added so far (built-ins read them). */
  readonly dealCols = new Set<string>();
  /** `first credited per …` expression (as JSON) → its flag column. */
  readonly firstPerCols = new Map<string, string>();
  /** Quota name → the scale of its monthly parts. */
  readonly quotaScales = new Map<string, number>();
  /** Period unit → view mapping fiscal months to that unit's periods. */
  readonly monthMaps = new Map<string, string>();
  readonly results: SqlResultViews = { deals: '', tables: new Map(), creditReps: '', commissions: new Map(), bonuses: new Map(), rankings: new Map(), trips: new Map(), activityTrips: new Map(), quotas: new Map(), forfeits: '', payout: '' };
  readonly lineViews: LineView[] = [];
  /** The plan year (start and end, ms at UTC midnight). */
  readonly plan: Period;
  readonly repKey: string;

  private readonly used = new Set<string>();
  private readonly periodViews = new Map<string, string>();
  private lookupCount = 0;
  // Lookups of a node's expressions become columns of its rows, each computed once (see `from`).
  private readonly lookupsOf = new WeakMap<RowScope, string[]>();

  constructor(
    readonly graph: RuleGraph,
    private readonly options: SqlOptions,
  ) {
    this.d = DIALECTS[options.dialect];
    this.q = this.d.ident;
    this.lines = options.source?.split(/\r?\n/) ?? [];
    this.scales = new Map(options.scales ?? []);
    this.dealsT = graph.roles.deals.table;
    this.repsT = graph.roles.reps.table;
    this.inputs = graph.tables.map((t) => ({
      table: t.name,
      columns: [
        { name: '_pb_row', sqlType: 'BIGINT', type: 'row' },
        { name: '_pb_line', sqlType: 'BIGINT', type: 'row' },
        ...t.fields.map((f) => {
          const key = `${t.name}.${f.name}`;
          const numeric = f.type === 'money' || f.type === 'number' || f.type === 'percent';
          if (numeric && !this.scales.has(key)) this.scales.set(key, DEFAULT_SCALE);
          return { name: f.name, sqlType: sqlType(f.type, this.scales.get(key) ?? 0, this.d), type: f.type };
        }),
      ],
    }));
    this.current = new Map(graph.tables.map((t) => [t.name, this.q(t.name)]));
    this.plan = planPeriods('year', graph.playbook.planYear, graph.playbook.fiscalYearStartMonth)[0];
    this.repKey = this.q(graph.roles.reps.key);
  }

  tableOf(name: string) {
    return this.graph.tables.find((t) => t.name === name)!;
  }

  /** The key field of a table, or the row position when it has none. */
  keyOf(name: string): string {
    return this.tableOf(name).fields.find((f) => f.key)?.name ?? '_pb_row';
  }

  /** The relation holding `table`'s rows so far. */
  rel(table: string): string {
    return this.current.get(table)!;
  }

  /**
   * Adds a view named after `base` (made unique), headed by the rule's line when `node` is given
   * (null: a helper view); a temporary table instead when the options ask to materialise. Returns its quoted name.
   */
  add(base: string, node: GraphNode | null, select: string): string {
    let name = safeName(base);
    for (let i = 2; this.used.has(name); i++) name = `${safeName(base)}_${i}`;
    this.used.add(name);
    const line = node && node.source.line > 0 ? node.source.line : null;
    const text = line !== null && this.lines[line - 1] !== undefined ? `: ${this.lines[line - 1].trim()}` : '';
    const head = node ? `-- ${node.kind} "${node.source.name}"${line !== null ? `, line ${line}${text}` : ''}\n` : '';
    const statement = this.d.createView(this.q(name), select);
    this.views.push({ name, node: node?.id ?? null, line, sql: `${head}${this.options.materialize ? statement.replace(/^CREATE OR REPLACE TEMP VIEW/, 'CREATE OR REPLACE TEMP TABLE') : statement}` });
    return this.q(name);
  }

  /** PB6001: `node` uses `what`, which this dialect's SQL cannot express yet. */
  refusal(node: GraphNode, what: string): SqlRefusal {
    const span = spanOf(node, this.lines);
    return new SqlRefusal(error('PB6001', span, `"${node.source.name}" cannot be compiled to ${this.d.name === 'duckdb' ? 'DuckDB' : 'Spark'} SQL: it uses ${what}, which the SQL back end does not support yet`, 'run it with the JavaScript engine (without --engine duckdb); docs/sql.md lists what each dialect supports'));
  }

  /** `relation` with the scope's lookups computed once per row as extra columns (the relation itself when it has none). */
  from(scope: RowScope, relation: string): string {
    const list = this.lookupsOf.get(scope) ?? [];
    return list.length === 0 ? relation : `(SELECT ${scope.alias}.*, ${list.join(', ')}\n  FROM ${relation} ${scope.alias})`;
  }

  /**
   * The scope in which `node`'s expressions over a row of `table` are translated. A rep's period
   * (`repPeriod`, a bonus per rep): the row is the rep's, with the period's credited amount and
   * quotas as columns (see views-periods.ts repPeriodRows).
   */
  scopeFor(node: GraphNode, table: string, alias = 't', repPeriod = false): RowScope {
    const q = this.q;
    const scope: RowScope = {
      d: this.d,
      alias,
      relationOf: (t) => this.rel(t),
      keyOf: (t) => this.keyOf(t),
      scaleOf: (t, f) => this.scales.get(`${t}.${f}`) ?? DEFAULT_SCALE,
      builtin: (e) => {
        if (repPeriod) {
          if (e.name === 'credited' && e.t !== 'boolean') return { sql: `${alias}.${q('_pb_period_credited')}`, scale: this.amountScale() };
          if (e.name === 'quota' && e.quota !== undefined) return { sql: `${alias}.${q(`_pb_quota_${e.quota}`)}`, scale: this.quotaScales.get(e.quota) ?? 0 };
          return null;
        }
        if (table !== this.dealsT) return null;
        if (e.name === 'won' || e.name === 'lost') return this.dealCols.has(`_pb_${e.name}`) ? `${alias}.${q(`_pb_${e.name}`)}` : 'FALSE';
        if (e.name === 'credited' && e.t === 'boolean' && this.dealCols.has('_pb_credited')) return `${alias}.${q('_pb_credited')}`;
        return null;
      },
      firstPer: (e) => this.firstPerCols.get(JSON.stringify(e)) ?? null,
      aggregate: (e) => (repPeriod ? this.repDealsAggregate(node, e, alias) : null),
      refuse: (what) => {
        throw this.refusal(node, what);
      },
      lookup: (subquery) => {
        const col = q(`_pb_lookup_${++this.lookupCount}`);
        this.lookupsOf.get(scope)!.push(`${subquery} AS ${col}`);
        return `${alias}.${col}`;
      },
    };
    this.lookupsOf.set(scope, []);
    return scope;
  }

  /**
   * runtime/expr.ts overRepDeals: `sum(VALUE of deals where FILTER)` or `count(deals where FILTER)` over the
   * rep's deals dated in the period (whatever their outcome or credit), a missing value counting nothing,
   * an empty set summing to 0. Over activities, and `distinct`, are not compiled.
   */
  private repDealsAggregate(node: GraphNode, e: Extract<TExpr, { k: 'sum' | 'count' | 'distinct' }>, alias: string): SqlExpr | null {
    if (e.k === 'distinct' || e.table !== this.dealsT) return null;
    const q = this.q;
    const scope = this.scopeFor(node, this.dealsT, 'dd');
    const filter = e.filter ? this.d.isTrue(sqlExpr(e.filter, scope).sql) : 'TRUE';
    const value = e.k === 'sum' ? sqlExpr(e.value, scope) : null;
    const what = value === null ? `COUNT(CASE WHEN ${filter} THEN 1 END)` : `COALESCE(SUM(CASE WHEN ${filter} THEN ${value.sql} END), 0)`;
    const scale = value === null ? 0 : value.scale;
    const dates = `${this.dateCol('dd')} >= ${alias}.${q('_pb_p_start')} AND ${this.dateCol('dd')} < ${alias}.${q('_pb_p_end')}`;
    return { sql: `(SELECT CAST(${what} AS ${this.d.decimal(scale)}) FROM ${this.from(scope, this.rel(this.dealsT))} dd WHERE dd.${q('_pb_rep')} = ${alias}.${q('_pb_row')} AND ${dates})`, scale, dz: null };
  }

  /** A day (ms at UTC midnight) as a timestamp literal. */
  ts(ms: number): string {
    return this.d.timestamp(dateText(ms));
  }

  /** The deal's credit date column under `alias`. */
  dateCol(alias: string): string {
    return `${alias}.${this.q(this.graph.roles.deals.date)}`;
  }

  /** The deal under `alias` is dated in the plan year. */
  inPlan(alias: string): string {
    return `(${this.dateCol(alias)} >= ${this.ts(this.plan.start)} AND ${this.dateCol(alias)} < ${this.ts(this.plan.end)})`;
  }

  /** The view of the plan's periods of `unit` (period key, ord, p_start, p_end), made once. */
  periodsOf(unit: 'year' | 'quarter' | 'month'): string {
    let v = this.periodViews.get(unit);
    if (!v) {
      const { planYear, fiscalYearStartMonth } = this.graph.playbook;
      const list: Period[] = planPeriods(unit, planYear, fiscalYearStartMonth);
      v = this.add(`periods_${unit}`, null, `SELECT * FROM ${this.d.inlineTable(['period', 'ord', 'p_start', 'p_end'], list.map((p, i) => [this.d.text(p.key), String(i), this.ts(p.start), this.ts(p.end)]))}`);
      this.periodViews.set(unit, v);
    }
    return v;
  }

  /** The scale of the credited amount (`deals._pb_amount`). */
  amountScale(): number {
    return this.scales.get(`${this.dealsT}._pb_amount`) ?? 2;
  }

  /**
   * `x` (of scale `s`) rounded by the playbook's rule, exactly.
   * @throws SqlRefusal (PB6002) when the dialect cannot round that way exactly.
   */
  round(node: GraphNode, x: string, s: number): string {
    const { mode, step } = this.graph.playbook.rounding;
    const r = this.d.roundToStep(x, s, step, mode);
    if (r === null) {
      throw new SqlRefusal(error('PB6002', spanOf(node, this.lines), `"${node.source.name}" pays lines rounded ${mode} to ${step}, which ${this.d.name === 'duckdb' ? 'DuckDB' : 'Spark'} SQL cannot round exactly`, 'Spark SQL rounds exactly half-up (round), half-even (bround), up and down; use one of those, or the DuckDB dialect'));
    }
    return r;
  }

  /** The deal's id under `alias`: its key, or `line N`. */
  dealId(alias: string): string {
    const key = this.graph.roles.deals.key;
    return key ? `${alias}.${this.q(key)}` : `concat('line ', CAST(${alias}.${this.q('_pb_line')} AS ${this.textType()}))`;
  }

  /** The dialect's text type. */
  textType(): string {
    return this.d.name === 'duckdb' ? 'VARCHAR' : 'STRING';
  }
}
