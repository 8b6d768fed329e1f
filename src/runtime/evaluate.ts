/**
 * The evaluator: runs a rule graph over loaded tables and returns every rep's
 * statement, every deal's fate, the rankings and the red-line summary.
 *
 * Order of work (each step reads only what earlier steps produced, as the
 * graph's node order guarantees): derived fields → won/lost → red lines on
 * deals (block) → credit → quotas → commission → bonuses → ranking → red lines
 * on reps and must-win forfeits → payout. Each payout line is rounded by the
 * playbook's rounding rule; sums of rounded lines are exact.
 */
import type { GraphNode, RuleGraph } from '../graph/nodes.js';
import { commissionAmounts, resolveBands } from './commission.js';
import { Decimal } from './decimal.js';
import { type CompileContext, type Compiled, type Env, compareValues, compileExpr, compilePath } from './expr.js';
import { groupedText, roundTo, splitExact } from './money.js';
import { type Period, dateText, monthOf, planPeriods } from './periods.js';
import { rankPeriod } from './ranking.js';
import { pipelineForecast } from './forecast.js';
import { prorateMonths } from './proration.js';
import { prepareRelationship } from './relationship.js';
import type { AssertionResult, DealResult, Evaluation, Forfeit, PayoutLine, RankEntry, RedLineSummary, RepResult, ReviewFlag } from './result.js';
import type { RowLike, TableLike, Value } from './values.js';

type NodeOf<K extends GraphNode['kind']> = Extract<GraphNode, { kind: K }>;

/** Thrown when the data cannot be evaluated at all (e.g. the deals table is absent). */
export class EvaluationError extends Error {}

interface RepState {
  key: string;
  row: RowLike;
  /** Deals whose rep is this rep (any date). */
  deals: number[];
  credited: Decimal;
  dealsCredited: number;
  quotaMonths: Map<string, Decimal[]>;
  quotaAnnual: Map<string, Decimal>;
  lines: PayoutLine[];
  reviews: ReviewFlag[];
  forfeits: Forfeit[];
}

const MAX_LISTED = 5;

function listIds(ids: string[]): string {
  return ids.length <= MAX_LISTED ? ids.join(', ') : `${ids.slice(0, MAX_LISTED).join(', ')} and ${ids.length - MAX_LISTED} more`;
}

/**
 * Evaluates `graph` over `tables` (table name → loaded table). Row value arrays
 * of the given tables are extended in place with derived fields.
 * @throws EvaluationError when a table the graph needs is missing.
 */
export function evaluate(graph: RuleGraph, tables: Map<string, TableLike>): Evaluation {
  const p = graph.playbook;
  const digits = p.minorDigits;
  const minorStep = digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`;
  const round = (d: Decimal) => roundTo(d, p.rounding.step, p.rounding.mode);
  const money = (d: Decimal) => groupedText(d, digits);
  const warnings: string[] = [];

  const dealsTable = tables.get('deals');
  const repsTable = tables.get(graph.repTable);
  if (!dealsTable || !repsTable) throw new EvaluationError(`the data has no ${!dealsTable ? 'deals' : graph.repTable} table`);

  // ---- layout and derived fields ---------------------------------------------
  const layout = new Map<string, Map<string, number>>();
  for (const t of graph.tables) layout.set(t.name, new Map(t.fields.map((f, i) => [f.name, i])));
  const nodes = graph.nodes;
  for (const n of nodes) {
    if (n.kind !== 'derived') continue;
    const fields = layout.get(n.table)!;
    fields.set(n.name, fields.size);
  }
  const ctx: CompileContext = { tables, layout, firstPers: [], indicatorIndex: new Map() };
  const dealRows = dealsTable.rows;
  const nDeals = dealRows.length;
  const env: Env = {
    row: dealRows[0] ?? { line: 0, values: [] },
    deal: 0,
    won: new Uint8Array(nDeals),
    lost: new Uint8Array(nDeals),
    credited: new Uint8Array(nDeals),
    repCredited: new Decimal(0),
    repQuota: new Map(),
    repDeals: [],
    dealRows,
    firsts: [],
    activityRows: [],
    activityAges: [],
    age: 0,
    score: null,
    indicators: [],
    divisionsByZero: 0,
    repPayout: null,
    repForfeited: null,
  };
  for (const n of nodes) {
    if (n.kind !== 'derived') continue;
    const fn = compileExpr(n.expr, ctx);
    const index = layout.get(n.table)!.get(n.name)!;
    const table = tables.get(n.table);
    if (!table) continue;
    const isDeals = table === dealsTable;
    const keyIndex = table.schema.fields.findIndex((f) => f.key);
    const zeroDivided: string[] = [];
    for (let i = 0; i < table.rows.length; i++) {
      env.row = table.rows[i];
      if (isDeals) env.deal = i;
      const before = env.divisionsByZero;
      table.rows[i].values[index] = fn(env);
      if (env.divisionsByZero !== before) zeroDivided.push(`line ${table.rows[i].line}${keyIndex >= 0 ? ` (${String(table.rows[i].values[keyIndex])})` : ''}`);
    }
    if (zeroDivided.length > 0) {
      warnings.push(
        `${table.schema.file}: "${n.name}" divides by zero on ${zeroDivided.length} row${zeroDivided.length === 1 ? '' : 's'} (${listIds(zeroDivided)}), so it is missing there and rules using it do not apply to ${zeroDivided.length === 1 ? 'that row' : 'those rows'}`,
      );
    }
  }

  // ---- deal facts -----------------------------------------------------------
  const dealFields = layout.get('deals')!;
  const idIndex = dealsTable.schema.fields.findIndex((f) => f.key);
  const dealId = (i: number) => (idIndex >= 0 ? String(dealRows[i].values[idIndex]) : `line ${dealRows[i].line}`);
  const creditNode = nodes.find((n): n is NodeOf<'credit'> => n.kind === 'credit');
  if (!creditNode) throw new EvaluationError('the playbook has no credit rule');
  const repIndex = dealFields.get(creditNode.repField)!;
  const dateIndex = dealFields.get(creditNode.dateField)!;
  const accountIndex = dealFields.get('account');
  const years = planPeriods('year', p.planYear, p.fiscalYearStartMonth)[0];
  const inPlan = (date: Value) => typeof date === 'number' && date >= years.start && date < years.end;

  const runOverDeals = (fn: Compiled, visit: (i: number, v: Value) => void) => {
    for (let i = 0; i < nDeals; i++) {
      env.row = dealRows[i];
      env.deal = i;
      visit(i, fn(env));
    }
  };
  for (const n of nodes) {
    if (n.kind !== 'outcome') continue;
    const target = n.outcome === 'won' ? env.won : env.lost;
    runOverDeals(compileExpr(n.expr, ctx), (i, v) => (target[i] = v === true ? 1 : 0));
  }

  // Relationship scores and tiers, as of each deal's date (domain.md §1–2).
  const relationship = prepareRelationship(graph, tables, env, ctx, dateIndex);
  const dealRelationships = relationship?.evaluateDeals() ?? null;

  // Red lines on deals: which deals trip which rule.
  const redNodes = nodes.filter((n): n is NodeOf<'redline'> => n.kind === 'redline');
  const dealRedlines: string[][] = Array.from({ length: nDeals }, () => []);
  const blocked = new Uint8Array(nDeals);
  const tripsByRule = new Map<string, number[]>();
  for (const n of redNodes) {
    if (n.subject !== 'deals') continue;
    const trips: number[] = [];
    runOverDeals(compileExpr(n.condition, ctx), (i, v) => {
      if (v !== true || (n.source === 'mustwin' && env.lost[i] !== 1)) return;
      trips.push(i);
      dealRedlines[i].push(n.redline);
      if (n.effect === 'block') blocked[i] = 1;
    });
    tripsByRule.set(n.redline, trips);
  }

  // ---- credit ------------------------------------------------------------------
  const creditCondition = compileExpr(creditNode.condition, ctx);
  const creditAmount = compileExpr(creditNode.amount, ctx);
  const amounts: (Decimal | null)[] = new Array(nDeals).fill(null);
  const creditable = new Uint8Array(nDeals);
  const blockedCredit = new Uint8Array(nDeals);
  for (let i = 0; i < nDeals; i++) {
    env.row = dealRows[i];
    env.deal = i;
    const amount = creditAmount(env) as Decimal | null;
    amounts[i] = amount;
    if (creditCondition(env) !== true) continue;
    const date = dealRows[i].values[dateIndex];
    const rep = dealRows[i].values[repIndex];
    if (blocked[i]) {
      // Credit a block red line stopped (for `audit`): the deal meets the credit rule in full.
      // Blocked credit is credit the deal would have earned: in the plan period only.
      if (amount !== null && date !== null && rep !== null && inPlan(date)) blockedCredit[i] = 1;
      continue;
    }
    if (amount === null || date === null || rep === null) {
      const what = amount === null ? 'amount' : date === null ? creditNode.dateField : creditNode.repField;
      warnings.push(`${dealsTable.schema.file}:${dealRows[i].line}: deal ${dealId(i)} meets the credit rule but its ${what} is missing, so it credits no one`);
      continue;
    }
    creditable[i] = 1;
    if (inPlan(date)) env.credited[i] = 1;
  }

  // ---- reps -----------------------------------------------------------------
  const repKeyIndex = repsTable.schema.fields.findIndex((f) => f.key);
  const reps: RepState[] = repsTable.rows.map((row) => ({
    key: String(row.values[repKeyIndex]),
    row,
    deals: [],
    credited: new Decimal(0),
    dealsCredited: 0,
    quotaMonths: new Map(),
    quotaAnnual: new Map(),
    lines: [],
    reviews: [],
    forfeits: [],
  }));
  const repByKey = new Map(reps.map((r) => [r.key, r]));
  for (let i = 0; i < nDeals; i++) {
    const rep = repByKey.get(String(dealRows[i].values[repIndex]));
    if (!rep) continue;
    rep.deals.push(i);
    if (env.credited[i]) {
      rep.credited = rep.credited.plus(amounts[i]!);
      rep.dealsCredited++;
    }
  }
  const creditedIn = (rep: RepState, period: Period) => {
    let sum = new Decimal(0);
    for (const i of rep.deals) {
      const date = dealRows[i].values[dateIndex] as number;
      if (env.credited[i] && date >= period.start && date < period.end) sum = sum.plus(amounts[i]!);
    }
    return sum;
  };
  const quotaFor = (rep: RepState, period: Period) => {
    const out = new Map<string, Decimal>();
    for (const [name, months] of rep.quotaMonths) out.set(name, period.months.reduce((s, m) => s.plus(months[m]), new Decimal(0)));
    return out;
  };
  /** Points the shared env at a rep and a period (rep contexts). */
  const enterRep = (rep: RepState, period: Period) => {
    env.row = rep.row;
    env.repCredited = creditedIn(rep, period);
    env.repQuota = quotaFor(rep, period);
    env.repDeals = rep.deals.filter((i) => {
      const date = dealRows[i].values[dateIndex];
      return typeof date === 'number' && date >= period.start && date < period.end;
    });
  };

  // ---- quotas -------------------------------------------------------------------
  for (const n of nodes) {
    if (n.kind !== 'quota') continue;
    const fn = compileExpr(n.amount, ctx);
    const weights =
      n.split.kind === 'weights' ? n.split.weights.map((w) => new Decimal(w)) : Array.from({ length: 12 }, () => new Decimal(1).div(12));
    for (const rep of reps) {
      enterRep(rep, years);
      const annual = fn(env) as Decimal | null;
      if (annual === null) {
        warnings.push(`rep ${rep.key} has no ${n.name} quota (the value is missing); bands based on it pay nothing`);
        continue;
      }
      let months = splitExact(annual, weights, minorStep, 'half-up');
      if (n.prorate) months = prorateMonths(months, rep.row.values[layout.get(graph.repTable)!.get(n.prorate.field)!], n.prorate.by, planPeriods('month', p.planYear, p.fiscalYearStartMonth), minorStep);
      rep.quotaMonths.set(n.name, months);
      rep.quotaAnnual.set(n.name, months.reduce((s, m) => s.plus(m), new Decimal(0)));
    }
  }

  // ---- commission -----------------------------------------------------------------
  for (const n of nodes) {
    if (n.kind !== 'commission') continue;
    const periods = planPeriods(n.period, p.planYear, p.fiscalYearStartMonth);
    for (const rep of reps) {
      for (const period of periods) {
        const credited = creditedIn(rep, period);
        const { bands, missingQuotas } = resolveBands(n, quotaFor(rep, period));
        const note = missingQuotas.length === 0 ? '' : ` (no ${missingQuotas.join(' or ')} quota: the bands based on it pay nothing)`;
        for (const line of commissionAmounts(n, credited, bands, digits).lines) {
          rep.lines.push({ component: line.component, kind: line.kind, period: period.key, amount: round(line.amount), basis: credited, explain: line.explain + note, deals: [] });
        }
      }
    }
  }

  // ---- first credited per … (for bonuses) ------------------------------------------
  const bonusNodes = nodes.filter((n): n is NodeOf<'bonus'> => n.kind === 'bonus');
  const compiledBonuses = bonusNodes.map((n) => ({ n, condition: n.condition ? compileExpr(n.condition, ctx) : null, amount: compileExpr(n.amount, ctx) }));
  for (const spec of ctx.firstPers) {
    const group = compilePath(spec.group, ctx);
    const order = spec.order.map((o) => compilePath(o, ctx));
    const best = new Map<string, number>();
    for (let i = 0; i < nDeals; i++) {
      if (!creditable[i]) continue;
      const key = group(dealRows[i]);
      if (key === null) continue;
      const k = String(key);
      const current = best.get(k);
      if (current === undefined || earlier(i, current)) best.set(k, i);
    }
    env.firsts[spec.index] = new Set(best.values());
    function earlier(a: number, b: number): boolean {
      for (const read of order) {
        const va = read(dealRows[a]);
        const vb = read(dealRows[b]);
        if (va === null || vb === null) {
          if (va !== vb) return vb === null;
          continue;
        }
        const c = compareValues(va, vb);
        if (c !== 0) return c < 0;
      }
      return a < b;
    }
  }

  // ---- bonuses ----------------------------------------------------------------------
  for (const { n, condition, amount } of compiledBonuses) {
    if (n.scope === 'deal') {
      for (const rep of reps) {
        let total = new Decimal(0);
        let basis = new Decimal(0);
        const paid: string[] = [];
        const parts: string[] = [];
        for (const i of rep.deals) {
          if (!env.credited[i]) continue;
          env.row = dealRows[i];
          env.deal = i;
          if (condition && condition(env) !== true) continue;
          const value = amount(env) as Decimal | null;
          if (value === null) {
            warnings.push(`bonus "${n.name}": the amount for deal ${dealId(i)} is missing, so it pays nothing`);
            continue;
          }
          const rounded = round(value);
          if (rounded.isZero()) continue;
          total = total.plus(rounded);
          basis = basis.plus(amounts[i]!);
          paid.push(dealId(i));
          parts.push(`${dealId(i)} ${money(rounded)}`);
        }
        const explain = paid.length === 0 ? 'no qualifying credited deal' : `${paid.length} deal${paid.length === 1 ? '' : 's'}: ${listIds(parts)}`;
        rep.lines.push({ component: n.name, kind: 'bonus', period: years.key, amount: total, basis, explain, deals: paid });
      }
    } else {
      const periods = planPeriods(n.period, p.planYear, p.fiscalYearStartMonth);
      for (const rep of reps) {
        let any = false;
        for (const period of periods) {
          enterRep(rep, period);
          if (condition && condition(env) !== true) continue;
          const value = amount(env) as Decimal | null;
          if (value === null) {
            warnings.push(`bonus "${n.name}": the amount for rep ${rep.key} in ${period.key} is missing, so it pays nothing`);
            continue;
          }
          any = true;
          rep.lines.push({ component: n.name, kind: 'bonus', period: period.key, amount: round(value), basis: env.repCredited, explain: `condition met in ${period.key}`, deals: [] });
        }
        if (!any) rep.lines.push({ component: n.name, kind: 'bonus', period: years.key, amount: new Decimal(0), basis: new Decimal(0), explain: 'condition not met', deals: [] });
      }
    }
  }

  // ---- ranking -------------------------------------------------------------------------
  const ranking: RankEntry[] = [];
  for (const n of nodes) {
    if (n.kind !== 'ranking') continue;
    const metric = compileExpr(n.metric, ctx);
    const tieIndex = n.tieBreak ? layout.get(graph.repTable)!.get(n.tieBreak.field)! : -1;
    const rule = {
      name: n.name,
      tieDescending: n.tieBreak?.descending ?? false,
      top: n.top ? { ratio: new Decimal(n.top.ratio), reward: new Decimal(n.top.reward) } : null,
      bottom: n.bottom ? { ratio: new Decimal(n.bottom.ratio), reward: new Decimal(n.bottom.reward) } : null,
    };
    const entries: RankEntry[] = [];
    for (const period of planPeriods(n.period, p.planYear, p.fiscalYearStartMonth)) {
      if (n.onlyCreditedPeriods && !reps.some((r) => r.deals.some((i) => env.credited[i] && (dealRows[i].values[dateIndex] as number) >= period.start && (dealRows[i].values[dateIndex] as number) < period.end))) continue;
      const candidates = reps.map((rep) => {
        enterRep(rep, period);
        const value = metric(env) as Decimal | null;
        if (value === null) warnings.push(`ranking "${n.name}": rep ${rep.key} has no value in ${period.key} and ranks last`);
        return { rep: rep.key, metric: value, tieValue: tieIndex >= 0 ? rep.row.values[tieIndex] : null };
      });
      entries.push(...rankPeriod(rule, period.key, candidates));
    }
    ranking.push(...entries);
    const metricWords = n.metric.k === 'builtin' && n.metric.name === 'credited' ? 'credited amount' : 'the ranking measure';
    for (const rep of reps) {
      const mine = entries.filter((e) => e.rep === rep.key);
      const rewarded = mine.filter((e) => !e.reward.isZero());
      const total = rewarded.reduce((s, e) => s.plus(e.reward), new Decimal(0));
      const explain = rewarded.length === 0 ? 'no rewarded rank in any period' : `rewarded in ${rewarded.length} period${rewarded.length === 1 ? '' : 's'}: ${rewarded.map((e) => `${e.period} rank ${e.rank} (${money(e.reward)})`).join(', ')}`;
      rep.lines.push({ component: n.name, kind: 'ranking', period: years.key, amount: round(total), basis: rep.credited, explain, deals: [] });
      for (const e of mine) {
        if (e.band === 'bottom' && n.bottom?.review) {
          rep.reviews.push({ rule: n.name, period: e.period, reason: `bottom ${groupedText(rule.bottom!.ratio.mul(100), 0)}% by ${metricWords} in ${e.period}: rank ${e.rank} of ${reps.length}` });
        }
      }
    }
  }

  // ---- red lines on reps, forfeits, reviews ------------------------------------------------
  const repTrips = new Map<string, RepState[]>();
  for (const n of redNodes) {
    if (n.subject !== 'reps') continue;
    const fn = compileExpr(n.condition, ctx);
    const tripped: RepState[] = [];
    for (const rep of reps) {
      enterRep(rep, years);
      if (fn(env) === true) tripped.push(rep);
    }
    repTrips.set(n.redline, tripped);
  }
  // Red lines on activities (e.g. gifts above a limit): activities dated in the plan period.
  const activityTrips = new Map<string, { row: RowLike; id: string; rep: string | null; value: Decimal | null }[]>();
  const activitiesTable = tables.get('activities');
  if (activitiesTable) {
    const fields = layout.get('activities')!;
    const actDate = fields.get('date');
    const actRep = fields.get('rep');
    const actValue = fields.get('value');
    const actKey = activitiesTable.schema.fields.findIndex((f) => f.key);
    for (const n of redNodes) {
      if (n.subject !== 'activities') continue;
      const fn = compileExpr(n.condition, ctx);
      const trips: { row: RowLike; id: string; rep: string | null; value: Decimal | null }[] = [];
      for (const row of activitiesTable.rows) {
        if (actDate === undefined || !inPlan(row.values[actDate])) continue;
        env.row = row;
        if (fn(env) !== true) continue;
        const value = actValue === undefined ? null : (row.values[actValue] as Decimal | null);
        trips.push({ row, id: actKey >= 0 ? String(row.values[actKey]) : `line ${row.line}`, rep: actRep === undefined || row.values[actRep] === null ? null : String(row.values[actRep]), value });
      }
      activityTrips.set(n.redline, trips);
    }
  }
  const allComponents = (nodes.find((n): n is NodeOf<'payout'> => n.kind === 'payout')?.components ?? []).map((c) => c.name);
  for (const rep of reps) {
    const forfeitedComponents = new Set<string>();
    for (const n of redNodes) {
      let reason: string | null = null;
      if (n.subject === 'deals') {
        const mine = (tripsByRule.get(n.redline) ?? []).filter((i) => rep.deals.includes(i) && inPlan(dealRows[i].values[dateIndex]));
        if (mine.length > 0) reason = `${n.message} (deal${mine.length === 1 ? '' : 's'} ${listIds(mine.map(dealId))})`;
      } else if (n.subject === 'activities') {
        const mine = (activityTrips.get(n.redline) ?? []).filter((t) => t.rep === rep.key);
        if (mine.length > 0) reason = `${n.message} (activit${mine.length === 1 ? 'y' : 'ies'} ${listIds(mine.map((t) => t.id))})`;
      } else if (repTrips.get(n.redline)?.includes(rep)) reason = n.message;
      if (reason === null) continue;
      if (n.effect === 'review') rep.reviews.push({ rule: n.redline, period: years.key, reason });
      if (n.effect !== 'forfeit') continue;
      const names = n.forfeits === 'all' ? allComponents : n.forfeits;
      for (const component of names) {
        if (forfeitedComponents.has(component)) continue;
        forfeitedComponents.add(component);
        // A forfeit takes away what the component would pay; a clawback (negative) stays owed.
        const earned = rep.lines.filter((l) => l.component === component).reduce((s, l) => s.plus(l.amount), new Decimal(0));
        const amount = Decimal.max(earned, 0);
        rep.forfeits.push({ component, amount, rule: n.redline, reason });
      }
    }
  }

  // ---- results ------------------------------------------------------------------------------
  const repResults: RepResult[] = reps
    .map((rep) => {
      const forfeited = rep.forfeits.reduce((s, f) => s.plus(f.amount), new Decimal(0));
      const gross = rep.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
      return {
        rep: rep.key,
        period: years.key,
        credited: rep.credited,
        dealsCredited: rep.dealsCredited,
        quotas: rep.quotaAnnual,
        lines: rep.lines,
        forfeits: rep.forfeits,
        forfeited,
        reviews: rep.reviews,
        payout: gross.minus(forfeited),
      };
    })
    .sort((a, b) => (a.rep < b.rep ? -1 : a.rep > b.rep ? 1 : 0));

  const deals: DealResult[] = [];
  for (let i = 0; i < nDeals; i++) {
    const row = dealRows[i];
    const date = row.values[dateIndex];
    const account = accountIndex === undefined ? null : row.values[accountIndex];
    deals.push({
      id: dealId(i),
      rep: row.values[repIndex] === null ? null : String(row.values[repIndex]),
      account: account === null ? null : String(account),
      stage: env.won[i] ? 'won' : env.lost[i] ? 'lost' : 'open',
      amount: amounts[i],
      date: typeof date === 'number' ? dateText(date) : null,
      credited: env.credited[i] === 1,
      blockedCredit: blockedCredit[i] === 1,
      creditPeriod: env.credited[i] ? monthOf(date as number) : null,
      redlines: dealRedlines[i],
      line: row.line,
      relationship: dealRelationships?.[i] ?? null,
    });
  }
  deals.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const redlines: RedLineSummary[] = redNodes.map((n) => {
    if (n.subject === 'activities') {
      const trips = activityTrips.get(n.redline) ?? [];
      const amount = trips.reduce((s, t) => (t.value ? s.plus(t.value) : s), new Decimal(0));
      const tripReps = [...new Set(trips.map((t) => t.rep).filter((r): r is string => r !== null))].sort();
      return { id: n.redline, subject: n.subject, effect: n.effect, message: n.message, deals: trips.length, amount, reps: tripReps, activityTrips: trips };
    }
    if (n.subject === 'reps') {
      const tripped = (repTrips.get(n.redline) ?? []).map((r) => r.key);
      return { id: n.redline, subject: n.subject, effect: n.effect, message: n.message, deals: tripped.length, amount: new Decimal(0), reps: tripped };
    }
    // The summary is about the plan period: deals dated in it (a deal's red lines are listed on it whatever its date).
    const trips = (tripsByRule.get(n.redline) ?? []).filter((i) => inPlan(dealRows[i].values[dateIndex]));
    const amount = trips.reduce((s, i) => (amounts[i] ? s.plus(amounts[i]!) : s), new Decimal(0));
    return { id: n.redline, subject: n.subject, effect: n.effect, message: n.message, deals: trips.length, amount, reps: [] };
  });

  const totals = {
    credited: repResults.reduce((s, r) => s.plus(r.credited), new Decimal(0)),
    payout: repResults.reduce((s, r) => s.plus(r.payout), new Decimal(0)),
    forfeited: repResults.reduce((s, r) => s.plus(r.forfeited), new Decimal(0)),
  };
  // The user's assertions about every rep's statement (checked by `playbook verify`).
  const assertions: AssertionResult[] = [];
  const validation = nodes.find((n): n is NodeOf<'validation'> => n.kind === 'validation');
  if (validation) {
    const byKey = new Map(repResults.map((r) => [r.rep, r]));
    for (const a of validation.assertions) {
      const fn = compileExpr(a.condition, ctx);
      for (const rep of reps) {
        const result = byKey.get(rep.key)!;
        enterRep(rep, years);
        env.repPayout = result.payout;
        env.repForfeited = result.forfeited;
        const holds = fn(env);
        assertions.push({ name: a.name, rep: rep.key, holds: holds === null ? null : holds === true });
      }
    }
  }
  if (validation?.budget) {
    const limit = totals.credited.mul(validation.budget);
    if (totals.payout.gt(limit)) {
      warnings.push(`the scheme pays ${money(totals.payout)} on ${money(totals.credited)} credited, over its budget of ${new Decimal(validation.budget).mul(100).toString()}% (${money(limit)})`);
    }
  }
  for (const a of assertions) {
    if (a.holds === false) warnings.push(`assertion "${a.name}" does not hold for rep ${a.rep}`);
  }
  if (totals.credited.isZero() && repResults.every((r) => r.dealsCredited === 0)) {
    const dated = dealRows.map((r) => r.values[dateIndex]).filter((v): v is number => typeof v === 'number');
    const range = dated.length === 0 ? 'no deal has a date' : `the deals' dates run ${dateText(Math.min(...dated))} … ${dateText(Math.max(...dated))}`;
    warnings.push(`no deal was credited in plan period ${years.key} (${dateText(years.start)} … ${dateText(years.end - 1)}); ${range}. Is the plan period right?`);
  }
  const forecast = dealRelationships ? pipelineForecast(deals) : [];
  return { reps: repResults, deals, ranking, redlines, warnings, totals, relationship, forecast, assertions };
}
