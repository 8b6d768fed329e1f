/**
 * Seeded generators of deals and activities for the json-rules-engine differential test
 * (test/interop/fixtures/differential.playbook): missing values, zero, negative amounts,
 * values exactly on each threshold (a 20% discount, 10%/25%/30% margins, 1,000 and 2,000),
 * list prices of zero and missing, dates at month ends and on the plan year's edges, and
 * timestamps with offsets from other time zones around midnight.
 * Records are keyed by field name with text cells (null = empty).
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';

export type Rec = Record<string, string | null>;

export const REPS: Rec[] = [{ rep_id: 'r1', name: 'Ann' }, { rep_id: 'r2', name: 'Bo' }];
export const ACCOUNTS: Rec[] = [{ account_id: 'a1', strategic: 'true' }, { account_id: 'a2', strategic: 'false' }, { account_id: 'a3', strategic: null }];
export const PRODUCTS: Rec[] = [
  { product: 'p1', list_price: '1000' },
  { product: 'p2', list_price: '0' },
  { product: 'p3', list_price: null },
  { product: 'p4', list_price: '123.45' },
];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 6 });
const pad = (n: number) => String(n).padStart(2, '0');
/** Month ends and the edges of the plan year (April 2026 – March 2027), and any day of 2025–2027. */
const date = fc.oneof(
  fc.constantFrom('2026-03-31', '2026-04-01', '2026-06-29', '2026-06-30', '2026-07-01', '2026-12-31', '2027-02-28', '2027-03-31', '2027-04-01', '2024-02-29', '2025-12-31'),
  fc.record({ y: fc.integer({ min: 2025, max: 2027 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`),
);
/** Timestamps with offsets from other time zones, around midnight of month ends (converted to the playbook's zone). */
const timestamp = fc.oneof(
  fc.constantFrom('2026-06-30T23:30:00-05:00', '2026-07-01T03:59:59Z', '2026-07-01T04:00:00Z', '2026-07-01T12:00:00+08:00', '2026-04-01T00:00:00-04:00', '2027-03-31T23:59:59.999-04:00'),
  fc.record({ day: date, h: fc.integer({ min: 0, max: 23 }), off: fc.constantFrom('Z', '+08:00', '-05:00', '+05:30', '') }).map(({ day, h, off }) => `${day}T${pad(h)}:15:00${off}`),
);
const cents = fc.integer({ min: -500_000, max: 500_000 }).map((c) => new Decimal(c).div(100).toFixed(2));
/** Amounts on thresholds: 80% of each list price (a 20% discount), ±1,000 (the bonus), zero, negative. */
const amount = fc.oneof(fc.constantFrom('0', '800', '800.00', '799.99', '800.01', '98.76', '98.75', '98.77', '1000', '-1000', '999.99', '-999.99', '1000.01', '-250'), cents);

export const deal: fc.Arbitrary<Rec> = fc
  .record({
    rep: maybe(fc.constantFrom('r1', 'r2')),
    account: maybe(fc.constantFrom('a1', 'a2', 'a3')),
    product: maybe(fc.constantFrom('p1', 'p2', 'p3', 'p4')),
    stage: maybe(fc.constantFrom('Won', 'Lost', 'Open')),
    created_on: maybe(date),
    close_date: maybe(date),
    amount: maybe(amount),
    // Cost as a share of the amount: margins of exactly 10%, 25%, 30% and 0%, or anything.
    costShare: fc.oneof(fc.constantFrom('0.9', '0.75', '0.7', '1', '0'), fc.integer({ min: -20, max: 120 }).map((p) => String(p / 100))),
    costKind: fc.constantFrom('share', 'share', 'free', 'missing'),
    freeCost: cents,
    logged_at: maybe(timestamp),
  })
  .map((r) => {
    const cost = r.costKind === 'missing' ? null : r.costKind === 'free' || r.amount === null ? r.freeCost : new Decimal(r.amount).mul(r.costShare).toFixed();
    return { rep: r.rep, account: r.account, product: r.product, stage: r.stage, created_on: r.created_on, close_date: r.close_date, amount: r.amount, cost, logged_at: r.logged_at };
  });

export const activity: fc.Arbitrary<Rec> = fc.record({
  date: maybe(date),
  rep: maybe(fc.constantFrom('r1', 'r2')),
  account: fc.constantFrom('a1', 'a2'),
  action: fc.constantFrom('gift', 'family_trip', 'office_visit', 'Gift'),
  value: maybe(fc.oneof(fc.constantFrom('2000', '2000.00', '2000.01', '1999.99', '0', '-5'), cents)),
});

/** `n` records from `arb`, the same for the same seed; ids `prefix1`, `prefix2`, … */
export function sample(arb: fc.Arbitrary<Rec>, n: number, seed: number, prefix: string): Rec[] {
  return fc.sample(arb, { seed, numRuns: n }).map((r, i) => ({ id: `${prefix}${i + 1}`, ...r }));
}

const cell = (v: string | null) => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** CSV text with the given header, one line per record (columns → field names). */
export function toCsv(columns: [column: string, field: string][], records: Rec[]): string {
  return [columns.map(([c]) => c).join(','), ...records.map((r) => columns.map(([, f]) => cell(r[f] ?? null)).join(','))].join('\n') + '\n';
}
