/**
 * What the generated rows actually contain, recomputed from the rows (not from
 * the plan): used to check the plan came out as intended and to write the README.
 */
import { dayOfMonth, formatDay, monthOf } from './dates.js';
import type { Account, Dataset, Deal, Rep } from './model.js';
import { PLAN_YEAR, ROLES } from './plan.js';

export interface RepTotal {
  rep: Rep;
  /** Fen: won deals closed in the plan year. */
  won: number;
  /** Fen: the same, counting only deals at or above 20% margin. */
  wonAtOrAboveRedLine: number;
  wonDeals: number;
  status: string;
}

export interface Facts {
  stageCounts: Record<string, number>;
  repTotals: RepTotal[];
  /** Won deals whose margin is an exact whole percentage, and the 19.99% one. */
  exactMargins: { margin: string; deal: Deal }[];
  wonCount: number;
  belowRedLine: Deal[];
  inShareBand: Deal[];
  strategicFirsts: { account: Account; date: number; deals: Deal[]; wonCount: number }[];
  mustWinLost: { year: string; deal: Deal }[];
  monthlyTies: { month: string; total: number; reps: string[] }[];
  closedOn31st: Deal[];
  noDealReps: { rep: Rep; note: string }[];
}

/** (amount - cost) / amount compared with pct/100, exactly: -1, 0 or 1. */
export function compareMargin(deal: Deal, pct: number): number {
  return Math.sign((deal.amount - deal.cost) * 100 - pct * deal.amount);
}

const inPlanYear = (d: Deal): boolean => d.close !== null && formatDay(d.close).startsWith(PLAN_YEAR);

export function computeFacts(data: Dataset): Facts {
  const won = data.deals.filter((d) => d.stage === 'Won');
  const won2026 = won.filter(inPlanYear);
  const stageCounts: Record<string, number> = { Won: 0, Lost: 0, Open: 0 };
  for (const d of data.deals) stageCounts[d.stage] += 1;

  const repTotals = data.reps.map((rep): RepTotal => {
    const mine = won2026.filter((d) => d.repId === rep.id);
    const total = sum(mine);
    const floor = rep.floorTarget * 100;
    const challenge = rep.challengeTarget * 100;
    const status =
      mine.length === 0 ? 'no 2026 deals'
      : total > challenge ? 'above challenge'
      : total === challenge ? 'exactly on challenge'
      : total > floor ? 'above floor'
      : total === floor ? 'exactly on floor'
      : 'below floor';
    return { rep, won: total, wonAtOrAboveRedLine: sum(mine.filter((d) => compareMargin(d, 20) >= 0)), wonDeals: mine.length, status };
  });

  const exactMargins = won
    .flatMap((deal) => {
      const hundredths = (deal.amount - deal.cost) * 10_000;
      if (hundredths % deal.amount !== 0) return [];
      const bp = hundredths / deal.amount;
      return bp % 100 === 0 || bp === 1999 ? [{ margin: `${(bp / 100).toFixed(2)}%`, deal }] : [];
    })
    .sort((a, b) => a.margin.localeCompare(b.margin));

  const accountById = new Map(data.accounts.map((a) => [a.id, a]));
  const strategicFirsts = data.accounts
    .filter((a) => a.strategic)
    .map((account) => {
      const wins = won.filter((d) => d.accountId === account.id).sort((a, b) => a.close! - b.close! || a.id.localeCompare(b.id));
      const date = wins[0]?.close ?? NaN;
      return { account, date, deals: wins.filter((d) => d.close === date), wonCount: wins.length };
    })
    .sort((a, b) => a.date - b.date || a.deals[0].id.localeCompare(b.deals[0].id));

  const mustWinLost = data.deals
    .filter((d) => d.stage === 'Lost' && accountById.get(d.accountId)?.mustWin)
    .map((deal) => ({ year: formatDay(deal.close!).slice(0, 4), deal }));

  const monthly = new Map<string, Map<string, number>>();
  for (const d of won2026) {
    const month = monthOf(d.close!);
    const byRep = monthly.get(month) ?? new Map<string, number>();
    byRep.set(d.repId, (byRep.get(d.repId) ?? 0) + d.amount);
    monthly.set(month, byRep);
  }
  const monthlyTies: Facts['monthlyTies'] = [];
  for (const month of [...monthly.keys()].sort()) {
    const byTotal = new Map<number, string[]>();
    for (const [rep, total] of monthly.get(month)!) byTotal.set(total, [...(byTotal.get(total) ?? []), rep]);
    for (const [total, reps] of byTotal) if (reps.length > 1) monthlyTies.push({ month, total, reps: reps.sort() });
  }

  const noDealReps = data.reps.flatMap((rep) => {
    const mine = data.deals.filter((d) => d.repId === rep.id);
    const touches2026 = mine.some((d) => formatDay(d.created).startsWith(PLAN_YEAR) || d.close === null || inPlanYear(d));
    if (touches2026) return [];
    return [{ rep, note: mine.length === 0 ? 'no deals at all' : `${mine.length} deals, all created and closed in 2025` }];
  });

  return {
    stageCounts,
    repTotals,
    exactMargins,
    wonCount: won.length,
    belowRedLine: won.filter((d) => compareMargin(d, 20) < 0),
    inShareBand: won.filter((d) => compareMargin(d, 25) >= 0 && compareMargin(d, 30) <= 0),
    strategicFirsts,
    mustWinLost,
    monthlyTies,
    closedOn31st: data.deals.filter((d) => d.close !== null && dayOfMonth(d.close) === 31),
    noDealReps,
  };
}

/** Throws when the rows do not hold what plan.ts meant to plant. */
export function checkPlan(data: Dataset, facts: Facts): void {
  const fail = (what: string): never => {
    throw new Error(`example data does not hold its plan: ${what}`);
  };
  const ids = new Set<string>();
  const repIds = new Set(data.reps.map((r) => r.id));
  const accountIds = new Set(data.accounts.map((a) => a.id));
  const productIds = new Set(data.products.map((p) => p.product));
  for (const d of data.deals) {
    if (ids.has(d.id)) fail(`duplicate ${d.id}`);
    ids.add(d.id);
    if (!repIds.has(d.repId) || !accountIds.has(d.accountId) || !productIds.has(d.product)) fail(`${d.id} has a dangling reference`);
    if ((d.stage === 'Open') !== (d.close === null)) fail(`${d.id}: close date vs stage`);
    if (d.close !== null && d.created >= d.close) fail(`${d.id}: created after close`);
    if (d.amount <= 0 || d.cost <= 0 || d.cost >= d.amount) fail(`${d.id}: amount/cost`);
  }
  if (data.deals.length < 400 || data.deals.length > 500) fail(`${data.deals.length} deals`);

  const margins = facts.exactMargins.map((m) => `${m.margin} ${m.deal.tags.join(',')}`).join('; ');
  const want = ['19.99%', '20.00%', '25.00%', '27.00%', '30.00%'];
  if (facts.exactMargins.map((m) => m.margin).join() !== want.join()) fail(`exact margins: ${margins}`);
  for (const m of facts.exactMargins) if (!m.deal.tags.includes(`margin-${m.margin.slice(0, -1)}`)) fail(`exact margin ${m.margin} on an unplanted deal`);

  const share = facts.belowRedLine.length / facts.wonCount;
  if (share < 0.07 || share > 0.09) fail(`${(share * 100).toFixed(1)}% of won deals below 20%`);

  const expectStatus: Record<string, string> = {
    challenge: 'above challenge', floor: 'above floor', 'exact-floor': 'exactly on floor', 'exact-challenge': 'exactly on challenge',
    'year-end': 'above floor', below: 'below floor', joiner: 'below floor', 'history-only': 'no 2026 deals', none: 'no 2026 deals',
  };
  for (const t of facts.repTotals) {
    if (t.status !== expectStatus[ROLES[t.rep.id]]) fail(`${t.rep.id} is ${t.status}, planned ${ROLES[t.rep.id]}`);
  }
  const yearEnd = data.deals.find((d) => d.tags.includes('close-2026-12-31'))!;
  const r04 = facts.repTotals.find((t) => t.rep.id === yearEnd.repId)!;
  if (r04.won - yearEnd.amount >= r04.rep.floorTarget * 100) fail('the 2026-12-31 deal does not decide the floor');

  const lost2026 = [...new Set(facts.mustWinLost.filter((m) => m.year === PLAN_YEAR).map((m) => m.deal.repId))].sort();
  if (lost2026.join() !== 'R01,R14') fail(`reps with lost must-win deals in 2026: ${lost2026.join()}`);
  if (facts.noDealReps.map((r) => r.rep.id).join() !== 'R21,R24') fail(`reps without 2026 deals: ${facts.noDealReps.map((r) => r.rep.id).join()}`);
  if (!facts.monthlyTies.some((t) => t.month === '2026-06' && t.reps.join() === 'R10,R15')) fail('no June tie between R10 and R15');
  if (facts.closedOn31st.length !== 3) fail(`${facts.closedOn31st.length} deals closed on a 31st`);

  for (const s of facts.strategicFirsts) if (s.wonCount < 3) fail(`${s.account.id} has ${s.wonCount} won deals`);
  const firstDates = facts.strategicFirsts.map((s) => s.date);
  if (new Set(firstDates).size !== firstDates.length - 1) fail('expected exactly one pair of strategic accounts sharing a first-win date');
  if (facts.strategicFirsts.filter((s) => s.deals.length === 2).length !== 1) fail('expected one strategic account with two first wins on one day');
}

function sum(deals: readonly Deal[]): number {
  return deals.reduce((total, d) => total + d.amount, 0);
}
