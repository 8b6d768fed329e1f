/**
 * The column store (issue 10, scale): tables are held as typed columns, plain amounts are read
 * without a Decimal, and rows are made only when read. Values must be exactly those of the
 * general reader (`parseNumber`) and of a row-by-row reading.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plain, plainDecimal } from '../../src/data/column-store.js';
import { loadDataset, loadTableText } from '../../src/data/index.js';
import { parseNumber } from '../../src/data/numbers.js';
import { expectCounts, field, messages, table } from './helpers.js';
import { tempFolders } from './temp.js';

const folder = tempFolders();

const UTC = { timeZone: 'UTC' };

/** Text that looks like a number more often than not: digits, signs, points, commas, spaces, letters. */
const numberish = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '-', '+', '.', ',', ' ', 'e', 'O'), maxLength: 22 });
const plainText = fc
  .tuple(fc.boolean(), fc.string({ unit: fc.constantFrom('0', '1', '3', '7', '9'), minLength: 1, maxLength: 17 }), fc.option(fc.string({ unit: fc.constantFrom('0', '4', '8', '9'), minLength: 0, maxLength: 12 })))
  .map(([neg, int, frac]) => (neg ? '-' : '') + int + (frac === null ? '' : '.' + frac));

describe('plainDecimal: the fast path agrees with the general number reader', () => {
  it('reads the same value as parseNumber whenever it reads a cell (and never one parseNumber refuses)', () => {
    fc.assert(
      fc.property(fc.oneof(numberish, plainText), (text) => {
        const general = parseNumber(text, 'en');
        if (!plainDecimal(text)) return; // left to the general reader: nothing to compare
        expect(general).not.toBeNull();
        // units ÷ 10^scale, computed with decimal.js from the integer (independently of the store).
        const fast = new Decimal(plain.units).div(new Decimal(10).pow(plain.scale));
        expect(fast.toString()).toBe(general!.toString());
        expect(Number.isSafeInteger(plain.units)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the commonest cells and leaves the others to the general reader', () => {
    expect(plainDecimal('1000000.00')).toBe(true);
    expect([plain.units, plain.scale]).toEqual([100000000, 2]);
    expect(plainDecimal('-0.50')).toBe(true);
    expect([plain.units, plain.scale]).toEqual([-50, 2]);
    expect(plainDecimal('-0.00')).toBe(true);
    expect(Object.is(plain.units, 0)).toBe(true); // no negative zero
    for (const t of ['', '-', '.5', '5.', '+5', '1,234.50', ' 12', '1e3', '12.5OO', '1234567890123456', '0.00000000001']) expect(plainDecimal(t)).toBe(false);
  });
});

describe('tables held as columns', () => {
  const schema = table('deals', 'deals.csv', [
    field('id', 'text', { key: true }),
    field('amount', 'money', { optional: true }),
    field('rate', 'percent', { optional: true }),
    field('won', 'boolean', { optional: true }),
    field('closed', 'date', { optional: true }),
    field('at', 'timestamp', { format: 'YYYY-MM-DD HH:mm', optional: true }),
    field('region', 'text', { optional: true }),
  ]);
  const text =
    'id,amount,rate,won,closed,at,region\n' +
    'D1,1234.50,20%,yes,2017-03-31,2017-03-31 23:30,North\n' +
    'D2,"1,234,567,890,123.4567",7.5 %,no,,,North\n' + // grouped and 17 digits: general reader, kept as a Decimal
    'D3,,,,2017-01-01,,\n' +
    'D4,-0.01,0,1,1969-12-31,1969-12-31 00:00,South\n';

  it('gives each value as the row-by-row reading wrote it, and makes the rows only when they are read', () => {
    const t = loadTableText(schema, text, UTC);
    const columns = t.columns!;
    expect(columns).not.toBeNull();
    expect(columns.length).toBe(4);
    // Read through the columns (no rows made yet).
    expect(columns.value(0, 0)).toBe('D1');
    expect(String(columns.value(0, 1))).toBe('1234.5');
    expect(String(columns.value(0, 2))).toBe('0.2');
    expect(columns.value(0, 3)).toBe(true);
    expect(columns.value(0, 4)).toBe(Date.UTC(2017, 2, 31));
    expect(columns.value(0, 5)).toBe(Date.UTC(2017, 2, 31, 23, 30));
    expect(String(columns.value(1, 1))).toBe('1234567890123.4567');
    expect(String(columns.value(1, 2))).toBe('0.075');
    expect(columns.value(1, 4)).toBeNull();
    expect(columns.value(2, 1)).toBeNull();
    expect(columns.value(2, 3)).toBeNull();
    expect(columns.value(2, 6)).toBeNull();
    expect(String(columns.value(3, 1))).toBe('-0.01');
    expect(columns.value(3, 4)).toBe(Date.UTC(1969, 11, 31));
    expect(columns.line(3)).toBe(5);
    expect(t.columns).toBe(columns);
    // Reading the rows makes them once; the columns are then no longer offered.
    const rows = t.rows;
    expect(t.columns).toBeNull();
    expect(t.rows).toBe(rows);
    expectCounts(t, 4, 4);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(rows[0].values.map(String)).toEqual(['D1', '1234.5', '0.2', 'true', String(Date.UTC(2017, 2, 31)), String(Date.UTC(2017, 2, 31, 23, 30)), 'North']);
    expect(rows[0].values[1]).toBeInstanceOf(Decimal);
    expect(rows[1].values[6]).toBe(rows[0].values[6]); // one string for a repeated text
    expect(t.byKey!.get('D4')).toBe(rows[3]);
  });

  it('reads an added column (a derived field) like the others, kept or computed on each read, and in the rows made after', () => {
    const t = loadTableText(schema, text, UTC);
    const columns = t.columns!;
    // Field 7: kept values (one past the end reads as missing); field 9: amount × 2 computed per read; field 8 not added yet.
    columns.addColumn(7, ['a', null, 'c']);
    let reads = 0;
    columns.addColumn(9, (i) => {
      reads++;
      const amount = columns.value(i, 1) as Decimal | null;
      return amount === null ? null : amount.mul(2);
    });
    expect([0, 1, 2, 3].map((i) => columns.value(i, 7))).toEqual(['a', null, 'c', null]);
    expect(columns.value(0, 8)).toBeNull();
    // By hand: 1234.50 × 2 = 2469; missing stays missing; −0.01 × 2 = −0.02.
    const show = (v: unknown) => (v === null ? null : String(v));
    expect([0, 2, 3].map((i) => show(columns.value(i, 9)))).toEqual(['2469', null, '-0.02']);
    expect(reads).toBe(3); // one computation per read, none kept
    expect(() => columns.addColumn(1, [])).toThrow('field 1 is a source field of the table');
    // Rows made now hold the added fields in their slots (the missing slot as missing).
    const rows = t.rows;
    expect(rows[0].values.slice(7).map(show)).toEqual(['a', null, '2469']);
    expect(rows[3].values.slice(7).map(show)).toEqual([null, null, '-0.02']);
  });

  it('drops the rows a lookup rejects from the columns, keeping read = used + rejected', () => {
    const dir = folder({
      'reps.csv': 'rep_id\nR1\nR2\n',
      'acts.csv': 'id,rep,value\nA1,R1,10.00\nA2,R9,20.00\nA3,R2,oops\nA4,R2,30.5\n',
    });
    const reps = table('reps', 'reps.csv', [field('rep_id', 'text', { key: true })]);
    const acts = table('acts', 'acts.csv', [field('id', 'text', { key: true }), field('rep', 'text', { lookup: 'reps' }), field('value', 'money')]);
    const d = loadDataset([reps, acts], dir, UTC);
    const t = d.tables.get('acts')!;
    const columns = t.columns!;
    expect(columns).not.toBeNull(); // the lookup check read the columns
    expect(columns.length).toBe(2);
    expect([columns.line(0), columns.line(1)]).toEqual([2, 5]);
    expect([String(columns.value(0, 2)), String(columns.value(1, 2))]).toEqual(['10', '30.5']);
    expectCounts(t, 4, 2);
    expect(messages(t)).toEqual([
      'acts.csv:3: rep: "R9" is not in reps (reps.csv)',
      'acts.csv:4: value: expected an amount, got "oops"',
    ]);
  });
});

describe('columns as narrow as their values (issue 10, scale)', () => {
  // 40,000 rows: a text column whose dictionary passes 127 and then 32,767 distinct values (codes
  // widened from a byte to two, then four), a text column of 3 values, an amount that fits in
  // Int32 cents until row 30,001 (then Float64), missing values, a blank line and a rejected row
  // (the count of lines, and of key entries, broken part way).
  const n = 40_000;
  const wide = (i: number) => (i % 7 === 3 ? '' : `Contact ${i < 1000 ? i % 200 : i}`);
  const small = (i: number) => ['north', 'south', ''][i % 3];
  const amount = (i: number) => (i === 30_001 ? '21474836.48' : i % 5 === 0 ? '' : `${i}.${String(i % 100).padStart(2, '0')}`);
  // Days in Int16 until 2100-01-01 at row 35,000 (then Int32), missing ones before and after.
  const on = (i: number) => (i % 11 === 0 ? '' : i === 35_000 ? '2100-01-01' : new Date(Date.UTC(1990, 0, 1) + (i % 3000) * 86_400_000).toISOString().slice(0, 10));
  const lines = ['id,contact,region,amount,on'];
  const expected: { line: number; id: string; contact: string | null; region: string | null; amount: string | null; on: number | null }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 20_000) lines.push(''); // a blank line: not a record
    if (i === 25_000) lines.push(`X${i},Contact 1,north,not money,`); // rejected
    lines.push(`R${i},${wide(i)},${small(i)},${amount(i)},${on(i)}`);
    // Expected independently: the line is the 1-based position in `lines`; "12.05" reads as 12.05.
    expected.push({ line: lines.length, id: `R${i}`, contact: wide(i) || null, region: small(i) || null, amount: amount(i) === '' ? null : new Decimal(amount(i)).toString(), on: on(i) === '' ? null : Date.parse(`${on(i)}T00:00:00Z`) });
  }
  const schema = table('people', 'people.csv', [field('id', 'text', { key: true }), field('contact', 'text', { optional: true }), field('region', 'text', { optional: true }), field('amount', 'money', { optional: true }), field('on', 'date', { optional: true })]);

  it('reads every value, line and key as written — from the bytes (stream) and from the text', () => {
    const dir = folder({ 'people.csv': lines.join('\n') + '\n' });
    const streamed = loadDataset([schema], dir, UTC).tables.get('people')!;
    const whole = loadTableText(schema, lines.join('\n') + '\n', UTC);
    for (const t of [streamed, whole]) {
      const columns = t.columns!;
      expect(columns).not.toBeNull();
      const show = (v: unknown) => (v === null ? null : String(v));
      for (let i = 0; i < n; i++) {
        const e = expected[i];
        const got = { line: columns.line(i), id: columns.value(i, 0), contact: columns.value(i, 1), region: columns.value(i, 2), amount: show(columns.value(i, 3)), on: columns.value(i, 4) };
        if (JSON.stringify(got) !== JSON.stringify(e)) expect(got).toEqual(e);
      }
      expect(columns.code(0, 2)).toBe(columns.code(3, 2)); // one code per distinct text
      expectCounts(t, n + 1, n);
      expect(messages(t)).toEqual(['people.csv:25003: amount: expected an amount, got "not money"']);
      expect(t.byKey!.get('R39999')!.line).toBe(n + 3);
    }
  });
});
