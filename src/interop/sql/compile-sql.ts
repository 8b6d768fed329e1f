/**
 * The rule graph as SQL: one view per graph node, in the scheduler's order (runtime/schedule.ts),
 * named after the rule, each with the playbook line it comes from in a comment. The views read
 * tables shaped like the playbook's declared tables (see {@link SqlProgram.tables}) and end in
 * result views: every deal's fate, every payout line, forfeit, ranking entry and rep payout.
 *
 * Money is exact: DECIMAL(38, s) with a scale known at compile time (`sql-expr.ts`), each payout
 * line rounded by the playbook's rule with the dialect's exact rounding (`dialect.ts`). A construct
 * SQL here cannot express is refused with {@link SqlRefusal} (codes PB6001–PB6002), never approximated.
 * The semantics mirror the JavaScript engine's evaluators (runtime/nodes/*), cited in each builder.
 */
import { Decimal } from '../../graph/decimal.js';
import type { TExpr } from '../../graph/ir.js';
import { walkExpr } from '../../graph/walk.js';
import type { GraphNode, RuleGraph } from '../../graph/nodes.js';
import type { Span } from '../../language/ast.js';
import type { Diagnostic } from '../../language/diagnostics.js';
import { error } from '../../language/diagnostics.js';
import type { NodeOf } from '../../runtime/context.js';
import { bySource } from '../../runtime/nodes/payout.js';
import { type Period, dateText, planPeriods } from '../../runtime/periods.js';
import { schedule } from '../../runtime/schedule.js';
import { DIALECTS, DIVISION_SCALE, type Dialect, type DialectName, decimalLiteral, scaleOf } from './dialect.js';
import { type RowScope, sqlExpr } from './sql-expr.js';

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

function refusal(node: GraphNode, what: string, dialect: Dialect, lines: string[]): SqlRefusal {
  const span = spanOf(node, lines);
  return new SqlRefusal(error('PB6001', span, `"${node.source.name}" cannot be compiled to ${dialect.name === 'duckdb' ? 'DuckDB' : 'Spark'} SQL: it uses ${what}, which the SQL back end does not support yet`, 'run it with the JavaScript engine (without --engine duckdb); docs/sql.md lists what each dialect supports'));
}

/**
 * Compiles `graph` to SQL views in `options.dialect`.
 * @throws SqlRefusal (PB6001, PB6002) naming the first rule SQL cannot express.
 */
export function compileToSql(graph: RuleGraph, options: SqlOptions): SqlProgram {
  const d = DIALECTS[options.dialect];
  const q = d.ident;
  const lines = options.source?.split(/\r?\n/) ?? [];
  const scales = new Map(options.scales ?? []);
  const views: SqlView[] = [];
  const used = new Set<string>();
  const roles = graph.roles;
  const dealsT = roles.deals.table;
  const repsT = roles.reps.table;
  const tableOf = (name: string) => graph.tables.find((t) => t.name === name)!;
  const keyOf = (name: string) => tableOf(name).fields.find((f) => f.key)?.name ?? '_pb_row';

  const inputs: SqlInputTable[] = graph.tables.map((t) => ({
    table: t.name,
    columns: [
      { name: '_pb_row', sqlType: 'BIGINT', type: 'row' },
      { name: '_pb_line', sqlType: 'BIGINT', type: 'row' },
      ...t.fields.map((f) => {
        const key = `${t.name}.${f.name}`;
        const numeric = f.type === 'money' || f.type === 'number' || f.type === 'percent';
        if (numeric && !scales.has(key)) scales.set(key, DEFAULT_SCALE);
        return { name: f.name, sqlType: sqlType(f.type, scales.get(key) ?? 0, d), type: f.type };
      }),
    ],
  }));
  const current = new Map(graph.tables.map((t) => [t.name, q(t.name)]));
  const add = (base: string, node: GraphNode | null, select: string): string => {
    let name = safeName(base);
    for (let i = 2; used.has(name); i++) name = `${safeName(base)}_${i}`;
    used.add(name);
    const line = node && node.source.line > 0 ? node.source.line : null;
    const text = line !== null && lines[line - 1] !== undefined ? `: ${lines[line - 1].trim()}` : '';
    const head = node ? `-- ${node.kind} "${node.source.name}"${line !== null ? `, line ${line}${text}` : ''}\n` : '';
    const statement = d.createView(q(name), select);
    views.push({ name, node: node?.id ?? null, line, sql: `${head}${options.materialize ? statement.replace(/^CREATE OR REPLACE TEMP VIEW/, 'CREATE OR REPLACE TEMP TABLE') : statement}` });
    return q(name);
  };

  // Per-deal columns added so far (built-ins read them).
  const dealCols = new Set<string>();
  const firstPerCols = new Map<string, string>();
  // Lookups of a node's expressions become columns of its rows, each computed once (see `from`).
  let lookupCount = 0;
  const lookupsOf = new WeakMap<RowScope, string[]>();
  const from = (scope: RowScope, relation: string): string => {
    const list = lookupsOf.get(scope) ?? [];
    return list.length === 0 ? relation : `(SELECT ${scope.alias}.*, ${list.join(', ')}\n  FROM ${relation} ${scope.alias})`;
  };
  // A rep's period (a bonus per rep): the row is the rep's, with the period's credited amount and quotas as columns (see repPeriodRows).
  const scopeFor = (node: GraphNode, table: string, alias = 't', repPeriod = false): RowScope => {
    const scope: RowScope = {
    d,
    alias,
    relationOf: (t) => current.get(t)!,
    keyOf,
    scaleOf: (t, f) => scales.get(`${t}.${f}`) ?? DEFAULT_SCALE,
    builtin: (e) => {
      if (repPeriod) {
        if (e.name === 'credited' && e.t !== 'boolean') return { sql: `${alias}.${q('_pb_period_credited')}`, scale: amountScale() };
        if (e.name === 'quota' && e.quota !== undefined) return { sql: `${alias}.${q(`_pb_quota_${e.quota}`)}`, scale: quotaScales.get(e.quota) ?? 0 };
        return null;
      }
      if (table !== dealsT) return null;
      if (e.name === 'won' || e.name === 'lost') return dealCols.has(`_pb_${e.name}`) ? `${alias}.${q(`_pb_${e.name}`)}` : 'FALSE';
      if (e.name === 'credited' && e.t === 'boolean' && dealCols.has('_pb_credited')) return `${alias}.${q('_pb_credited')}`;
      return null;
    },
    firstPer: (e) => firstPerCols.get(JSON.stringify(e)) ?? null,
    aggregate: (e) => (repPeriod ? repDealsAggregate(node, e, alias) : null),
    refuse: (what) => {
      throw refusal(node, what, d, lines);
    },
    lookup: (subquery) => {
      const col = q(`_pb_lookup_${++lookupCount}`);
      lookupsOf.get(scope)!.push(`${subquery} AS ${col}`);
      return `${alias}.${col}`;
    },
    };
    lookupsOf.set(scope, []);
    return scope;
  };

  const plan = planPeriods('year', graph.playbook.planYear, graph.playbook.fiscalYearStartMonth)[0];
  const ts = (ms: number) => d.timestamp(dateText(ms));
  const dateCol = (alias: string) => `${alias}.${q(roles.deals.date)}`;
  const inPlan = (alias: string) => `(${dateCol(alias)} >= ${ts(plan.start)} AND ${dateCol(alias)} < ${ts(plan.end)})`;
  const periodViews = new Map<string, string>();
  // Quota name → the scale of its monthly parts; (unit) → view mapping fiscal months to periods of the unit.
  const quotaScales = new Map<string, number>();
  const monthMaps = new Map<string, string>();
  const periodsOf = (unit: 'year' | 'quarter' | 'month'): string => {
    let v = periodViews.get(unit);
    if (!v) {
      const list: Period[] = planPeriods(unit, graph.playbook.planYear, graph.playbook.fiscalYearStartMonth);
      v = add(`periods_${unit}`, null, `SELECT * FROM ${d.inlineTable(['period', 'ord', 'p_start', 'p_end'], list.map((p, i) => [d.text(p.key), String(i), ts(p.start), ts(p.end)]))}`);
      periodViews.set(unit, v);
    }
    return v;
  };
  const amountScale = () => scales.get(`${dealsT}._pb_amount`) ?? 2;
  const { mode, step } = graph.playbook.rounding;
  const round = (node: GraphNode, x: string, s: number): string => {
    const r = d.roundToStep(x, s, step, mode);
    if (r === null) {
      throw new SqlRefusal(error('PB6002', spanOf(node, lines), `"${node.source.name}" pays lines rounded ${mode} to ${step}, which ${d.name === 'duckdb' ? 'DuckDB' : 'Spark'} SQL cannot round exactly`, 'Spark SQL rounds exactly half-up (round), half-even (bround), up and down; use one of those, or the DuckDB dialect'));
    }
    return r;
  };
  const dealId = (alias: string) => (roles.deals.key ? `${alias}.${q(roles.deals.key)}` : `concat('line ', CAST(${alias}.${q('_pb_line')} AS ${d.name === 'duckdb' ? 'VARCHAR' : 'STRING'}))`);
  const repKey = q(roles.reps.key);

  if (roles.splits) throw refusal(graph.nodes.find((n) => n.kind === 'credit')!, 'a split table (credit … split by)', d, lines);
  const results: SqlResultViews = { deals: '', tables: new Map(), creditReps: '', commissions: new Map(), bonuses: new Map(), rankings: new Map(), trips: new Map(), activityTrips: new Map(), quotas: new Map(), forfeits: '', payout: '' };
  const lineViews: { node: GraphNode; view: string; amounts: string[]; components: string[] }[] = [];

  for (const node of schedule(graph)) {
    // A rule with plan versions is judged by the version in force on each deal's date: not compiled yet.
    if ('versions' in node && node.versions !== undefined) throw refusal(node, 'plan versions (effective dates)', d, lines);
    switch (node.kind) {
      case 'derived': {
        // runtime/nodes/derived.ts: the value, and whether computing it divided by zero (for the warning).
        const scope = scopeFor(node, node.table);
        const x = sqlExpr(node.expr, scope);
        if (node.type === 'money' || node.type === 'number' || node.type === 'ratio') scales.set(`${node.table}.${node.name}`, x.scale);
        current.set(node.table, add(`derived_${node.table}_${node.name}`, node, `SELECT t.*, ${x.sql} AS ${q(node.name)}, ${x.dz ? `COALESCE(${x.dz}, FALSE)` : 'FALSE'} AS ${q(`_pb_dz_${node.name}`)}\nFROM ${from(scope, current.get(node.table)!)} t`));
        break;
      }
      case 'outcome': {
        const scope = scopeFor(node, dealsT);
        const x = sqlExpr(node.expr, scope);
        current.set(dealsT, add(`outcome_${node.outcome}`, node, `SELECT t.*, ${d.isTrue(x.sql)} AS ${q(`_pb_${node.outcome}`)}\nFROM ${from(scope, current.get(dealsT)!)} t`));
        dealCols.add(`_pb_${node.outcome}`);
        break;
      }
      case 'redline': {
        // runtime/nodes/redline.ts: deals trip whatever their date; a must-win rule only on lost deals.
        if (node.subject === 'reps') {
          results.trips.set(node.id, repRedLineView(node));
          break;
        }
        if (node.subject === 'activities') {
          const views = activityRedLineViews(node);
          if (views) {
            results.activityTrips.set(node.id, views.activities);
            results.trips.set(node.id, views.trips);
          }
          break;
        }
        const scope = scopeFor(node, dealsT);
        const x = sqlExpr(node.condition, scope);
        const lost = node.origin === 'mustwin' ? ` AND ${dealCols.has('_pb_lost') ? `t.${q('_pb_lost')}` : 'FALSE'}` : '';
        current.set(dealsT, add(`redline_${node.redline}`, node, `SELECT t.*, (${d.isTrue(x.sql)}${lost}) AS ${q(`_pb_rl_${node.redline}`)}\nFROM ${from(scope, current.get(dealsT)!)} t`));
        dealCols.add(`_pb_rl_${node.redline}`);
        break;
      }
      case 'credit': {
        // runtime/nodes/credit.ts: creditable = meets the rule, not blocked, rep, date and amount present; credited = and dated in the plan period.
        const scope = scopeFor(node, dealsT);
        const cond = sqlExpr(node.condition, scope);
        const amount = sqlExpr(node.amount, scope);
        scales.set(`${dealsT}._pb_amount`, amount.scale);
        const blocks = graph.nodes.filter((n): n is NodeOf<'redline'> => n.kind === 'redline' && n.effect === 'block' && node.inputs.includes(n.id));
        const blocked = blocks.length === 0 ? 'FALSE' : blocks.map((b) => `t.${q(`_pb_rl_${b.redline}`)}`).join(' OR ');
        const rep = `t.${q(node.repField)}`;
        const present = `c.${q('_pb_amount')} IS NOT NULL AND ${dateCol('c')} IS NOT NULL AND c.${q(node.repField)} IS NOT NULL`;
        const inner = `SELECT t.*, ${amount.sql} AS ${q('_pb_amount')}, ${d.isTrue(cond.sql)} AS ${q('_pb_meets')}, (${blocked}) AS ${q('_pb_blocked')},\n  (SELECT ${d.anyValue}(r.${q('_pb_row')}) FROM ${current.get(repsT)} r WHERE r.${repKey} = ${rep}) AS ${q('_pb_rep')}\nFROM ${from(scope, current.get(dealsT)!)} t`;
        const missing = `CASE WHEN c.${q('_pb_meets')} AND NOT c.${q('_pb_blocked')} THEN CASE WHEN c.${q('_pb_amount')} IS NULL THEN 'amount' WHEN ${dateCol('c')} IS NULL THEN ${d.text(node.dateField)} WHEN c.${q(node.repField)} IS NULL THEN ${d.text(node.repField)} END END`;
        current.set(
          dealsT,
          add(
            'credit',
            node,
            `SELECT c.*, (c.${q('_pb_meets')} AND NOT c.${q('_pb_blocked')} AND ${present}) AS ${q('_pb_creditable')},\n  (c.${q('_pb_meets')} AND NOT c.${q('_pb_blocked')} AND ${present} AND ${inPlan('c')}) AS ${q('_pb_credited')},\n  (c.${q('_pb_meets')} AND c.${q('_pb_blocked')} AND ${present} AND ${inPlan('c')}) AS ${q('_pb_blocked_credit')},\n  ${missing} AS ${q('_pb_missing')}\nFROM (${inner}) c`,
          ),
        );
        dealCols.add('_pb_credited').add('_pb_creditable');
        results.creditReps = add(
          'credit_reps',
          null,
          `SELECT r.${q('_pb_row')} AS rep, CAST(COALESCE(SUM(CASE WHEN d.${q('_pb_credited')} THEN d.${q('_pb_amount')} END), 0) AS ${d.decimal(amount.scale)}) AS credited,\n  COUNT(CASE WHEN d.${q('_pb_credited')} THEN 1 END) AS deals\nFROM ${current.get(repsT)} r LEFT JOIN ${current.get(dealsT)} d ON d.${q('_pb_rep')} = r.${q('_pb_row')}\nGROUP BY r.${q('_pb_row')}`,
        );
        break;
      }
      case 'quota':
        results.quotas.set(node.id, quotaView(node));
        break;
      case 'commission':
        // Each period paying the to-date commission less what earlier periods paid is not built in SQL yet.
        if (node.basis) throw refusal(node, `a ${node.basis}-to-date basis`, d, lines);
        results.commissions.set(node.id, commissionView(node));
        break;
      case 'bonus':
        results.bonuses.set(node.id, bonusViews(node));
        break;
      case 'ranking':
        results.rankings.set(node.id, rankingViews(node));
        break;
      case 'payout':
        payoutViews(node);
        break;
      default:
        throw refusal(node, kindWords[node.kind] ?? `a ${node.kind} section`, d, lines);
    }
  }
  results.deals = current.get(dealsT)!;
  for (const [t, v] of current) results.tables.set(t, v);
  return { dialect: d.name, inputs, prelude: d.prelude, views, results, scales };

  /** Credited amount per rep and period of `unit` (runtime/nodes/credit.ts creditedIn). */
  function creditedPerPeriod(unit: 'year' | 'quarter' | 'month'): string {
    const p = periodsOf(unit);
    return `SELECT r.${q('_pb_row')} AS rep, r.${repKey} AS rep_key, p.period, p.ord,\n  CAST(COALESCE(SUM(CASE WHEN d.${q('_pb_credited')} THEN d.${q('_pb_amount')} END), 0) AS ${d.decimal(amountScale())}) AS credited,\n  COUNT(CASE WHEN d.${q('_pb_credited')} THEN 1 END) AS n_credited\nFROM ${current.get(repsT)} r CROSS JOIN ${p} p\nLEFT JOIN ${current.get(dealsT)} d ON d.${q('_pb_rep')} = r.${q('_pb_row')} AND ${dateCol('d')} >= p.p_start AND ${dateCol('d')} < p.p_end\nGROUP BY r.${q('_pb_row')}, r.${repKey}, p.period, p.ord`;
  }

  /** runtime/tiers.ts (marginal, retroactive) and runtime/commission.ts (the base and excess lines), with bands fixed at compile time. */
  function commissionView(node: NodeOf<'commission'>): string {
    if (node.team !== undefined) throw refusal(node, 'a team commission (on team credited by …)', d, lines);
    if (node.bands.some((b) => b.from.kind === 'quota')) return quotaCommissionView(node);
    const num = decimalLiteral;
    const bands = node.bands
      .map((b, i) => ({ from: b.from.kind === 'amount' ? b.from.amount : '0', rate: b.rate.kind === 'ratio' ? b.rate.ratio : mulText(b.rate.factor, node.baseRate ?? '0'), i }))
      .sort((x, y) => cmpText(x.from, y.from) || x.i - y.i);
    const c = 'c.credited';
    const cs = amountScale();
    // Layer 1: the part of the credited amount in each band (b1, b2, …); layer 2: the unrounded lines; layer 3: rounded.
    const basis = bands.map((b, i) => {
      const to = i + 1 < bands.length ? bands[i + 1].from : null;
      // Every branch in one type: DuckDB would otherwise type the CASE DECIMAL(38, 0) (see decimalLiteral).
      const w = d.decimal(Math.max(cs, scaleOf(b.from), to === null ? 0 : scaleOf(to)));
      const first = i === 0 ? `WHEN ${c} < ${num(b.from)} THEN CAST(${cmpText(b.from, '0') <= 0 ? `${c} - ${num(b.from)}` : '0'} AS ${w}) ` : '';
      const top = to === null ? c : `(CASE WHEN ${c} > ${num(to)} THEN CAST(${num(to)} AS ${w}) ELSE CAST(${c} AS ${w}) END)`;
      return `CAST(CASE ${first}WHEN ${c} <= ${num(b.from)} THEN CAST(0 AS ${w}) ELSE CAST(${top} - ${num(b.from)} AS ${w}) END AS ${w}) AS b${i + 1}`;
    });
    const baseRate = node.baseRate;
    const minRate = (r: string) => (baseRate === null ? r : cmpText(r, baseRate) <= 0 ? r : baseRate);
    const ts2 = Math.min(18, cs + Math.max(0, ...bands.map((b) => scaleOf(b.rate)), ...bands.map((b) => scaleOf(minRate(b.rate)))));
    const dec = (x: string) => `CAST(${x} AS ${d.decimal(ts2)})`;
    let total: string;
    let base: string | null = null;
    if (node.method === 'marginal') {
      total = bands.length === 0 ? '0' : bands.map((b, i) => `p.b${i + 1} * ${num(b.rate)}`).join(' + ');
      if (node.excessName !== null && baseRate !== null) base = bands.length === 0 ? '0' : bands.map((b, i) => `p.b${i + 1} * ${num(minRate(b.rate))}`).join(' + ');
    } else {
      // The highest band reached pays on the whole amount; below a first band at or under 0, the first rate claws back.
      const whens = bands.map((b) => ({ when: `p.credited >= ${num(b.from)}`, rate: b.rate })).reverse();
      const below = bands.length > 0 && cmpText(bands[0].from, '0') <= 0 ? bands[0].rate : null;
      const pick = (rate: (r: string) => string) => `CASE ${whens.map((w) => `WHEN ${w.when} THEN ${dec(`p.credited * ${num(rate(w.rate))}`)}`).join(' ')} ${below === null ? `ELSE ${dec('0')}` : `ELSE ${dec(`p.credited * ${num(rate(below))}`)}`} END`;
      total = bands.length === 0 ? '0' : pick((r) => r);
      if (node.excessName !== null && baseRate !== null) base = bands.length === 0 ? '0' : pick(minRate);
    }
    const unrounded = base === null ? [`${dec(total)} AS line1`] : [`${dec(base)} AS line1`, `${dec(`${dec(total)} - ${dec(base)}`)} AS line2`];
    const amounts = unrounded.map((_, i) => `${round(node, `u.line${i + 1}`, ts2)} AS amount${i + 1}`);
    const components = base === null ? [node.name] : [node.name, node.excessName!];
    const parts = `SELECT c.*, ${basis.join(', ')}\nFROM (${creditedPerPeriod(node.period)}) c`;
    const view = add(`commission_${node.name}`, node, `SELECT u.rep, u.period, u.ord, u.credited, ${amounts.join(', ')} FROM (\nSELECT p.*, ${unrounded.join(', ')} FROM (\n${parts}) p) u`);
    lineViews.push({ node, view, amounts: amounts.map((_, i) => `amount${i + 1}`), components });
    return view;
  }

  /**
   * runtime/nodes/quota.ts: each rep's annual amount split into the twelve fiscal months (evenly, or
   * by the weights), each part rounded half-up to the currency's minor unit, no part going past what
   * is left of the whole, the last month taking the rest (runtime/money.ts splitExact). The JavaScript
   * engine multiplies by 1/12 to 40 digits and snaps to 20 places before rounding, which is the exact
   * quotient's rounding; the SQL rounds the exact quotient (dialect.divideRound).
   */
  function quotaView(node: NodeOf<'quota'>): string {
    if (node.prorate) throw refusal(node, 'a quota prorated for reps who join during the year', d, lines);
    const weights = node.split.kind === 'weights' ? node.split.weights : null;
    if (weights?.some((w) => cmpText(w, '0') < 0)) throw refusal(node, 'a quota split by negative weights', d, lines);
    const scope = scopeFor(node, repsT);
    const whole = sqlExpr(node.amount, scope);
    const digits = graph.playbook.minorDigits;
    const minor = digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`;
    const qs = Math.max(whole.scale, digits);
    quotaScales.set(node.name, qs);
    const ws = weights ? Math.max(0, ...weights.map(scaleOf)) : 0;
    const months = add(`quota_${node.name}_months`, null, `SELECT * FROM ${d.inlineTable(['month', 'weight'], Array.from({ length: 12 }, (_, i) => [String(i), `CAST('${weights ? weights[i] : '0'}' AS ${d.decimal(ws)})`]))}`);
    const wholeCol = `CAST(x.whole AS ${d.decimal(whole.scale)})`;
    const part = weights ? d.roundToStep(`${wholeCol} * w.weight`, whole.scale + ws, minor, 'half-up') : d.divideRound(wholeCol, whole.scale, 12, minor, 'half-up')!;
    const rounded = `CAST(${part} AS ${d.decimal(qs)})`;
    const dq = d.decimal(qs);
    return add(
      `quota_${node.name}`,
      node,
      `SELECT s.rep, s.month, CAST(s.capped - COALESCE(LAG(s.capped) OVER (PARTITION BY s.rep ORDER BY s.month), 0) AS ${dq}) AS part FROM (\n` +
        `SELECT c.rep, c.month, CAST(CASE WHEN c.month = 11 THEN c.whole WHEN c.whole < 0 THEN GREATEST(c.cum, c.whole) ELSE LEAST(c.cum, c.whole) END AS ${dq}) AS capped FROM (\n` +
        `SELECT x.rep, w.month, CAST(x.whole AS ${dq}) AS whole, SUM(${rounded}) OVER (PARTITION BY x.rep ORDER BY w.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum\n` +
        `FROM (SELECT t.${q('_pb_row')} AS rep, ${whole.sql} AS whole FROM ${from(scope, current.get(repsT)!)} t) x CROSS JOIN ${months} w) c) s`,
    );
  }

  /** Each rep's quota `name` per period of `unit` (rep, ord, quota): the sum of the period's months, NULL when the rep has none. */
  function quotaPer(name: string, unit: 'year' | 'quarter' | 'month'): string {
    let map = monthMaps.get(unit);
    if (!map) {
      const list = planPeriods(unit, graph.playbook.planYear, graph.playbook.fiscalYearStartMonth);
      map = add(`fiscal_months_${unit}`, null, `SELECT * FROM ${d.inlineTable(['month', 'ord'], list.flatMap((p, i) => p.months.map((m) => [String(m), String(i)])))}`);
      monthMaps.set(unit, map);
    }
    return `SELECT m.rep, p.ord, SUM(m.part) AS quota FROM ${results.quotas.get(`quota:${name}`)} m JOIN ${map} p ON p.month = m.month GROUP BY m.rep, p.ord`;
  }

  /**
   * A tier table with bands at a percent of a quota (runtime/commission.ts resolveBands, runtime/tiers.ts):
   * the bands differ per rep and period, so they are rows — each band's lower bound (a band on a quota the
   * rep has not got is left out), sorted per rep and period by bound then written order, each band's upper
   * bound the next one's lower — and the marginal or retroactive amounts are sums over those rows.
   */
  function quotaCommissionView(node: NodeOf<'commission'>): string {
    const num = decimalLiteral;
    const cs = amountScale();
    const names = [...new Set(node.bands.flatMap((b) => (b.from.kind === 'quota' ? [b.from.quota] : [])))];
    const baseRate = node.baseRate;
    const rateOf = (b: NodeOf<'commission'>['bands'][number]) => (b.rate.kind === 'ratio' ? b.rate.ratio : mulText(b.rate.factor, baseRate ?? '0'));
    const minRate = (r: string) => (baseRate === null ? r : cmpText(r, baseRate) <= 0 ? r : baseRate);
    const fs = Math.max(cs, ...node.bands.map((b) => (b.from.kind === 'amount' ? scaleOf(b.from.amount) : (quotaScales.get(b.from.quota) ?? 0) + scaleOf(b.from.ratio))));
    const rs = Math.max(0, ...node.bands.map((b) => Math.max(scaleOf(rateOf(b)), scaleOf(minRate(rateOf(b))))));
    const credit = add(
      `commission_${node.name}_credit`,
      null,
      `SELECT c.*${names.map((n, i) => `, q${i}.quota AS ${q(`_pb_quota_${n}`)}`).join('')}\nFROM (${creditedPerPeriod(node.period)}) c${names.map((n, i) => `\nLEFT JOIN (${quotaPer(n, node.period)}) q${i} ON q${i}.rep = c.rep AND q${i}.ord = c.ord`).join('')}`,
    );
    const bandRows = node.bands.map((b, i) => {
      const from = b.from.kind === 'amount' ? num(b.from.amount) : `c.${q(`_pb_quota_${b.from.quota}`)} * ${num(b.from.ratio)}`;
      return `SELECT c.rep, c.ord, c.credited, ${i} AS i, CAST(${from} AS ${d.decimal(fs)}) AS b_from, CAST(${num(rateOf(b))} AS ${d.decimal(rs)}) AS rate, CAST(${num(minRate(rateOf(b)))} AS ${d.decimal(rs)}) AS base_rate FROM ${credit} c`;
    });
    const w = d.decimal(fs);
    const ts2 = Math.min(DIVISION_SCALE, fs + rs);
    const dec = (x: string) => `CAST(${x} AS ${d.decimal(ts2)})`;
    const over = 'OVER (PARTITION BY b.rep, b.ord ORDER BY b.b_from, b.i)';
    const sorted = `SELECT b.*, row_number() ${over} AS k, LEAD(b.b_from) ${over} AS b_to FROM (\n${bandRows.join('\nUNION ALL\n')}) b WHERE b.b_from IS NOT NULL`;
    let perBand: string;
    if (node.method === 'marginal') {
      const zero = `CAST(0 AS ${w})`;
      const top = `CASE WHEN s.b_to IS NOT NULL AND s.credited > s.b_to THEN CAST(s.b_to AS ${w}) ELSE CAST(s.credited AS ${w}) END`;
      perBand = `CAST(CASE WHEN s.k = 1 AND s.credited < s.b_from THEN CASE WHEN s.b_from <= 0 THEN CAST(s.credited - s.b_from AS ${w}) ELSE ${zero} END WHEN s.credited <= s.b_from THEN ${zero} ELSE CAST(${top} - s.b_from AS ${w}) END AS ${w})`;
    } else {
      // The highest band reached pays on the whole amount; below a first band at or under 0, the first rate claws back.
      perBand = `CASE WHEN s.k = s.reached THEN CAST(s.credited AS ${w}) ELSE CAST(0 AS ${w}) END`;
    }
    const reached =
      node.method === 'marginal'
        ? ''
        : `, COALESCE(MAX(CASE WHEN z.credited >= z.b_from THEN z.k END) OVER (PARTITION BY z.rep, z.ord), MIN(CASE WHEN z.k = 1 AND z.b_from <= 0 THEN 1 END) OVER (PARTITION BY z.rep, z.ord)) AS reached`;
    const sums = `SELECT s.rep, s.ord, ${dec(`SUM(${perBand} * s.rate)`)} AS total, ${dec(`SUM(${perBand} * s.base_rate)`)} AS base FROM (SELECT z.*${reached} FROM (${sorted}) z) s GROUP BY s.rep, s.ord`;
    const withBase = node.excessName !== null && baseRate !== null;
    const total = `COALESCE(a.total, ${dec('0')})`;
    const base = `COALESCE(a.base, ${dec('0')})`;
    const unrounded = withBase ? [`${dec(base)} AS line1`, `${dec(`${total} - ${base}`)} AS line2`] : [`${dec(total)} AS line1`];
    const amounts = unrounded.map((_, i) => `${round(node, `u.line${i + 1}`, ts2)} AS amount${i + 1}`);
    const view = add(
      `commission_${node.name}`,
      node,
      `SELECT u.rep, u.period, u.ord, u.credited, ${amounts.join(', ')} FROM (\nSELECT c.rep, c.period, c.ord, c.credited, ${unrounded.join(', ')}\nFROM ${credit} c LEFT JOIN (\n${sums}) a ON a.rep = c.rep AND a.ord = c.ord) u`,
    );
    lineViews.push({ node, view, amounts: amounts.map((_, i) => `amount${i + 1}`), components: withBase ? [node.name, node.excessName!] : [node.name] });
    return view;
  }

  /**
   * runtime/expr.ts overRepDeals: `sum(VALUE of deals where FILTER)` or `count(deals where FILTER)` over the
   * rep's deals dated in the period (whatever their outcome or credit), a missing value counting nothing,
   * an empty set summing to 0. Over activities, and `distinct`, are not compiled.
   */
  function repDealsAggregate(node: GraphNode, e: Extract<TExpr, { k: 'sum' | 'count' | 'distinct' }>, alias: string): ReturnType<typeof sqlExpr> | null {
    if (e.k === 'distinct' || e.table !== dealsT) return null;
    const scope = scopeFor(node, dealsT, 'dd');
    const filter = e.filter ? d.isTrue(sqlExpr(e.filter, scope).sql) : 'TRUE';
    const value = e.k === 'sum' ? sqlExpr(e.value, scope) : null;
    const what = value === null ? `COUNT(CASE WHEN ${filter} THEN 1 END)` : `COALESCE(SUM(CASE WHEN ${filter} THEN ${value.sql} END), 0)`;
    const scale = value === null ? 0 : value.scale;
    const dates = `${dateCol('dd')} >= ${alias}.${q('_pb_p_start')} AND ${dateCol('dd')} < ${alias}.${q('_pb_p_end')}`;
    return { sql: `(SELECT CAST(${what} AS ${d.decimal(scale)}) FROM ${from(scope, current.get(dealsT)!)} dd WHERE dd.${q('_pb_rep')} = ${alias}.${q('_pb_row')} AND ${dates})`, scale, dz: null };
  }

  /** Every rep's row for each period of `unit`, with the period's credited amount and the quotas `exprs` name as columns (the scope of a rep's period). */
  function repPeriodRows(unit: 'year' | 'quarter' | 'month', exprs: TExpr[]): string {
    const names = [...new Set(exprs.flatMap(quotaNamesIn))];
    return `(SELECT r.*, c.period AS ${q('_pb_period')}, c.ord AS ${q('_pb_ord')}, c.credited AS ${q('_pb_period_credited')}, pp.p_start AS ${q('_pb_p_start')}, pp.p_end AS ${q('_pb_p_end')}${names.map((n, i) => `, q${i}.quota AS ${q(`_pb_quota_${n}`)}`).join('')}\nFROM ${current.get(repsT)} r JOIN (${creditedPerPeriod(unit)}) c ON c.rep = r.${q('_pb_row')} JOIN ${periodsOf(unit)} pp ON pp.ord = c.ord${names.map((n, i) => `\nLEFT JOIN (${quotaPer(n, unit)}) q${i} ON q${i}.rep = c.rep AND q${i}.ord = c.ord`).join('')})`;
  }

  /**
   * runtime/nodes/redline.ts, on reps: a rep trips when the condition holds over the plan period
   * (its credited amount and quotas for the year); the trips view has the deals-subject shape, without deals.
   */
  function repRedLineView(node: NodeOf<'redline'>): string {
    const scope = scopeFor(node, repsT, 't', true);
    const cond = d.isTrue(sqlExpr(node.condition, scope).sql);
    return add(`redline_${node.redline}`, node, `SELECT t.${q('_pb_row')} AS rep, '' AS ids, 1 AS n\nFROM ${from(scope, repPeriodRows('year', [node.condition]))} t WHERE ${cond}`);
  }

  /**
   * runtime/nodes/redline.ts, on activities: an activity dated in the plan period trips when the
   * condition holds on its row; each rep's trips (activities whose rep field names the rep's key),
   * with their ids (the key, or `line N`) in file order. Null when the playbook has no activities table.
   */
  function activityRedLineViews(node: NodeOf<'redline'>): { activities: string; trips: string } | null {
    const role = roles.activities;
    if (!role) return null;
    const scope = scopeFor(node, role.table);
    const cond = d.isTrue(sqlExpr(node.condition, scope).sql);
    const date = `t.${q(role.date)}`;
    const text = d.name === 'duckdb' ? 'VARCHAR' : 'STRING';
    const id = role.key ? `CAST(t.${q(role.key)} AS ${text})` : `concat('line ', CAST(t.${q('_pb_line')} AS ${text}))`;
    const rep = role.rep ? `CAST(t.${q(role.rep)} AS ${text})` : `CAST(NULL AS ${text})`;
    const activities = add(
      `redline_${node.redline}`,
      node,
      `SELECT t.${q('_pb_row')} AS act_row, ${id} AS id, ${rep} AS rep\nFROM ${from(scope, current.get(role.table)!)} t WHERE ${date} >= ${ts(plan.start)} AND ${date} < ${ts(plan.end)} AND ${cond}`,
    );
    const trips = add(
      `trips_${node.redline}`,
      null,
      `SELECT r.${q('_pb_row')} AS rep, ${d.joinedTexts('a.id', '|', 'a.act_row')} AS ids, COUNT(*) AS n\nFROM ${activities} a JOIN ${current.get(repsT)} r ON CAST(r.${repKey} AS ${text}) = a.rep\nGROUP BY r.${q('_pb_row')}`,
    );
    return { activities, trips };
  }

  /**
   * runtime/nodes/bonus.ts, per rep: each rep and period of the bonus in which the condition holds
   * pays the amount (rows with a missing amount are kept for the warning). The row is the rep's, with
   * the period's credited amount and the quotas the expressions name as columns.
   */
  function repBonusView(node: NodeOf<'bonus'>): { reps: string; deals: string } {
    const exprs = [node.condition, node.amount].filter((e): e is TExpr => e !== null);
    const base = repPeriodRows(node.period, exprs);
    const scope = scopeFor(node, repsT, 't', true);
    const cond = node.condition ? d.isTrue(sqlExpr(node.condition, scope).sql) : 'TRUE';
    const value = sqlExpr(node.amount, scope);
    let select = `SELECT b.*, ${round(node, 'b.value', value.scale)} AS amount1 FROM (\nSELECT t.${q('_pb_row')} AS rep, t.${q('_pb_period')} AS period, t.${q('_pb_ord')} AS ord, ${value.sql} AS value, t.${q('_pb_period_credited')} AS basis\nFROM ${from(scope, base)} t WHERE ${cond}) b`;
    if (node.instalments) {
      // runtime/instalments.ts: every part but the last is the rounded amount ÷ parts, rounded again; the last takes the rest.
      const count = planPeriods(node.instalments, graph.playbook.planYear, graph.playbook.fiscalYearStartMonth).length;
      const k = scaleOf(step);
      const part = d.divideRound('i.amount1', k, count, step, mode)!;
      select = `SELECT i.*, ${part} AS part, CAST(i.amount1 - ${part} * ${count - 1} AS ${d.decimal(k)}) AS last_part FROM (\n${select}) i`;
    }
    const view = add(`bonus_${node.name}`, node, select);
    lineViews.push({ node, view, amounts: ['amount1'], components: [node.name] });
    return { reps: view, deals: '' };
  }

  /** runtime/nodes/bonus.ts, per deal: each credited deal meeting the condition pays the amount, rounded per deal. */
  function bonusViews(node: NodeOf<'bonus'>): { reps: string; deals: string } {
    if (node.scope !== 'deal') return repBonusView(node);
    for (const fp of [node.condition, node.amount].flatMap((e) => (e ? firstPers(e) : []))) {
      const key = JSON.stringify(fp);
      if (firstPerCols.has(key)) continue;
      // runtime/expr.ts compileFirstPer: the earliest creditable deal of each group (order fields ascending, missing last, then file order).
      const scope = scopeFor(node, dealsT);
      const group = sqlExpr({ k: 'field', t: 'text', path: fp.group }, scope).sql;
      const order = fp.order.map((o) => `${sqlExpr({ k: 'field', t: 'text', path: o }, scope).sql} ASC NULLS LAST`);
      const col = `_pb_first_${firstPerCols.size + 1}`;
      const eligible = `(t.${q('_pb_creditable')} AND ${group} IS NOT NULL)`;
      current.set(dealsT, add(`first_per_${firstPerCols.size + 1}`, node, `SELECT t.*, (${eligible} AND row_number() OVER (PARTITION BY ${eligible}, ${group} ORDER BY ${[...order, `t.${q('_pb_row')}`].join(', ')}) = 1) AS ${q(col)}\nFROM ${from(scope, current.get(dealsT)!)} t`));
      firstPerCols.set(key, `t.${q(col)}`);
    }
    const scope = scopeFor(node, dealsT);
    const cond = node.condition ? d.isTrue(sqlExpr(node.condition, scope).sql) : 'TRUE';
    const value = sqlExpr(node.amount, scope);
    const deals = add(
      `bonus_${node.name}_deals`,
      node,
      `SELECT b.*, ${round(node, 'b.value', value.scale)} AS rounded FROM (\nSELECT t.${q('_pb_rep')} AS rep, t.${q('_pb_row')} AS deal, ${dealId('t')} AS id, ${value.sql} AS value, t.${q('_pb_amount')} AS basis\nFROM ${from(scope, current.get(dealsT)!)} t WHERE t.${q('_pb_credited')} AND t.${q('_pb_rep')} IS NOT NULL AND ${cond}) b`,
    );
    const paid = `b.rounded IS NOT NULL AND b.rounded <> 0`;
    const reps = add(
      `bonus_${node.name}`,
      null,
      `SELECT r.${q('_pb_row')} AS rep, COALESCE(SUM(CASE WHEN ${paid} THEN b.rounded END), 0) AS amount1, COALESCE(SUM(CASE WHEN ${paid} THEN b.basis END), 0) AS basis\nFROM ${current.get(repsT)} r LEFT JOIN ${deals} b ON b.rep = r.${q('_pb_row')}\nGROUP BY r.${q('_pb_row')}`,
    );
    lineViews.push({ node, view: reps, amounts: ['amount1'], components: [node.name] });
    return { reps, deals };
  }

  /** runtime/ranking.ts rankPeriod: by metric (highest first), then the tie field, then rep key; top and bottom groups of ceil(n × ratio). */
  function rankingViews(node: NodeOf<'ranking'>): { entries: string; lines: string } {
    if (!(node.metric.k === 'builtin' && node.metric.name === 'credited')) throw refusal(node, 'a ranking measure other than credited', d, lines);
    const tie = node.tieBreak ? tableOf(repsT).fields.find((f) => f.name === node.tieBreak!.field) : undefined;
    if (node.tieBreak && (!tie || tie.optional)) throw refusal(node, `ties broken by an optional field (${node.tieBreak.field}), whose missing values the JavaScript engine orders differently from SQL`, d, lines);
    const per = creditedPerPeriod(node.period).replace(`r.${repKey} AS rep_key,`, `r.${repKey} AS rep_key, ${tie ? `r.${q(tie.name)}` : 'NULL'} AS tie,`).replace(`GROUP BY r.${q('_pb_row')}, r.${repKey},`, `GROUP BY r.${q('_pb_row')}, r.${repKey}, ${tie ? `r.${q(tie.name)}, ` : ''}`);
    const active = node.onlyCreditedPeriods ? `WHERE m.period IN (SELECT period FROM (${per}) x GROUP BY period HAVING SUM(n_credited) > 0)` : '';
    const tieOrder = tie ? `m.tie ${node.tieBreak!.descending ? 'DESC' : 'ASC'}, ` : '';
    const count = (ratio: string) => `CAST(ceil(CAST(k.n AS ${d.decimal(0)}) * CAST('${ratio}' AS ${d.decimal(scaleOf(ratio))})) AS BIGINT)`;
    const topCount = node.top ? count(node.top.ratio) : '0';
    const bottomCount = node.bottom ? count(node.bottom.ratio) : '0';
    const band = `CASE WHEN k.rnk <= ${topCount} AND k.metric > 0 THEN 'top' WHEN k.rnk > k.n - ${bottomCount} THEN 'bottom' ELSE 'middle' END`;
    const rewardScale = Math.max(0, ...[node.top?.reward, node.bottom?.reward].filter((x): x is string => !!x).map(scaleOf));
    const rd = (x: string) => `CAST(${x} AS ${d.decimal(rewardScale)})`;
    const reward = (b: string) => `CASE ${b} ${node.top ? `WHEN 'top' THEN ${rd(`'${node.top.reward}'`)} ` : ''}${node.bottom ? `WHEN 'bottom' THEN ${rd(`'${node.bottom.reward}'`)} ` : ''}ELSE ${rd('0')} END`;
    const entries = add(
      `ranking_${node.name}`,
      node,
      `SELECT k.rep, k.rep_key, k.period, k.ord, k.metric, k.rnk, k.n, ${band} AS band, ${reward(band)} AS reward FROM (\nSELECT m.rep, m.rep_key, m.period, m.ord, m.credited AS metric,\n  row_number() OVER (PARTITION BY m.period ORDER BY m.credited DESC, ${tieOrder}m.rep_key ASC) AS rnk, COUNT(*) OVER (PARTITION BY m.period) AS n\nFROM (${per}) m ${active}) k`,
    );
    const sumScale = Math.max(0, ...[node.top?.reward, node.bottom?.reward].filter((x): x is string => !!x).map(scaleOf));
    const linesView = add(
      `ranking_${node.name}_lines`,
      null,
      `SELECT r.${q('_pb_row')} AS rep, ${round(node, `CAST(COALESCE(SUM(e.reward), 0) AS ${d.decimal(sumScale)})`, sumScale)} AS amount1\nFROM ${current.get(repsT)} r LEFT JOIN ${entries} e ON e.rep = r.${q('_pb_row')}\nGROUP BY r.${q('_pb_row')}`,
    );
    lineViews.push({ node, view: linesView, amounts: ['amount1'], components: [node.name] });
    return { entries, lines: linesView };
  }

  /** runtime/nodes/payout.ts: the lines' sum less the forfeits (the first rule to forfeit a component takes what it would pay, never below 0). */
  function payoutViews(node: NodeOf<'payout'>): void {
    const inputNodes = graph.nodes.filter((n) => node.inputs.includes(n.id)).sort(bySource);
    const ordered = (['commission', 'bonus', 'ranking'] as const).flatMap((k) => inputNodes.filter((n) => n.kind === k));
    const unions = ordered.flatMap((n) => {
      const lv = lineViews.find((l) => l.node.id === n.id)!;
      return lv.amounts.map((a, i) => `SELECT rep, ${d.text(lv.components[i])} AS component, ${a} AS amount FROM ${lv.view}`);
    });
    const linesView = add('payout_lines', null, unions.length === 0 ? `SELECT CAST(NULL AS BIGINT) AS rep, CAST(NULL AS ${d.name === 'duckdb' ? 'VARCHAR' : 'STRING'}) AS component, CAST(0 AS ${d.decimal(0)}) AS amount WHERE FALSE` : unions.join('\nUNION ALL\n'));
    const redlines = inputNodes.filter((n): n is NodeOf<'redline'> => n.kind === 'redline');
    const allComponents = node.components.map((c) => c.name);
    const forfeitRows: string[] = [];
    redlines.forEach((n, k) => {
      const trips = results.trips.get(n.id) ?? add(
        `trips_${n.redline}`,
        null,
        `SELECT t.${q('_pb_rep')} AS rep, ${d.joinedTexts(dealId('t'), '|', `t.${q('_pb_row')}`)} AS ids, COUNT(*) AS n\nFROM ${current.get(dealsT)} t WHERE t.${q(`_pb_rl_${n.redline}`)} AND t.${q('_pb_rep')} IS NOT NULL AND ${inPlan('t')}\nGROUP BY t.${q('_pb_rep')}`,
      );
      results.trips.set(n.id, trips);
      if (n.effect !== 'forfeit') return;
      (n.forfeits === 'all' ? allComponents : n.forfeits).forEach((component, ci) => {
        forfeitRows.push(
          `SELECT tr.rep, ${k} AS rule_ord, ${ci} AS comp_ord, ${d.text(component)} AS component, ${d.text(n.redline)} AS rule,\n  (SELECT COALESCE(SUM(pl.amount), 0) FROM ${linesView} pl WHERE pl.rep = tr.rep AND pl.component = ${d.text(component)}) AS earned\nFROM ${trips} tr`,
        );
      });
    });
    const forfeits = add(
      'forfeits',
      null,
      forfeitRows.length === 0
        ? `SELECT CAST(NULL AS BIGINT) AS rep, 0 AS rule_ord, 0 AS comp_ord, '' AS component, '' AS rule, CAST(0 AS ${d.decimal(0)}) AS amount WHERE FALSE`
        : `SELECT f.rep, f.rule_ord, f.comp_ord, f.component, f.rule, CASE WHEN f.earned > 0 THEN f.earned ELSE f.earned * 0 END AS amount FROM (\nSELECT u.*, row_number() OVER (PARTITION BY u.rep, u.component ORDER BY u.rule_ord, u.comp_ord) AS pick FROM (\n${forfeitRows.join('\nUNION ALL\n')}) u) f WHERE f.pick = 1`,
    );
    results.forfeits = forfeits;
    results.payout = add(
      'payout',
      node,
      `SELECT r.${q('_pb_row')} AS rep, r.${repKey} AS rep_key,\n  COALESCE((SELECT SUM(pl.amount) FROM ${linesView} pl WHERE pl.rep = r.${q('_pb_row')}), 0) AS gross,\n  COALESCE((SELECT SUM(f.amount) FROM ${forfeits} f WHERE f.rep = r.${q('_pb_row')}), 0) AS forfeited\nFROM ${current.get(repsT)} r`,
    );
  }
}

const kindWords: Partial<Record<GraphNode['kind'], string>> = {
  scoring: 'relationship scoring',
  indicator: 'a relationship indicator',
  tiers: 'relationship tiers',
  review: 'the monthly review list',
  validation: 'a cost budget or assertions',
  stages: 'commission paid in stages',
  statements: 'payment statements',
  draw: 'a draw',
};

/** Every `first credited per …` inside an expression. */
function firstPers(e: TExpr): Extract<TExpr, { k: 'firstPer' }>[] {
  switch (e.k) {
    case 'firstPer':
      return [e];
    case 'neg':
    case 'not':
    case 'missing':
      return firstPers(e.e);
    case 'bin':
      return [...firstPers(e.l), ...firstPers(e.r)];
    case 'in':
      return [e.e, ...e.options].flatMap(firstPers);
    case 'call':
      return e.args.flatMap(firstPers);
    default:
      return [];
  }
}

/** The quotas an expression names (`quota floor`). */
function quotaNamesIn(e: TExpr): string[] {
  const names: string[] = [];
  walkExpr(e, (x) => {
    if (x.k === 'builtin' && x.name === 'quota' && x.quota !== undefined) names.push(x.quota);
  });
  return names;
}

/** Compares two decimal texts exactly. */
function cmpText(a: string, b: string): number {
  return new Decimal(a).cmp(b);
}

/** The exact product of two decimal texts, as text. */
function mulText(a: string, b: string): string {
  return new Decimal(a).mul(b).toFixed();
}
