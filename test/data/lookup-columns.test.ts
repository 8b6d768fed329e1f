/**
 * Lookups into a table still held as columns (issue 10, scale): its keys are asked through the
 * keys seen while reading it, without making its rows or an index of them. Rejected rows,
 * cascades and messages are those the method states (docs/errors.md, lookups), worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import { field, messages, table } from './helpers.js';
import { tempFolders } from './temp.js';

const folder = tempFolders();
const UTC = { timeZone: 'UTC' };

const reps = table('reps', 'reps.csv', [field('id', 'text', { key: true })]);
const deals = table('deals', 'deals.csv', [field('id', 'text', { key: true }), field('rep', 'text', { lookup: 'reps' }), field('amount', 'money')]);
const collections = table('collections', 'collections.csv', [field('id', 'text', { key: true }), field('deal', 'text', { lookup: 'deals' }), field('amount', 'money')]);

describe('lookups into a table held as columns', () => {
  it('rejects what names no accepted row, cascading, with the messages of the row path', () => {
    const dir = folder({
      'reps.csv': 'id\nR1\nR2\n',
      // D2: bad amount (rejected while read); D3: its rep is unknown (rejected by the lookup); D1 twice (line 6 rejected).
      'deals.csv': 'id,rep,amount\nD1,R1,100\nD2,R1,x\nD3,R9,50\nD4,R2,70\nD1,R2,5\n',
      // C1 → D1 fine; C2 → D2 (rejected while read); C3 → D3 (rejected by its own lookup: cascade);
      // C4 → d4 (no such key, D4 with other capitals); C5 → D4 fine; C6 → D1 again fine.
      'collections.csv': 'id,deal,amount\nC1,D1,10\nC2,D2,10\nC3,D3,10\nC4,d4,10\nC5,D4,10\nC6,D1,1\n',
    });
    const data = loadDataset([reps, deals, collections], dir, UTC);
    const d = data.tables.get('deals')!;
    const c = data.tables.get('collections')!;
    expect([d.read, d.used, c.read, c.used]).toEqual([5, 2, 6, 3]);
    expect(d.rows.map((r) => r.values[0])).toEqual(['D1', 'D4']);
    expect(c.rows.map((r) => r.values[0])).toEqual(['C1', 'C5', 'C6']);
    expect(messages(d)).toEqual([
      'deals.csv:3: amount: expected an amount, got "x"',
      'deals.csv:4: rep: "R9" is not in reps (reps.csv)',
      'deals.csv:6: id: duplicate "D1", first seen on line 2',
    ]);
    expect(messages(c)).toEqual([
      'collections.csv:3: deal: "D2" is in deals (deals.csv) but its row on line 3 was rejected',
      'collections.csv:4: deal: "D3" is in deals (deals.csv) but its row on line 4 was rejected',
      'collections.csv:5: deal: "d4" is not in deals (deals.csv); "D4" is, with other capitals (keys are compared exactly)',
    ]);
  });

  it('checks each lookup column of a table, each distinct value once, and rejects a row with every lookup it fails', () => {
    const accounts = table('accounts', 'accounts.csv', [field('id', 'text', { key: true })]);
    const acts = table('acts', 'acts.csv', [field('id', 'text', { key: true }), field('rep', 'text', { lookup: 'reps', optional: true }), field('account', 'text', { lookup: 'accounts' })]);
    const dir = folder({
      'reps.csv': 'id\nR1\nR2\n',
      'accounts.csv': 'id\nA1\n',
      // X1 fine; X2 bad rep; X3 bad account; X4 both bad; X5 the bad rep again; X6 no rep (optional), fine; X7 fine.
      'acts.csv': 'id,rep,account\nX1,R1,A1\nX2,R7,A1\nX3,R2,A9\nX4,R7,A8\nX5,R7,A1\nX6,,A1\nX7,R2,A1\n',
    });
    const data = loadDataset([reps, accounts, acts], dir, UTC);
    const t = data.tables.get('acts')!;
    expect([t.read, t.used]).toEqual([7, 3]);
    expect(t.rows.map((r) => [r.line, r.values[0]])).toEqual([
      [2, 'X1'],
      [7, 'X6'],
      [8, 'X7'],
    ]);
    expect(messages(t)).toEqual([
      'acts.csv:3: rep: "R7" is not in reps (reps.csv)',
      'acts.csv:4: account: "A9" is not in accounts (accounts.csv)',
      // Both issues of line 5, in the order of its columns.
      'acts.csv:5: rep: "R7" is not in reps (reps.csv)',
      'acts.csv:5: account: "A8" is not in accounts (accounts.csv)',
      'acts.csv:6: rep: "R7" is not in reps (reps.csv)',
    ]);
  });
});
