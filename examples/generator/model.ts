/** The rows the generator produces, before they become CSV text. */
import type { ProductFamily, Province, Sector } from './catalog.js';
import type { ActionId, ContactRole, Tier } from './relationship.js';

export interface Rep {
  id: string;
  name: string;
  manager: string;
  region: Province;
  startDate: string;
  /** Whole yuan. */
  floorTarget: number;
  /** Whole yuan: 1.5 x floor, rounded half-up to 100,000. */
  challengeTarget: number;
}

export interface Account {
  id: string;
  name: string;
  sector: Sector;
  province: Province;
  strategic: boolean;
  mustWin: boolean;
  /** Plan key (`S1`..`S8`, `M1`..`M4`) for planted accounts; not written to CSV. */
  key?: string;
}

export interface Product {
  product: string;
  family: ProductFamily;
  /** Fen. */
  listPrice: number;
  /** Relative frequency on deals; not written to CSV. */
  weight: number;
}

export type Stage = 'Won' | 'Lost' | 'Open';

export interface Deal {
  id: string;
  repId: string;
  accountId: string;
  product: string;
  stage: Stage;
  /** Day number (see dates.ts). */
  created: number;
  /** Day number; null for Open deals. */
  close: number | null;
  /** Fen. */
  amount: number;
  /** Fen. */
  cost: number;
  /** Why this deal was planted (empty for ordinary deals); not written to CSV. */
  tags: readonly string[];
}

export interface Activity {
  /** `AC00001`...: in order of date, then account, then creation. */
  id: string;
  /** Day number. */
  date: number;
  repId: string;
  accountId: string;
  contact: string;
  role: ContactRole;
  action: ActionId;
  /** Fen, for `gift` and `family_trip`; null otherwise. */
  value: number | null;
}

/** What activities.csv was built to show (see activities.ts); ids refer to the rows. */
export interface RelationshipPlant {
  /** The tier each closed (Won/Lost) deal was planted to get, by deal id. */
  targets: Map<string, Tier>;
  /** How each closed deal got its tier: before the relationship was won, while it held, or after leadership contact lapsed. */
  phases: Map<string, 'building' | 'champion' | 'lapsed'>;
  /** Deal whose requirements were signed the day after it closed (as-of matters). */
  dayAfter: { dealId: string; activityId: string };
  /** Champion deal whose only exec meeting within 180 days is exactly 180 days old. */
  leadershipBoundary: { dealId: string; activityId: string };
  /** Deal whose score is capped at 100. */
  capped: { dealId: string };
  /** Rep who only makes office visits on an account, and the deal whose window holds nothing else. */
  visitsOnly: { repId: string; accountId: string; dealId: string };
  /** Account and month with three exec meetings (the third does not score). */
  execCap: { accountId: string; month: string; dealId: string };
}

/** Everything one run produces. */
export interface Dataset {
  reps: Rep[];
  accounts: Account[];
  products: Product[];
  deals: Deal[];
  activities: Activity[];
  relationship: RelationshipPlant;
  /** Each deal's sales channel, by deal id (channel.ts: planted so the champion tier overstates for partner deals). */
  channels: ReadonlyMap<string, 'direct' | 'partner'>;
}
