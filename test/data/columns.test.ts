/** The "column not found" message: columns listed quoted and escaped, at most 30, and a hint when the delimiter is wrong. */
import { describe, expect, it } from 'vitest';
import { loadTableText } from '../../src/data/index.js';
import { field, table } from './helpers.js';
import { thrown } from './temp.js';

const UTC = { timeZone: 'UTC' };

describe('column not found', () => {
  it('a semicolon file read with commas: says which delimiter the header uses', () => {
    const s = table('deals', 'deals.csv', [field('id', 'text'), field('amount', 'money')]);
    expect(thrown(() => loadTableText(s, 'id;amount\nD1;100\n', UTC)).message).toBe(
      'deals.csv: columns "id", "amount" not found; the file has: "id;amount". ' +
        'The header seems to separate its columns with ";": declare it on the table (table deals from "deals.csv" delimiter ";")',
    );
  });

  it('a tab-separated file: the hint writes the tab as "\\t"', () => {
    const s = table('deals', 'deals.csv', [field('id', 'text')]);
    expect(thrown(() => loadTableText(s, 'deal\tamount\nD1\t100\n', UTC)).message).toBe(
      'deals.csv: column "id" not found; the file has: "deal\\tamount". ' +
        'The header seems to separate its columns with "\\t" (a tab): declare it on the table (table deals from "deals.csv" delimiter "\\t")',
    );
  });

  it('a header spelt with other capitals or a slip: did you mean, and where to write the file\'s spelling', () => {
    const s = table('deals', 'deals.csv', [field('id', 'text'), field('close_value', 'money'), field('stage', 'text')]);
    expect(thrown(() => loadTableText(s, 'id,Close_Value,stage\nD1,100,Won\n', UTC)).message).toBe(
      'deals.csv: column "close_value" not found; the file has: "id", "Close_Value", "stage". Did you mean "Close_Value"? ' +
        '(column names are compared exactly: write the file\'s spelling in the field\'s column "…")',
    );
    expect(thrown(() => loadTableText(s, 'id,closevalue,stag\nD1,100,Won\n', UTC)).message).toBe(
      'deals.csv: columns "close_value", "stage" not found; the file has: "id", "closevalue", "stag". "close_value": did you mean "closevalue"?; "stage": did you mean "stag"? ' +
        '(column names are compared exactly: write the file\'s spelling in the field\'s column "…")',
    );
    // Nothing near: no guess.
    expect(thrown(() => loadTableText(s, 'id,amount,phase\nD1,100,Won\n', UTC)).message).not.toContain('did you mean');
  });

  it('a report title above the column names: says to delete the lines above them', () => {
    const s = table('deals', 'deals.csv', [field('id', 'text'), field('amount', 'money'), field('stage', 'text')]);
    expect(thrown(() => loadTableText(s, 'Sales pipeline report\nRun 2017-12-31 by admin\n\nid,amount,stage\nD1,100,Won\n', UTC)).message).toBe(
      'deals.csv: columns "id", "amount", "stage" not found; the file has: "Sales pipeline report". ' +
        'The first line looks like a title, not column names: if the export starts with a title or notes above the column names, delete those lines so that the column names are on the first line',
    );
    // A header with as many names as the table declares is a header, however wrong: no title hint.
    expect(thrown(() => loadTableText(s, 'deal,value,phase\nD1,100,Won\n', UTC)).message).not.toContain('title');
    // Nor when one declared column is there.
    expect(thrown(() => loadTableText(s, 'id,x\nD1,100\n', UTC)).message).not.toContain('title');
  });

  it('lists at most 30 of the file\'s columns', () => {
    const header = Array.from({ length: 35 }, (_, i) => `c${i + 1}`).join(',');
    const listed = Array.from({ length: 30 }, (_, i) => `"c${i + 1}"`).join(', ');
    const s = table('t', 't.csv', [field('x', 'text')]);
    expect(thrown(() => loadTableText(s, `${header}\n`, UTC)).message).toBe(`t.csv: column "x" not found; the file has: ${listed}, … and 5 more`);
  });
});
