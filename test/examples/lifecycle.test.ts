/**
 * collections.csv and progress.csv of the key-account example (examples/generator/lifecycle.ts),
 * recomputed from the CSV text alone with exact integer money: every row names a deal won in
 * 2026 and is dated between its close and the extraction date; a deal never collects more than
 * its amount; percent complete only rises and ends at most at 100%; the planted cancelled order
 * (named in the README) collects nothing and stops at 10%; late payers leave deals unpaid.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/key-account');
type Row = Record<string, string>;
const rows = (file: string) => parse(readFileSync(path.join(DIR, file), 'utf8'), { columns: true }) as Row[];
const fen = (v: string) => {
  const m = /^(\d+)\.(\d{2})$/.exec(v);
  if (!m) throw new Error(`not money: ${v}`);
  return BigInt(m[1]) * 100n + BigInt(m[2]);
};

const deals = new Map(rows('deals.csv').map((d) => [d.deal_id, d]));
const collections = rows('collections.csv');
const progress = rows('progress.csv');
const END = '2027-06-30';
const cancelled = /\*\*The cancelled order\*\*: (D\d{4})/.exec(readFileSync(path.join(DIR, 'README.md'), 'utf8'))![1];

describe('examples/key-account: after the booking', () => {
  it('every row names a deal won in 2026, dated from its close to the extraction date', () => {
    for (const r of [...collections, ...progress]) {
      const d = deals.get(r.deal_id);
      expect(d?.stage, r.deal_id).toBe('Won');
      expect(d!.close_date.startsWith('2026-')).toBe(true);
      expect(r.date > d!.close_date && r.date <= END, `${r.deal_id} ${r.date}`).toBe(true);
    }
  });
  it('no deal collects more than its amount; some deals are not fully paid', () => {
    const paid = new Map<string, bigint>();
    for (const c of collections) paid.set(c.deal_id, (paid.get(c.deal_id) ?? 0n) + fen(c.amount));
    for (const [id, amount] of paid) expect(amount <= fen(deals.get(id)!.amount), id).toBe(true);
    const wonIn2026 = [...deals.values()].filter((d) => d.stage === 'Won' && d.close_date.startsWith('2026-'));
    const short = wonIn2026.filter((d) => (paid.get(d.deal_id) ?? 0n) < fen(d.amount));
    expect(short.length).toBeGreaterThan(1);
    expect(short.length).toBeLessThan(wonIn2026.length / 4);
  });
  it('percent complete only rises and never passes 100%', () => {
    const last = new Map<string, number>();
    for (const p of progress) {
      const pct = Number(p.percent_complete.replace('%', ''));
      expect(pct).toBeGreaterThan(last.get(p.deal_id) ?? -1);
      expect(pct).toBeLessThanOrEqual(100);
      last.set(p.deal_id, pct);
    }
  });
  it('the cancelled order collects nothing and stops at 10%', () => {
    expect(deals.get(cancelled)?.stage).toBe('Won');
    expect(collections.filter((c) => c.deal_id === cancelled)).toEqual([]);
    expect(progress.filter((p) => p.deal_id === cancelled).map((p) => p.percent_complete)).toEqual(['10%']);
  });
});
