/**
 * What activities.csv actually gives, recomputed from the rows with the rules
 * of relationship.ts (not from the construction): the tier of every deal as of
 * its date, the per-tier win rates, and the hand-checkable facts the README
 * names. `checkRelationship` refuses a dataset that does not hold its plant.
 */
import { ACTIVITY_END, ACTIVITY_START, THRESHOLD_MARGIN } from './activities.js';
import { day, formatDay, monthOf } from './dates.js';
import type { Activity, Dataset, Deal } from './model.js';
import {
  ACTIONS, type ActionId, CONTACT_ROLES, type ContactRole, DECAY, evaluate, type Evaluation, LEADERSHIP_DAYS, OPEN_AS_OF,
  ROLE_WEIGHT, type ScoredActivity, statedProbability, TIER_ORDER, type Tier, tierOf, wilson,
} from './relationship.js';

export interface DealTier {
  deal: Deal;
  asOf: number;
  evaluation: Evaluation;
  /** The planted tier (closed deals only). */
  planted: Tier | null;
}

export interface TierTruth {
  tier: Tier;
  probability: number;
  closed: number;
  wins: number;
  rate: number;
  interval: [number, number];
}

export interface RelationshipFacts {
  perDeal: DealTier[];
  truth: TierTruth[];
  byAction: Record<ActionId, number>;
  byRole: Record<ContactRole, number>;
  firstDate: number;
  lastDate: number;
  accountsWithRegularVisits: number;
  gifts: { count: number; accounts: number; min: number; max: number; over2000: Activity[]; exactly2000: Activity[] };
  trips: { count: number; accounts: string[]; min: number; max: number };
  dayAfter: { deal: Deal; activity: Activity; at: Evaluation; nextDay: Evaluation };
  /** `otherExecs`: exec meetings less than 180 days before the close (none: the planted one alone keeps met_leadership). */
  boundary: { deal: Deal; activity: Activity; at: Evaluation; otherExecs: number; withoutBoundary: Tier };
  capped: { deal: Deal; at: Evaluation };
  visitsOnly: { repId: string; accountId: string; deal: Deal; visits: number; at: Evaluation; othersBefore: number };
  execCap: { accountId: string; month: string; meetings: Activity[]; deal: Deal; at: Evaluation; ifAllCounted: number };
  lapsed: { deal: Deal; previous: Deal; lastExec: Activity; at: Evaluation }[];
  /** The closed deal whose score moves most if the repetition rules were applied over the whole history. */
  repetitionWindow: { deal: Deal; at: Evaluation; overHistory: Evaluation };
  /** Closed deals whose tier would change under that reading (none planted). */
  tierChangesOverHistory: Deal[];
}

/** One account's rows as the rules see them (order = position in the file = activity_id order). */
export function scoredByAccount(activities: readonly Activity[]): Map<string, (ScoredActivity & { row: Activity })[]> {
  const out = new Map<string, (ScoredActivity & { row: Activity })[]>();
  activities.forEach((a, i) => {
    const list = out.get(a.accountId) ?? [];
    list.push({ date: a.date, order: i, action: a.action, role: a.role, row: a });
    out.set(a.accountId, list);
  });
  return out;
}

export function asOfFor(deal: Deal): number {
  return deal.close ?? day(OPEN_AS_OF);
}

export function computeRelationshipFacts(data: Dataset): RelationshipFacts {
  const { activities, deals, relationship: plant } = data;
  const scored = scoredByAccount(activities);
  const rowsOf = (accountId: string) => scored.get(accountId) ?? [];
  const evalAt = (accountId: string, asOf: number) => evaluate(rowsOf(accountId), asOf);
  const deal = (id: string) => deals.find((d) => d.id === id)!;
  const byId = new Map(activities.map((a) => [a.id, a]));

  const perDeal = [...deals].sort((a, b) => a.id.localeCompare(b.id)).map((d): DealTier => {
    const asOf = asOfFor(d);
    return { deal: d, asOf, evaluation: evalAt(d.accountId, asOf), planted: plant.targets.get(d.id) ?? null };
  });
  const truth = TIER_ORDER.map((tier): TierTruth => {
    const closed = perDeal.filter((x) => x.deal.stage !== 'Open' && x.evaluation.tier === tier);
    const wins = closed.filter((x) => x.deal.stage === 'Won').length;
    return { tier, probability: statedProbability(tier), closed: closed.length, wins, rate: closed.length ? wins / closed.length : NaN, interval: wilson(wins, closed.length) };
  });

  const byAction = Object.fromEntries(ACTIONS.map((a) => [a.id, activities.filter((x) => x.action === a.id).length])) as Record<ActionId, number>;
  const byRole = Object.fromEntries(CONTACT_ROLES.map((r) => [r, activities.filter((x) => x.role === r).length])) as Record<ContactRole, number>;

  // Regular office visits: visits in at least half of the months from the account's first activity on.
  let accountsWithRegularVisits = 0;
  for (const [, rows] of scored) {
    const months = new Set(rows.filter((r) => r.action === 'office_visit').map((r) => monthOf(r.date)));
    const first = monthOf(Math.min(...rows.map((r) => r.date)));
    const span = monthsBetween(first, monthOf(day(ACTIVITY_END)));
    if (months.size * 2 >= span) accountsWithRegularVisits++;
  }

  const gifts = activities.filter((a) => a.action === 'gift');
  const trips = activities.filter((a) => a.action === 'family_trip');

  // As-of matters: requirements signed the day after the deal closed.
  const afterDeal = deal(plant.dayAfter.dealId);
  const dayAfter = {
    deal: afterDeal,
    activity: byId.get(plant.dayAfter.activityId)!,
    at: evalAt(afterDeal.accountId, afterDeal.close!),
    nextDay: evalAt(afterDeal.accountId, afterDeal.close! + 1),
  };

  const bDeal = deal(plant.leadershipBoundary.dealId);
  const bAt = evalAt(bDeal.accountId, bDeal.close!);
  const boundary = {
    deal: bDeal,
    activity: byId.get(plant.leadershipBoundary.activityId)!,
    at: bAt,
    otherExecs: activities.filter((a) => a.accountId === bDeal.accountId && a.action === 'exec_meeting' && a.date <= bDeal.close! && bDeal.close! - a.date < LEADERSHIP_DAYS).length,
    withoutBoundary: tierOf(bAt.score, false),
  };

  const cDeal = deal(plant.capped.dealId);
  const capped = { deal: cDeal, at: evalAt(cDeal.accountId, cDeal.close!) };

  const vDeal = deal(plant.visitsOnly.dealId);
  const vRows = activities.filter((a) => a.accountId === plant.visitsOnly.accountId && a.repId === plant.visitsOnly.repId);
  const visitsOnly = {
    repId: plant.visitsOnly.repId,
    accountId: plant.visitsOnly.accountId,
    deal: vDeal,
    visits: vRows.length,
    at: evalAt(vDeal.accountId, vDeal.close!),
    othersBefore: activities.filter((a) => a.accountId === vDeal.accountId && a.date <= vDeal.close! && a.repId !== plant.visitsOnly.repId).length,
  };

  const xDeal = deal(plant.execCap.dealId);
  const meetings = activities.filter((a) => a.accountId === plant.execCap.accountId && a.action === 'exec_meeting' && monthOf(a.date) === plant.execCap.month);
  const xAt = evalAt(xDeal.accountId, xDeal.close!);
  const third = meetings[2];
  const ifAllCounted = third ? xAt.raw + 4 * ROLE_WEIGHT[third.role] * DECAY[xDeal.close! - third.date] : xAt.raw;
  const execCap = { accountId: plant.execCap.accountId, month: plant.execCap.month, meetings, deal: xDeal, at: xAt, ifAllCounted: Math.min(100, ifAllCounted) };

  // Lapsed: champion deal, then on the same account a deal with no exec meeting in its last 180 days.
  const lapsed: RelationshipFacts['lapsed'] = [];
  for (const x of perDeal) {
    if (plant.phases.get(x.deal.id) !== 'lapsed') continue;
    const earlier = perDeal
      .filter((y) => y.deal.accountId === x.deal.accountId && y.deal.close !== null && y.deal.close < x.deal.close! && y.evaluation.tier === 'champion')
      .sort((a, b) => b.asOf - a.asOf || a.deal.id.localeCompare(b.deal.id))[0];
    const lastExec = rowsOf(x.deal.accountId).filter((r) => r.action === 'exec_meeting' && r.date <= x.asOf).pop();
    if (earlier && lastExec) lapsed.push({ deal: x.deal, previous: earlier.deal, lastExec: lastExec.row, at: x.evaluation });
  }

  const overHistory = perDeal
    .filter((x) => x.deal.stage !== 'Open')
    .map((x) => ({ x, alt: evaluate(rowsOf(x.deal.accountId), x.asOf, { repetitionOverHistory: true }) }));
  const biggest = [...overHistory].sort((a, b) => Math.abs(b.alt.score - b.x.evaluation.score) - Math.abs(a.alt.score - a.x.evaluation.score) || a.x.deal.id.localeCompare(b.x.deal.id))[0];
  const repetitionWindow = { deal: biggest.x.deal, at: biggest.x.evaluation, overHistory: biggest.alt };
  const tierChangesOverHistory = overHistory.filter((o) => o.alt.tier !== o.x.evaluation.tier).map((o) => o.x.deal);

  return {
    perDeal,
    truth,
    byAction,
    byRole,
    firstDate: activities[0].date,
    lastDate: activities[activities.length - 1].date,
    accountsWithRegularVisits,
    gifts: {
      count: gifts.length,
      accounts: new Set(gifts.map((g) => g.accountId)).size,
      min: Math.min(...gifts.map((g) => g.value!)),
      max: Math.max(...gifts.map((g) => g.value!)),
      over2000: gifts.filter((g) => g.value! > 200_000),
      exactly2000: gifts.filter((g) => g.value === 200_000),
    },
    trips: {
      count: trips.length,
      accounts: [...new Set(trips.map((t) => t.accountId))].sort(),
      min: Math.min(...trips.map((t) => t.value!)),
      max: Math.max(...trips.map((t) => t.value!)),
    },
    dayAfter,
    boundary,
    capped,
    visitsOnly,
    execCap,
    lapsed,
    repetitionWindow,
    tierChangesOverHistory,
  };
}

function monthsBetween(from: string, to: string): number {
  const [y1, m1] = from.split('-').map(Number);
  const [y2, m2] = to.split('-').map(Number);
  return (y2 - y1) * 12 + (m2 - m1) + 1;
}

/** Throws when the rows do not hold the relationship plant. */
export function checkRelationship(data: Dataset, facts: RelationshipFacts): void {
  const fail = (what: string): never => {
    throw new Error(`activities.csv does not hold its plan: ${what}`);
  };
  const { activities, deals, reps } = data;
  const repById = new Map(reps.map((r) => [r.id, r]));
  const repsOnAccount = new Map<string, Set<string>>();
  for (const d of deals) repsOnAccount.set(d.accountId, (repsOnAccount.get(d.accountId) ?? new Set()).add(d.repId));

  activities.forEach((a, i) => {
    if (a.id !== `AC${String(i + 1).padStart(5, '0')}`) fail(`row ${i + 1} has id ${a.id}`);
    if (i > 0 && activities[i - 1].date > a.date) fail(`${a.id} out of date order`);
    if (a.date < day(ACTIVITY_START) || a.date > day(ACTIVITY_END)) fail(`${a.id} dated ${formatDay(a.date)}`);
    if (!repsOnAccount.get(a.accountId)?.has(a.repId)) fail(`${a.id}: ${a.repId} has no deal with ${a.accountId}`);
    if (day(repById.get(a.repId)!.startDate) > a.date) fail(`${a.id}: ${a.repId} had not started`);
    const valued = a.action === 'gift' || a.action === 'family_trip';
    if (valued !== (a.value !== null)) fail(`${a.id}: value vs action`);
    if (a.action === 'gift' && (a.value! < 20_000 || a.value! > 500_000)) fail(`${a.id}: gift value ${a.value}`);
    if (a.action === 'family_trip' && (a.value! < 2_000_000 || a.value! > 8_000_000)) fail(`${a.id}: trip value ${a.value}`);
  });
  for (const role of CONTACT_ROLES) if (facts.byRole[role] === 0) fail(`no ${role} contact`);
  for (const action of ACTIONS) if (facts.byAction[action.id] === 0) fail(`no ${action.id}`);
  if (facts.gifts.over2000.length < 3) fail('fewer than 3 gifts above 2000');
  if (facts.trips.accounts.length < 3) fail('family trips on fewer than 3 accounts');
  if (facts.accountsWithRegularVisits * 4 < data.accounts.length * 3) fail('most accounts should get regular office visits');

  for (const x of facts.perDeal) {
    const e = x.evaluation;
    const visits = e.counted.filter((c) => c.activity.action === 'office_visit').reduce((s, c) => s + c.contribution, 0);
    if (visits >= 10) fail(`${x.deal.id}: office visits alone reach ${visits}`);
    if (x.deal.stage === 'Open') continue;
    if (e.tier !== x.planted) fail(`${x.deal.id}: tier ${e.tier}, planted ${x.planted}`);
    if (e.tier !== 'champion' && (Math.abs(e.score - 10) < THRESHOLD_MARGIN || Math.abs(e.score - 30) < THRESHOLD_MARGIN)) fail(`${x.deal.id}: score ${e.score} too close to a threshold`);
  }
  for (const t of facts.truth) {
    if (t.closed < 20) fail(`${t.tier}: only ${t.closed} closed deals`);
    if (Math.abs(t.rate - t.probability) > 0.05) fail(`${t.tier}: rate ${t.rate} vs ${t.probability}`);
    if (t.probability < t.interval[0] || t.probability > t.interval[1]) fail(`${t.tier}: ${t.probability} outside the Wilson interval`);
  }

  const { dayAfter, boundary, capped, visitsOnly, execCap } = facts;
  if (dayAfter.activity.date !== dayAfter.deal.close! + 1 || dayAfter.activity.action !== 'requirements_signed') fail('day-after activity');
  if (dayAfter.at.tier === 'champion' || dayAfter.at.requirementsSigned || dayAfter.nextDay.tier !== 'champion') fail('day-after tiers');
  if (boundary.deal.close! - boundary.activity.date !== LEADERSHIP_DAYS || boundary.at.tier !== 'champion' || boundary.withoutBoundary === 'champion') fail('leadership boundary');
  if (boundary.otherExecs !== 0) fail('leadership boundary: another exec meeting is within 180 days');
  if (capped.at.score !== 100 || capped.at.raw < 105) fail('capped score');
  if (visitsOnly.at.tier !== 'opposed' || visitsOnly.othersBefore !== 0) fail('office-visits-only window');
  if (activities.some((a) => a.accountId === visitsOnly.accountId && a.repId === visitsOnly.repId && a.action !== 'office_visit')) fail('office-visits-only rep does more');
  if (visitsOnly.at.counted.some((c) => c.activity.action !== 'office_visit')) fail('office-visits-only: other actions in the window');
  if (execCap.meetings.length !== 3 || execCap.at.score >= 100 || !(execCap.ifAllCounted > execCap.at.score)) fail('exec-meeting cap');
  if (facts.lapsed.length === 0) fail('no lapsed deal');
  if (facts.tierChangesOverHistory.length > 0) fail(`tiers depend on where the repetition rules apply: ${facts.tierChangesOverHistory.map((d) => d.id).join(', ')}`);
}
