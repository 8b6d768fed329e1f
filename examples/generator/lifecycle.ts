/**
 * collections.csv and progress.csv: what happened to each deal won in the plan year after it was
 * booked — the cash the client paid (in instalments, on time or late) and how far the project's
 * delivery got (percent complete, reported monthly) — up to the day the data was extracted.
 * They feed the key-account playbook's payment in stages (domain.md §4: booking, cash
 * collected, completion) and its pay-fast figures.
 *
 * Built from the generated deals (whatever their outcomes) with its own seeded stream
 * (`lifecycle`), so the other files' bytes never depend on it. Money is integer fen; the
 * instalments of a deal add up exactly to its amount, less what is still unpaid at the
 * extraction date.
 */
import { day, formatDay } from './dates.js';
import type { Deal } from './model.js';
import { stream } from './prng.js';

/** The day the data was extracted: nothing after it has happened yet. */
export const DATA_END = '2027-06-30';
const PLAN_START = day('2026-01-01');
const PLAN_END = day('2026-12-31');

export type Payer = 'prompt' | 'slow' | 'late' | 'cancelled';

export interface Collection {
  id: string;
  dealId: string;
  /** Day number. */
  date: number;
  /** Fen. */
  amount: number;
}

export interface ProgressReport {
  dealId: string;
  /** Day number. */
  date: number;
  /** Whole percent, 0..100. */
  percent: number;
}

export interface Lifecycle {
  collections: Collection[];
  progress: ProgressReport[];
  /** How each deal won in the plan year pays (by deal id). */
  payers: Map<string, Payer>;
  /** The planted cancelled order: won and credited, then cancelled after kick-off; never pays. */
  cancelled: string;
}

/** Instalments as [days after the close, share in percent] (the last share takes the rest); null share = never paid. */
const PLANS: Record<Exclude<Payer, 'cancelled'>, (r: ReturnType<typeof stream>) => [number, number][]> = {
  prompt: (r) => [[r.int(7, 20), 30], [r.int(30, 75), 70]],
  slow: (r) => [[r.int(45, 90), 50], [r.int(120, 200), 50]],
  late: (r) => [[r.int(90, 150), 30], [r.int(300, 420), 70]],
};

/** Collections and progress for every deal won with a close date in the plan year 2026. */
export function buildLifecycle(deals: readonly Deal[]): Lifecycle {
  const rng = stream('lifecycle');
  const end = day(DATA_END);
  const won = deals.filter((d) => d.stage === 'Won' && d.close !== null && d.close >= PLAN_START && d.close <= PLAN_END);
  // The cancelled order: a large deal won in the first half year, so by the extraction date its cash is long overdue.
  const big = won.filter((d) => d.amount >= 100_000_000 && d.close! < day('2026-07-01'));
  const cancelled = rng.pick(big.length > 0 ? big : won).id;
  const payers = new Map<string, Payer>();
  const collections: Omit<Collection, 'id'>[] = [];
  const progress: ProgressReport[] = [];
  for (const d of won) {
    const close = d.close!;
    const payer: Payer = d.id === cancelled ? 'cancelled' : rng.weighted([['prompt', 65], ['slow', 25], ['late', 10]] as const);
    payers.set(d.id, payer);
    // Delivery: a project of 2 to 9 months, reported every 30 days; a cancelled one stops at 10%.
    const months = rng.int(2, 9);
    if (payer === 'cancelled') progress.push({ dealId: d.id, date: close + 30, percent: 10 });
    else {
      for (let k = 1; k <= months && close + 30 * k <= end; k++) progress.push({ dealId: d.id, date: close + 30 * k, percent: Math.floor((100 * k) / months) });
    }
    if (payer === 'cancelled') continue;
    let paid = 0;
    const plan = PLANS[payer](rng);
    plan.forEach(([after, share], k) => {
      const amount = k === plan.length - 1 ? d.amount - paid : Math.floor((d.amount * share) / 100);
      paid += amount;
      if (close + after <= end && amount !== 0) collections.push({ dealId: d.id, date: close + after, amount });
    });
  }
  collections.sort((a, b) => a.date - b.date || (a.dealId < b.dealId ? -1 : a.dealId > b.dealId ? 1 : 0));
  progress.sort((a, b) => (a.dealId < b.dealId ? -1 : a.dealId > b.dealId ? 1 : 0) || a.date - b.date);
  return { collections: collections.map((c, i) => ({ id: `CL${String(i + 1).padStart(5, '0')}`, ...c })), progress, payers, cancelled };
}
