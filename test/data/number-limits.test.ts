/**
 * Issue 8, "Numbers": the digit limit is stated, and a percent column written as
 * fractions (0.2 meaning 20%) is reported.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset, loadTableText } from '../../src/data/index.js';
import { field, messages, table } from './helpers.js';
import { tempFolders } from './temp.js';

const UTC = { timeZone: 'UTC' };
const folder = tempFolders();

describe('amounts longer than the engine reads exactly', () => {
  const amounts = table('deals', 'deals.csv', [field('amount', 'money')]);

  it('16 integer digits: the message says the limit of 15', () => {
    const t = loadTableText(amounts, 'amount\n1234567890123456\n999999999999999\n', UTC);
    expect(messages(t)).toEqual([
      'deals.csv:2: amount: expected an amount, got "1234567890123456"; it has 16 digits before the decimal point; amounts may have at most 15 digits before the decimal point (up to 999,999,999,999,999) and 10 after it',
    ]);
    expect(t.used).toBe(1);
  });

  it('grouped and accounting forms count the same digits; 11 decimals break the other limit', () => {
    const t = loadTableText(amounts, 'amount\n"(1,234,567,890,123,456.00)"\n0.12345678901\n', UTC);
    expect(messages(t)).toEqual([
      'deals.csv:2: amount: expected an amount, got "(1,234,567,890,123,456.00)"; it has 16 digits before the decimal point; amounts may have at most 15 digits before the decimal point (up to 999,999,999,999,999) and 10 after it',
      'deals.csv:3: amount: expected an amount, got "0.12345678901"; it has 11 digits after the decimal point; amounts may have at most 15 digits before the decimal point (up to 999,999,999,999,999) and 10 after it',
    ]);
  });

  it('a number written another way says which way: a decimal comma, a typographic minus, full-width digits', () => {
    const t = loadTableText(amounts, 'amount\n"1.054,00"\n\u22124514\n\uff14\uff15\uff11\uff14\n', UTC);
    expect(messages(t)).toEqual([
      'deals.csv:2: amount: expected an amount, got "1.054,00"; it is written with a decimal comma (1.234,56), as German or French spreadsheets write numbers: declare the table with locale de',
      'deals.csv:3: amount: expected an amount, got "\u22124514"; it starts with a typographic minus or dash ("\u2212"), not the "-" sign: replace it with "-" in the file',
      'deals.csv:4: amount: expected an amount, got "\uff14\uff15\uff11\uff14"; it is written in full-width characters (4514 in plain digits): export the column with plain digits',
    ]);
    const de = table('deals', 'deals.csv', [field('amount', 'money')], { locale: 'de' });
    expect(messages(loadTableText(de, 'amount\n"4,514.50"\n', UTC))).toEqual([
      'deals.csv:2: amount: expected an amount, got "4,514.50"; it is written with a decimal point (1,234.56), the English way, but the table is declared locale de: remove locale de from the table',
    ]);
  });

  it('an amount in scientific notation (Excel, a column too narrow) says so: digits may be lost', () => {
    const t = loadTableText(amounts, 'amount\n1.23457E+14\n-4.5e-3\n', UTC);
    const why = 'it is in scientific notation, as Excel writes a number too wide for its column, and may have lost digits: format the column as Number (with its decimals) in Excel and save the CSV again';
    expect(messages(t)).toEqual([`deals.csv:2: amount: expected an amount, got "1.23457E+14"; ${why}`, `deals.csv:3: amount: expected an amount, got "-4.5e-3"; ${why}`]);
  });

  it('an amount with a currency sign or code, before or after it, says which mark to remove', () => {
    const t = loadTableText(amounts, 'amount\n"$4,514.00"\n-$12\nUSD 250\n"($1,000.50)"\n4514 EUR\n"€4.514,00"\n', UTC);
    const fix = 'in the file (in Excel, format the column as Number rather than Currency before saving it as CSV)';
    expect(messages(t)).toEqual([
      `deals.csv:2: amount: expected an amount, got "$4,514.00"; it carries a currency sign ("$"): amounts are read as plain numbers, such as 4,514.00, in the playbook's currency; remove the sign ${fix}`,
      `deals.csv:3: amount: expected an amount, got "-$12"; it carries a currency sign ("$"): amounts are read as plain numbers, such as -12, in the playbook's currency; remove the sign ${fix}`,
      `deals.csv:4: amount: expected an amount, got "USD 250"; it carries a currency code ("USD"): amounts are read as plain numbers, such as 250, in the playbook's currency; remove the code ${fix}`,
      `deals.csv:5: amount: expected an amount, got "($1,000.50)"; it carries a currency sign ("$"): amounts are read as plain numbers, such as 1,000.50, in the playbook's currency; remove the sign ${fix}`,
      `deals.csv:6: amount: expected an amount, got "4514 EUR"; it carries a currency code ("EUR"): amounts are read as plain numbers, such as 4514, in the playbook's currency; remove the code ${fix}`,
      `deals.csv:7: amount: expected an amount, got "€4.514,00"; it carries a currency sign ("€"): amounts are read as plain numbers, such as 4.514,00, in the playbook's currency; remove the sign in the file, and declare the table with locale de (the number has a decimal comma) (in Excel, format the column as Number rather than Currency before saving it as CSV)`,
    ]);
    expect(t.used).toBe(0);
    // A word and a mark alone are not numbers with a sign.
    expect(messages(loadTableText(amounts, 'amount\nUSD\n$\nabc $\n', UTC))).toEqual([
      'deals.csv:2: amount: expected an amount, got "USD"',
      'deals.csv:3: amount: expected an amount, got "$"',
      'deals.csv:4: amount: expected an amount, got "abc $"',
    ]);
  });

  it('text that is not a number gets no limit hint', () => {
    expect(messages(loadTableText(amounts, 'amount\n"12,5OO"\n', UTC))).toEqual(['deals.csv:2: amount: expected an amount, got "12,5OO"']);
  });
});

describe('a percent column written as fractions', () => {
  const schema = table('deals', 'deals.csv', [field('id', 'text'), field('discount', 'percent')]);

  it('all bare values between 0 and 1: a warning with the counts and an example', () => {
    const dir = folder({ 'deals.csv': 'id,discount\nD1,0.2\nD2,0.35\nD3,0\nD4,1\n' });
    const ds = loadDataset([schema], dir, UTC);
    expect(ds.warnings).toEqual([
      'deals.csv: column "discount": all 4 values are bare numbers between 0 and 1 (2 with decimals, such as "0.2" on line 2). ' +
        'A bare number in a percent column is in percent points, so "0.2" is read as 0.2%, not 20%. ' +
        'If the column holds fractions, declare it as a number and derive the percent: field discount_fraction number column "discount", derive discount = discount_fraction × 100%',
    ]);
  });

  it('a mixed column (cells formatted as percentages in part: 25%, 0.25, 30): a warning naming the bare fractions', () => {
    const dir = folder({ 'deals.csv': 'id,discount\nD1,25%\nD2,0.25\nD3,10%\nD4,30\nD5,0.3\nD6,-5%\n' });
    const ds = loadDataset([schema], dir, UTC);
    // By hand: 0.25 and 0.3 are bare, between 0 and 1, with decimals (2 of 6); the 4 others carry % or are points above 1.
    expect(ds.warnings).toEqual([
      'deals.csv: column "discount": 2 of 6 values are bare numbers between 0 and 1 with decimals (such as "0.25" on line 3, read as 0.25%), while 4 are written with % or in percent points. ' +
        'If some cells were exported as fractions ("0.25" meaning 25%), write them in percent points or with % (25%) in the file; if they really are fractions of a percent, ignore this warning',
    ]);
    expect(loadDataset([schema], folder({ 'deals.csv': 'id,discount\nD1,0.2\nD2,15\n' }), UTC).warnings[0]).toContain('1 of 2 values are bare numbers between 0 and 1 with decimals');
  });

  it('no warning when every value carries a % sign, or all are whole', () => {
    for (const body of ['D1,0.2%\nD2,0.5%\n', 'D1,0\nD2,1\n', 'D1,15\nD2,0\nD3,25%\n']) {
      const ds = loadDataset([schema], folder({ 'deals.csv': `id,discount\n${body}` }), UTC);
      expect([body, ds.warnings]).toEqual([body, []]);
    }
  });
});

describe('thousands written with a point in an en file', () => {
  const schema = (locale: 'en' | 'de') => table('deals', 'deals.csv', [field('id', 'text'), field('amount', 'money')], { locale });

  it('warns with the count and an example: 12.500 would be read as 12.5', () => {
    const dir = folder({ 'deals.csv': 'id,amount\nD1,12.500\nD2,3.000\nD3,450.000\nD4,99.95\n' });
    const ds = loadDataset([schema('en')], dir, UTC);
    expect(ds.warnings).toEqual([
      'deals.csv: column "amount": 3 of 4 values have a point followed by exactly three digits (such as "12.500" on line 2, read as 12.5). ' +
        'If the point groups thousands (12.500 meaning 12,500), declare the table with locale de; if they really are amounts with three decimals, ignore this warning',
    ]);
  });

  it('no warning for numbers of a JSON Lines file: a JSON number is never grouped by a locale (1.005 is a thousandth)', () => {
    const jsonl = (schema: ReturnType<typeof table>) => ({ ...schema, file: 'deals.jsonl' });
    const ds = loadDataset([jsonl(schema('en'))], folder({ 'deals.jsonl': '{"id":"D1","amount":12.5}\n{"id":"D2","amount":1.005}\n{"id":"D3","amount":450.125}\n' }), UTC);
    expect(ds.warnings).toEqual([]);
    expect(ds.tables.get('deals')!.rows.map((r) => String(r.values[1]))).toEqual(['12.5', '1.005', '450.125']);
  });

  it('no warning for ordinary cents, or when the table is declared locale de (12.500 is then 12,500)', () => {
    expect(loadDataset([schema('en')], folder({ 'deals.csv': 'id,amount\nD1,12.50\nD2,1234.5\nD3,1234.567\n' }), UTC).warnings).toEqual([]);
    const de = loadDataset([schema('de')], folder({ 'deals.csv': 'id,amount\nD1,12.500\n' }), UTC);
    expect(de.warnings).toEqual([]);
    expect(String(de.tables.get('deals')!.rows[0].values[1])).toBe('12500');
  });

  it('the mirror in a locale de table: an English thousands comma (4,514) is read as 4.514, with a warning', () => {
    const dir = folder({ 'deals.csv': 'id,amount\nD1,"4,514"\nD2,"12,50"\nD3,"1.234,56"\nD4,"950,000"\n' });
    const ds = loadDataset([schema('de')], dir, UTC);
    // By hand: in de the comma marks decimals, so "4,514" is 4.514 and "950,000" is 950; "12,50" and "1.234,56" are ordinary.
    expect(ds.tables.get('deals')!.rows.map((r) => String(r.values[1]))).toEqual(['4.514', '12.5', '1234.56', '950']);
    expect(ds.warnings).toEqual([
      'deals.csv: column "amount": 2 of 4 values have a comma followed by exactly three digits (such as "4,514" on line 2, read as 4.514 because the table is declared locale de). ' +
        'If the comma groups thousands (4,514 meaning 4514), the file is written the English way: remove locale de from the table; if they really are amounts with three decimals, ignore this warning',
    ]);
  });
});

describe('amounts finer than the currency', () => {
  const schema = table('deals', 'deals.csv', [field('id', 'text'), field('amount', 'money')]);

  it('in a JPY plan, 4514.5 is counted exactly but a warning says reports show whole yen', () => {
    const ds = loadDataset([schema], folder({ 'deals.csv': 'id,amount\nD1,4514\nD2,4514.5\nD3,"1,200.25"\nD4,900\n' }), { timeZone: 'UTC', currency: 'JPY' });
    // By hand: 4514.5 (plain) and 1,200.25 (grouped, read by the general reader) have decimals; JPY has none.
    expect(ds.warnings).toEqual([
      'deals.csv: column "amount": 2 of 4 amounts have more decimals than JPY has (0 decimals), such as "4514.5" on line 3. ' +
        "They are counted exactly, but reports show money to 0 decimals, so their figures may not match the file's. If the column is in another unit (cents, thousands) or currency, convert it in the export",
    ]);
    expect(ds.tables.get('deals')!.rows.map((r) => String(r.values[1]))).toEqual(['4514', '4514.5', '1200.25', '900']);
  });

  it('in a USD plan, cents are ordinary and 4514.005 is reported; without a currency nothing is', () => {
    expect(loadDataset([schema], folder({ 'deals.csv': 'id,amount\nD1,4514.05\nD2,12.5\n' }), { timeZone: 'UTC', currency: 'USD' }).warnings).toEqual([]);
    expect(loadDataset([schema], folder({ 'deals.csv': 'id,amount\nD1,4514.005\n' }), { timeZone: 'UTC', currency: 'USD' }).warnings[0]).toContain('1 of 1 amounts have more decimals than USD has (2 decimals), such as "4514.005" on line 2');
    expect(loadDataset([schema], folder({ 'deals.csv': 'id,amount\nD1,4514.005\n' }), UTC).warnings).toEqual([]);
  });
});
