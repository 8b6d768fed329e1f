/**
 * Relationship scoring, indicators and tiers (domain.md §1–2), evaluated for
 * each deal as of its as-of date: the close date for won and lost deals, the
 * scoring section's `open deals as of` date for open ones. Only activities of
 * the deal's account dated on or before that day are seen (no look-ahead).
 *
 * Score: each activity with 0 ≤ age < look-back days, still allowed by its
 * action's repetition rule (every time / once / at most N per period, counted
 * in date order), contributes points × weight × 0.5^(age ÷ half-life); the sum
 * is capped. Weights: the first weight whose condition holds, else 1.
 * Indicators see all of the account's activities up to the as-of date (their
 * own conditions can limit the age). Tiers: first match wins.
 */
import type { GraphNode, RuleGraph } from '../graph/nodes.js';
import { Decimal } from './decimal.js';
import { type CompileContext, type Compiled, type Env, compileExpr } from './expr.js';
import { DAY_MS, dateText, parseDateText, periodKeyOf } from './periods.js';
import type { RowLike, TableLike } from './values.js';

type ScoringNode = Extract<GraphNode, { kind: 'scoring' }>;
type TiersNode = Extract<GraphNode, { kind: 'tiers' }>;

/** How one activity counted towards a score (what `playbook score` shows). */
export interface Contribution {
  row: RowLike;
  date: string;
  action: string;
  age: number;
  points: Decimal;
  weight: Decimal;
  decay: Decimal;
  /** points × weight × decay, or 0 when not counted. */
  value: Decimal;
  counted: boolean;
  /** Why it did not count, when it did not. */
  reason: string | null;
}

export interface AccountScore {
  asOf: string;
  /** Sum before the cap. */
  total: Decimal;
  /** Capped score. */
  score: Decimal;
  contributions: Contribution[];
}

export interface DealRelationship {
  asOf: string | null;
  score: Decimal | null;
  tier: string | null;
  probability: Decimal | null;
  indicators: (boolean | null)[];
  /** Actions the account did within the look-back window before the as-of date. */
  actions: Set<string>;
}

export interface RelationshipModel {
  node: ScoringNode;
  indicatorNames: string[];
  indicatorLabels: (string | null)[];
  tiers: TiersNode['tiers'];
  /** Scores one account as of a day (ms, local midnight). */
  scoreAccount(account: string, asOf: number, withDetail: boolean): AccountScore;
  /** Scores, indicators and tier of every deal (index-aligned with the deals table). */
  evaluateDeals(): DealRelationship[];
}

function dayOf(value: number): number {
  return Math.floor(value / DAY_MS) * DAY_MS;
}

/**
 * Prepares relationship evaluation for a graph that has a scoring node, or
 * returns null. `env` and `ctx` are the evaluator's (outcomes must be filled).
 */
export function prepareRelationship(graph: RuleGraph, tables: Map<string, TableLike>, env: Env, ctx: CompileContext, dealDateIndex: number): RelationshipModel | null {
  const node = graph.nodes.find((n): n is ScoringNode => n.kind === 'scoring');
  const activities = tables.get('activities');
  const deals = tables.get('deals');
  if (!node || !activities || !deals) return null;
  const fields = ctx.layout.get('activities')!;
  const dateIndex = fields.get('date')!;
  const accountIndex = fields.get('account')!;
  const actionIndex = fields.get('action')!;
  const dealAccountIndex = ctx.layout.get('deals')!.get('account')!;

  const byAccount = new Map<string, RowLike[]>();
  for (const row of activities.rows) {
    const account = row.values[accountIndex];
    const date = row.values[dateIndex];
    if (account === null || typeof date !== 'number') continue;
    const list = byAccount.get(String(account)) ?? [];
    list.push(row);
    byAccount.set(String(account), list);
  }
  for (const list of byAccount.values()) list.sort((a, b) => (a.values[dateIndex] as number) - (b.values[dateIndex] as number) || a.line - b.line);

  const actionSpec = new Map(node.actions.map((a) => [a.action, { points: new Decimal(a.points), repetition: a.repetition }]));
  const weights: { factor: Decimal; condition: Compiled }[] = node.weights.map((w) => ({ factor: new Decimal(w.factor), condition: compileExpr(w.condition, ctx) }));
  const halfLife = node.halfLifeDays === null ? null : new Decimal(node.halfLifeDays);
  const cap = node.cap === null ? null : new Decimal(node.cap);
  const fiscalStart = graph.playbook.fiscalYearStartMonth;
  const indicatorNodes = graph.nodes.filter((n): n is Extract<GraphNode, { kind: 'indicator' }> => n.kind === 'indicator');
  indicatorNodes.forEach((n, i) => ctx.indicatorIndex.set(n.name, i));
  const indicators = indicatorNodes.map((n) => compileExpr(n.condition, ctx));
  const tiersNode = graph.nodes.find((n): n is TiersNode => n.kind === 'tiers');
  const tiers = (tiersNode?.tiers ?? []).map((t) => ({ ...t, compiled: t.condition ? compileExpr(t.condition, ctx) : null, p: new Decimal(t.probability) }));
  const openAsOf = parseDateText(node.openAsOf);
  const half = new Decimal('0.5');

  /** The account's activities up to the as-of day, with their ages. */
  function history(account: string, asOf: number): { rows: RowLike[]; ages: number[] } {
    const all = byAccount.get(account) ?? [];
    const rows: RowLike[] = [];
    const ages: number[] = [];
    for (const row of all) {
      const day = dayOf(row.values[dateIndex] as number);
      if (day > asOf) break;
      rows.push(row);
      ages.push(Math.round((asOf - day) / DAY_MS));
    }
    return { rows, ages };
  }

  function score(rows: RowLike[], ages: number[], asOf: number, withDetail: boolean): AccountScore {
    const used = new Map<string, number>();
    const contributions: Contribution[] = [];
    let total = new Decimal(0);
    const savedRow = env.row;
    const savedAge = env.age;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const age = ages[i];
      if (age >= node!.lookBackDays) continue;
      const action = String(row.values[actionIndex]);
      const spec = actionSpec.get(action);
      const date = row.values[dateIndex] as number;
      let reason: string | null = null;
      if (!spec) reason = 'this action earns no points';
      else if (spec.repetition.kind !== 'every') {
        const period = spec.repetition.period;
        const key = `${action}|${period === null ? '' : periodKeyOf(date, period, fiscalStart)}`;
        const limit = spec.repetition.kind === 'once' ? 1 : spec.repetition.count;
        const count = used.get(key) ?? 0;
        if (count >= limit) reason = limit === 1 ? `already counted once${period ? ` this ${period}` : ''}` : `already counted ${limit} times this ${period}`;
        else used.set(key, count + 1);
      }
      if (reason !== null) {
        if (withDetail) contributions.push({ row, date: dateText(date), action, age, points: spec?.points ?? new Decimal(0), weight: new Decimal(1), decay: new Decimal(1), value: new Decimal(0), counted: false, reason });
        continue;
      }
      env.row = row;
      env.age = age;
      let weight = new Decimal(1);
      for (const w of weights) {
        if (w.condition(env) === true) {
          weight = w.factor;
          break;
        }
      }
      const decay = halfLife === null ? new Decimal(1) : half.pow(new Decimal(age).div(halfLife));
      const value = spec!.points.mul(weight).mul(decay);
      total = total.plus(value);
      if (withDetail) contributions.push({ row, date: dateText(date), action, age, points: spec!.points, weight, decay, value, counted: true, reason: null });
    }
    env.row = savedRow;
    env.age = savedAge;
    return { asOf: dateText(asOf), total, score: cap !== null && total.gt(cap) ? cap : total, contributions };
  }

  return {
    node,
    indicatorNames: indicatorNodes.map((n) => n.name),
    indicatorLabels: indicatorNodes.map((n) => n.label),
    tiers: tiersNode?.tiers ?? [],
    scoreAccount(account, asOf, withDetail) {
      const h = history(account, dayOf(asOf));
      return score(h.rows, h.ages, dayOf(asOf), withDetail);
    },
    evaluateDeals() {
      const out: DealRelationship[] = [];
      for (let i = 0; i < deals.rows.length; i++) {
        const row = deals.rows[i];
        const closed = env.won[i] === 1 || env.lost[i] === 1;
        const date = row.values[dealDateIndex];
        const asOf = closed ? (typeof date === 'number' ? dayOf(date) : null) : openAsOf;
        const account = row.values[dealAccountIndex];
        if (asOf === null || account === null) {
          out.push({ asOf: null, score: null, tier: null, probability: null, indicators: indicators.map(() => null), actions: new Set() });
          continue;
        }
        const h = history(String(account), asOf);
        const s = score(h.rows, h.ages, asOf, false);
        env.row = row;
        env.deal = i;
        env.activityRows = h.rows;
        env.activityAges = h.ages;
        env.score = s.score;
        const values = indicators.map((fn) => fn(env) as boolean | null);
        env.indicators = values;
        let tier: (typeof tiers)[number] | undefined;
        for (const t of tiers) {
          if (t.compiled === null || t.compiled(env) === true) {
            tier = t;
            break;
          }
        }
        const actions = new Set<string>();
        for (let k = 0; k < h.rows.length; k++) if (h.ages[k] < node.lookBackDays) actions.add(String(h.rows[k].values[actionIndex]));
        out.push({ asOf: dateText(asOf), score: s.score, tier: tier?.name ?? null, probability: tier?.p ?? null, indicators: values, actions });
      }
      return out;
    },
  };
}
