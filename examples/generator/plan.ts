/**
 * What the deals table plants on purpose, written as data. deals.ts turns this
 * into rows; facts.ts recomputes the outcome from the rows; the README lists it.
 */
import type { Stage } from './model.js';
import { yuan } from './money.js';

export const PLAN_YEAR = '2026';
export const HISTORY_START = '2025-07-01';
export const HISTORY_END = '2026-12-31';
/** The smallest ordinary deal (fen). */
export const MIN_DEAL = yuan(200_000);
/** Share of won deals planted below the 20% margin red line. */
export const BELOW_RED_LINE_SHARE = 0.08;

/**
 * How each rep's 2026 won total is set:
 * - `challenge`: strictly above the challenge target;
 * - `floor`: strictly between floor and challenge target;
 * - `exact-floor`: exactly the floor target;
 * - `exact-challenge`: exactly the challenge target (the domain's worked example: 10M floor, 15M booked);
 * - `year-end`: above the floor only thanks to a deal closed on 2026-12-31;
 * - `below`: under the floor target; `joiner`: joined mid-2026, well under the floor;
 * - `history-only`: deals in 2025 only; `none`: no deals at all.
 */
export type Role = 'challenge' | 'floor' | 'exact-floor' | 'exact-challenge' | 'year-end' | 'below' | 'joiner' | 'history-only' | 'none';

export const ROLES: Record<string, Role> = {
  R01: 'challenge', R02: 'below', R03: 'below', R04: 'year-end', R05: 'exact-floor', R06: 'floor',
  R07: 'below', R08: 'challenge', R09: 'below', R10: 'floor', R11: 'below', R12: 'challenge',
  R13: 'below', R14: 'below', R15: 'floor', R16: 'below', R17: 'below', R18: 'below',
  R19: 'below', R20: 'exact-challenge', R21: 'history-only', R22: 'joiner', R23: 'joiner', R24: 'none',
};

/** R04's 2026 won total is its floor plus this much (fen); the 2026-12-31 deal is larger. */
export const YEAR_END_EXCESS = 123_456_789;

/** Reps none of whose deals may be planted below the margin red line (their totals are exact on purpose). */
export const CLEAN_MARGIN_REPS = ['R04', 'R05', 'R20'];

/** Months in which a rep gets no won deals except the planted ones (to keep a planted tie exact). */
export const BLOCKED_MONTHS: Record<string, string[]> = { R10: ['2026-06'], R15: ['2026-06'] };

/** One hand-placed deal. `account` is a plan key (S1, M2...) or `local` (an ordinary account in the rep's province). */
export interface PlantedDeal {
  tag: string;
  rep: string;
  account: string;
  stage: Stage;
  close: string;
  /** Fen. */
  amount: number;
  /** Fen; absent means drawn like any deal's cost. */
  cost?: number;
}

/** Exact-margin deals: (amount - cost) / amount is exactly the named percentage. */
export const MARGIN_DEALS: readonly PlantedDeal[] = [
  { tag: 'margin-20.00', rep: 'R06', account: 'local', stage: 'Won', close: '2026-05-14', amount: yuan(2_500_000), cost: yuan(2_000_000) },
  { tag: 'margin-25.00', rep: 'R11', account: 'local', stage: 'Won', close: '2026-09-08', amount: yuan(3_200_000), cost: yuan(2_400_000) },
  { tag: 'margin-27.00', rep: 'R08', account: 'local', stage: 'Won', close: '2026-03-12', amount: yuan(1_800_000), cost: yuan(1_314_000) },
  { tag: 'margin-30.00', rep: 'R13', account: 'local', stage: 'Won', close: '2026-11-05', amount: yuan(2_000_000), cost: yuan(1_400_000) },
  { tag: 'margin-19.99', rep: 'R16', account: 'local', stage: 'Won', close: '2026-04-16', amount: yuan(1_000_000), cost: yuan(800_100) },
];

/** Month-end and year-end close dates. */
export const BOUNDARY_DEALS: readonly PlantedDeal[] = [
  { tag: 'close-2025-12-31', rep: 'R07', account: 'local', stage: 'Won', close: '2025-12-31', amount: yuan(1_480_000) },
  { tag: 'close-2026-03-31', rep: 'R12', account: 'local', stage: 'Won', close: '2026-03-31', amount: yuan(2_260_000) },
  { tag: 'close-2026-12-31', rep: 'R04', account: 'local', stage: 'Won', close: '2026-12-31', amount: yuan(3_350_000) },
];

/** R10 and R15 book the same won total in June 2026 (two deals against one). */
export const TIE_MONTH = '2026-06';
export const TIE_DEALS: readonly PlantedDeal[] = [
  { tag: 'tie-2026-06', rep: 'R10', account: 'local', stage: 'Won', close: '2026-06-09', amount: yuan(3_150_000) },
  { tag: 'tie-2026-06', rep: 'R10', account: 'local', stage: 'Won', close: '2026-06-23', amount: yuan(2_450_000) },
  { tag: 'tie-2026-06', rep: 'R15', account: 'local', stage: 'Won', close: '2026-06-26', amount: yuan(5_600_000) },
];

/** Lost must-win deals: in 2026 for exactly R01 and R14; one in 2025 (outside the plan year) for R04. */
export const MUST_WIN_LOSSES: readonly PlantedDeal[] = [
  { tag: 'must-win-lost-2026', rep: 'R01', account: 'M1', stage: 'Lost', close: '2026-08-19', amount: yuan(3_400_000) },
  { tag: 'must-win-lost-2026', rep: 'R14', account: 'M2', stage: 'Lost', close: '2026-03-25', amount: yuan(1_900_000) },
  { tag: 'must-win-lost-2026', rep: 'R14', account: 'M4', stage: 'Lost', close: '2026-10-13', amount: yuan(2_250_000) },
  { tag: 'must-win-lost-2025', rep: 'R04', account: 'M2', stage: 'Lost', close: '2025-11-06', amount: yuan(1_200_000) },
];

/** Strategic accounts: their first won deal(s), earlier losses, and how many later wins to add. */
export interface StrategicPlan {
  key: string;
  firstWins: { rep: string; close: string; amount: number }[];
  lostBefore: { rep: string; close: string; amount: number }[];
  followUps: number;
}

export const STRATEGIC_PLANS: readonly StrategicPlan[] = [
  { key: 'S1', firstWins: [{ rep: 'R04', close: '2025-09-12', amount: yuan(2_150_000) }], lostBefore: [], followUps: 3 },
  {
    key: 'S2',
    firstWins: [{ rep: 'R11', close: '2025-11-20', amount: yuan(1_640_000) }],
    lostBefore: [{ rep: 'R10', close: '2025-08-21', amount: yuan(980_000) }],
    followUps: 3,
  },
  {
    key: 'S3',
    firstWins: [{ rep: 'R01', close: '2026-03-17', amount: yuan(29_800_000) }],
    lostBefore: [{ rep: 'R02', close: '2025-10-16', amount: yuan(6_500_000) }],
    followUps: 2,
  },
  { key: 'S4', firstWins: [{ rep: 'R02', close: '2026-04-28', amount: yuan(4_600_000) }], lostBefore: [], followUps: 3 },
  {
    key: 'S5',
    firstWins: [{ rep: 'R08', close: '2026-04-28', amount: yuan(3_900_000) }],
    lostBefore: [{ rep: 'R09', close: '2026-01-22', amount: yuan(2_100_000) }],
    followUps: 2,
  },
  {
    key: 'S6',
    firstWins: [
      { rep: 'R15', close: '2026-07-15', amount: yuan(2_700_000) },
      { rep: 'R16', close: '2026-07-15', amount: yuan(1_350_000) },
    ],
    lostBefore: [],
    followUps: 2,
  },
  {
    key: 'S7',
    firstWins: [{ rep: 'R06', close: '2026-10-20', amount: yuan(5_250_000) }],
    lostBefore: [{ rep: 'R07', close: '2026-02-12', amount: yuan(1_700_000) }],
    followUps: 2,
  },
  { key: 'S8', firstWins: [{ rep: 'R19', close: '2026-11-24', amount: yuan(2_880_000) }], lostBefore: [], followUps: 2 },
];

/** Relative number of won/lost deals closing in each month of 2026 (seasonality: slow February, busy June and December). */
export const MONTH_WEIGHTS_2026: Record<string, number> = {
  '2026-01': 8, '2026-02': 3, '2026-03': 10, '2026-04': 8, '2026-05': 7, '2026-06': 13,
  '2026-07': 6, '2026-08': 5, '2026-09': 10, '2026-10': 4, '2026-11': 11, '2026-12': 18,
};

/** Deal sizes (whole yuan): a long tail from 200k to 30M. */
export const AMOUNT_BUCKETS: readonly (readonly [number, number, number])[] = [
  [200_000, 500_000, 32],
  [500_000, 1_000_000, 32],
  [1_000_000, 2_000_000, 20],
  [2_000_000, 5_000_000, 11],
  [5_000_000, 10_000_000, 3.5],
  [10_000_000, 20_000_000, 1.2],
  [20_000_000, 30_000_000, 0.3],
];
