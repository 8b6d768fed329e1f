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
import { type Compiled, type Env, compileContext, compileExpr, newEnv } from './expr.js';
import { DAY_MS, dateText, periodKeyOf } from './periods.js';
import type { RowLike } from './values.js';

const ONE = new Decimal(1);
const ZERO = new Decimal(0);
const HALF = new Decimal('0.5');

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

/** Everything scoring needs, prepared once per run. */
interface ScoringSetup {
  node: ScoringNode;
  byAccount: Map<string, RowLike[]>;
  dateIndex: number;
  actionIndex: number;
  actionSpec: Map<string, { points: Decimal; repetition: ScoringNode['actions'][number]['repetition'] }>;
  weights: { factor: Decimal; condition: Compiled }[];
  cap: Decimal | null;
  fiscalStart: number;
  /** The fading at an age in whole days (cached: the same exact value every time). */
  decayAt(age: number): Decimal;
  /** The cursor the weight conditions run at. */
  env: Env;
}

/** Activities by account, each list sorted by date then source line. */
function indexByAccount(rows: readonly RowLike[], accountIndex: number, dateIndex: number): Map<string, RowLike[]> {
  const byAccount = new Map<string, RowLike[]>();
  for (const row of rows) {
    const account = row.values[accountIndex];
    if (account === null || typeof row.values[dateIndex] !== 'number') continue;
    const list = byAccount.get(String(account)) ?? [];
    list.push(row);
    byAccount.set(String(account), list);
  }
  for (const list of byAccount.values()) list.sort((a, b) => (a.values[dateIndex] as number) - (b.values[dateIndex] as number) || a.line - b.line);
  return byAccount;
}

/** Why an activity does not count under its action's repetition rule, or null (and the use is counted). */
function repetitionReason(setup: ScoringSetup, action: string, date: number, used: Map<string, number>): string | null {
  const spec = setup.actionSpec.get(action);
  if (!spec) return 'this action earns no points';
  if (spec.repetition.kind === 'every') return null;
  const period = spec.repetition.period;
  const key = `${action}|${period === null ? '' : periodKeyOf(date, period, setup.fiscalStart)}`;
  const limit = spec.repetition.kind === 'once' ? 1 : spec.repetition.count;
  const count = used.get(key) ?? 0;
  if (count >= limit) return limit === 1 ? `already counted once${period ? ` this ${period}` : ''}` : `already counted ${limit} times this ${period}`;
  used.set(key, count + 1);
  return null;
}

/** The first weight whose condition holds for the activity, else 1. */
function weightOf(setup: ScoringSetup, row: RowLike, age: number): Decimal {
  setup.env.row = row;
  setup.env.age = age;
  for (const w of setup.weights) if (w.condition(setup.env) === true) return w.factor;
  return ONE;
}

/** The account's activities up to the as-of day, with their ages. */
function windowOf(setup: ScoringSetup, account: string, asOf: number): ActivityWindow {
  const rows: RowLike[] = [];
  const ages: number[] = [];
  for (const row of setup.byAccount.get(account) ?? []) {
    const day = dayOf(row.values[setup.dateIndex] as number);
    if (day > asOf) break;
    rows.push(row);
    ages.push(Math.round((asOf - day) / DAY_MS));
  }
  return { rows, ages };
}

/** The score of a window: Σ points × weight × fading over the activities that count, capped. */
function scoreWindow(setup: ScoringSetup, { rows, ages }: ActivityWindow, asOf: number, withDetail: boolean): AccountScore {
  const used = new Map<string, number>();
  const contributions: Contribution[] = [];
  let total = new Decimal(0);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const age = ages[i];
    if (age >= setup.node.lookBackDays) continue;
    const action = String(row.values[setup.actionIndex]);
    const date = row.values[setup.dateIndex] as number;
    const reason = repetitionReason(setup, action, date, used);
    const points = setup.actionSpec.get(action)?.points ?? ZERO;
    if (reason !== null) {
      if (withDetail) contributions.push({ row, date: dateText(date), action, age, points, weight: ONE, decay: ONE, value: ZERO, counted: false, reason });
      continue;
    }
    const weight = weightOf(setup, row, age);
    const decay = setup.decayAt(age);
    const value = points.mul(weight).mul(decay);
    total = total.plus(value);
    if (withDetail) contributions.push({ row, date: dateText(date), action, age, points, weight, decay, value, counted: true, reason: null });
  }
  return { asOf: dateText(asOf), total, score: setup.cap !== null && total.gt(setup.cap) ? setup.cap : total, contributions };
}

/**
 * Indexes the activities table (declared by the graph's activities role) by account and compiles
 * the weights with the scoring node's inputs.
 */
export function makeScorer(node: ScoringNode, run: RunContext, inputs: NodeInputs): Scorer {
  const role = run.graph.roles.activities!;
  const fields = run.layout.get(role.table)!;
  const dateIndex = fields.get(role.date)!;
  const actionIndex = fields.get(role.action)!;
  const ctx = compileContext(run, inputs);
  const halfLife = node.halfLifeDays === null ? null : new Decimal(node.halfLifeDays);
  const decays = new Map<number, Decimal>();
  const setup: ScoringSetup = {
    node,
    byAccount: indexByAccount(run.tables.get(role.table)?.rows ?? [], fields.get(role.account)!, dateIndex),
    dateIndex,
    actionIndex,
    actionSpec: new Map(node.actions.map((a) => [a.action, { points: new Decimal(a.points), repetition: a.repetition }])),
    weights: node.weights.map((w) => ({ factor: new Decimal(w.factor), condition: compileExpr(w.condition, ctx) })),
    cap: node.cap === null ? null : new Decimal(node.cap),
    fiscalStart: run.graph.playbook.fiscalYearStartMonth,
    decayAt(age) {
      if (halfLife === null) return ONE;
      let d = decays.get(age);
      if (!d) decays.set(age, (d = HALF.pow(new Decimal(age).div(halfLife))));
      return d;
    },
    env: newEnv(run),
  };
  return {
    history: (account, asOf) => windowOf(setup, account, asOf),
    score: (window, asOf, withDetail) => scoreWindow(setup, window, asOf, withDetail),
    scoreAccount(account, asOf, withDetail) {
      const day = dayOf(asOf);
      return scoreWindow(setup, windowOf(setup, account, day), day, withDetail);
    },
    actionsIn({ rows, ages }) {
      const actions = new Set<string>();
      for (let k = 0; k < rows.length; k++) if (ages[k] < node.lookBackDays) actions.add(String(rows[k].values[actionIndex]));
      return actions;
    },
  };
}
