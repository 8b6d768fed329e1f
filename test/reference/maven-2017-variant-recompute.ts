/**
 * Independent recomputation of the variant of the Maven 2017 scheme in
 * playbooks/maven-crm-2017-retroactive.playbook: the same scheme, except that
 * the commission table is retroactive (the whole year's credit at the rate of
 * the highest band reached) and the 4% band starts at 250,000 instead of 300,000.
 *
 * Like maven-2017-recompute.ts it uses nothing from `src/`, no decimal library
 * and no floating point: BigInt cents. Crediting, the deep-discount red line,
 * strategic winners, the monthly ranking and the must-win losers do not depend
 * on the commission table, so they are taken from the base recompute; only the
 * commission and accelerator (and what the must-win rule forfeits of them) are
 * recomputed here.
 */
import { type MavenExpected, formatCents, recomputeMaven2017 } from './maven-2017-recompute.js';

/** "retroactive: 2% below 250,000; 4% of everything from 250,000; 6% of everything from 450,000" (cents, percent). */
const RETRO_BANDS: Array<{ from: bigint; percent: bigint }> = [
  { from: 0n, percent: 2n },
  { from: 25_000_000n, percent: 4n },
  { from: 45_000_000n, percent: 6n },
];
const BASE_PERCENT = 2n;

/** Integer cents from "1234.50" (the base recompute's output format). */
export function toCents(text: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`not cents: ${text}`);
  const v = BigInt(m[2]) * 100n + BigInt(m[3]);
  return m[1] === '-' ? -v : v;
}

/** Half-up division of a non-negative numerator. */
const divHalfUp = (num: bigint, den: bigint): bigint => (2n * num + den) / (2n * den);

/** The reached band's percent: the last band whose start the credited amount reaches (≥). */
function retroPercent(credited: bigint): bigint {
  let p = RETRO_BANDS[0].percent;
  for (const b of RETRO_BANDS) if (credited >= b.from) p = b.percent;
  return p;
}

/** The variant's result in the base recompute's shape (reps in name order). */
export function recomputeMavenVariant(dataDir: string): MavenExpected {
  const base = recomputeMaven2017(dataDir);
  let totalPayout = 0n;
  const reps = base.reps.map((r) => {
    const c = toCents(r.credited);
    // commission line = 2% of credited (unchanged); accelerator line = (reached rate − 2%) × credited.
    const commission = divHalfUp(c * BASE_PERCENT, 100n);
    const accelerator = divHalfUp(c * (retroPercent(c) - BASE_PERCENT), 100n);
    const strategic = toCents(r.strategic);
    const ranking = toCents(r.ranking);
    const forfeited = r.mustWinLost ? accelerator + strategic : 0n;
    const payout = commission + accelerator + strategic + ranking - forfeited;
    totalPayout += payout;
    return { ...r, commission: formatCents(commission), accelerator: formatCents(accelerator), forfeited: formatCents(forfeited), payout: formatCents(payout) };
  });
  return { ...base, reps, totals: { credited: base.totals.credited, payout: formatCents(totalPayout) } };
}
