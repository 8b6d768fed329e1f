/**
 * Loads the real public CRM export (../shared/data/maven-crm, read-only) and checks
 * facts documented in its README.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { loadDataset, type LoadedTable } from '../../src/data/index.js';
import type { TableSchema } from '../../src/graph/tables.js';
import { expectCounts, field, table } from './helpers.js';

const dir = fileURLToPath(new URL('../../../shared/data/maven-crm/', import.meta.url));

const schemas: TableSchema[] = [
  table('deals', 'sales_pipeline.csv', [
    field('opportunity_id', 'text', { key: true }),
    field('sales_agent', 'text', { lookup: 'reps' }),
    field('product', 'text', { aliases: [{ from: 'GTXPro', to: 'GTX Pro' }], lookup: 'products' }),
    field('account', 'text', { optional: true, lookup: 'accounts' }),
    field('deal_stage', 'text'),
    field('engage_date', 'date', { optional: true, format: 'YYYY-MM-DD' }),
    field('close_date', 'date', { optional: true }),
    field('close_value', 'money', { optional: true }),
  ]),
  table('reps', 'sales_teams.csv', [field('sales_agent', 'text', { key: true })]),
  table('products', 'products.csv', [field('product', 'text', { key: true }), field('sales_price', 'money')]),
  table('accounts', 'accounts.csv', [field('account', 'text', { key: true }), field('revenue', 'number')]),
];

describe.skipIf(!existsSync(dir))('real CRM export (maven-crm)', () => {
  const ds = loadDataset(schemas, dir, { timeZone: 'America/New_York' });
  const deals = ds.tables.get('deals') as LoadedTable;
  const col = (name: string) => deals.fieldIndex.get(name)!;

  it('reads and uses every row', () => {
    expectCounts(deals, 8800, 8800);
    expectCounts(ds.tables.get('reps')!, 35, 35);
    expectCounts(ds.tables.get('accounts')!, 85, 85);
    expectCounts(ds.tables.get('products')!, 7, 7);
    expect(ds.rejected).toEqual([]);
    expect(deals.rows[0].line).toBe(2);
    expect(deals.rows[8799].line).toBe(8801);
  });

  it('sums won close_value exactly to 10,005,534', () => {
    const won = deals.rows.filter((r) => r.values[col('deal_stage')] === 'Won');
    expect(won).toHaveLength(4238);
    const sum = won.reduce((s, r) => s.plus(r.values[col('close_value')] as Decimal), new Decimal(0));
    expect(sum.toFixed()).toBe('10005534');
  });

  it('matches the other documented facts', () => {
    const stage = (s: string) => deals.rows.filter((r) => r.values[col('deal_stage')] === s);
    expect([stage('Lost').length, stage('Engaging').length, stage('Prospecting').length]).toEqual([2473, 1589, 500]);
    expect(stage('Lost').every((r) => (r.values[col('close_value')] as Decimal).isZero())).toBe(true);
    expect(deals.rows.filter((r) => r.values[col('account')] === null)).toHaveLength(1425);
    const closes = deals.rows.map((r) => r.values[col('close_date')]).filter((v): v is number => v !== null);
    expect(Math.min(...closes)).toBe(Date.UTC(2017, 2, 1));
    expect(Math.max(...closes)).toBe(Date.UTC(2017, 11, 31));
    expect(closes.filter((ms) => new Date(ms).getUTCDate() >= 30)).toHaveLength(370);
    expect(deals.rows.some((r) => r.values[col('product')] === 'GTXPro')).toBe(false);
    expect(deals.byKey!.get('1C1I7A6R')!.values[col('engage_date')]).toBe(Date.UTC(2016, 9, 20));
  });

});
