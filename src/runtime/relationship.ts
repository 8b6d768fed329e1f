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
 *
 * Cost (issue 10 / 13): the activities are indexed per account and sorted by
 * date once; each as-of day finds its window by binary search and visits only
 * the activities inside the look-back; what does not depend on the as-of day
 * (the action, its points × weight, its repetition period) is worked out once
 * per activity, the fading once per distinct age, and the score once per
 * account and as-of day. The arithmetic is the same exact decimal arithmetic
 * in the same order as a plain rescan, so the scores are identical; the sum itself is
 * kept in scaled integers that reproduce decimal.js's rounding (exact-sum.ts).
 */
import type { TExpr } from '../graph/ir.js';
import type { GraphNode } from '../graph/nodes.js';
import type { NodeInputs, RunContext } from './context.js';
import { Decimal } from './decimal.js';
import { type Compiled, type Env, atRow, atSource, compileContext, compileExpr, newEnv } from './expr.js';
import { DAY_MS, dateText } from './periods.js';
import { ExactSum, SumTerms } from './exact-sum.js';
import { PrefixCounts } from './prefix-counts.js';
import { arraySource, rowSource } from './row-source.js';
import type { RowLike, RowSource } from './values.js';

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

/** One account's activities with a usable date, oldest first (date, then source line), indexed once per run. */
export interface AccountHistory {
  /** The activities table (its rows or columns: see `row-source.ts`). */
  source: RowSource;
  /** Each activity's index in the activities table (`source`); its length is the number of activities. */
  positions: Int32Array;
  /**
   * The day of each activity as a whole number of days since 1970-01-01 (its date's local
   * midnight ÷ DAY_MS): 4 bytes an activity instead of 8 (issue 10).
   */
  days: Int32Array;
}

/**
 * An account's activities up to an as-of day: the first `end` activities of its history.
 * The age of activity i in whole days is `ageIn(window, i)`. No copy is made per deal.
 */
export interface ActivityWindow {
  history: AccountHistory;
  /** Activities [0, end) are dated on or before the as-of day. */
  end: number;
  /** The as-of day (ms, local midnight). */
  asOf: number;
}

const NO_HISTORY: AccountHistory = { source: arraySource([]), positions: new Int32Array(0), days: new Int32Array(0) };

/** Where a history made by the scorer starts in its `Scorer.order` (its positions are a view of it). */
export function historyStart(history: AccountHistory): number {
  return history.positions.byteOffset / Int32Array.BYTES_PER_ELEMENT;
}

/** Activity `i` of a history as a row (made on demand when the table is held as columns). */
export function historyRow(history: AccountHistory, i: number): RowLike {
  return history.source.row(history.positions[i]);
}

/** The empty window (a deal that is not scored, or an account with no activities). */
export const EMPTY_WINDOW: ActivityWindow = { history: NO_HISTORY, end: 0, asOf: 0 };

/** Age in whole days of activity `i` of a window, as of the window's day. */
export function ageIn(window: ActivityWindow, i: number): number {
  return Math.round((window.asOf - window.history.days[i] * DAY_MS) / DAY_MS);
}

/** The whole day number (days since 1970-01-01) of a day given in ms at midnight, as a history's `days` holds them. */
export function dayNumber(day: number): number {
  return Math.round(day / DAY_MS);
}

/** First index in `days[0, end)` (day numbers) whose day is ≥ `day` (a day number; binary search; `end` when none). */
export function firstOnOrAfter(days: Int32Array, end: number, day: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The scoring machinery for one scoring node: the activities indexed by account, and the score of a window. */
export interface Scorer {
  /** The activities table, rows or columns (an account history's `positions` index it). */
  activities: RowSource;
  /**
   * Every account's history one after the other (account by account, each oldest first): the
   * activities' indexes in the table. An account history's `positions` is a view of a stretch of
   * it, starting at `positions.byteOffset / 4` (see `historyStart`).
   */
  order: Int32Array;
  history(account: string, asOf: number): ActivityWindow;
  /** The account's history (an empty one when it has no activity). */
  account(account: string): AccountHistory;
  /** How many accounts have activities (their numbers are 0 … accounts − 1). */
  accounts: number;
  /** The number of an account with activities, or -1 when it has none. */
  accountNumber(account: string): number;
  /** The history of account number `id` (from `accountNumber`). */
  historyOf(id: number): AccountHistory;
  /** The activities table's action field (`count(activities where action = …)` reads it). */
  actionField: { table: string; field: string };
  /**
   * Prefix counts over `order` of the activities whose action is one of `names`, each a scoring
   * action: `rank(k)` is how many of `order[0, k)` have one of them (a bit per activity: see
   * prefix-counts.ts), made
   * in one sequential pass over the per-activity actions the scores were made from (issue 10: each
   * indicator tested every activity with the decimal evaluator, then gathered them in the scorer's
   * order). Null when a name is not a scoring action (its activities are not told apart). Not kept:
   * the caller holds it while it counts.
   */
  actionCounts(names: string[]): PrefixCounts | null;
  /** The window of a history (from `account`) as of a day (ms, midnight). */
  windowAt(history: AccountHistory, asOf: number): ActivityWindow;
  score(window: ActivityWindow, withDetail: boolean): AccountScore;
  /** The capped score and actions done of a window, worked out afresh (the scoring node keeps one per account and as-of day). */
  scoreOnce(window: ActivityWindow): Omit<WindowScore, 'total'>;
  scoreAccount(account: string, asOf: number, withDetail: boolean): AccountScore;
}

/** Midnight of the day a date value falls on. */
export function dayOf(value: number): number {
  return Math.floor(value / DAY_MS) * DAY_MS;
}

/** What scoring needs per account, worked out once: the history and what each activity is worth before fading. */
interface AccountIndex extends AccountHistory {
  /**
   * What each activity is worth before fading: a slot of the setup, -1 when its action earns no
   * points. Slot s is action `slotAction[s]` of the scoring node, with points × weight
   * `bases[slotBase[s]]`, or `slotBase[s]` = -1 when weights are decided per deal (they read
   * the age). Without such weights a slot is its base. One array instead of an action and a
   * base per activity (issue 10: 2 bytes an activity less, kept for the whole run).
   */
  slot: Int16Array | Int32Array;
  /** Each activity's repetition period as a number (month, fiscal quarter or fiscal year; 0 when the rule has none), in 16 bits when they fit. */
  period: Int16Array | Int32Array;
  /**
   * Scores already worked out by as-of day, for the readers that ask for a window's score again
   * (the review list, `relationship-at.ts`); made on first use (the scoring node scores each
   * account and day once, without keeping them here).
   */
  scores: Map<number, WindowScore> | null;
}

/** A window's score without detail, and the actions done in its look-back. */
export interface WindowScore {
  /** Sum before the cap, in points. */
  total: Decimal;
  /** Capped score, in points. */
  score: Decimal;
  /** Actions done in the look-back (read-only: shared by every window with the same ones). */
  actions: Set<string>;
}

/** Everything scoring needs, prepared once per run. */
interface ScoringSetup {
  node: ScoringNode;
  /** Account numbers by account. */
  accountIds: Map<string, number>;
  /** Histories by account number. */
  histories: AccountIndex[];
  /** The histories one after the other (see `Scorer.order`). */
  order: Int32Array;
  /** Every history's slots one after the other, laid out as `order` (see `AccountIndex.slot`). */
  slots: Int16Array | Int32Array;
  /** Per slot: its action (an index into `actions`). */
  slotAction: Int32Array;
  /** Per slot: its base (an index into `bases`), or -1 when weights are decided per deal. */
  slotBase: Int32Array;
  dateIndex: number;
  actionIndex: number;
  actions: { name: string; points: Decimal; repetition: ScoringNode['actions'][number]['repetition']; limit: number }[];
  weights: { factor: Decimal; condition: Compiled }[];
  /** True when a weight condition reads the activity's age (then weights are decided per deal). */
  weightsUseAge: boolean;
  cap: Decimal | null;
  /** The cap as a term of `terms` (to tell a capped sum without making its Decimal), or -1. */
  capTerm: number;
  /** The fading at each age in whole days below the look-back (each worked out once, on first use). */
  decayAt(age: number): Decimal;
  /** The distinct points × weight values (a handful: actions × weights). */
  bases: Decimal[];
  /** points × weight × fading by base and age (base × look-back + age), each worked out once, on first use. */
  valueAt(base: number, age: number): Decimal;
  /** The same value as a term of `terms` (see exact-sum.ts), or -1 when it cannot be held (negative). */
  termAt(base: number, age: number): number;
  /** The distinct terms of the scores' exact sums. */
  terms: SumTerms;
  /** The term of each base and age at base × look-back + age: -2 until worked out (by `termAt`), -1 when it cannot be held. */
  termIds(): Int32Array;
  /** Per action: 1 when its repetition rule limits it (once, at most N per period), else 0. */
  limited: Uint8Array;
  /** The cursor the weight conditions run at. */
  env: Env;
  /** The distinct sets of actions done, by their names joined (see `sharedActions`). */
  actionSets: Map<string, Set<string>>;
  /** The same sets by the bits of the scored actions done, when no unscored action was (see `quickScore`). */
  actionSetsByMask: Map<number, Set<string>>;
  /**
   * Scratch of `quickScore`, reused by every window (each is summed to its end before the next):
   * the running sum; the terms of a window in the order met (added in one call); per action, the
   * repetition period last met in the window (NaN: none yet) and its uses counted in that period.
   */
  scratch: { sum: ExactSum; terms: Int32Array; lastPeriod: Float64Array; uses: Float64Array };
  /** Per action: how many uses count in one period (Infinity for `every time`). */
  limits: Float64Array;
}

/** What `indexByAccount` adds to the setup. */
type Indexed = 'accountIds' | 'histories' | 'order' | 'slots' | 'slotAction' | 'slotBase';
/** The setup before the activities are indexed (the index is made from it). */
type SetupBeforeIndex = Omit<ScoringSetup, Indexed>;

/** True when an IR expression (any shape) refers to the built-in `name` (e.g. `age`). */
export function usesBuiltin(e: unknown, name: string): boolean {
  if (Array.isArray(e)) return e.some((x) => usesBuiltin(x, name));
  if (e === null || typeof e !== 'object') return false;
  const o = e as Record<string, unknown>;
  if (o.k === 'builtin' && o.name === name) return true;
  return Object.values(o).some((x) => usesBuiltin(x, name));
}

/** The repetition period of a date as one number: year×12+month, fiscal year×4+quarter, or the fiscal year. */
function periodNumber(value: number, unit: 'year' | 'quarter' | 'month', fiscalStartMonth: number): number {
  const d = new Date(value);
  const year = d.getUTCFullYear();
  const month0 = d.getUTCMonth();
  if (unit === 'month') return year * 12 + month0;
  const fiscalYear = month0 >= fiscalStartMonth - 1 ? year : year - 1;
  if (unit === 'year') return fiscalYear;
  const offset = (month0 - (fiscalStartMonth - 1) + 12) % 12;
  return fiscalYear * 4 + Math.floor(offset / 3);
}

/** Index of the first weight whose condition holds for the activity, else -1 (weight 1). */
function weightIndex(setup: SetupBeforeIndex, row: RowLike, age: number): number {
  atRow(setup.env, row);
  return firstWeight(setup, age);
}

/** {@link weightIndex} of row `p` of `source`, read in place (no row object made for it). */
function weightIndexAt(setup: SetupBeforeIndex, source: RowSource, p: number, age: number): number {
  atSource(setup.env, source, p);
  return firstWeight(setup, age);
}

function firstWeight(setup: SetupBeforeIndex, age: number): number {
  setup.env.age = age;
  for (let w = 0; w < setup.weights.length; w++) if (setup.weights[w].condition(setup.env) === true) return w;
  return -1;
}

/** The first weight whose condition holds for the activity, else 1. */
function weightOf(setup: ScoringSetup, row: RowLike, age: number): Decimal {
  const w = weightIndex(setup, row, age);
  return w < 0 ? ONE : setup.weights[w].factor;
}

/** Where each account's rows start in an order grouped by account: `starts[a] .. starts[a + 1]` (rows with account −1 are left out). */
function accountStarts(accountOf: Int32Array, accounts: number): Int32Array {
  const starts = new Int32Array(accounts + 1);
  for (let p = 0; p < accountOf.length; p++) if (accountOf[p] >= 0) starts[accountOf[p] + 1]++;
  for (let a = 0; a < accounts; a++) starts[a + 1] += starts[a];
  return starts;
}

/**
 * The kept rows (account ≥ 0) by account, then day, then row number, by two stable counting sorts
 * (by day, then by account) — no row compared with another. Null when the days span more than
 * 4 × rows + 1024 days (the counts would cost more than a sort). `spare`, when given, is a
 * scratch array of `kept` entries the caller may reuse (its contents mean nothing).
 * @param day per row: its day as a whole number of days (any integers; only kept rows are read).
 * @param first the first and `last` the last day of the kept rows.
 */
export function countingOrder(accountOf: Int32Array, accounts: number, day: Int32Array | Int16Array, first: number, last: number): { order: Int32Array; starts: Int32Array; spare?: Int32Array } | null {
  const starts = accountStarts(accountOf, accounts);
  const kept = starts[accounts];
  const order = new Int32Array(kept);
  if (kept === 0) return { order, starts };
  const span = last - first + 1;
  if (!(span <= 4 * kept + 1024)) return null;
  const total = accountOf.length;
  // Rows by day (stable: row order within a day), then by account (stable).
  const byDay = new Int32Array(span + 1);
  for (let p = 0; p < total; p++) if (accountOf[p] >= 0) byDay[day[p] - first + 1]++;
  for (let d = 1; d <= span; d++) byDay[d] += byDay[d - 1];
  const dayOrder = new Int32Array(kept);
  for (let p = 0; p < total; p++) if (accountOf[p] >= 0) dayOrder[byDay[day[p] - first]++] = p;
  const next = starts.slice(0, accounts);
  for (let k = 0; k < kept; k++) {
    const p = dayOrder[k];
    order[next[accountOf[p]]++] = p;
  }
  // The by-day order is handed back as `spare` (length `kept`, contents undefined) for the caller
  // to reuse: at ten million rows it is 40 MB the caller need not allocate again.
  return { order, starts, spare: dayOrder };
}

/**
 * The rows of each account in order of date, then source line, one account after the other:
 * `order[starts[a] .. starts[a + 1])` are account a's rows (row numbers).
 * @param accountOf per row: its account's number (0 … accounts − 1), or −1 for a row left out.
 * @param dates per row: its date (ms).
 * @param line a row's source line.
 * @param dayRange the first and last day (whole days since 1970) of the kept rows, when every kept
 *   row's date is a whole day and the lines never fall as the rows go on: then two stable counting
 *   sorts (by day, then by account) give the order without comparing rows (`countingOrder`); null:
 *   sort each account's rows by date, then line.
 */
export function historyOrder(accountOf: Int32Array, accounts: number, dates: Float64Array, line: (row: number) => number, dayRange: [number, number] | null): { order: Int32Array; starts: Int32Array } {
  if (dayRange) {
    const day = new Int32Array(accountOf.length);
    for (let p = 0; p < day.length; p++) if (accountOf[p] >= 0) day[p] = dates[p] / DAY_MS;
    const counted = countingOrder(accountOf, accounts, day, dayRange[0], dayRange[1]);
    if (counted) return counted;
  }
  return sortedOrder(accountOf, accounts, dates, line);
}

/** {@link historyOrder} by sorting each account's rows by date, then line (each stretch starts in row order: ties keep it). */
function sortedOrder(accountOf: Int32Array, accounts: number, dates: Float64Array, line: (row: number) => number): { order: Int32Array; starts: Int32Array; spare?: Int32Array } {
  const starts = accountStarts(accountOf, accounts);
  const order = new Int32Array(starts[accounts]);
  const next = starts.slice(0, accounts);
  for (let p = 0; p < accountOf.length; p++) if (accountOf[p] >= 0) order[next[accountOf[p]]++] = p;
  for (let a = 0; a < accounts; a++) order.subarray(starts[a], starts[a + 1]).sort((x, y) => dates[x] - dates[y] || line(x) - line(y));
  return { order, starts };
}

/**
 * The one activities field the weight conditions read, when they read nothing else (fields of the
 * activity or lookups through that field, literals and operators: no built-in, no aggregate, no
 * function): then an activity's weight depends only on that field's value, and is decided once
 * per dictionary code. Null otherwise.
 */
function onlyFieldRead(conditions: TExpr[], table: string): string | null {
  let field: string | null = null;
  const ok = (e: TExpr): boolean => {
    switch (e.k) {
      case 'lit':
        return true;
      case 'field':
        if (e.path.length === 0 || e.path[0].table !== table) return false;
        if (field !== null && field !== e.path[0].field) return false;
        field = e.path[0].field;
        return true;
      case 'neg':
      case 'not':
      case 'missing':
        return ok(e.e);
      case 'in':
        return ok(e.e) && e.options.every(ok);
      case 'bin':
        return ok(e.l) && ok(e.r);
      default:
        return false;
    }
  };
  return conditions.every(ok) ? field : null;
}

/** Largest repetition period number that fits 16 bits (see `AccountIndex.period`). */
const PERIOD_16 = 0x7fff;

/**
 * Activities by account, each list sorted by date then source line, with what each is worth
 * before fading. Everything read from the rows is read in one pass in table order (the rows are
 * visited where they lie in memory, once). The lists are then laid out one after the other in a
 * few flat typed arrays (an account's history is a view of its stretch: no array of its own), in
 * order of account, date and line: by two stable counting sorts (by day, then by account) when the
 * dates are whole days and the lines rise with the rows, as they do in one file; else each
 * account's stretch is sorted by date, then line (issue 10: at ten million activities, a sort by
 * comparator per account and fifty thousand sets of arrays cost more than the scores).
 *
 * Memory (issue 10, second pass): per activity the table-order pass keeps an account number, a
 * day number and a slot (10 bytes; the full dates are read again only when they must be sorted),
 * and the index keeps a position, a day number, a slot and a period (12 bytes, was 20); the
 * periods are worked out in the ordered pass from the day (once per day met, not per activity),
 * and a weight that reads one field is decided once per dictionary code of that field.
 * Array-buffer bytes allocated (issue 10, ext: on the main thread every 64 MB of them starts a
 * full collection of the heap): 14 bytes per activity (account number, slot, the order and the
 * counting sort's by-day order), down from 26 — the days are read from the loader's day column,
 * the index's days are written over the account numbers and its slots and periods over the
 * by-day order, once each is done with.
 */
function indexByAccount(setup: SetupBeforeIndex, source: RowSource, accountIndex: number, weightField: number, fiscalStart: number): Pick<ScoringSetup, Indexed> {
  const total = source.length;
  const accountOf = new Int32Array(total).fill(-1);
  // The day of each row: the loader's day column itself when the dates are held so (whole days by
  // construction; issue 10, ext: 40 MB less at ten million activities), else worked out here.
  const dayColumn = total > 0 ? (source.dayNumbers?.(setup.dateIndex) ?? null) : null;
  const dayAt: Int16Array | Int32Array = dayColumn ?? new Int32Array(total);
  // Slots in 16 bits when they fit (a handful of actions × weights).
  const Small = setup.actions.length * (setup.weights.length + 1) < 0x7fff ? Int16Array : Int32Array;
  const slotOf = new Small(total);
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const byName = new Map(setup.actions.map((a, i) => [a.name, i]));
  const slotAction: number[] = [];
  const slotBase: number[] = [];
  if (setup.weightsUseAge) setup.actions.forEach((_, a) => (slotAction.push(a), slotBase.push(-1)));
  // The slot (= base) of each action and weight (weight -1: none matched, 1), made on first use.
  const baseOf = new Int32Array(setup.actions.length * (setup.weights.length + 1)).fill(-1);
  let wholeDays = true;
  let linesRise = true;
  let lastLine = -Infinity;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  // With the table held as columns, the account and the action are read as dictionary codes and
  // looked up once per code, not once per activity (issue 10: at ten million activities a Map
  // lookup by text per activity was the largest part of the indexing, a cache miss or three each).
  const coded = (field: number) => (field >= 0 && total > 0 && source.code !== undefined && source.codeCount !== undefined && source.code(0, field) !== undefined ? source.codeCount(field) : -1);
  const accountCodes = coded(accountIndex);
  const accountOfCode = accountCodes >= 0 ? new Int32Array(accountCodes).fill(-2) : null;
  const actionCodes = coded(setup.actionIndex);
  const actionOfCode = actionCodes >= 0 ? new Int32Array(actionCodes).fill(-2) : null;
  const weightCodes = setup.weightsUseAge || setup.weights.length === 0 ? -1 : coded(weightField);
  const weightOfCode = weightCodes >= 0 ? new Int32Array(weightCodes).fill(-2) : null;
  // The codes of a whole column at once when the columns give them (`ColumnStore.codes`): read
  // from the array, not through a call per activity and field (issue 10, compute2).
  const columnCodes = (field: number, wanted: boolean): ArrayLike<number> | null => (wanted ? ((source as RowSource & { codes?(field: number): ArrayLike<number> | null }).codes?.(field) ?? null) : null);
  const accountColumn = columnCodes(accountIndex, accountOfCode !== null);
  const actionColumn = columnCodes(setup.actionIndex, actionOfCode !== null);
  const weightColumn = columnCodes(weightField, weightOfCode !== null);
  const accountNumber = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = keys.length;
      ids.set(key, id);
      keys.push(key);
    }
    return id;
  };
  for (let p = 0; p < total; p++) {
    const date = source.value(p, setup.dateIndex);
    if (typeof date !== 'number') continue;
    let id: number;
    if (accountOfCode !== null) {
      const code = accountColumn !== null ? accountColumn[p] : source.code!(p, accountIndex)!;
      if (code < 0) continue; // no account
      id = accountOfCode[code];
      if (id === -2) id = accountOfCode[code] = accountNumber(String(source.value(p, accountIndex)));
    } else {
      const account = source.value(p, accountIndex);
      if (account === null) continue;
      id = accountNumber(String(account));
    }
    accountOf[p] = id;
    let day: number;
    if (dayColumn !== null) day = dayColumn[p];
    else {
      day = Math.floor(date / DAY_MS);
      if (day * DAY_MS !== date) wholeDays = false;
      dayAt[p] = day;
    }
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    const line = source.line(p);
    if (line < lastLine) linesRise = false;
    lastLine = line;
    let a: number;
    if (actionOfCode !== null) {
      const code = actionColumn !== null ? actionColumn[p] : source.code!(p, setup.actionIndex)!;
      a = code < 0 ? -3 : actionOfCode[code];
      if (a === -2) a = actionOfCode[code] = byName.get(String(source.value(p, setup.actionIndex))) ?? -1;
      else if (a === -3) a = byName.get(String(null)) ?? -1;
    } else a = byName.get(String(source.value(p, setup.actionIndex))) ?? -1;
    if (a < 0 || setup.weightsUseAge) {
      slotOf[p] = a;
      continue;
    }
    // Weight conditions read the row in place (no row is made per activity), once per code of the one field they read.
    let w: number;
    if (setup.weights.length === 0) w = -1;
    else if (weightOfCode !== null) {
      const code = weightColumn !== null ? weightColumn[p] : source.code!(p, weightField)!;
      if (code < 0) w = weightIndexAt(setup, source, p, 0);
      else {
        w = weightOfCode[code];
        if (w === -2) w = weightOfCode[code] = weightIndexAt(setup, source, p, 0);
      }
    } else w = weightIndexAt(setup, source, p, 0);
    const slot = a * (setup.weights.length + 1) + w + 1;
    if (baseOf[slot] < 0) {
      baseOf[slot] = setup.bases.length;
      slotAction.push(a);
      slotBase.push(setup.bases.length);
      setup.bases.push(setup.actions[a].points.mul(w < 0 ? ONE : setup.weights[w].factor));
    }
    slotOf[p] = baseOf[slot];
  }
  const counted = wholeDays && linesRise ? countingOrder(accountOf, keys.length, dayAt, firstDay, lastDay) : null;
  const { order, starts, spare } = counted ?? sortedOrder(accountOf, keys.length, rereadDates(source, setup.dateIndex, accountOf), (p) => source.line(p));
  const kept = order.length;
  // The index is written into the temporaries that are done with (issue 10, ext: at ten million
  // activities each fresh array is 20–40 MB of array-buffer memory, and every 64 MB of it starts
  // a full collection of the main heap): the day numbers into the account numbers (no longer read;
  // only when at most an eighth of that array would be left unused for the run), the slots and
  // periods into the counting sort's by-day order when both are 16-bit (2 + 2 bytes in its 4).
  const days = kept * 8 >= total * 7 ? accountOf.subarray(0, kept) : new Int32Array(kept);
  const monthOf = (day: number) => periodNumber(day * DAY_MS, 'month', fiscalStart);
  const period16 = kept === 0 || (monthOf(lastDay) <= PERIOD_16 && monthOf(firstDay) >= -PERIOD_16);
  const shared = spare !== undefined && period16 && Small === Int16Array;
  const slots = shared ? new Int16Array(spare.buffer, spare.byteOffset, kept) : new Small(kept);
  const period = shared ? new Int16Array(spare.buffer, spare.byteOffset + 2 * kept, kept).fill(0) : period16 ? new Int16Array(kept) : new Int32Array(kept);
  // Per action: its repetition period (0: none, 1: month, 2: quarter, 3: year); per period kind, the last day worked out and its number.
  const UNITS = [null, 'month', 'quarter', 'year'] as const;
  const unitOf = setup.actions.map((s) => (s.repetition.kind === 'every' || s.repetition.period === null ? 0 : UNITS.indexOf(s.repetition.period)));
  const memoDay = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  const memoPeriod = [0, 0, 0, 0];
  for (let k = 0; k < kept; k++) {
    const p = order[k];
    const day = dayAt[p];
    const slot = slotOf[p];
    days[k] = day;
    slots[k] = slot;
    if (slot < 0) continue;
    const unit = unitOf[slotAction[slot]];
    if (unit === 0) continue;
    // An account's activities come day by day: the period is worked out when the day changes.
    if (memoDay[unit] !== day) {
      memoDay[unit] = day;
      memoPeriod[unit] = periodNumber(day * DAY_MS, UNITS[unit]!, fiscalStart);
    }
    period[k] = memoPeriod[unit];
  }
  const histories: AccountIndex[] = new Array<AccountIndex>(keys.length);
  for (let id = 0; id < keys.length; id++) {
    const from = starts[id];
    const to = starts[id + 1];
    histories[id] = { source, positions: order.subarray(from, to), days: days.subarray(from, to), slot: slots.subarray(from, to), period: period.subarray(from, to), scores: null };
  }
  return { accountIds: ids, histories, order, slots, slotAction: Int32Array.from(slotAction), slotBase: Int32Array.from(slotBase) };
}

/** The dates (ms) of the kept rows, read again for the sort when they have a time of day or the lines fall. */
function rereadDates(source: RowSource, dateIndex: number, accountOf: Int32Array): Float64Array {
  const dates = new Float64Array(accountOf.length);
  for (let p = 0; p < dates.length; p++) if (accountOf[p] >= 0) dates[p] = source.value(p, dateIndex) as number;
  return dates;
}

/** The window of an account as of a day: its activities dated on or before it. */
function windowOf(setup: ScoringSetup, account: string, asOf: number): ActivityWindow {
  const id = setup.accountIds.get(account);
  if (id === undefined) return { history: NO_HISTORY, end: 0, asOf };
  return windowAt(setup.histories[id], asOf);
}

/** The window of a history as of a day (ms, midnight). */
function windowAt(history: AccountHistory, asOf: number): ActivityWindow {
  return { history, end: firstOnOrAfter(history.days, history.positions.length, dayNumber(asOf) + 1), asOf };
}

/** Why an activity does not count under its action's repetition rule, or null (and the use is counted). */
function repetitionReason(setup: ScoringSetup, a: number, period: number, used: Map<number, number>): string | null {
  const spec = setup.actions[a];
  if (spec.repetition.kind === 'every') return null;
  const key = period * setup.actions.length + a;
  const count = used.get(key) ?? 0;
  if (count >= spec.limit) {
    const unit = spec.repetition.period;
    return spec.limit === 1 ? `already counted once${unit ? ` this ${unit}` : ''}` : `already counted ${spec.limit} times this ${unit}`;
  }
  used.set(key, count + 1);
  return null;
}

/**
 * The score of a window: Σ points × weight × fading over the activities inside the look-back
 * that count, in date order, capped. With `actions`, also collects the actions done in the look-back.
 */
function scoreWindow(setup: ScoringSetup, window: ActivityWindow, withDetail: boolean, actions: Set<string> | null): AccountScore {
  const history = window.history as AccountIndex;
  const { asOf, end } = window;
  const used = new Map<number, number>();
  const contributions: Contribution[] = [];
  let total = new Decimal(0);
  // Without detail the values are summed as scaled integers, giving the same Decimal (exact-sum.ts);
  // a value that cannot be held that way hands the running total back to Decimals.
  let sum: ExactSum | null = withDetail ? null : new ExactSum(setup.terms);
  // Ages below the look-back are the activities dated after asOf − look-back days.
  const asOfDay = dayNumber(asOf);
  const start = firstOnOrAfter(history.days, end, asOfDay - (setup.node.lookBackDays - 1));
  // Actions done are marked by index (hashing each activity's action name costs more than the score).
  const done = actions ? new Uint8Array(setup.actions.length) : null;
  const source = history.source;
  for (let i = start; i < end; i++) {
    const position = history.positions[i];
    const slot = history.slot[i];
    const a = slot < 0 ? -1 : setup.slotAction[slot];
    const base = slot < 0 ? -1 : setup.slotBase[slot];
    // The row is made only when it is read (weights decided per deal, detail): with columns, that is rare.
    const row = withDetail || base < 0 ? source.row(position) : null;
    const age = asOfDay - history.days[i];
    if (done) {
      if (a >= 0) done[a] = 1;
      else actions!.add(String(source.value(position, setup.actionIndex)));
    }
    const reason = a < 0 ? 'this action earns no points' : repetitionReason(setup, a, history.period[i], used);
    if (reason !== null) {
      if (withDetail) {
        const points = a < 0 ? ZERO : setup.actions[a].points;
        contributions.push({ row: row!, date: dateText(row!.values[setup.dateIndex] as number), action: String(row!.values[setup.actionIndex]), age, points, weight: ONE, decay: ONE, value: ZERO, counted: false, reason });
      }
      continue;
    }
    const points = setup.actions[a].points;
    let value: Decimal;
    let weight: Decimal | null = null;
    let decay = ONE;
    if (sum !== null && base >= 0) {
      const term = setup.termAt(base, age);
      if (term >= 0) {
        sum.add(term);
        continue;
      }
      total = sum.toDecimal();
      sum = null;
    }
    if (base >= 0 && !withDetail) value = setup.valueAt(base, age);
    else {
      if (sum !== null) {
        total = sum.toDecimal();
        sum = null;
      }
      weight = weightOf(setup, row!, age); // made above: base < 0 or detail
      decay = setup.decayAt(age);
      value = points.mul(weight).mul(decay);
    }
    total = total.plus(value);
    if (withDetail) contributions.push({ row: row!, date: dateText(row!.values[setup.dateIndex] as number), action: String(row!.values[setup.actionIndex]), age, points, weight: weight!, decay, value, counted: true, reason: null });
  }
  if (sum !== null) total = sum.toDecimal();
  if (done) for (let a = 0; a < done.length; a++) if (done[a]) actions!.add(setup.actions[a].name);
  return { asOf: dateText(asOf), total, score: setup.cap !== null && total.gt(setup.cap) ? setup.cap : total, contributions };
}

/**
 * One set per distinct list of actions done (in the same order), shared by every account and day
 * that did them: the sets are read-only, and a run has a few hundred distinct ones for 100,000 deals.
 */
function sharedActions(setup: ScoringSetup, actions: Set<string>): Set<string> {
  const key = [...actions].join('\u0000');
  const hit = setup.actionSets.get(key);
  if (hit) return hit;
  setup.actionSets.set(key, actions);
  return actions;
}

/** Score and look-back actions of a window (worked out afresh: the caller keeps them). */
function windowScore(setup: ScoringSetup, window: ActivityWindow): WindowScore {
  const history = window.history as AccountIndex;
  if (history === NO_HISTORY) return { total: ZERO, score: scoreWindow(setup, window, false, null).score, actions: new Set() };
  if (!setup.weightsUseAge && setup.actions.length <= MASK_BITS) return quickScore(setup, window, true) as WindowScore;
  const actions = new Set<string>();
  const { total, score } = scoreWindow(setup, window, false, actions);
  return { total, score, actions: sharedActions(setup, actions) };
}

/** {@link windowScore}, kept per account and as-of day for readers that ask again (the review list). */
function cachedScore(setup: ScoringSetup, window: ActivityWindow): WindowScore {
  const history = window.history as AccountIndex;
  if (history === NO_HISTORY) return windowScore(setup, window);
  const scores = (history.scores ??= new Map());
  let hit = scores.get(window.asOf);
  if (!hit) scores.set(window.asOf, (hit = windowScore(setup, window)));
  return hit;
}

/** Scored actions a window's done-bits can mark (bits of a 32-bit integer). */
const MASK_BITS = 30;

/**
 * What `scoreWindow(setup, window, false, actions)` gives — the same total, capped score and set
 * of actions done — for a scoring whose weights do not read the age (every scored activity has
 * its points × weight: a base) with at most MASK_BITS actions, without making anything per
 * activity nor per window but the result: the running sum and the repetition counts are the
 * setup's scratch, the actions done are bits and their set is shared by those bits (issue 10:
 * at a million deals the per-window sets, maps and their joined names were a good part of the
 * scoring's garbage). The terms are added in the same order with the same arithmetic.
 */
function quickScore(setup: ScoringSetup, window: ActivityWindow, withTotal: boolean): Omit<WindowScore, 'total'> & { total?: Decimal } {
  const history = window.history as AccountIndex;
  const { asOf, end } = window;
  const scratch = setup.scratch;
  const sum = scratch.sum;
  sum.reset();
  const asOfDay = dayNumber(asOf);
  const start = firstOnOrAfter(history.days, end, asOfDay - (setup.node.lookBackDays - 1));
  // The terms met, added in one call (exact-sum.ts `addMany`): at most one per activity of the window.
  if (scratch.terms.length < end - start) scratch.terms = new Int32Array(Math.max(end - start, 2 * scratch.terms.length));
  const pending = scratch.terms;
  let count = 0;
  // Repetition rules (what `repetitionReason` decides with a map of uses by period and action):
  // the window's activities come in date order, so each action's period numbers never fall
  // (month, fiscal quarter and fiscal year numbers rise with the day; 0 when the rule has none) —
  // one period and one count per action, started again when its period changes, decide the same.
  const { lastPeriod, uses } = scratch;
  lastPeriod.fill(Number.NaN);
  const limits = setup.limits;
  const source = history.source;
  let mask = 0;
  // Actions that earn no points, in the order met (they come first in the set, as in scoreWindow).
  let unscored: Set<string> | null = null;
  // The total as a Decimal once a term cannot be held in the exact sum (a negative one).
  let total: Decimal | null = null;
  // The arrays read per activity, held in locals; the term numbers by base and age (setup.termAt fills them).
  // Without weights that read the age (this path), an activity's slot is its base.
  const { slot, days, period } = history;
  const slotAction = setup.slotAction;
  const limited = setup.limited;
  const ids = setup.termIds();
  const lookBack = setup.node.lookBackDays;
  for (let i = start; i < end; i++) {
    const base = slot[i];
    if (base < 0) {
      (unscored ??= new Set()).add(String(source.value(history.positions[i], setup.actionIndex)));
      continue;
    }
    const a = slotAction[base];
    mask |= 1 << a;
    if (limited[a] === 1) {
      const p = period[i];
      if (lastPeriod[a] !== p) {
        lastPeriod[a] = p;
        uses[a] = 0;
      }
      if (uses[a] >= limits[a]) continue; // already counted as often as its rule allows
      uses[a]++;
    }
    const age = asOfDay - days[i];
    if (total === null) {
      let term = ids[base * lookBack + age];
      if (term === -2) term = setup.termAt(base, age);
      if (term >= 0) {
        pending[count++] = term;
        continue;
      }
      sum.addMany(pending, 0, count);
      count = 0;
      total = sum.toDecimal();
    }
    total = total.plus(setup.valueAt(base, age));
  }
  if (total === null) sum.addMany(pending, 0, count);
  let score: Decimal;
  if (total === null && !withTotal && setup.capTerm >= 0 && sum.exceeds(setup.capTerm)) {
    // Capped: the total is not made (issue 10: a quarter of the windows at a million deals).
    score = setup.cap!;
  } else {
    if (total === null) total = sum.toDecimal();
    score = setup.cap !== null && total.gt(setup.cap) ? setup.cap : total;
  }
  const result = (actions: Set<string>) => (total === null ? { score, actions } : { total, score, actions });
  if (unscored === null) {
    let actions = setup.actionSetsByMask.get(mask);
    if (!actions) {
      actions = new Set();
      for (let a = 0; a < setup.actions.length; a++) if (mask & (1 << a)) actions.add(setup.actions[a].name);
      setup.actionSetsByMask.set(mask, (actions = sharedActions(setup, actions)));
    }
    return result(actions);
  }
  for (let a = 0; a < setup.actions.length; a++) if (mask & (1 << a)) unscored.add(setup.actions[a].name);
  return result(sharedActions(setup, unscored));
}

/** Prefix counts over `setup.order` of the activities whose action is wanted (by index): one scan of the slots. */
function countsOf(setup: ScoringSetup, wanted: Uint8Array): PrefixCounts {
  const { slots, slotAction } = setup;
  // Wanted per slot (a few dozen), so the scan reads one small table per activity.
  const wantedSlot = Uint8Array.from(slotAction, (a) => wanted[a]);
  const counts = new PrefixCounts(slots.length);
  for (let k = 0; k < slots.length; k++) {
    const s = slots[k];
    if (s >= 0 && wantedSlot[s] === 1) counts.set(k);
  }
  return counts.seal();
}

/**
 * Indexes the activities table (declared by the graph's activities role) by account and compiles
 * the weights with the scoring node's inputs.
 */
export function makeScorer(node: ScoringNode, run: RunContext, inputs: NodeInputs): Scorer {
  const role = run.graph.roles.activities!;
  const fields = run.layout.get(role.table)!;
  const ctx = compileContext(run, inputs);
  const halfLife = node.halfLifeDays === null ? null : new Decimal(node.halfLifeDays);
  // Dense tables (filled with null, not holes) so that reading them stays a plain array access.
  const decays: (Decimal | null)[] = new Array<Decimal | null>(node.lookBackDays).fill(null);
  const values: (Decimal | null)[][] = [];
  // The term of each base and age (base × look-back + age): -2 until worked out, -1 when it cannot be held.
  let termIds: Int32Array | null = null;
  const terms = new SumTerms();
  const cap = node.cap === null ? null : new Decimal(node.cap);
  const partial: SetupBeforeIndex = {
    node,
    dateIndex: fields.get(role.date)!,
    actionIndex: fields.get(role.action)!,
    actions: node.actions.map((a) => ({ name: a.action, points: new Decimal(a.points), repetition: a.repetition, limit: a.repetition.kind === 'once' ? 1 : a.repetition.kind === 'every' ? Infinity : a.repetition.count })),
    weights: node.weights.map((w) => ({ factor: new Decimal(w.factor), condition: compileExpr(w.condition, ctx) })),
    weightsUseAge: node.weights.some((w) => usesBuiltin(w.condition, 'age')),
    cap,
    capTerm: cap === null ? -1 : terms.of(cap),
    decayAt(age) {
      if (halfLife === null) return ONE;
      return decays[age] ?? (decays[age] = HALF.pow(new Decimal(age).div(halfLife)));
    },
    env: newEnv(run),
    actionSets: new Map(),
    actionSetsByMask: new Map(),
    scratch: { sum: new ExactSum(terms), terms: new Int32Array(256), lastPeriod: new Float64Array(node.actions.length), uses: new Float64Array(node.actions.length) },
    limits: Float64Array.from(node.actions, (a) => (a.repetition.kind === 'once' ? 1 : a.repetition.kind === 'every' ? Infinity : a.repetition.count)),
    bases: [],
    valueAt(base, age) {
      const row = values[base] ?? (values[base] = new Array<Decimal | null>(node.lookBackDays).fill(null));
      return row[age] ?? (row[age] = this.bases[base].mul(this.decayAt(age)));
    },
    terms,
    termIds() {
      // The bases are all known by the time a score is summed (indexByAccount made them).
      return termIds ?? (termIds = new Int32Array(this.bases.length * node.lookBackDays).fill(-2));
    },
    limited: Uint8Array.from(node.actions, (a) => (a.repetition.kind === 'every' ? 0 : 1)),
    termAt(base, age) {
      const ids = this.termIds();
      const at = base * node.lookBackDays + age;
      const hit = ids[at];
      return hit !== -2 ? hit : (ids[at] = this.terms.of(this.valueAt(base, age)));
    },
  };
  const activities = rowSource(run.tables.get(role.table));
  const weightField = onlyFieldRead(node.weights.map((w) => w.condition), role.table);
  const setup: ScoringSetup = { ...partial, ...indexByAccount(partial, activities, fields.get(role.account)!, weightField === null ? -1 : (fields.get(weightField) ?? -1), run.graph.playbook.fiscalYearStartMonth) };
  return {
    activities,
    order: setup.order,
    history: (account, asOf) => windowOf(setup, account, asOf),
    account: (account) => {
      const id = setup.accountIds.get(account);
      return id === undefined ? NO_HISTORY : setup.histories[id];
    },
    accounts: setup.histories.length,
    accountNumber: (account) => setup.accountIds.get(account) ?? -1,
    historyOf: (id) => setup.histories[id] ?? NO_HISTORY,
    actionField: { table: role.table, field: role.action },
    actionCounts(names) {
      const wanted = new Uint8Array(setup.actions.length);
      for (const name of names) {
        const a = setup.actions.findIndex((x) => x.name === name);
        if (a < 0) return null;
        wanted[a] = 1;
      }
      return countsOf(setup, wanted);
    },
    windowAt,
    score(window, withDetail) {
      if (withDetail) return scoreWindow(setup, window, true, null);
      const { total, score } = cachedScore(setup, window);
      return { asOf: dateText(window.asOf), total, score, contributions: [] };
    },
    scoreOnce: (window) => {
      const history = window.history as AccountIndex;
      if (history !== NO_HISTORY && !setup.weightsUseAge && setup.actions.length <= MASK_BITS) return quickScore(setup, window, false);
      return windowScore(setup, window);
    },
    scoreAccount(account, asOf, withDetail) {
      return scoreWindow(setup, windowOf(setup, account, dayOf(asOf)), withDetail, null);
    },
  };
}
