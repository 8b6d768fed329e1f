/**
 * Issue 8, "Dates whose day and month are swapped" and two-digit years.
 */
import { describe, expect, it } from 'vitest';
import { compileDateReader, swappedFormat } from '../../src/data/dates.js';
import { DataError, loadTableText } from '../../src/data/index.js';
import { INVALID } from '../../src/data/sentinels.js';
import { expectCounts, field, messages, table } from './helpers.js';
import { thrown } from './temp.js';

const UTC = { timeZone: 'UTC' };
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const deals = (format: string) => table('deals', 'deals.csv', [field('id', 'text'), field('closed', 'date', { format, column: 'close_date' })]);
const csv = (dates: string[]) => ['id,close_date', ...dates.map((d, i) => `D${i + 1},${d}`)].join('\n');

describe('D/M/YYYY declared over month-first data', () => {
  // Month first: 3/25 and 12/31 exist only so; 3/5 and 1/2 read either way.
  const data = csv(['3/5/2017', '3/25/2017', '1/2/2017', '12/31/2017', '11/13/2017']);

  it('stops and says which order the data uses, with an example row and the counts', () => {
    const err = thrown(() => loadTableText(deals('D/M/YYYY'), data, UTC));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(
      'deals.csv: column "close_date": the dates are written M/D/YYYY, but the playbook declares "D/M/YYYY": ' +
        '3 of them, such as "3/25/2017" on line 3, can only be read as M/D/YYYY, and none only as D/M/YYYY. ' +
        'The other 2 (such as "3/5/2017" on line 2) would be read with day and month swapped. Declare the field\'s format "M/D/YYYY"',
    );
    expect((err as DataError).column).toBe('close_date');
  });

  it('the right format reads every row as written', () => {
    const t = loadTableText(deals('M/D/YYYY'), data, UTC);
    expectCounts(t, 5, 5);
    expect(t.rows.map((r) => r.values[1])).toEqual([utc(2017, 3, 5), utc(2017, 3, 25), utc(2017, 1, 2), utc(2017, 12, 31), utc(2017, 11, 13)]);
  });

  it('a column that mixes both orders evenly stops too, naming one row of each', () => {
    const err = thrown(() => loadTableText(deals('DD/MM/YYYY'), csv(['25/03/2017', '03/25/2017', '04/05/2017']), UTC));
    expect(err.message).toBe(
      'deals.csv: column "close_date": the dates mix two orders: 1 can only be read as MM/DD/YYYY (such as "03/25/2017" on line 3) ' +
        'and 1 only as DD/MM/YYYY (such as "25/03/2017" on line 2), so dates such as "04/05/2017" on line 4 cannot be told apart. ' +
        'Correct the export so that the column uses one order, then declare that format',
    );
  });

  it('one stray month-first row among day-first rows is rejected with a hint, and the rest are read', () => {
    const t = loadTableText(deals('D/M/YYYY'), csv(['25/3/2017', '13/4/2017', '3/25/2017', '2/1/2017']), UTC);
    expectCounts(t, 4, 3);
    expect(messages(t)).toEqual([
      'deals.csv:4: close_date: expected a date in the form D/M/YYYY, got "3/25/2017"; read as M/D/YYYY it would be a date: check which order this column writes day and month in',
    ]);
    expect(t.rows.map((r) => r.values[1])).toEqual([utc(2017, 3, 25), utc(2017, 4, 13), utc(2017, 1, 2)]);
  });

  it('year-first and ISO formats have no other order', () => {
    expect(swappedFormat('YYYY-MM-DD')).toBeNull();
    expect(swappedFormat('D/M/YYYY')).toBe('M/D/YYYY');
    expect(swappedFormat('DD.MM.YYYY HH:mm')).toBe('MM.DD.YYYY HH:mm');
  });
});

describe('two-digit years', () => {
  it('"D/M/YY": 00–69 are 2000–2069, 70–99 are 1970–1999', () => {
    const r = compileDateReader('date', 'D/M/YY', 'UTC');
    expect(r.parse('1/8/16')).toBe(utc(2016, 8, 1));
    expect(r.parse('31/12/69')).toBe(utc(2069, 12, 31));
    expect(r.parse('1/1/70')).toBe(utc(1970, 1, 1));
    expect(r.parse('29/2/00')).toBe(utc(2000, 2, 29));
    expect(r.parse('1/8/2016')).toBe(INVALID);
  });

  it('a two-digit year under a YYYY format is rejected, saying how to declare it', () => {
    const t = loadTableText(deals('D/M/YYYY'), csv(['1/8/16', '2/8/2016']), UTC);
    expect(messages(t)).toEqual([
      'deals.csv:2: close_date: expected a date in the form D/M/YYYY, got "1/8/16"; the year has two digits; if the file writes years so, declare the format "D/M/YY" (00–69 are read as 2000–2069, 70–99 as 1970–1999)',
    ]);
  });

  it('a playbook may declare YY (check accepts it)', () => {
    const t = loadTableText(deals('DD/MM/YY'), csv(['01/08/16']), UTC);
    expect(t.rows[0].values[1]).toBe(utc(2016, 8, 1));
  });
});
