/** Reps, accounts and products: the small tables, each from its own stream. */
import { ACCOUNT_ENTRIES, MANAGERS, PRODUCT_ENTRIES, REP_ENTRIES } from './catalog.js';
import { formatDay, randomWorkday, day } from './dates.js';
import type { Account, Product, Rep } from './model.js';
import { yuan } from './money.js';
import { stream } from './prng.js';

/** 1.5 x floor, rounded half-up to a multiple of 100,000 yuan (integer arithmetic). */
export function challengeFor(floorTarget: number): number {
  const step = 100_000;
  const threeHalves = floorTarget * 3; // 2 x (1.5 x floor)
  return Math.floor((threeHalves + step) / (2 * step)) * step;
}

export function buildReps(): Rep[] {
  const rng = stream('reps');
  return REP_ENTRIES.map((entry, i) => {
    const floorTarget = entry.floorTarget ?? 500_000 * rng.int(16, 40); // 8,000,000 .. 20,000,000
    const startDay = entry.startDate ? day(entry.startDate) : randomWorkday(rng, day('2016-01-04'), day('2025-04-30'));
    if (startDay === undefined) throw new Error('no start date');
    return {
      id: `R${String(i + 1).padStart(2, '0')}`,
      name: entry.name,
      manager: MANAGERS[entry.region],
      region: entry.region,
      startDate: formatDay(startDay),
      floorTarget,
      challengeTarget: challengeFor(floorTarget),
    };
  });
}

export function buildAccounts(): Account[] {
  return ACCOUNT_ENTRIES.map((entry, i) => ({
    id: `A${String(i + 1).padStart(3, '0')}`,
    name: entry.name,
    sector: entry.sector,
    province: entry.province,
    strategic: entry.key?.startsWith('S') ?? false,
    mustWin: entry.key?.startsWith('M') ?? false,
    ...(entry.key ? { key: entry.key } : {}),
  }));
}

export function buildProducts(): Product[] {
  return PRODUCT_ENTRIES.map((entry) => ({
    product: entry.product,
    family: entry.family,
    listPrice: yuan(entry.listPrice),
    weight: entry.weight,
  }));
}
