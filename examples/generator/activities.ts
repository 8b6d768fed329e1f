/**
 * activities.csv: the relationship work logged on each account, built so that
 * the relationship rules (relationship.ts) give every closed deal the tier
 * planted for it (tierplan.ts), with realised win rates close to the stated
 * probabilities.
 *
 * Per account, in order: choose a tier pattern for its closed deals; place the
 * indicator actions (requirements signed and a technical exchange before the
 * first champion deal, an exec meeting within 180 days of every champion deal
 * and none within 180 days of a later non-champion deal); lay down the
 * background (office visits, festival gifts, champion-phase actions); then
 * tune the scores of the non-champion deals into their bands by adding,
 * removing or re-casting ordinary actions. Anything that cannot be placed is
 * retried with new draws or another pattern; the result is verified from the
 * finished rows. Everything draws from the `activities` stream.
 */
import { day, formatDay, isWeekday, monthOf, monthSpan } from './dates.js';
import type { Account, Activity, Deal, RelationshipPlant, Rep } from './model.js';
import { NameBook } from './people.js';
import { type Rng, stream } from './prng.js';
import {
  ACTION_BY_ID, type ActionId, type ContactRole, DECAY, evaluate, type Evaluation, LEADERSHIP_DAYS, LOOK_BACK_DAYS,
  ROLE_WEIGHT, type ScoredActivity, type Tier,
} from './relationship.js';
import {
  countsOf, type DealGroup, drawPattern, groupDeals, nonChampionNeeds, plausiblePattern, subtractNeeds,
  type TierCounts, tierTargets, totalNeeds,
} from './tierplan.js';

export const ACTIVITY_START = '2024-07-01';
export const ACTIVITY_END = '2026-12-31';

/** Scores of non-champion deals keep at least this distance from the 10 and 30 thresholds. */
export const THRESHOLD_MARGIN = 0.05;
/** The capped deal's uncapped sum is at least this. */
const CAPPED_RAW = 105;

/** Mid-Autumn Festival and Spring Festival: gifts are given in the days before. */
const FESTIVALS = ['2024-09-17', '2025-01-29', '2025-10-06', '2026-02-17', '2026-09-25'].map(day);

/** Plausible contact roles per action, with weights. */
const ROLE_MIX: Record<ActionId, readonly (readonly [ContactRole, number])[]> = {
  office_visit: [['technical', 35], ['procurement', 30], ['assistant', 25], ['C-level', 10]],
  hq_tour: [['C-level', 50], ['technical', 40], ['procurement', 10]],
  exec_meeting: [['C-level', 80], ['technical', 15], ['procurement', 5]],
  reference_visit: [['technical', 55], ['C-level', 30], ['procurement', 15]],
  strategic_agreement: [['C-level', 1]],
  requirements_signed: [['technical', 50], ['procurement', 35], ['C-level', 15]],
  tech_exchange: [['technical', 85], ['C-level', 15]],
  family_trip: [['C-level', 80], ['technical', 20]],
  gift: [['C-level', 35], ['technical', 25], ['procurement', 20], ['assistant', 20]],
};

/** Roles an activity may be re-cast to when its score must come down (lower weight, still plausible). */
const LIGHTER: Record<ActionId, readonly ContactRole[]> = {
  office_visit: ['technical', 'procurement', 'assistant'],
  hq_tour: ['technical', 'procurement'],
  exec_meeting: ['technical', 'procurement'],
  reference_visit: ['technical', 'procurement'],
  strategic_agreement: [],
  requirements_signed: ['technical', 'procurement'],
  tech_exchange: ['technical'],
  family_trip: ['technical'],
  gift: ['technical', 'procurement', 'assistant'],
};

interface Draft extends ScoredActivity {
  /** indicator: makes a tier hold; plant: a documented fact; both stay. */
  kind: 'indicator' | 'plant' | 'background' | 'extra' | 'tuning';
  removable: boolean;
  /** Filled in after construction. */
  repId?: string;
  contact?: string;
  value?: number | null;
}

/** Which documented facts an account carries. */
interface Plants {
  /** Group 0 is opposed and its window holds only this rep's office visits. */
  visitsOnly?: string;
  /** Group k (non-champion) is followed by the first champion group; requirements signed on its close date + 1. */
  dayAfter?: number;
  /** Champion group whose only exec meeting within 180 days is exactly 180 days old. */
  boundary?: number;
  /** Champion group whose uncapped sum is at least CAPPED_RAW. */
  capped?: number;
  /** Champion group preceded by a month with three exec meetings. */
  execCap?: number;
}

interface AccountPlan {
  account: Account;
  closed: DealGroup[];
  /** The Open deals, evaluated as of ACTIVITY_END (not planted). */
  open: DealGroup | null;
  reps: Rep[];
  /** First day an activity may be logged (a rep with deals here had started). */
  start: number;
  end: number;
  plants: Plants;
  /** Fixed tiers the plants need. */
  fixed: Map<number, Tier>;
  family: boolean;
  festivalGifts: boolean;
  /** Mean office visits per month. */
  visitRate: number;
}

interface Built {
  tiers: Tier[];
  drafts: Draft[];
  /** Plant details found during construction. */
  execCapMonth?: string;
}

export interface ActivityResult {
  activities: Activity[];
  plant: RelationshipPlant;
}

export function buildActivities(reps: readonly Rep[], accounts: readonly Account[], deals: readonly Deal[]): ActivityResult {
  const rng = stream('activities');
  const groups = groupDeals(accounts, deals);
  const closedDeals = deals.filter((d) => d.stage !== 'Open');
  const targets = tierTargets(closedDeals.filter((d) => d.stage === 'Won').length, closedDeals.filter((d) => d.stage === 'Lost').length);

  const plans = accounts.map((account) => planAccount(account, groups.get(account.id)!, reps, deals, rng));
  choosePlants(plans, rng);

  // Place the non-champion deals account by account, plants first.
  let needs = nonChampionNeeds(targets);
  const built = new Map<string, Built>();
  const order = [...plans.filter((p) => p.fixed.size > 0), ...rng.shuffled(plans.filter((p) => p.fixed.size === 0))];
  order.forEach((plan, n) => {
    const accountsLeft = order.length - n;
    const share = totalNeeds(needs) / accountsLeft;
    let quota = Math.min(plan.closed.length, Math.floor(share) + (rng.chance(share - Math.floor(share)) ? 1 : 0));
    for (; quota >= 0; quota--) {
      const result = tryPatterns(plan, needs, quota, rng);
      if (result) {
        built.set(plan.account.id, result);
        needs = subtractNeeds(needs, countsOf(plan.closed, result.tiers))!;
        return;
      }
    }
    throw new Error(`activities: no tier pattern can be built for ${plan.account.id}`);
  });
  // Whatever is still needed: demote one more deal where that can be built.
  for (let round = 0; round < 4 && totalNeeds(needs) > 0; round++) {
    for (const plan of order) {
      if (totalNeeds(needs) === 0) break;
      const current = built.get(plan.account.id)!;
      const without = addNeeds(needs, countsOf(plan.closed, current.tiers));
      for (let attempt = 0; attempt < 6; attempt++) {
        const tiers = drawPattern(plan.closed, without, 1, plan.fixed, rng, current.tiers);
        if (!tiers || !plausiblePattern(plan.closed, tiers) || !plantsHold(plan, tiers)) continue;
        const result = construct(plan, tiers, rng);
        if (result) {
          built.set(plan.account.id, result);
          needs = subtractNeeds(without, countsOf(plan.closed, tiers))!;
          break;
        }
      }
    }
  }

  const activities = finish(plans, built, reps, rng);
  return { activities, plant: describePlant(plans, built, activities) };
}

function addNeeds(needs: TierCounts, counts: TierCounts): TierCounts {
  const out = structuredClone(needs);
  for (const t of ['supporter', 'neutral', 'opposed'] as const) {
    out[t].won += counts[t].won;
    out[t].lost += counts[t].lost;
  }
  return out;
}

function tryPatterns(plan: AccountPlan, needs: TierCounts, quota: number, rng: Rng): Built | null {
  for (let attempt = 0; attempt < 10; attempt++) {
    const tiers = drawPattern(plan.closed, needs, quota, plan.fixed, rng);
    if (!tiers || !plausiblePattern(plan.closed, tiers)) continue;
    if (!plantsHold(plan, tiers)) continue;
    const result = construct(plan, tiers, rng);
    if (result) return result;
  }
  return null;
}

/** The structure the plants need: dayAfter's group is the last before the first champion. */
function plantsHold(plan: AccountPlan, tiers: readonly Tier[]): boolean {
  const k = plan.plants.dayAfter;
  if (k !== undefined && tiers.indexOf('champion') !== k + 1) return false;
  return true;
}

// ---- per-account setup --------------------------------------------------------

function planAccount(account: Account, groups: DealGroup[], reps: readonly Rep[], deals: readonly Deal[], rng: Rng): AccountPlan {
  const repIds = new Set(deals.filter((d) => d.accountId === account.id).map((d) => d.repId));
  const mine = reps.filter((r) => repIds.has(r.id));
  const start = Math.max(day(ACTIVITY_START), Math.min(...mine.map((r) => day(r.startDate))));
  const sporadic = rng.chance(0.12);
  return {
    account,
    closed: groups.filter((g) => g.closed),
    open: groups.find((g) => !g.closed) ?? null,
    reps: mine,
    start,
    end: day(ACTIVITY_END),
    plants: {},
    fixed: new Map(),
    family: false,
    festivalGifts: rng.chance(0.55),
    visitRate: sporadic ? 0.5 : 1 + rng.int(0, 20) / 10,
  };
}

/** Picks the accounts that carry the documented facts, and the accounts with family trips. */
function choosePlants(plans: AccountPlan[], rng: Rng): void {
  const taken = new Set<string>();
  const pick = (what: string, candidates: AccountPlan[]): AccountPlan => {
    const free = candidates.filter((p) => !taken.has(p.account.id));
    if (free.length === 0) throw new Error(`activities: no account can carry the ${what} fact`);
    const chosen = rng.pick(free);
    taken.add(chosen.account.id);
    return chosen;
  };
  const repOf = (g: DealGroup) => g.deals[0].repId;
  const dealCount = (plan: AccountPlan, repId: string) => [...plan.closed, ...(plan.open ? [plan.open] : [])].flatMap((g) => g.deals).filter((d) => d.repId === repId).length;

  // A rep who only makes office visits: the account's first closed deal is a lone loss by a rep with no other deal there.
  const visits = pick('office-visits-only', plans.filter((p) => {
    const g = p.closed[0];
    if (!g || g.deals.length !== 1 || g.deals[0].stage !== 'Lost' || p.closed.length < 4) return false;
    const rep = p.reps.find((r) => r.id === repOf(g))!;
    return dealCount(p, rep.id) === 1 && day(rep.startDate) <= p.start && g.asOf - p.start >= 365 && p.reps.some((r) => r.id !== rep.id && day(r.startDate) < g.asOf);
  }));
  visits.plants.visitsOnly = repOf(visits.closed[0]);
  visits.fixed.set(0, 'opposed');

  // Requirements signed the day after a deal closed: its first closed deal is lost (building), the next one a champion.
  const after = pick('day-after', plans.filter((p) => p.closed.length >= 4 && p.closed[0].deals.length === 1 && p.closed[0].deals[0].stage === 'Lost'
    && p.closed[1].asOf - p.closed[0].asOf >= 20 && p.closed[0].asOf - p.start >= 200));
  after.plants.dayAfter = 0;
  after.fixed.set(0, 'neutral');
  after.fixed.set(1, 'champion');

  // The met_leadership boundary: a champion deal (not the first group) 180 days after an exec meeting.
  const boundaryOf = (p: AccountPlan): number => p.closed.findIndex((g, i) => i >= 2 && g.asOf - 180 - p.start >= 120 && g.deals.every((d) => d.stage === 'Won'));
  const boundary = pick('leadership-boundary', plans.filter((p) => boundaryOf(p) >= 0));
  boundary.plants.boundary = boundaryOf(boundary);
  boundary.fixed.set(boundary.plants.boundary, 'champion');

  // A capped score: the last closed deal of a strategic account with family trips.
  const capped = pick('capped-score', plans.filter((p) => p.account.strategic && p.closed.length >= 4));
  capped.plants.capped = capped.closed.length - 1;
  capped.fixed.set(capped.plants.capped, 'champion');
  capped.family = true;

  // Three exec meetings in one month: before a champion deal in the middle of an account's history.
  const execCapOf = (p: AccountPlan): number => p.closed.findIndex((g, i) => i >= 3 && i < p.closed.length - 1);
  const execCap = pick('exec-meeting cap', plans.filter((p) => execCapOf(p) >= 0));
  execCap.plants.execCap = execCapOf(execCap);
  execCap.fixed.set(execCap.plants.execCap, 'champion');

  // Family trips on a few more accounts (the anti-bribery tension of domain.md).
  for (const p of rng.shuffled(plans.filter((q) => !q.family && q.plants.visitsOnly === undefined)).slice(0, 6)) p.family = true;
}

// ---- construction ---------------------------------------------------------------

class AccountBuilder {
  readonly drafts: Draft[] = [];
  private seq = 0;
  readonly asOf: number[];
  /** Non-office actions may not be logged before this day (office-visits-only plant). */
  readonly quietUntil: number;
  /** Exec meetings may not fall in these [from, to] spans. */
  readonly forbidden: [number, number][] = [];
  /** An exec meeting on one of these days would be exactly 180 days before a closed deal. */
  readonly boundaryDays: Set<number>;

  constructor(readonly plan: AccountPlan, readonly tiers: readonly Tier[], readonly rng: Rng) {
    this.asOf = plan.closed.map((g) => g.asOf);
    this.quietUntil = plan.plants.visitsOnly !== undefined ? this.asOf[0] : plan.start - 1;
    this.boundaryDays = new Set(this.asOf.map((t) => t - LEADERSHIP_DAYS));
  }

  add(date: number, action: ActionId, role: ContactRole, kind: Draft['kind']): Draft {
    if (date < this.plan.start || date > this.plan.end) throw new Error(`internal: ${formatDay(date)} outside the account's span`);
    if (action !== 'office_visit' && date <= this.quietUntil) throw new Error('internal: action before the quiet span ends');
    const removable = (kind === 'background' || kind === 'extra' || kind === 'tuning') && ACTION_BY_ID[action].repeat === 'every';
    const d: Draft = { date, order: this.seq++, action, role, kind, removable };
    this.drafts.push(d);
    return d;
  }

  role(action: ActionId): ContactRole {
    return this.rng.weighted(ROLE_MIX[action]);
  }

  /** A random day in [from, to] (clipped to the account's span), weekdays only when asked; undefined if none. */
  pickDay(from: number, to: number, opts: { weekday?: boolean; nonVisit?: boolean; exec?: boolean } = {}): number | undefined {
    const lo = Math.max(from, this.plan.start, opts.nonVisit ? this.quietUntil + 1 : -Infinity);
    const hi = Math.min(to, this.plan.end);
    const days: number[] = [];
    for (let n = lo; n <= hi; n++) {
      if (opts.weekday && !isWeekday(n)) continue;
      if (opts.exec && (this.inForbidden(n) || this.boundaryDays.has(n))) continue;
      days.push(n);
    }
    return days.length === 0 ? undefined : this.rng.pick(days);
  }

  inForbidden(n: number): boolean {
    return this.forbidden.some(([a, b]) => a <= n && n <= b);
  }

  execDates(): number[] {
    return this.drafts.filter((d) => d.action === 'exec_meeting').map((d) => d.date);
  }
}

/** Builds one account's drafts for a tier pattern, or null when it cannot be done with these draws. */
function construct(plan: AccountPlan, tiers: readonly Tier[], rng: Rng): Built | null {
  for (let attempt = 0; attempt < 3; attempt++) {
    const b = new AccountBuilder(plan, tiers, rng);
    const execCapMonth = placeIndicators(b);
    if (execCapMonth === null) continue;
    placeBackground(b);
    if (!tune(b)) continue;
    if (!verifyAccount(b)) continue;
    return { tiers: [...tiers], drafts: b.drafts, ...(execCapMonth ? { execCapMonth } : {}) };
  }
  return null;
}

/** Requirements, technical exchange and exec meetings; returns the exec-cap month ('' if none), or null on failure. */
function placeIndicators(b: AccountBuilder): string | null {
  const { plan, tiers, asOf: T } = b;
  const c = tiers.indexOf('champion');
  if (c >= 0) {
    for (let i = c + 1; i < T.length; i++) if (tiers[i] !== 'champion') b.forbidden.push([T[i] - LEADERSHIP_DAYS, T[i]]);
  }
  const p = plan.plants.boundary;
  if (p !== undefined) {
    const e = T[p] - LEADERSHIP_DAYS;
    if (b.inForbidden(e) || e < plan.start || e <= b.quietUntil) return null;
    b.forbidden.push([e + 1, T[p]]);
  }

  if (c >= 0) {
    const k = plan.plants.dayAfter;
    let rs: number | undefined;
    if (k !== undefined) rs = T[k] + 1;
    else {
      const lo = c > 0 ? T[c - 1] + 1 : T[c] - 240;
      rs = b.pickDay(Math.max(lo, T[c] - 150), T[c], { weekday: true, nonVisit: true }) ?? b.pickDay(lo, T[c], { nonVisit: true });
    }
    if (rs === undefined || rs > T[c] || rs < plan.start || rs <= b.quietUntil) return null;
    b.add(rs, 'requirements_signed', b.role('requirements_signed'), k !== undefined ? 'plant' : 'indicator');
    const te = k !== undefined
      ? b.pickDay(T[k] - 200, T[k] - 5, { weekday: true, nonVisit: true })
      : b.pickDay(rs - 300, rs, { weekday: true, nonVisit: true });
    if (te === undefined) return null;
    b.add(te, 'tech_exchange', b.role('tech_exchange'), 'indicator');
    if (k !== undefined) {
      const e = b.pickDay(T[k] - 150, T[k] - 10, { weekday: true, nonVisit: true, exec: true });
      if (e === undefined) return null;
      b.add(e, 'exec_meeting', 'C-level', 'indicator');
    }
  } else if (T.length > 0 && b.rng.chance(0.5)) {
    const te = b.pickDay(plan.start, T[T.length - 1], { weekday: true, nonVisit: true });
    if (te !== undefined) b.add(te, 'tech_exchange', b.role('tech_exchange'), 'extra');
  }

  if (p !== undefined) b.add(T[p] - LEADERSHIP_DAYS, 'exec_meeting', 'C-level', 'plant');

  // Every champion deal: an exec meeting within 180 days (never inside a lapsed deal's 180 days).
  for (let i = 0; i < T.length; i++) {
    if (tiers[i] !== 'champion') continue;
    if (b.execDates().some((e) => T[i] - LEADERSHIP_DAYS <= e && e <= T[i])) continue;
    const e = b.pickDay(T[i] - 120, T[i] - 3, { weekday: true, nonVisit: true, exec: true })
      ?? b.pickDay(T[i] - LEADERSHIP_DAYS + 1, T[i], { nonVisit: true, exec: true });
    if (e === undefined) return null;
    b.add(e, 'exec_meeting', b.role('exec_meeting'), 'indicator');
  }

  // Three exec meetings in the calendar month before a champion deal's month.
  let capMonth = '';
  const q = plan.plants.execCap;
  if (q !== undefined) {
    const [first] = monthSpan(monthOf(T[q]));
    const month = monthOf(first - 1);
    const [ms, me] = monthSpan(month);
    if (ms < plan.start || b.execDates().some((e) => e >= ms && e <= me)) return null;
    const days: number[] = [];
    for (let n = ms; n <= me; n++) if (isWeekday(n) && !b.inForbidden(n) && !b.boundaryDays.has(n) && n > b.quietUntil) days.push(n);
    if (days.length < 3) return null;
    for (const n of b.rng.shuffled(days).slice(0, 3)) b.add(n, 'exec_meeting', 'C-level', 'plant');
    capMonth = month;
  }

  // More exec meetings, now and then: often once the relationship is won, rarely before.
  const rsDay = b.drafts.find((d) => d.action === 'requirements_signed')?.date ?? Infinity;
  for (let m = monthOf(plan.start); m <= monthOf(plan.end); m = nextMonth(m)) {
    if (m === capMonth) continue;
    const [ms, me] = monthSpan(m);
    if (!b.rng.chance(ms >= rsDay ? 0.2 : 0.05)) continue;
    if (b.execDates().filter((e) => monthOf(e) === m).length >= 2) continue;
    const e = b.pickDay(ms, me, { weekday: true, nonVisit: true, exec: true });
    if (e !== undefined) b.add(e, 'exec_meeting', b.role('exec_meeting'), 'extra');
  }
  // Only the planted month may hold more than two.
  const perMonth = new Map<string, number>();
  for (const e of b.execDates()) perMonth.set(monthOf(e), (perMonth.get(monthOf(e)) ?? 0) + 1);
  for (const [m, n] of perMonth) if (n > 2 && m !== capMonth) return null;
  return capMonth;
}

/** Office visits, festival gifts and the actions of a won relationship. */
function placeBackground(b: AccountBuilder): void {
  const { plan, tiers, asOf: T, rng } = b;
  for (let m = monthOf(plan.start); m <= monthOf(plan.end); m = nextMonth(m)) {
    const [ms, me] = monthSpan(m);
    const n = Math.min(4, Math.max(0, Math.round(plan.visitRate + rng.int(-10, 10) / 10 * plan.visitRate)));
    for (let i = 0; i < n; i++) {
      const d = b.pickDay(ms, me, { weekday: true });
      if (d !== undefined) b.add(d, 'office_visit', b.role('office_visit'), 'background');
    }
  }
  if (plan.festivalGifts) {
    for (const f of FESTIVALS) {
      if (!rng.chance(0.7)) continue;
      const d = b.pickDay(f - 20, f - 3, { nonVisit: true });
      if (d !== undefined) b.add(d, 'gift', b.role('gift'), 'background');
    }
  }
  const c = tiers.indexOf('champion');
  if (c < 0) return;
  // The actions of a won relationship, in the run-up to each champion deal and to the open deals.
  const slots: [number, number][] = [];
  for (let i = c; i < T.length; i++) if (tiers[i] === 'champion') slots.push([i > 0 ? T[i - 1] + 1 : T[i] - 120, T[i]]);
  if (plan.open && T.length > 0 && T[T.length - 1] < plan.end) slots.push([T[T.length - 1] + 1, plan.end]);
  let agreements = 0;
  slots.forEach(([from, to], n) => {
    const maybe = (p: number, action: ActionId, weekday = true) => {
      if (!rng.chance(p)) return;
      const d = b.pickDay(from, to, { weekday, nonVisit: true });
      if (d !== undefined) b.add(d, action, b.role(action), 'extra');
    };
    maybe(0.3, 'hq_tour');
    maybe(0.25, 'reference_visit');
    maybe(0.25, 'tech_exchange');
    maybe(0.2, 'gift', false);
    if (plan.family) maybe(0.3, 'family_trip', false);
    if (n > 0) maybe(0.15, 'requirements_signed');
    if (agreements === 0 && rng.chance(plan.account.strategic || plan.account.mustWin ? 0.7 : 0.12)) {
      const d = b.pickDay(from, to, { weekday: true, nonVisit: true });
      if (d !== undefined) {
        b.add(d, 'strategic_agreement', 'C-level', 'extra');
        agreements++;
        // A renewal a few months later does not score again (once per look-back).
        if (plan.account.strategic && rng.chance(0.3)) {
          const r = b.pickDay(d + 60, d + 300, { weekday: true, nonVisit: true });
          if (r !== undefined) b.add(r, 'strategic_agreement', 'C-level', 'extra');
        }
      }
    }
  });
}

// ---- score tuning -------------------------------------------------------------------

interface Target {
  asOf: number;
  /** Score band [lo, hi]; raw minimum for the capped deal. */
  lo: number;
  hi: number;
  rawLo: number;
  /** Open group with a non-champion tier: keep clear of the thresholds. */
  clearOfThresholds: boolean;
  /** Where inside the band to aim. */
  aim: number;
  raw: number;
  counted: Map<Draft, number>;
}

const TUNING_ACTIONS: readonly ActionId[] = ['office_visit', 'gift', 'hq_tour', 'reference_visit', 'tech_exchange', 'family_trip'];

function violation(t: Target, raw: number): number {
  const s = Math.min(100, raw);
  let v = Math.max(0, t.lo - s) + Math.max(0, s - t.hi) + Math.max(0, t.rawLo - raw);
  if (t.clearOfThresholds) for (const edge of [10, 30]) v += Math.max(0, THRESHOLD_MARGIN - Math.abs(s - edge));
  return v;
}

function tune(b: AccountBuilder): boolean {
  const { plan, tiers, asOf: T, rng } = b;
  const targets: Target[] = [];
  const evalOf = (asOf: number): Evaluation => evaluate(b.drafts, asOf);
  const targetFor = (asOf: number, band: [number, number, number], clear: boolean, aim: number): Target => {
    const e = evalOf(asOf);
    return { asOf, lo: band[0], hi: band[1], rawLo: band[2], clearOfThresholds: clear, aim, raw: e.raw, counted: new Map(e.counted.map((x) => [x.activity as Draft, x.contribution])) };
  };
  T.forEach((t, i) => {
    const tier = tiers[i];
    if (tier === 'supporter') targets.push(targetFor(t, [30 + THRESHOLD_MARGIN, Infinity, 0], false, 31 + rng.int(0, 250) / 10));
    else if (tier === 'neutral') targets.push(targetFor(t, [10 + THRESHOLD_MARGIN, 30 - THRESHOLD_MARGIN, 0], false, 11 + rng.int(0, 160) / 10));
    else if (tier === 'opposed') targets.push(targetFor(t, [0, 10 - THRESHOLD_MARGIN, 0], false, 0));
    else if (plan.plants.capped === i) targets.push(targetFor(t, [0, Infinity, CAPPED_RAW], false, 100));
    // Champion: the score does not decide the tier, but keep it off the thresholds all the same.
    else targets.push(targetFor(t, [0, Infinity, 0], true, 0));
  });
  if (plan.open) {
    const e = evalOf(plan.open.asOf);
    const champion = e.requirementsSigned && e.metLeadership && e.techExchangeHeld;
    targets.push(targetFor(plan.open.asOf, [0, Infinity, 0], !champion, 0));
  }
  const firstTe = Math.min(...b.drafts.filter((d) => d.action === 'tech_exchange').map((d) => d.date));
  const c = tiers.indexOf('champion');

  const deltas = (date: number, action: ActionId, role: ContactRole): number[] =>
    targets.map((t) => {
      const age = t.asOf - date;
      return age >= 0 && age < LOOK_BACK_DAYS ? ACTION_BY_ID[action].points * ROLE_WEIGHT[role] * DECAY[age] : 0;
    });
  const total = (d: readonly number[]) => targets.reduce((s, t, j) => s + violation(t, t.raw + d[j]), 0);

  for (let step = 0; step < 400; step++) {
    const current = total(targets.map(() => 0));
    if (current === 0) return true;
    const j = targets.findIndex((t) => violation(t, t.raw) > 0);
    const t = targets[j];
    const s = Math.min(100, t.raw);
    type Move = { delta: number[]; apply: () => void };
    const moves: Move[] = [];
    const tooLow = s < t.lo || t.raw < t.rawLo || (t.clearOfThresholds && (Math.abs(s - 10) < THRESHOLD_MARGIN || Math.abs(s - 30) < THRESHOLD_MARGIN) && s < t.hi);
    if (tooLow) {
      const prev = T.filter((x) => x < t.asOf).pop() ?? t.asOf - LOOK_BACK_DAYS + 1;
      const days = new Set<number>();
      for (let n = 0; n < 8; n++) {
        const d = b.pickDay(Math.max(prev + 1, t.asOf - LOOK_BACK_DAYS + 1), t.asOf, { nonVisit: true });
        if (d !== undefined) days.add(d);
      }
      for (let n = 0; n < 4; n++) {
        const d = b.pickDay(t.asOf - LOOK_BACK_DAYS + 1, t.asOf, { nonVisit: true });
        if (d !== undefined) days.add(d);
      }
      for (const date of days) {
        for (const action of TUNING_ACTIONS) {
          if (action === 'family_trip' && !plan.family) continue;
          if (action === 'tech_exchange' && c >= 0 && date < firstTe) continue;
          if (action !== 'gift' && action !== 'family_trip' && !isWeekday(date)) continue;
          const roles = new Set([b.role(action), b.role(action)]);
          for (const role of roles) moves.push({ delta: deltas(date, action, role), apply: () => void b.add(date, action, role, 'tuning') });
        }
      }
    } else {
      for (const d of t.counted.keys()) {
        if (d.removable) moves.push({ delta: targets.map((x) => -(x.counted.get(d) ?? 0)), apply: () => b.drafts.splice(b.drafts.indexOf(d), 1) });
        for (const role of LIGHTER[d.action]) {
          if (ROLE_WEIGHT[role] >= ROLE_WEIGHT[d.role]) continue;
          const factor = ROLE_WEIGHT[role] / ROLE_WEIGHT[d.role] - 1;
          moves.push({ delta: targets.map((x) => (x.counted.get(d) ?? 0) * factor), apply: () => void (d.role = role) });
        }
      }
    }
    let best: { move: Move; v: number; aim: number } | null = null;
    for (const move of moves) {
      const v = total(move.delta);
      const aim = Math.abs(Math.min(100, t.raw + move.delta[j]) - t.aim);
      if (best === null || v < best.v - 1e-9 || (Math.abs(v - best.v) <= 1e-9 && aim < best.aim)) best = { move, v, aim };
    }
    if (best === null || best.v >= current - 1e-9) return false;
    best.move.apply();
    // Re-evaluate exactly (additions/removals/re-casts change which activities count only for additive actions).
    for (const x of targets) {
      const e = evalOf(x.asOf);
      x.raw = e.raw;
      x.counted = new Map(e.counted.map((y) => [y.activity as Draft, y.contribution]));
    }
  }
  return false;
}

/** Tiers and plants hold for the account's drafts as they stand. */
function verifyAccount(b: AccountBuilder): boolean {
  const { plan, tiers, asOf: T } = b;
  for (let i = 0; i < T.length; i++) {
    const e = evaluate(b.drafts, T[i]);
    if (e.tier !== tiers[i]) return false;
    if (e.tier !== 'champion' && (Math.abs(e.score - 10) < THRESHOLD_MARGIN || Math.abs(e.score - 30) < THRESHOLD_MARGIN)) return false;
    // Office visits alone never reach 10 (domain.md: a rep who only makes office visits scores under 10).
    const visits = e.counted.filter((x) => x.activity.action === 'office_visit').reduce((s, x) => s + x.contribution, 0);
    if (visits >= 10 - THRESHOLD_MARGIN) return false;
  }
  const k = plan.plants.dayAfter;
  if (k !== undefined) {
    const withNextDay = evaluate(b.drafts, T[k] + 1);
    if (!withNextDay.requirementsSigned || !withNextDay.techExchangeHeld || !withNextDay.metLeadership) return false;
    if (!b.drafts.some((d) => d.action === 'requirements_signed' && d.date === T[k] + 1)) return false;
  }
  const p = plan.plants.boundary;
  if (p !== undefined) {
    const execs = b.execDates().filter((e) => e <= T[p] && T[p] - e <= LEADERSHIP_DAYS);
    if (execs.length !== 1 || T[p] - execs[0] !== LEADERSHIP_DAYS) return false;
  }
  const q = plan.plants.capped;
  if (q !== undefined && evaluate(b.drafts, T[q]).raw < CAPPED_RAW) return false;
  const v = plan.plants.visitsOnly;
  if (v !== undefined && b.drafts.some((d) => d.date <= T[0] && d.action !== 'office_visit')) return false;
  const x = plan.plants.execCap;
  if (x !== undefined && evaluate(b.drafts, T[x]).score >= 100) return false;
  return true;
}

// ---- reps, contacts, values, ids --------------------------------------------------------

function finish(plans: readonly AccountPlan[], built: ReadonlyMap<string, Built>, reps: readonly Rep[], rng: Rng): Activity[] {
  const names = new NameBook(rng, reps.map((r) => r.name));
  const rows: { draft: Draft; accountId: string }[] = [];
  for (const plan of plans) {
    const { drafts } = built.get(plan.account.id)!;
    const international = /[A-Za-z]/.test(plan.account.name);
    const roster = new Map<ContactRole, string[]>();
    const sizes: [ContactRole, number][] = [['C-level', rng.int(1, 3)], ['technical', rng.int(2, 3)], ['procurement', rng.int(1, 2)], ['assistant', rng.int(1, 2)]];
    for (const [role, n] of sizes) roster.set(role, Array.from({ length: n }, () => names.name(international)));
    const allGroups = [...plan.closed, ...(plan.open ? [plan.open] : [])];
    const visitsOnly = plan.plants.visitsOnly;
    const firstClose = plan.closed[0]?.asOf ?? -Infinity;
    for (const d of [...drafts].sort((a, b) => a.date - b.date || a.order - b.order)) {
      const allowed = (r: Rep) => day(r.startDate) <= d.date && (r.id !== visitsOnly || d.action === 'office_visit');
      let repId: string;
      if (visitsOnly !== undefined && d.date <= firstClose) repId = visitsOnly;
      else {
        const slot = allGroups.find((g) => g.asOf >= d.date) ?? allGroups[allGroups.length - 1];
        const primary = unique(slot.deals.map((x) => x.repId)).map((id) => plan.reps.find((r) => r.id === id)!).filter(allowed);
        const accountDeals = allGroups.flatMap((g) => g.deals);
        const active = plan.reps.filter((r) => allowed(r) && accountDeals.some((x) => x.repId === r.id && x.created - 365 <= d.date && d.date <= (x.close ?? plan.end) + 60));
        const anyone = plan.reps.filter(allowed);
        const pool = primary.length > 0 && (rng.chance(0.85) || active.length === 0) ? primary : active.length > 0 ? active : anyone;
        if (pool.length === 0) throw new Error(`activities: nobody on ${plan.account.id} could log ${d.action} on ${formatDay(d.date)}`);
        repId = rng.pick(pool).id;
      }
      d.repId = repId;
      const people = roster.get(d.role)!;
      d.contact = rng.weighted(people.map((name, i) => [name, i === 0 ? 3 : 1] as const));
      d.value = d.action === 'gift' ? giftValue(rng) : d.action === 'family_trip' ? tripValue(rng) : null;
      rows.push({ draft: d, accountId: plan.account.id });
    }
  }
  rows.sort((a, b) => a.draft.date - b.draft.date || a.accountId.localeCompare(b.accountId) || a.draft.order - b.draft.order);
  return rows.map(({ draft, accountId }, i) => ({
    id: `AC${String(i + 1).padStart(5, '0')}`,
    date: draft.date,
    repId: draft.repId!,
    accountId,
    contact: draft.contact!,
    role: draft.role,
    action: draft.action,
    value: draft.value ?? null,
  }));
}

/** Fen: mostly 200-2,000 yuan (festival boxes, dinners), a few up to 5,000. */
function giftValue(rng: Rng): number {
  const band = rng.weighted([['small', 92], ['limit', 2], ['large', 6]] as const);
  if (band === 'limit') return 200_000;
  const yuanValue = band === 'small' ? 10 * rng.int(20, 199) : 10 * rng.int(201, 500);
  return yuanValue * 100 + (rng.chance(0.2) ? 10 * rng.int(1, 9) : 0);
}

/** Fen: 20,000-80,000 yuan. */
function tripValue(rng: Rng): number {
  return 100 * rng.int(20_000, 80_000) + (rng.chance(0.5) ? rng.int(0, 99) : 0);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

// ---- the plant, read back from the rows ---------------------------------------------------

function describePlant(plans: readonly AccountPlan[], built: ReadonlyMap<string, Built>, activities: readonly Activity[]): RelationshipPlant {
  const targets = new Map<string, Tier>();
  const phases = new Map<string, 'building' | 'champion' | 'lapsed'>();
  for (const plan of plans) {
    const { tiers } = built.get(plan.account.id)!;
    const c = tiers.indexOf('champion');
    plan.closed.forEach((g, i) => {
      for (const d of g.deals) {
        targets.set(d.id, tiers[i]);
        phases.set(d.id, tiers[i] === 'champion' ? 'champion' : c >= 0 && i > c ? 'lapsed' : 'building');
      }
    });
  }
  const planWith = (f: (p: AccountPlan) => unknown) => plans.find((p) => f(p) !== undefined)!;
  const acts = (accountId: string) => activities.filter((a) => a.accountId === accountId);

  const after = planWith((p) => p.plants.dayAfter);
  const afterGroup = after.closed[after.plants.dayAfter!];
  const rs = acts(after.account.id).find((a) => a.action === 'requirements_signed' && a.date === afterGroup.asOf + 1)!;

  const boundary = planWith((p) => p.plants.boundary);
  const bGroup = boundary.closed[boundary.plants.boundary!];
  const exec = acts(boundary.account.id).find((a) => a.action === 'exec_meeting' && a.date === bGroup.asOf - LEADERSHIP_DAYS)!;

  const capped = planWith((p) => p.plants.capped);
  const visits = planWith((p) => p.plants.visitsOnly);
  const cap = planWith((p) => p.plants.execCap);
  const capGroup = cap.closed[cap.plants.execCap!];

  return {
    targets,
    phases,
    dayAfter: { dealId: afterGroup.deals[0].id, activityId: rs.id },
    leadershipBoundary: { dealId: bGroup.deals[0].id, activityId: exec.id },
    capped: { dealId: capped.closed[capped.plants.capped!].deals[0].id },
    visitsOnly: { repId: visits.plants.visitsOnly!, accountId: visits.account.id, dealId: visits.closed[0].deals[0].id },
    execCap: { accountId: cap.account.id, month: built.get(cap.account.id)!.execCapMonth!, dealId: capGroup.deals[0].id },
  };
}

