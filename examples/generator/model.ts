/** The rows the generator produces, before they become CSV text. */
import type { ProductFamily, Province, Sector } from './catalog.js';

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

/** Everything one run produces; later tables (activities) are added here. */
export interface Dataset {
  reps: Rep[];
  accounts: Account[];
  products: Product[];
  deals: Deal[];
}
