/**
 * `playbook generate`: a CRM history of any size in the shape `playbooks/key-account.playbook`
 * reads (reps, accounts, products, deals, activities, and collections and progress after the booking), for trying a scheme at scale and for the
 * benchmark. Seeded and deterministic. Deal sizes are log-normal (median 800,000 CNY), closes
 * bunch at month ends and in the fourth quarter, about 6% of won deals fall under the 20% margin
 * red line, a tenth of the reps join during the plan year, and `dirty` of the deal rows carry an
 * amount a loader must reject ("12.5OO"), so `--skip-bad-rows` and the row accounting are
 * exercised too. Accounts get log-normal attention (activities), and 15% of deals stay open; a
 * closed deal is won with the stated win probability of its account's relationship tier on its
 * close day (the tier truth: see `tier-truth.ts`), so a backtest recovers the tiers' rates. Files are written row by row (no file is ever held in memory whole).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LifecycleWriter } from './lifecycle.js';
import { Random } from './random.js';
import { TierTruth, TRUTH_ACTIONS, TRUTH_ROLES, TRUTH_TIERS } from './tier-truth.js';
import { CsvWriter } from './writer.js';

export interface GenerateOptions {
  reps: number;
  accounts: number;
  deals: number;
  activities: number;
  seed: number;
  /** Share of deal rows with an unreadable amount, 0…1 (default 0). */
  dirty?: number;
}

export interface Generated {
  /** Rows written per file (headers not counted). */
  rows: Record<string, number>;
}

const PLAN_YEAR = 2026;
const HISTORY_START = Date.UTC(2025, 0, 1);
const HISTORY_DAYS = 730;
const DAY = 86_400_000;
const PROVINCES = ['广东', '江苏', '浙江', '山东', '四川', '湖北', '北京', '上海'];
const SECTORS = ['energy', 'finance', 'government', 'manufacturing', 'telecom', 'transport'];
const PRODUCTS: readonly (readonly [string, string, string])[] = [
  ['CloudCore Platform', 'platform', '1800000.00'],
  ['DataHub Enterprise', 'platform', '950000.00'],
  ['Grid Controller GC-X', 'hardware', '420000.00'],
  ['Edge Gateway EG-2', 'hardware', '120000.00'],
  ['Implementation Services', 'services', '1000000.00'],
  ['Support Premium', 'services', '300000.00'],
];
const ROLES: readonly (readonly [string, number])[] = [
  ['C-level', 1],
  ['technical', 3],
  ['procurement', 3],
  ['assistant', 2],
];
const ACTIONS: readonly (readonly [string, number])[] = [
  ['office_visit', 40],
  ['exec_meeting', 10],
  ['hq_tour', 5],
  ['reference_visit', 5],
  ['tech_exchange', 6],
  ['requirements_signed', 4],
  ['strategic_agreement', 1],
  ['gift', 6],
  ['family_trip', 1],
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const cents = (x: number) => (Math.round(x * 100) / 100).toFixed(2);

/** A close date: uniform over the history, a third of them pulled to the last days of their month, Q4 heavier. */
function closeDate(r: Random, created: number): number {
  let d = created + (30 + r.int(270)) * DAY;
  const date = new Date(d);
  if (r.next() < 0.15 && date.getUTCMonth() < 9) d = Date.UTC(date.getUTCFullYear(), 9 + r.int(3), 1 + r.int(28));
  if (r.next() < 0.33) {
    const end = new Date(Date.UTC(new Date(d).getUTCFullYear(), new Date(d).getUTCMonth() + 1, 0));
    d = end.getTime() - r.int(3) * DAY;
  }
  return d;
}

function writeReps(dir: string, r: Random, n: number): number {
  const w = new CsvWriter(join(dir, 'reps.csv'), ['rep_id', 'name', 'manager', 'region', 'start_date', 'floor_target', 'challenge_target']);
  for (let i = 1; i <= n; i++) {
    // A tenth join during the plan year (their quotas are prorated).
    const start = r.next() < 0.1 ? Date.UTC(PLAN_YEAR, r.int(12), 1 + r.int(28)) : Date.UTC(2018 + r.int(7), r.int(12), 1 + r.int(28));
    const floor = (10 + r.int(21)) * 1_000_000;
    w.line([`R${pad(i, 5)}`, `Rep ${pad(i, 5)}`, `Manager ${pad(1 + Math.floor((i - 1) / 8), 4)}`, r.pick(PROVINCES), iso(start), String(floor), String(floor * 1.5)]);
  }
  w.close();
  return w.rows;
}

function writeAccounts(dir: string, r: Random, n: number): number {
  const w = new CsvWriter(join(dir, 'accounts.csv'), ['account_id', 'name', 'sector', 'province', 'strategic', 'must_win']);
  for (let i = 1; i <= n; i++) {
    w.line([`A${pad(i, 6)}`, `Account ${pad(i, 6)}`, r.pick(SECTORS), r.pick(PROVINCES), r.next() < 0.05 ? 'yes' : 'no', r.next() < 0.03 ? 'yes' : 'no']);
  }
  w.close();
  return w.rows;
}

function writeProducts(dir: string): number {
  const w = new CsvWriter(join(dir, 'products.csv'), ['product', 'family', 'list_price']);
  for (const p of PRODUCTS) w.line(p);
  w.close();
  return w.rows;
}

/**
 * Deals. A closed deal is won with the win probability of its account's tier on its close day
 * (see `tier-truth.ts`), drawn from `outcomes`: the tiers' stated rates are what a backtest finds.
 */
function writeDeals(dir: string, r: Random, o: GenerateOptions, channels: Random, truth: TierTruth, outcomes: Random, after?: LifecycleWriter): number {
  const w = new CsvWriter(join(dir, 'deals.csv'), ['deal_id', 'rep_id', 'account_id', 'product', 'stage', 'created_date', 'close_date', 'amount', 'cost', 'channel']);
  for (let i = 1; i <= o.deals; i++) {
    const open = r.next() < 0.15;
    const created = HISTORY_START + r.int(HISTORY_DAYS - 300) * DAY;
    const closeMs = open ? null : closeDate(r, created);
    const close = closeMs === null ? '' : iso(closeMs);
    const amount = Math.max(10_000, r.logNormal(800_000, 0.8));
    // Gross margin around 32%; about one won deal in sixteen under the 20% red line.
    const margin = r.next() < 0.06 ? 0.05 + r.next() * 0.14 : Math.min(0.6, Math.max(0.2, 0.32 + 0.08 * r.normal()));
    const dirty = o.dirty !== undefined && r.next() < o.dirty;
    const rep = 1 + r.int(o.reps);
    const account = 1 + r.int(o.accounts);
    const stage = closeMs === null ? 'Open' : outcomes.next() < TRUTH_TIERS[truth.tier(account, closeMs)].probability ? 'Won' : 'Lost';
    w.line([`D${pad(i, 7)}`, `R${pad(rep, 5)}`, `A${pad(account, 6)}`, r.pick(PRODUCTS)[0], stage, iso(created), close, dirty ? '12.5OO' : cents(amount), cents(amount * (1 - margin)), channels.next() < 0.25 ? 'partner' : 'direct']);
    if (after && stage === 'Won' && !dirty && closeMs !== null) after.won(`D${pad(i, 7)}`, closeMs, Math.round(Number(cents(amount)) * 100));
  }
  w.close();
  return w.rows;
}

/**
 * Cumulative attention over the accounts (1-based, [0] = 0): log-normal, so that some accounts are
 * courted far more than others and every relationship tier occurs (with even attention nearly
 * every account would be a champion).
 */
function attention(r: Random, accounts: number): Float64Array {
  const cumulative = new Float64Array(accounts + 1);
  for (let a = 1; a <= accounts; a++) cumulative[a] = cumulative[a - 1] + Math.exp(1.2 * r.normal());
  return cumulative;
}

/** An account number drawn by attention (binary search in the cumulative weights). */
function drawAccount(r: Random, cumulative: Float64Array): number {
  const x = r.next() * cumulative[cumulative.length - 1];
  let lo = 1;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const ACTION_INDEX = new Map(TRUTH_ACTIONS.map((a, i) => [a.name, i]));
const ROLE_INDEX = new Map(TRUTH_ROLES.map((a, i) => [a.name, i]));

function writeActivities(dir: string, r: Random, o: GenerateOptions, truth: TierTruth, accountsBy: Float64Array): number {
  const w = new CsvWriter(join(dir, 'activities.csv'), ['activity_id', 'date', 'rep_id', 'account_id', 'contact', 'contact_role', 'action', 'value']);
  for (let i = 1; i <= o.activities; i++) {
    const action = r.weighted(ACTIONS);
    const value = action === 'gift' ? cents(200 + r.next() * 3000) : action === 'family_trip' ? cents(5000 + r.next() * 20000) : '';
    const account = drawAccount(r, accountsBy);
    const date = HISTORY_START + r.int(HISTORY_DAYS) * DAY;
    const rep = 1 + r.int(o.reps);
    const contact = 1 + r.int(4);
    const role = r.weighted(ROLES);
    truth.add(account, date, ACTION_INDEX.get(action)!, ROLE_INDEX.get(role)!);
    w.line([`AC${pad(i, 8)}`, iso(date), `R${pad(rep, 5)}`, `A${pad(account, 6)}`, `Contact ${pad(account, 6)}-${contact}`, role, action, value]);
  }
  w.close();
  return w.rows;
}

/** The files `generate` writes. */
export const GENERATED_FILES = ['reps.csv', 'accounts.csv', 'products.csv', 'deals.csv', 'activities.csv', 'collections.csv', 'progress.csv'] as const;

/**
 * Writes {@link GENERATED_FILES} into `out` (created if missing). The caller decides whether
 * existing files of those names may be replaced (the command refuses unless told `--force`).
 * @throws RangeError when a count is not a whole number ≥ 1 (activities ≥ 0) or dirty is outside 0…1.
 */
export function generate(out: string, o: GenerateOptions): Generated {
  for (const [name, v, min] of [['reps', o.reps, 1], ['accounts', o.accounts, 1], ['deals', o.deals, 1], ['activities', o.activities, 0]] as const) {
    if (!Number.isInteger(v) || v < min || v > 100_000_000) throw new RangeError(`--${name} must be a whole number from ${min} to 100,000,000, not ${v}`);
  }
  if (o.dirty !== undefined && !(o.dirty >= 0 && o.dirty <= 1)) throw new RangeError(`--dirty must be a share from 0 to 1, not ${o.dirty}`);
  mkdirSync(out, { recursive: true });
  // One random stream per table, so changing one table's size leaves the others' rows as they were.
  const stream = (k: number) => new Random((o.seed * 7919 + k) >>> 0);
  const reps = writeReps(out, stream(1), o.reps);
  const accounts = writeAccounts(out, stream(2), o.accounts);
  const products = writeProducts(out);
  // The activities come first: each closed deal's outcome is drawn from its account's tier then.
  const truth = new TierTruth(o.accounts, o.activities);
  const activities = writeActivities(out, stream(4), o, truth, attention(stream(8), o.accounts));
  // Cash and delivery run on after the last booking, to the day the history was extracted.
  const after = new LifecycleWriter(out, stream(6), Date.UTC(2027, 5, 30));
  // The sales channel has its own stream, so adding it left every other value of a deal as it was.
  const deals = writeDeals(out, stream(3), o, stream(5), truth, stream(7), after);
  const lifecycle = after.close();
  return {
    rows: {
      'reps.csv': reps,
      'accounts.csv': accounts,
      'products.csv': products,
      'deals.csv': deals,
      'activities.csv': activities,
      'collections.csv': lifecycle.collections,
      'progress.csv': lifecycle.progress,
    },
  };
}
