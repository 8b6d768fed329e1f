/**
 * `simulate --engine duckdb`: the compiled SQL (compile-sql.ts) run in embedded DuckDB over the
 * rows our own loader read (so rejected rows, warnings and row counts are the JavaScript engine's),
 * loaded through DuckDB's appender. Every decision and amount — derived values, won/lost, red-line
 * trips, credit, commission, bonus and ranking lines, forfeits, payouts — comes from DuckDB; the
 * node results are then worded and assembled by the same report layer as the JavaScript engine's
 * (runtime/assemble.ts), so the outputs have the same shape and wording.
 */
import { DuckDBDecimalValue, DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import type { RuleGraph } from '../../graph/nodes.js';
import { assemble } from '../../runtime/assemble.js';
import { commissionAmounts, resolveBands } from '../../runtime/commission.js';
import { type NodeOf, listIds, makeContext } from '../../runtime/context.js';
import { Decimal } from '../../runtime/decimal.js';
import { groupedText } from '../../runtime/money.js';
import { groupSize, heldBackText } from '../../runtime/ranking.js';
import type { Period } from '../../runtime/periods.js';
import type { CreditResult } from '../../runtime/nodes/credit.js';
import { type QuotaResult, quotaWarning } from '../../runtime/nodes/quota.js';
import type { ActivityTrip } from '../../runtime/nodes/redline.js';
import { bySource, undatedTripWarnings } from '../../runtime/nodes/payout.js';
import type { Evaluation, Forfeit, PayoutLine, RankEntry, RepResult, ReviewFlag } from '../../runtime/result.js';
import { schedule } from '../../runtime/schedule.js';
import type { TableLike, Value } from '../../runtime/values.js';
import { type SqlProgram, compileToSql } from './compile-sql.js';
import { DIVISION_SCALE } from './dialect.js';

type Row = Record<string, unknown>;

/** The scale each numeric column needs to hold its data exactly (at most {@link DIVISION_SCALE}). */
export function dataScales(graph: RuleGraph, tables: Map<string, TableLike>): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of graph.tables) {
    const rows = tables.get(t.name)?.rows ?? [];
    t.fields.forEach((f, i) => {
      if (f.type !== 'money' && f.type !== 'number' && f.type !== 'percent') return;
      let s = 0;
      for (const r of rows) {
        const v = r.values[i];
        if (v instanceof Decimal) s = Math.max(s, v.decimalPlaces());
      }
      out.set(`${t.name}.${f.name}`, Math.min(s, DIVISION_SCALE));
    });
  }
  return out;
}

const pow = (s: number) => 10n ** BigInt(s);

let instancePromise: Promise<DuckDBInstance> | undefined;

/** Loads the tables, runs the program's views and returns a query function over the connection. */
async function runProgram(program: SqlProgram, graph: RuleGraph, tables: Map<string, TableLike>): Promise<{ all: (sql: string) => Promise<Row[]>; close: () => void }> {
  // One in-memory database per process; each run has its own connection, and everything it
  // creates is temporary to that connection, so runs never see each other's tables.
  instancePromise ??= DuckDBInstance.create(':memory:');
  const connection = await (await instancePromise).connect();
  for (const input of program.inputs) {
    const schema = graph.tables.find((t) => t.name === input.table)!;
    const table = tables.get(input.table);
    await connection.run(`CREATE TEMP TABLE "${input.table.replace(/"/g, '""')}" (${input.columns.map((c) => `"${c.name.replace(/"/g, '""')}" ${c.sqlType}`).join(', ')})`);
    if (!table) continue;
    const appender = await connection.createAppender(input.table);
    const cols = input.columns.slice(2);
    table.rows.forEach((row, r) => {
      appender.appendBigInt(BigInt(r));
      appender.appendBigInt(BigInt(row.line));
      cols.forEach((c, i) => appendValue(appender, row.values[i], c.type, program.scales.get(`${schema.name}.${c.name}`) ?? 0));
      appender.endRow();
    });
    appender.closeSync();
  }
  for (const statement of [...program.prelude, ...program.views.map((v) => v.sql)]) await connection.run(statement);
  return {
    all: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[],
    close: () => connection.closeSync(),
  };
}

function appendValue(a: Awaited<ReturnType<Awaited<ReturnType<DuckDBInstance['connect']>>['createAppender']>>, v: Value, type: string, scale: number): void {
  if (v === null || v === undefined) return a.appendNull();
  if (type === 'text') return a.appendVarchar(String(v));
  if (type === 'boolean') return a.appendBoolean(v === true);
  if (type === 'date' || type === 'timestamp') return a.appendTimestamp(new DuckDBTimestampValue(BigInt(v as number) * 1000n));
  const d = v as Decimal;
  return a.appendDecimal(new DuckDBDecimalValue(BigInt(d.mul(pow(scale).toString()).toFixed(0)), 38, scale));
}

/** A value read back from DuckDB as the JavaScript engine holds it. */
function fromSql(v: unknown, type: string): Value {
  if (v === null || v === undefined) return null;
  if (type === 'text') return String(v);
  if (type === 'boolean') return v === true;
  if (type === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?)?/.exec(String(v))!;
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? '0').padEnd(3, '0'));
  }
  return new Decimal(String(v));
}

const dec = (v: unknown) => new Decimal(String(v ?? 0));

export interface DuckDbEvaluateOptions {
  /** The playbook's text, for the line comments of the SQL (not needed to run). */
  source?: string;
}

/**
 * Evaluates `graph` over `tables` in DuckDB. Derived fields are written into the rows, as the JavaScript engine does.
 * @throws SqlRefusal (PB6001, PB6002) when the playbook uses what the SQL back end cannot express.
 */
export async function evaluateOnDuckDb(graph: RuleGraph, tables: Map<string, TableLike>, options: DuckDbEvaluateOptions = {}): Promise<Evaluation> {
  const program = compileToSql(graph, { dialect: 'duckdb', scales: dataScales(graph, tables), source: options.source, materialize: true });
  const db = await runProgram(program, graph, tables);
  try {
    return await buildEvaluation(graph, tables, program, db.all);
  } finally {
    db.close();
  }
}

async function buildEvaluation(graph: RuleGraph, tables: Map<string, TableLike>, program: SqlProgram, all: (sql: string) => Promise<Row[]>): Promise<Evaluation> {
  const run = makeContext(graph, tables, false);
  const order = schedule(graph);
  const results = new Map<string, unknown>();
  const r = program.results;
  const nDeals = run.deals.rows.length;
  // Only the per-deal decisions (the _pb_ columns), not the input columns the engine already holds.
  const deals = await all(`SELECT COLUMNS('^_pb_') FROM ${r.deals} ORDER BY _pb_row`);
  const reps = run.reps.keys;
  const byRep = <T>(rows: Row[], make: () => T, put: (acc: T, row: Row) => void): T[] => {
    const out = reps.map(make);
    for (const row of rows) if (row.rep !== null && row.rep !== undefined) put(out[Number(row.rep)], row);
    return out;
  };

  for (const node of order) {
    if (node.kind === 'derived') {
      const index = run.layout.get(node.table)!.get(node.name)!;
      const table = tables.get(node.table);
      if (!table) {
        results.set(node.id, { index, warnings: [] });
        continue;
      }
      const rows = await all(`SELECT _pb_row, "${node.name.replace(/"/g, '""')}" AS v, "_pb_dz_${node.name.replace(/"/g, '""')}" AS dz FROM ${r.tables.get(node.table)} ORDER BY _pb_row`);
      const type = node.type === 'text' ? 'text' : node.type === 'boolean' ? 'boolean' : node.type === 'date' ? 'date' : 'number';
      const keyIndex = table.schema.fields.findIndex((f) => f.key);
      const zero: string[] = [];
      for (const row of rows) {
        const tr = table.rows[Number(row._pb_row)];
        tr.values[index] = fromSql(row.v, type);
        if (row.dz === true) zero.push(`line ${tr.line}${keyIndex >= 0 ? ` (${String(tr.values[keyIndex])})` : ''}`);
      }
      const n = zero.length;
      // Worded as runtime/nodes/derived.ts words it.
      const warnings = n === 0 ? [] : [`${table.schema.file}: "${node.name}" divides by zero on ${n} row${n === 1 ? '' : 's'} (${listIds(zero)}), so it is missing there and rules using it do not apply to ${n === 1 ? 'that row' : 'those rows'}`];
      results.set(node.id, { index, warnings });
    } else if (node.kind === 'outcome') {
      results.set(node.id, { flags: Uint8Array.from(deals.map((d) => (d[`_pb_${node.outcome}`] === true ? 1 : 0))) });
    } else if (node.kind === 'redline' && node.subject === 'reps') {
      const rows = await all(`SELECT rep FROM ${r.trips.get(node.id)} ORDER BY rep`);
      results.set(node.id, { deals: [], reps: rows.map((t) => Number(t.rep)), activities: [] });
    } else if (node.kind === 'redline' && node.subject === 'activities') {
      results.set(node.id, { deals: [], reps: [], activities: await activityTrips(node) });
    } else if (node.kind === 'redline') {
      results.set(node.id, { deals: deals.flatMap((d, i) => (d[`_pb_rl_${node.redline}`] === true ? [i] : [])), reps: [], activities: [] });
    } else if (node.kind === 'credit') {
      const amounts = deals.map((d) => (d._pb_amount === null ? null : dec(d._pb_amount)));
      const flag = (c: string) => Uint8Array.from(deals.map((d) => (d[c] === true ? 1 : 0)));
      const credited = flag('_pb_credited');
      const creditReps = await all(`SELECT * FROM ${r.creditReps} ORDER BY rep`);
      const warnings = deals.flatMap((d, i) => (d._pb_missing ? [`${run.deals.table.schema.file}:${run.deals.rows[i].line}: deal ${run.deals.id(i)} meets the credit rule but its ${String(d._pb_missing)} is missing, so it credits no one`] : []));
      const dealsIn = (rep: number, p: Period) => run.reps.deals[rep].filter((i) => {
        const v = run.deals.rows[i].values[run.deals.date];
        return typeof v === 'number' && v >= p.start && v < p.end;
      });
      const result: CreditResult = {
        deals: run.deals.source,
        amounts,
        creditable: flag('_pb_creditable'),
        credited,
        blockedCredit: flag('_pb_blocked_credit'),
        repCredited: creditReps.map((x) => dec(x.credited)),
        repDealsCredited: creditReps.map((x) => Number(x.deals)),
        amountFor: (_rep, i) => amounts[i],
        splitParts: () => null,
        creditedIn: (rep, p) => dealsIn(rep, p).reduce((s, i) => (credited[i] ? s.plus(amounts[i]!) : s), new Decimal(0)),
        dealsIn,
        warnings,
      };
      results.set(node.id, result);
    } else if (node.kind === 'quota') {
      results.set(node.id, await quotaResult(node));
    } else if (node.kind === 'commission') {
      const rows = await all(`SELECT * FROM ${r.commissions.get(node.id)} ORDER BY rep, ord`);
      const quotaNames = [...new Set(node.bands.flatMap((b) => (b.from.kind === 'quota' ? [b.from.quota] : [])))];
      const periods = run.periods(node.period);
      const lines = byRep<PayoutLine[]>(rows, () => [], (acc, row) => {
        const credited = dec(row.credited);
        // The wording is the JavaScript text layer's, from the credited amount and quotas DuckDB computed.
        const repQuotas = new Map<string, Decimal>();
        for (const name of quotaNames) {
          const v = (results.get(`quota:${name}`) as QuotaResult | undefined)?.forRep(Number(row.rep), periods[Number(row.ord)]);
          if (v) repQuotas.set(name, v);
        }
        const { bands, missingQuotas } = resolveBands(node, repQuotas);
        const note = missingQuotas.length === 0 ? '' : ` (no ${missingQuotas.join(' or ')} quota: the bands based on it pay nothing)`;
        const words = commissionAmounts(node, credited, bands, run.digits).lines;
        words.forEach((w, k) => acc.push({ component: w.component, kind: w.kind, period: String(row.period), amount: dec(row[`amount${k + 1}`]), basis: credited, explain: w.explain + note, deals: [], node: node.id }));
      });
      results.set(node.id, { lines, warnings: [] });
    } else if (node.kind === 'bonus' && node.scope === 'rep') {
      const rows = await all(`SELECT * FROM ${r.bonuses.get(node.id)!.reps} ORDER BY rep, ord`);
      // Rep by rep, period by period: the order the JavaScript engine warns in.
      const warnings = rows.flatMap((b) => (b.value === null ? [`bonus "${node.name}": the amount for rep ${reps[Number(b.rep)]} in ${String(b.period)} is missing, so it pays nothing`] : []));
      const lines = byRep<PayoutLine[]>(rows, () => [], (acc, b) => {
        if (b.value === null) return;
        if (node.instalments) acc.push(...instalmentLines(node, b));
        else acc.push({ component: node.name, kind: 'bonus', period: String(b.period), amount: dec(b.amount1), basis: dec(b.basis), explain: `condition met in ${String(b.period)}`, deals: [], node: node.id });
      });
      for (const mine of lines) if (mine.length === 0) mine.push({ component: node.name, kind: 'bonus', period: run.plan.key, amount: new Decimal(0), basis: new Decimal(0), explain: 'condition not met', deals: [], node: node.id });
      results.set(node.id, { lines, warnings });
    } else if (node.kind === 'bonus') {
      const views = r.bonuses.get(node.id)!;
      const dealRows = await all(`SELECT * FROM ${views.deals} ORDER BY rep, deal`);
      const sums = await all(`SELECT * FROM ${views.reps} ORDER BY rep`);
      // Rep by rep, each rep's deals in file order: the order the JavaScript engine warns in.
      const warnings = dealRows.flatMap((d) => (d.value === null ? [`bonus "${node.name}": the amount for deal ${String(d.id)} is missing, so it pays nothing`] : []));
      const paid = byRep<Row[]>(dealRows, () => [], (acc, row) => {
        if (row.rounded !== null && !dec(row.rounded).isZero()) acc.push(row);
      });
      const lines = reps.map((_, k): PayoutLine[] => {
        const mine = paid[k];
        const explain = mine.length === 0 ? 'no qualifying credited deal' : `${mine.length} deal${mine.length === 1 ? '' : 's'}: ${listIds(mine.map((d) => `${String(d.id)} ${run.money(dec(d.rounded))}`))}`;
        return [{ component: node.name, kind: 'bonus', period: run.plan.key, amount: dec(sums[k].amount1), basis: dec(sums[k].basis), explain, deals: mine.map((d) => String(d.id)), node: node.id }];
      });
      results.set(node.id, { lines, warnings });
    } else if (node.kind === 'ranking') {
      const views = r.rankings.get(node.id)!;
      const rows = await all(`SELECT * FROM ${views.entries} ORDER BY ord, rnk`);
      const lineRows = await all(`SELECT * FROM ${views.lines} ORDER BY rep`);
      const entries: RankEntry[] = rows.map((e) => ({ ranking: node.name, period: String(e.period), rep: String(e.rep_key), metric: dec(e.metric), rank: Number(e.rnk), band: e.band as RankEntry['band'], reward: dec(e.reward) }));
      const credit = results.get('credit') as CreditResult;
      const metricWords = 'credited amount';
      const mineOf = (key: string) => entries.filter((e) => e.rep === key);
      const lines = reps.map((key, k): PayoutLine[] => {
        const rewarded = mineOf(key).filter((e) => !e.reward.isZero());
        const topCount = node.top ? groupSize(reps.length, new Decimal(node.top.ratio)) : 0;
        const held = heldBackText(mineOf(key), () => topCount, metricWords, (d) => run.money(d));
        const explain = (rewarded.length === 0 ? 'no rewarded rank in any period' : `rewarded in ${rewarded.length} period${rewarded.length === 1 ? '' : 's'}: ${rewarded.map((e) => `${e.period} rank ${e.rank} (${run.money(e.reward)})`).join(', ')}`) + held;
        return [{ component: node.name, kind: 'ranking', period: run.plan.key, amount: dec(lineRows[k].amount1), basis: credit.repCredited[k], explain, deals: [], node: node.id }];
      });
      const reviews = reps.map((key): ReviewFlag[] =>
        node.bottom?.review ? mineOf(key).filter((e) => e.band === 'bottom').map((e) => ({ rule: node.name, period: e.period, reason: `bottom ${groupedText(new Decimal(node.bottom!.ratio).mul(100), 0)}% by ${metricWords} in ${e.period}: rank ${e.rank} of ${reps.length}` })) : [],
      );
      results.set(node.id, { entries, lines, reviews, warnings: [] });
    } else if (node.kind === 'payout') {
      results.set(node.id, await payoutResult(node));
    }
  }
  return assemble({ run, order, results });

  /** The instalment lines of a yearly bonus (runtime/nodes/bonus.ts instalmentLines), with the parts DuckDB computed. */
  function instalmentLines(node: NodeOf<'bonus'>, b: Row): PayoutLine[] {
    const periods = run.periods(node.instalments!);
    const total = dec(b.amount1);
    const part = dec(b.part);
    const every = node.instalments === 'month' ? 'monthly' : 'quarterly';
    return periods.map((period, k): PayoutLine => {
      const last = k === periods.length - 1;
      const how = last ? `the rest of ${run.money(total)} after ${periods.length - 1} parts of ${run.money(part)}` : `${run.money(total)} ÷ ${periods.length}, rounded`;
      return { component: node.name, kind: 'bonus', period: period.key, amount: last ? dec(b.last_part) : part, basis: dec(b.basis), explain: `${node.condition ? `condition met in ${run.plan.key}; ` : ''}${every} instalment ${k + 1} of ${periods.length}: ${how}`, deals: [], node: node.id };
    });
  }

  /** The activities DuckDB found tripping a red line on activities, as runtime/nodes/redline.ts lists them (file order). */
  async function activityTrips(node: NodeOf<'redline'>): Promise<ActivityTrip[]> {
    const view = r.activityTrips.get(node.id);
    const role = graph.roles.activities;
    const table = role ? tables.get(role.table) : undefined;
    if (!view || !role || !table) return [];
    const value = role.value === null ? -1 : table.schema.fields.findIndex((f) => f.name === role.value);
    const rows = await all(`SELECT * FROM ${view} ORDER BY act_row`);
    return rows.map((a) => {
      const row = table.rows[Number(a.act_row)];
      return { row, id: String(a.id), rep: a.rep === null ? null : String(a.rep), value: value < 0 ? null : (row.values[value] as Decimal | null) };
    });
  }

  /** runtime/nodes/quota.ts's result from the monthly parts DuckDB computed; a rep with a missing amount has none, with its warning. */
  async function quotaResult(node: NodeOf<'quota'>): Promise<QuotaResult> {
    const rows = await all(`SELECT * FROM ${r.quotas.get(node.id)} ORDER BY rep, month`);
    const months = new Map<number, Decimal[]>();
    const belowZero = new Map<number, Decimal>();
    for (const row of rows) {
      const rep = Number(row.rep);
      if (row.part === null) {
        if (row.written !== null && dec(row.written).isNegative()) belowZero.set(rep, dec(row.written));
        continue;
      }
      if (!months.has(rep)) months.set(rep, []);
      months.get(rep)!.push(dec(row.part));
    }
    const annual = new Map([...months].map(([k, parts]) => [k, parts.reduce((s, m) => s.plus(m), new Decimal(0))]));
    // The warnings of runtime/nodes/quota.ts, rep by rep in the same words.
    const warnings = reps.flatMap((key, k) => {
      const below = belowZero.get(k);
      if (below !== undefined) return [quotaWarning.belowZero(key, node.name, run.money(below))];
      if (!months.has(k)) return [quotaWarning.missing(key, node.name)];
      if (annual.get(k)!.isZero()) return [quotaWarning.zero(key, node.name)];
      return [];
    });
    const forRep = (rep: number, period: Period) => {
      const m = months.get(rep);
      return m ? period.months.reduce((s, i) => s.plus(m[i]), new Decimal(0)) : null;
    };
    return { months, annual, forRep, warnings };
  }

  async function payoutResult(node: NodeOf<'payout'>): Promise<{ reps: RepResult[]; warnings: string[] }> {
    const credit = results.get('credit') as CreditResult;
    const inputNodes = graph.nodes.filter((n) => node.inputs.includes(n.id)).sort(bySource);
    const components = (['commission', 'bonus', 'ranking'] as const).flatMap((k) => inputNodes.filter((n) => n.kind === k));
    const rankings = inputNodes.filter((n): n is NodeOf<'ranking'> => n.kind === 'ranking');
    const redlines = inputNodes.filter((n): n is NodeOf<'redline'> => n.kind === 'redline');
    const trips = new Map<string, Map<number, string[]>>();
    for (const n of redlines) {
      const rows = await all(`SELECT * FROM ${r.trips.get(n.id)}`);
      trips.set(n.id, new Map(rows.map((t) => [Number(t.rep), String(t.ids).split('|')])));
    }
    const forfeitRows = await all(`SELECT * FROM ${r.forfeits} ORDER BY rep, rule_ord, comp_ord`);
    const payout = await all(`SELECT * FROM ${r.payout} ORDER BY rep`);
    // The deals that name a rep, gathered only if some tripping deal has no date (a million deals otherwise).
    let withRep: Set<number> | null = null;
    const warnings = undatedTripWarnings(run, redlines, (n) => (results.get(n.id) as { deals: number[] }).deals, (i) => (withRep ??= new Set(run.reps.deals.flat())).has(i), (i) => run.deals.rows[i].values[run.deals.date], (i) => run.deals.rows[i].line);
    return {
      warnings,
      reps: reps.map((key, k): RepResult => {
        const lines = components.flatMap((c) => (results.get(c.id) as { lines: PayoutLine[][] }).lines[k]);
        const reviews: ReviewFlag[] = rankings.flatMap((n) => (results.get(n.id) as { reviews: ReviewFlag[][] }).reviews[k]);
        const forfeits: Forfeit[] = [];
        for (const n of redlines) {
          const ids = trips.get(n.id)!.get(k);
          if (!ids) continue;
          // A rep tripped a red line on reps as a whole (runtime/nodes/payout.ts): the message alone.
          const things = n.subject === 'activities' ? `activit${ids.length === 1 ? 'y' : 'ies'}` : `deal${ids.length === 1 ? '' : 's'}`;
          const reason = n.subject === 'reps' ? n.message : `${n.message} (${things} ${listIds(ids)})`;
          if (n.effect === 'review') reviews.push({ rule: n.redline, period: run.plan.key, reason });
          if (n.effect !== 'forfeit') continue;
          for (const f of forfeitRows) if (Number(f.rep) === k && f.rule === n.redline) forfeits.push({ component: String(f.component), amount: dec(f.amount), rule: n.redline, reason });
        }
        const forfeited = dec(payout[k].forfeited);
        return { rep: key, period: run.plan.key, credited: credit.repCredited[k], dealsCredited: credit.repDealsCredited[k], quotas: new Map(), lines, forfeits, forfeited, reviews, payout: dec(payout[k].gross).minus(forfeited) };
      }),
    };
  }
}
