import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, loadDataset, type Dataset } from '../../src/data/index.js';
import type { TableSchema } from '../../src/graph/tables.js';
import { expectCounts, field, messages, table } from './helpers.js';
import { thrown } from './temp.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes `files` into a fresh temporary folder and returns its path. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'playbook-data-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const reps = table('reps', 'sales_teams.csv', [field('sales_agent', 'text', { key: true }), field('manager', 'text', { optional: true, lookup: 'managers' })]);
const managers = table('managers', 'managers.csv', [field('name', 'text', { key: true })]);
const products = table('products', 'products.csv', [field('product', 'text', { key: true })]);
const deals = table('deals', 'sales_pipeline.csv', [
  field('id', 'text', { key: true, column: 'opportunity_id' }),
  field('agent', 'text', { column: 'sales_agent', lookup: 'reps' }),
  field('product', 'text', { aliases: [{ from: 'GTXPro', to: 'GTX Pro' }], lookup: 'products' }),
  field('helper', 'text', { optional: true, lookup: 'reps' }),
  field('value', 'money', { column: 'close_value' }),
]);
const schemas: TableSchema[] = [deals, reps, managers, products];

function counts(ds: Dataset): void {
  for (const t of ds.tables.values()) expect(t.read).toBe(t.used + t.rejected.length);
}

describe('loadDataset', () => {
  const dir = folder({
    'managers.csv': 'name\nDustin\nCara\n',
    'sales_teams.csv': 'sales_agent,manager\nMoses Frase,Dustin\nAnna Snelling,\nGhost Agent,Nobody\nBad Agent,Cara\nBad Agent,Dustin\n',
    'products.csv': 'product\nGTX Pro\nMG Special\n',
    'sales_pipeline.csv': [
      'opportunity_id,sales_agent,product,helper,close_value',
      'D1,Moses Frase,GTXPro,,100', // 2: alias + optional lookup empty
      'D2,Jane Roe,MG Special,,200', // 3: agent not in reps
      'D3,Anna Snelling,GTX Basic,Moses Frase,300', // 4: product not in products
      'D4,Ghost Agent,GTX Pro,,400', // 5: rep row rejected by its own lookup (cascade)
      'D5,Anna Snelling,MG Special,Jane Roe,oops', // 6: bad value AND bad helper lookup
      'D6,Bad Agent,MG Special,Anna Snelling,600', // 7: rep Bad Agent is used (line 5); its duplicate on line 6 is rejected
    ].join('\n'),
  });
  const ds = loadDataset(schemas, dir, { timeZone: 'UTC' });

  it('keeps read = used + rejected for every table', () => {
    counts(ds);
    expectCounts(ds.tables.get('managers')!, 2, 2);
    expectCounts(ds.tables.get('reps')!, 5, 3);
    expectCounts(ds.tables.get('products')!, 2, 2);
    expectCounts(ds.tables.get('deals')!, 6, 2);
  });

  it('rejects values that are not keys of the looked-up table, with plain messages', () => {
    expect(messages(ds.tables.get('reps')!)).toEqual([
      'sales_teams.csv:4: manager: "Nobody" is not in managers (managers.csv)',
      'sales_teams.csv:6: sales_agent: duplicate "Bad Agent", first seen on line 5',
    ]);
    expect(messages(ds.tables.get('deals')!)).toEqual([
      'sales_pipeline.csv:3: sales_agent: "Jane Roe" is not in reps (sales_teams.csv)',
      'sales_pipeline.csv:4: product: "GTX Basic" is not in products (products.csv)',
      'sales_pipeline.csv:5: sales_agent: "Ghost Agent" is in reps (sales_teams.csv) but its row on line 4 was rejected',
      'sales_pipeline.csv:6: close_value: expected an amount, got "oops"',
      'sales_pipeline.csv:6: helper: "Jane Roe" is not in reps (sales_teams.csv)',
    ]);
  });

  it('a lookup of a key whose row was rejected for its number of cells says so (not "is not in reps")', () => {
    const d2 = loadDataset(
      [table('deals', 'deals.csv', [field('id', 'text', { key: true }), field('agent', 'text', { lookup: 'reps' })]), reps, managers],
      folder({ 'managers.csv': 'name\nDustin\n', 'sales_teams.csv': 'sales_agent,manager\nMoses Frase,Dustin,extra\nAnna Snelling,Dustin\n', 'deals.csv': 'id,agent\nD1,Moses Frase\nD2,Anna Snelling\n' }),
      { timeZone: 'UTC' },
    );
    expect(messages(d2.tables.get('reps')!)).toEqual(['sales_teams.csv:2: expected 2 columns, got 3: the row reads "Moses Frase,Dustin,extra"']);
    expect(messages(d2.tables.get('deals')!)).toEqual(['deals.csv:2: agent: "Moses Frase" is in reps (sales_teams.csv) but its row on line 2 was rejected']);
    counts(d2);
    expectCounts(d2.tables.get('deals')!, 2, 1);
  });

  it('applies aliases before the lookup and accepts an empty optional lookup', () => {
    const d = ds.tables.get('deals')!;
    expect(d.rows.map((r) => r.line)).toEqual([2, 7]);
    expect(d.rows[0].values).toEqual(['D1', 'Moses Frase', 'GTX Pro', null, expect.anything()]);
    expect(d.byKey!.has('D2')).toBe(false);
    expect(d.byKey!.has('D6')).toBe(true);
    expect(ds.tables.get('reps')!.byKey!.has('Ghost Agent')).toBe(false);
  });

  it('a value an alias makes that is not a key points at the alias, with the nearest key', () => {
    const typo = table('deals', 'deals.csv', [field('id', 'text', { key: true }), field('product', 'text', { aliases: [{ from: 'GTXPro', to: 'GTX Pr' }], lookup: 'products' })]);
    const d2 = loadDataset([typo, products], folder({ 'products.csv': 'product\nGTX Pro\nMG Special\n', 'deals.csv': 'id,product\nD1,GTXPro\nD2,GTX Pro\nD3,GTX Pr\n' }), { timeZone: 'UTC' });
    // D1's "GTXPro" becomes "GTX Pr" by the alias; D3's file itself says "GTX Pr": once read they are the same value, and the words fit both.
    const blamed = (line: number) =>
      `deals.csv:${line}: product: "GTX Pr" is not in products (products.csv); it is what the playbook's alias "GTXPro" = "GTX Pr" turns "GTXPro" into, and the alias may be mistyped (did you mean "GTX Pro"?)`;
    expect(messages(d2.tables.get('deals')!)).toEqual([blamed(2), blamed(4)]);
    expectCounts(d2.tables.get('deals')!, 3, 1);
  });

  it('a value with two spaces where the key has one names the key; a line break is called a line break', () => {
    const d2 = loadDataset(
      [table('deals', 'deals.csv', [field('id', 'text', { key: true }), field('agent', 'text', { lookup: 'reps' })]), reps, managers],
      folder({ 'managers.csv': 'name\nDustin\n', 'sales_teams.csv': 'sales_agent,manager\nAnna Snelling,Dustin\n', 'deals.csv': 'id,agent\nD1,Anna  Snelling\nD2,"Anna\nSnelling"\nD3,anna  snelling\n' }),
      { timeZone: 'UTC' },
    );
    const issues = d2.tables.get('deals')!.rejected.flatMap((r) => r.issues.map((i) => i.message));
    expect(issues).toContain('deals.csv:2: agent: "Anna  Snelling" is not in reps (sales_teams.csv); "Anna Snelling" is, with other spacing (keys are compared exactly)');
    expect(issues).toContain('deals.csv:3: agent: "Anna\\nSnelling" is not in reps (sales_teams.csv); it holds a line break (shown as \\n)');
    expect(issues).toContain('deals.csv:5: agent: "anna  snelling" is not in reps (sales_teams.csv); "Anna Snelling" is, with other capitals and spacing (keys are compared exactly)');
    expect(issues.join('\n')).not.toContain('invisible');
    counts(d2);
  });

  it('a lookup issue carries structured fields', () => {
    const issue = ds.tables.get('deals')!.rejected[0].issues[0];
    expect(issue).toMatchObject({ table: 'deals', file: 'sales_pipeline.csv', line: 3, column: 'sales_agent', field: 'agent', value: 'Jane Roe' });
  });

  it('lists all rejected rows sorted by file then line', () => {
    expect(ds.rejected.map((r) => `${r.file}:${r.line}`)).toEqual([
      'sales_pipeline.csv:3',
      'sales_pipeline.csv:4',
      'sales_pipeline.csv:5',
      'sales_pipeline.csv:6',
      'sales_teams.csv:4',
      'sales_teams.csv:6',
    ]);
    expect(ds.rejected.find((r) => r.line === 6 && r.file === 'sales_pipeline.csv')!.issues).toHaveLength(2);
  });
});

describe('loadDataset: whole-file problems', () => {
  it('file not found names the file and the folder', () => {
    const dir = folder({});
    let err: unknown;
    try {
      loadDataset([products], dir, { timeZone: 'UTC' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).file).toBe('products.csv');
    expect((err as DataError).message).toBe(`products.csv: file not found in the data folder ${dir} (table products)`);
  });

  it('a missing file whose name the folder has with other capitals: named, so the analyst sees why', () => {
    const dir = folder({ 'Products.CSV': 'product\nA\n', 'other.csv': 'x\n' });
    expect(thrown(() => loadDataset([products], dir, { timeZone: 'UTC' })).message).toBe(
      `products.csv: file not found in the data folder ${dir} (table products); the folder has "Products.CSV": rename the file, or name it so in the playbook (file names must match exactly, capitals included)`,
    );
  });

  it('a lookup of an undeclared table', () => {
    const dir = folder({ 'sales_teams.csv': 'sales_agent,manager\nA,B\n' });
    expect(() => loadDataset([reps], dir, { timeZone: 'UTC' })).toThrow(
      'sales_teams.csv: column "manager" looks values up in table "managers", but no such table is declared (tables: reps)',
    );
  });

  it('a lookup of a table without key', () => {
    const dir = folder({ 'sales_teams.csv': 'sales_agent,manager\nA,B\n', 'managers.csv': 'name\nB\n' });
    const noKey = table('managers', 'managers.csv', [field('name', 'text')]);
    expect(() => loadDataset([reps, noKey], dir, { timeZone: 'UTC' })).toThrow('but that table has no key column');
  });

  it('two tables with the same name', () => {
    const dir = folder({ 'products.csv': 'product\nA\n', 'p2.csv': 'product\nB\n' });
    expect(() => loadDataset([products, { ...products, file: 'p2.csv' }], dir, { timeZone: 'UTC' })).toThrow(
      'p2.csv: table name "products" is already used for products.csv',
    );
  });
});

describe('a lookup value that is a key written with an invisible character', () => {
  it('names that key with the character written out, and the file to fix it in', () => {
    const dir = folder({
      // A no-break space in one manager's name and a zero-width space in another's: both look like the values in sales_teams.csv.
      'managers.csv': 'name\nDustin\u00a0Brinkmann\nCara\u200bLosch\n',
      'sales_teams.csv': 'sales_agent,manager\nMoses Frase,Dustin Brinkmann\nAnna Snelling,CaraLosch\n',
      'products.csv': 'product\nGTX Pro\n',
      'sales_pipeline.csv': 'opportunity_id,sales_agent,product,helper,close_value\n',
    });
    const ds = loadDataset(schemas, dir, { timeZone: 'UTC' });
    expect(messages(ds.tables.get('reps')!)).toEqual([
      'sales_teams.csv:2: manager: "Dustin Brinkmann" is not in managers (managers.csv); "Dustin\\u00A0Brinkmann" is, written with invisible characters (shown as \\u…): remove them in managers.csv',
      'sales_teams.csv:3: manager: "CaraLosch" is not in managers (managers.csv); "Cara\\u200BLosch" is, written with invisible characters (shown as \\u…): remove them in managers.csv',
    ]);
  });
});

describe('a lookup value that is a key with other capitals', () => {
  const dir = folder({
    'managers.csv': 'name\nDustin\nCara\n',
    'sales_teams.csv': 'sales_agent,manager\nMoses Frase,dustin\nAnna Snelling,Nobody\n',
    'products.csv': 'product\nGTX Pro\n',
    'sales_pipeline.csv': 'opportunity_id,sales_agent,product,helper,close_value\nD1,moses frase,GTX Pro,,100\n',
  });
  const ds = loadDataset(schemas, dir, { timeZone: 'UTC' });

  it('names the key it nearly is, and still rejects the row (keys are compared exactly)', () => {
    counts(ds);
    expect(messages(ds.tables.get('reps')!)).toEqual([
      'sales_teams.csv:2: manager: "dustin" is not in managers (managers.csv); "Dustin" is, with other capitals (keys are compared exactly)',
      'sales_teams.csv:3: manager: "Nobody" is not in managers (managers.csv)',
    ]);
    expect(messages(ds.tables.get('deals')!)).toEqual([
      // Moses Frase is in reps with other capitals (its own row is rejected afterwards, for its manager).
      'sales_pipeline.csv:2: sales_agent: "moses frase" is not in reps (sales_teams.csv); "Moses Frase" is, with other capitals (keys are compared exactly)',
    ]);
  });
});
