/**
 * PB2101–PB2110: the header (currency, zone, fiscal year, plan period, rounding)
 * and the data tables (field types, formats, locales, keys, required rules).
 * The span the caret must cover is marked ⟦like this⟧ (see helpers.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check/index.js';
import { BASE, diagnose, diagnosticCase, edit, expectDiagnostic, marked, withRules } from './helpers.js';

const HEADER = 'playbook "Base"\n  currency USD · time zone "UTC" · fiscal year starts January\n  plan period 2017';

describe('PB2101 header: currency or plan period missing or wrong', () => {
  diagnosticCase({
    name: 'no currency (points at the whole header)',
    code: 'PB2101',
    bad: edit([HEADER, `⟦${HEADER.replace('currency USD · ', '')}⟧`]),
    fixed: BASE,
    message: 'the playbook does not say its currency',
    hint: 'add a line such as: currency USD',
  });
  diagnosticCase({
    name: 'no plan period (points at the whole header)',
    code: 'PB2101',
    bad: edit([HEADER, `⟦${HEADER.replace('\n  plan period 2017', '')}⟧`]),
    fixed: BASE,
    message: 'the playbook does not say its plan period',
    hint: 'add a line such as: plan period 2017',
  });
  diagnosticCase({
    name: 'a plan period that is not a year',
    code: 'PB2101',
    bad: edit(['plan period 2017', 'plan period ⟦17⟧']),
    fixed: BASE,
    message: '"17" is not a year',
    hint: 'write the year the plan period starts in, e.g. plan period 2027',
  });
});

describe('PB2102 fiscal year starts in a month that does not exist', () => {
  diagnosticCase({
    name: 'a misspelt month',
    code: 'PB2102',
    bad: edit(['starts January', 'starts ⟦Janaury⟧']),
    fixed: BASE,
    message: '"Janaury" is not a month',
    hint: 'did you mean "january"?',
  });
  diagnosticCase({
    name: 'a month in any case is fine, a number is not',
    code: 'PB2102',
    bad: edit(['starts January', 'starts ⟦Q1⟧']),
    fixed: edit(['starts January', 'starts APRIL']),
    message: '"Q1" is not a month',
    hint: /^known months: april, august, december/,
  });
});

describe('PB2103 unknown time zone', () => {
  diagnosticCase({
    name: 'a zone that does not exist',
    code: 'PB2103',
    bad: edit(['time zone "UTC"', 'time zone ⟦"Asia/Beijing"⟧']),
    fixed: edit(['time zone "UTC"', 'time zone "Asia/Shanghai"']),
    message: '"Asia/Beijing" is not a time zone',
    hint: 'use a zone name such as "UTC", "America/New_York" or "Asia/Shanghai"',
  });
});

describe('PB2104 not a currency code', () => {
  diagnosticCase({
    name: 'a code in lower case',
    code: 'PB2104',
    bad: edit(['currency USD', 'currency ⟦usd⟧']),
    fixed: BASE,
    message: '"usd" is not a currency code',
    hint: 'use a three-letter ISO code such as USD, EUR or CNY',
  });
  diagnosticCase({
    name: 'a currency name instead of its code',
    code: 'PB2104',
    bad: edit(['currency USD', 'currency ⟦dollars⟧']),
    fixed: edit(['currency USD', 'currency JPY']),
    message: '"dollars" is not a currency code',
    hint: 'use a three-letter ISO code such as USD, EUR or CNY',
  });
  it('PB2104 a misspelt ISO code (CYN for CNY) is not a currency', () => {
    const { text, span } = marked(edit(['currency USD', 'currency ⟦CYN⟧']));
    const all = diagnose(text);
    expect(all).toHaveLength(1);
    expectDiagnostic(all[0], span, { code: 'PB2104', message: '"CYN" is not a currency code', hint: 'use a three-letter ISO code such as USD, EUR or CNY' });
  });
});

describe('PB2105 unknown field type', () => {
  it('PB2105 a misspelt type is reported at the type', () => {
    const { text, span } = marked(edit(['field amount  money', 'field amount  ⟦mony⟧']));
    const found = diagnose(text).filter((d) => d.code === 'PB2105');
    expect(found).toHaveLength(1);
    expectDiagnostic(found[0], span, {
      code: 'PB2105',
      message: '"mony" is not a field type',
      hint: 'use one of: text, date, timestamp, money, number, percent, boolean',
    });
  });
  it('PB2105 gone once corrected', () => {
    expect(diagnose(BASE)).toEqual([]);
  });
  it('PB2105 the uses of a field with a misspelt type are not reported as unknown fields', () => {
    const { text } = marked(edit(['field amount  money', 'field amount  ⟦mony⟧']));
    expect(diagnose(text).map((d) => d.code)).toEqual(['PB2105']);
  });
});

describe('PB2106 date format', () => {
  diagnosticCase({
    name: 'a format on a field that is not a date (points at the type)',
    code: 'PB2106',
    bad: edit(['field stage   text', 'field stage   ⟦text⟧ "YYYY"']),
    fixed: BASE,
    message: 'only date and timestamp fields take a format, not text',
    hint: '"YYYY" is a date format: declare the field as date if its column holds dates',
  });
  diagnosticCase({
    name: 'a date format in lower-case letters (points at the field name)',
    code: 'PB2106',
    bad: edit(['field closed  date "YYYY-MM-DD"', 'field ⟦closed⟧  date "yyyy-mm-dd"']),
    fixed: edit(['field closed  date "YYYY-MM-DD"', 'field closed  date "DD/MM/YYYY"']),
    message: 'the date format "yyyy-mm-dd" uses "yyyy", which is not supported; use YYYY, YY, MM, M, DD, D, HH, H (an hour of one or two digits, as Excel writes 3/1/2017 0:00), mm, ss',
    hint: 'use YYYY, MM, DD, HH, mm, ss and separators, e.g. "DD/MM/YYYY" or "YYYY-MM-DD HH:mm"',
  });
  it('PB2106 the ISO timestamp format YYYY-MM-DDTHH:mm:ss is accepted, as the loader accepts it', () => {
    expect(diagnose(edit(['field closed  date "YYYY-MM-DD"', 'field closed  timestamp "YYYY-MM-DDTHH:mm:ss"']))).toEqual([]);
  });
  // (b) The checker accepts formats the loader refuses when `simulate` runs (a DataError,
  //     exit 2, after `check` said "no problems found"): no year, the same part twice,
  //     minutes without an hour.
  it('PB2106 a format without a year (DD/MM) is reported by check, not first by simulate', () => {
    const codes = diagnose(edit(['field closed  date "YYYY-MM-DD"', 'field closed  date "DD/MM"'])).map((d) => d.code);
    expect(codes).toEqual(['PB2106']);
  });
});

describe('PB2107 table locale or delimiter', () => {
  diagnosticCase({
    name: 'an unknown number locale',
    code: 'PB2107',
    bad: edit(['from "deals.csv"', 'from "deals.csv" locale ⟦fr⟧']),
    fixed: edit(['from "deals.csv"', 'from "deals.csv" locale de']),
    message: '"fr" is not a number locale',
    hint: 'use en (1,234.50) or de (1.234,50)',
  });
  diagnosticCase({
    name: 'a delimiter of two characters (points at the table name)',
    code: 'PB2107',
    bad: edit(['table deals from "deals.csv"', 'table ⟦deals⟧ from "deals.csv" delimiter ";;"']),
    fixed: edit(['table deals from "deals.csv"', 'table deals from "deals.csv" delimiter ";"']),
    message: 'the delimiter must be one character, not ";;"',
    hint: null,
  });
});

describe('PB2107 and escapes', () => {
  it('PB2107 `delimiter "\\t"` is a tab (or is reported), not the letter t', () => {
    const result = checkSource(edit(['from "deals.csv"', 'from "deals.tsv" delimiter "\\t"']));
    const reported = result.diagnostics.some((d) => d.code === 'PB2107');
    const delimiter = result.checked?.tables.find((t) => t.name === 'deals')?.delimiter;
    expect(reported || delimiter === '\t').toBe(true);
  });
});

// PB2108 used to cover all of these; since the registry each mistake has its own code.
describe('PB2108, PB2111–PB2113, PB2201–PB2205: declarations a scheme needs, in their place', () => {
  diagnosticCase({
    name: 'two key fields in one table (points at the second)',
    code: 'PB2111',
    bad: edit(['field rep     text lookup reps', 'field ⟦rep⟧     text key lookup reps']),
    fixed: BASE,
    message: 'table deals has more than one key field',
    hint: 'a table has one key: the column that identifies each row',
  });
  diagnosticCase({
    name: 'a lookup into a table without a key',
    code: 'PB2112',
    bad: edit(['field name text key', 'field name text'], ['lookup reps', 'lookup ⟦reps⟧']),
    fixed: BASE,
    message: 'table reps has no key field, so rows cannot be looked up in it',
    hint: 'mark its identifying field with "key"',
  });
  diagnosticCase({
    name: 'no deals table (points at the header)',
    code: 'PB2201',
    bad: `⟦${HEADER}⟧\n`,
    fixed: BASE,
    message: 'the playbook has no deals table',
    hint: 'declare one: table deals from "deals.csv" with its fields',
  });
  diagnosticCase({
    name: 'won declared outside the deals table',
    code: 'PB2113',
    bad: edit(['  field name text key\n', '  field name text key\n  ⟦won when name = "x"⟧\n']),
    fixed: BASE,
    message: 'won and lost are declared in the deals table only',
    hint: 'move this line into the deals table',
  });
  diagnosticCase({
    name: 'no credit rule (points at the header)',
    code: 'PB2202',
    bad: edit([HEADER, `⟦${HEADER}⟧`], ['credit deals when won to rep on closed amount amount\n', '']),
    fixed: BASE,
    message: 'the playbook has no credit rule, so no deal credits anyone',
    hint: 'add e.g.: credit deals when won to rep on close_date amount amount',
  });
  diagnosticCase({
    name: 'credit to a field that does not look up reps',
    code: 'PB2108',
    bad: edit(['field rep     text lookup reps', 'field rep     text'], ['to rep on', 'to ⟦rep⟧ on']),
    fixed: BASE,
    message: '"rep" must look up the reps table to receive credit',
    hint: 'add "lookup reps" to the field rep',
  });
  diagnosticCase({
    name: 'a red line on reps that blocks credit',
    code: 'PB2205',
    bad: withRules('red line "slow" on reps when credited < 100 ⟦block credit⟧\n'),
    fixed: withRules('red line "slow" on reps when credited < 100 review\n'),
    message: 'only a red line on deals can block credit',
    hint: 'use "forfeit" or "review" for rules about reps, activities and must-win accounts',
  });
  diagnosticCase({
    name: 'a must-win rule that blocks credit',
    code: 'PB2205',
    bad: withRules('must win "key" when lost ⟦block credit⟧\n'),
    fixed: withRules('must win "key" when lost forfeit all\n'),
    message: 'only a red line on deals can block credit',
    hint: 'use "forfeit" or "review" for rules about reps, activities and must-win accounts',
  });
});

describe('PB2109 rounding step', () => {
  diagnosticCase({
    name: 'rounding to a step that is not a power of ten (points at the rounding item)',
    code: 'PB2109',
    bad: edit(['  plan period 2017\n', '  plan period 2017\n  ⟦rounding half-up to 0.05⟧\n']),
    fixed: edit(['  plan period 2017\n', '  plan period 2017\n  rounding half-up to 0.01 per payout line\n']),
    message: 'rounding to 0.05 is not supported',
    hint: 'round to 1, 0.1, 0.01, … (a power of ten)',
  });
});

describe('PB2110 (warning) rounding finer than the currency', () => {
  diagnosticCase({
    name: 'rounding USD to 0.001',
    code: 'PB2110',
    severity: 'warning',
    bad: edit(['  plan period 2017\n', '  plan period 2017\n  ⟦rounding half-up to 0.001⟧\n']),
    fixed: edit(['  plan period 2017\n', '  plan period 2017\n  rounding half-up to 0.01\n']),
    message: 'rounding to 0.001 is finer than the smallest unit of USD (0.01)',
    hint: 'payout lines are printed in whole 0.01 units, so printed lines may not add up; round to 0.01',
  });
  diagnosticCase({
    name: 'rounding JPY (no minor unit) to 0.01',
    code: 'PB2110',
    severity: 'warning',
    bad: edit(['currency USD', 'currency JPY'], ['  plan period 2017\n', '  plan period 2017\n  ⟦rounding half-even to 0.01 per payout line⟧\n']),
    fixed: edit(['currency USD', 'currency JPY'], ['  plan period 2017\n', '  plan period 2017\n  rounding half-even to 1 per payout line\n']),
    message: 'rounding to 0.01 is finer than the smallest unit of JPY (1)',
    hint: 'payout lines are printed in whole 1 units, so printed lines may not add up; round to 1',
  });
});
