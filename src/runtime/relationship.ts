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
import type { GraphNode } from '../graph/nodes.js';
import type { NodeInputs, RunContext } from './context.js';
import { Decimal } from './decimal.js';
import { type Compiled, compileContext, compileExpr, newEnv } from './expr.js';
import { DAY_MS, dateText, periodKeyOf } from './periods.js';
import type { RowLike } from './values.js';

const ONE = new Decimal(1);

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
}

/** An account's activities up to an as-of day, oldest first, with each one's age in whole days. */
export interface ActivityWindow {
  rows: RowLike[];
  ages: number[];
}

/** The scoring machinery for one scoring node: the activities indexed by account, and the score of a window. */
export interface Scorer {
  history(account: string, asOf: number): ActivityWindow;
  score(window: ActivityWindow, asOf: number, withDetail: boolean): AccountScore;
  scoreAccount(account: string, asOf: number, withDetail: boolean): AccountScore;
  /** Actions done within the look-back window. */
  actionsIn(window: ActivityWindow): Set<string>;
}

/** Midnight of the day a date value falls on. */
export function dayOf(value: number): number {
  return Math.floor(value / DAY_MS) * DAY_MS;
}

/**
 * Indexes the activities table (declared by the graph's activities role) by account, sorted by
 * date then source line, and compiles the weights with the scoring node's inputs.
 */
export function makeScorer(node: ScoringNode, run: RunContext, inputs: NodeInputs): Scorer {
  const role = run.graph.roles.activities!;
  const activities = run.tables.get(role.table);
  const fields = run.layout.get(role.table)!;
  const dateIndex = fields.get(role.date)!;
  const accountIndex = fields.get(role.account)!;
  const actionIndex = fields.get(role.action)!;
  const byAccount = new Map<string, RowLike[]>();
  for (const row of activities?.rows ?? []) {
    const account = row.values[accountIndex];
    const date = row.values[dateIndex];
    if (account === null || typeof date !== 'number') continue;
    const list = byAccount.get(String(account)) ?? [];
    list.push(row);
    byAccount.set(String(account), list);
  }
  for (const list of byAccount.values()) list.sort((a, b) => (a.values[dateIndex] as number) - (b.values[dateIndex] as number) || a.line - b.line);

  const actionSpec = new Map(node.actions.map((a) => [a.action, { points: new Decimal(a.points), repetition: a.repetition }]));
  const ctx = compileContext(run, inputs);
  const weights: { factor: Decimal; condition: Compiled }[] = node.weights.map((w) => ({ factor: new Decimal(w.factor), condition: compileExpr(w.condition, ctx) }));
  const halfLife = node.halfLifeDays === null ? null : new Decimal(node.halfLifeDays);
  const cap = node.cap === null ? null : new Decimal(node.cap);
  const fiscalStart = run.graph.playbook.fiscalYearStartMonth;
  const half = new Decimal('0.5');
  const env = newEnv(run);
  // Ages are whole days, so each distinct age's fading is computed once (the same exact value every time).
  const decays = new Map<number, Decimal>();
  const decayAt = (age: number): Decimal => {
    if (halfLife === null) return ONE;
    let d = decays.get(age);
    if (!d) decays.set(age, (d = half.pow(new Decimal(age).div(halfLife))));
    return d;
  };

  function history(account: string, asOf: number): ActivityWindow {
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

  function score({ rows, ages }: ActivityWindow, asOf: number, withDetail: boolean): AccountScore {
    const used = new Map<string, number>();
    const contributions: Contribution[] = [];
    let total = new Decimal(0);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const age = ages[i];
      if (age >= node.lookBackDays) continue;
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
      const decay = decayAt(age);
      const value = spec!.points.mul(weight).mul(decay);
      total = total.plus(value);
      if (withDetail) contributions.push({ row, date: dateText(date), action, age, points: spec!.points, weight, decay, value, counted: true, reason: null });
    }
    return { asOf: dateText(asOf), total, score: cap !== null && total.gt(cap) ? cap : total, contributions };
  }

  return {
    history,
    score,
    scoreAccount(account, asOf, withDetail) {
      const day = dayOf(asOf);
      return score(history(account, day), day, withDetail);
    },
    actionsIn({ rows, ages }) {
      const actions = new Set<string>();
      for (let k = 0; k < rows.length; k++) if (ages[k] < node.lookBackDays) actions.add(String(rows[k].values[actionIndex]));
      return actions;
    },
  };
}
