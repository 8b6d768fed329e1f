/**
 * Issue 8, "A stray opening quote": `"24 inch,…` is closed by a later quote, the
 * lines between become one cell, another deal's amount lands on the wrong rep,
 * deals vanish, and the run used to say "0 rejected".
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { loadTableText } from '../../src/data/index.js';
import { expectCounts, field, messages, table } from './helpers.js';

const UTC = { timeZone: 'UTC' };
const fields = [field('id', 'text', { key: true }), field('rep', 'text'), field('product', 'text'), field('stage', 'text'), field('amount', 'money')];

const text = [
  'id,rep,product,stage,amount',
  'D1,ann,desk,Won,500',
  'D2,bob,"24 inch monitor,Won,500', // stray opening quote
  'D3,cat,chair,Won,300',
  'D4,dan,12" lamp,Won,99999', // the quote after 12 closes it
  'D5,eve,sofa,Won,700',
].join('\n');

describe('a value spanning lines in a column not declared multiline', () => {
  it('is rejected with the lines it swallowed, the column and the value shortened', () => {
    const t = loadTableText(table('deals', 'deals.csv', fields), text, UTC);
    // Five physical records (lines 2–6) were read as three: D1, the D2–D4 run, D5.
    expectCounts(t, 3, 2);
    expect(t.rows.map((r) => r.values[0])).toEqual(['D1', 'D5']);
    expect(messages(t)).toEqual([
      // Escaped, the value reaches 60 characters just before " lamp"; its raw length is 1 + 23 + 1 + 20 + 1 + 9 + 1 + 5 = 61.
      'deals.csv:3: product: the value "\\"24 inch monitor,Won,500\\nD3,cat,chair,Won,300\\nD4,dan,12\\"… (61 characters)"' +
        ' runs over lines 3–5, so those lines were read as one row. Usually a quote (") opens a value by mistake and a later quote closes it: remove the stray quote. ' +
        'If this column really holds line breaks, declare the field multiline',
    ]);
    expect(t.rejected[0].issues[0]).toMatchObject({ line: 3, column: 'product', field: 'product' });
    // Its last line is kept with it (the reports' Input section names the lines that went into it).
    expect(t.rejected[0]).toMatchObject({ line: 3, endLine: 5 });
  });

  it('a rejected row on one line has no last line of its own', () => {
    const t = loadTableText(table('deals', 'deals.csv', fields), 'id,rep,product,stage,amount\nD1,ann,desk,Won,5OO\n', UTC);
    expectCounts(t, 1, 0);
    expect(t.rejected[0].line).toBe(2);
    expect(t.rejected[0].endLine).toBeUndefined();
  });

  it('so bob is no longer credited 99,999 for a 500 deal', () => {
    const t = loadTableText(table('deals', 'deals.csv', fields), text, UTC);
    expect(t.rows.some((r) => r.values[1] === 'bob')).toBe(false);
  });

  it('an undeclared column that swallows lines is reported too, by its header', () => {
    const t = loadTableText(table('t', 't.csv', [field('id', 'text')]), 'id,notes\n1,"oops\n2,x"\n3,y\n', UTC);
    expectCounts(t, 2, 1);
    expect(messages(t)[0]).toMatch(/^t\.csv:2: notes: the value "oops\\n2,x" runs over lines 2–3/);
  });
});

describe('a column declared multiline', () => {
  it('keeps its line breaks, and the records after it keep their physical line numbers', () => {
    const s = table('t', 't.csv', [field('id', 'text'), field('notes', 'text', { multiline: true }), field('amount', 'money')]);
    const t = loadTableText(s, 'id,notes,amount\nA,"met the CFO\nsigned NDA",100\nB,plain,200\n', UTC);
    expectCounts(t, 2, 2);
    expect(t.rows.map((r) => [r.line, ...r.values])).toEqual([
      [2, 'A', 'met the CFO\nsigned NDA', new Decimal(100)],
      [4, 'B', 'plain', new Decimal(200)],
    ]);
  });
});
