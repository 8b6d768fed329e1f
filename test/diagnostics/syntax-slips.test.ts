/**
 * Syntax errors from the habits of other tools (spreadsheets, code, plain English, other
 * locales), each said in its own words, at the words concerned (src/language/syntax-slips.ts).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BASE, diagnose, diagnosticCase, edit, expectDiagnostic, marked, withRules } from './helpers.js';

/** BASE with a second commission table whose method and first band are `lines` (base rate 2%). */
const commission = (method: string, band: string) => withRules(`commission "c2" on credited per year ${method}\n  base rate 2%\n  from 0 pay ${band}\n`);

describe('PB1003 operators from spreadsheets and code', () => {
  diagnosticCase({
    name: '== for equal',
    code: 'PB1003',
    bad: withRules('red line "r" on deals when stage ⟦==⟧ "Won" review\n'),
    fixed: withRules('red line "r" on deals when stage = "Won" review\n'),
    message: '"==" is not an operator in a playbook: compare with a single "="',
    hint: 'stage = "Won"; for "not equal to" write !=',
  });
  diagnosticCase({
    name: '=== for equal, all three signs named',
    code: 'PB1003',
    bad: withRules('red line "r" on deals when stage ⟦===⟧ "Won" review\n'),
    fixed: withRules('red line "r" on deals when stage = "Won" review\n'),
    message: '"===" is not an operator in a playbook: compare with a single "="',
    hint: 'stage = "Won"; for "not equal to" write !=',
  });
  diagnosticCase({
    name: 'is for equal',
    code: 'PB1003',
    bad: withRules('red line "r" on deals when stage ⟦is⟧ "Won" review\n'),
    fixed: withRules('red line "r" on deals when stage = "Won" review\n'),
    message: '"is" only compares with missing (is missing): to compare with a value write =',
    hint: 'stage = "Won"',
  });
  diagnosticCase({
    name: 'is for equal after a calculation: the hint does not guess the left side',
    code: 'PB1003',
    bad: withRules('red line "r" on deals when amount * 2 ⟦is⟧ 100 review\n'),
    fixed: withRules('red line "r" on deals when amount * 2 = 100 review\n'),
    message: '"is" only compares with missing (is missing): to compare with a value write =',
    hint: '… = 100',
  });
  diagnosticCase({
    name: 'is not for not equal',
    code: 'PB1003',
    bad: withRules('red line "r" on deals when amount ⟦is not⟧ 100 review\n'),
    fixed: withRules('red line "r" on deals when amount != 100 review\n'),
    message: '"is not" only compares with missing (is not missing): to compare with a value write !=',
    hint: 'amount != 100',
  });
  diagnosticCase({
    name: '=> for at least',
    code: 'PB1003',
    bad: withRules('red line "r" on deals when amount ⟦=>⟧ 100 review\n'),
    fixed: withRules('red line "r" on deals when amount >= 100 review\n'),
    message: '"=>" is not an operator: write ">=" for "at least"',
    hint: 'amount >= 100',
  });
  diagnosticCase({
    name: '=< for at most',
    code: 'PB1003',
    bad: withRules('red line "r" on deals when amount ⟦=<⟧ 100 review\n'),
    fixed: withRules('red line "r" on deals when amount <= 100 review\n'),
    message: '"=<" is not an operator: write "<=" for "at most"',
    hint: 'amount <= 100',
  });
  diagnosticCase({
    name: 'is more than, in words',
    code: 'PB1003',
    bad: withRules('red line "r" on deals when amount ⟦is more than⟧ 100 review\n'),
    fixed: withRules('red line "r" on deals when amount > 100 review\n'),
    message: '"is more than" is not a comparison: write > (more than), >= (at least), < (less than), <= (at most) or = (equal to)',
    hint: '"is" is only used in "is missing" and "is not missing": amount > 100',
  });
  diagnosticCase({
    name: '2x base',
    code: 'PB1003',
    bad: commission('marginal', '⟦2x⟧ base'),
    fixed: commission('marginal', '2 × base'),
    message: '"2x" is not a multiplication: write × or * for times',
    hint: '2 × base (or 2 * base)',
  });
});

describe('PB1003 amounts written as elsewhere', () => {
  diagnosticCase({
    name: '10,00 with a decimal comma',
    code: 'PB1003',
    bad: withRules('bonus "b" per deal when won pay ⟦10,00⟧\n'),
    fixed: withRules('bonus "b" per deal when won pay 10.00\n'),
    message: '"10,00" is not a number: a comma groups digits in threes (10,000)',
    hint: 'for a decimal amount write a point: 10.00',
  });
  diagnosticCase({
    name: '3,00,000 grouped in lakhs, in a commission band',
    code: 'PB1003',
    bad: commission('marginal', 'base\n  from ⟦3,00,000⟧ pay 2 × base'),
    fixed: commission('marginal', 'base\n  from 300,000 pay 2 × base'),
    message: '"3,00,000" is grouped in lakhs and crores: a playbook groups digits in threes',
    hint: 'write 300,000 or 300000',
  });
  diagnosticCase({
    name: 'a currency code after an amount',
    code: 'PB1003',
    bad: withRules('bonus "b" per deal when won pay 200 ⟦USD⟧\n'),
    fixed: withRules('bonus "b" per deal when won pay 200\n'),
    message: '"USD" after an amount: amounts are written without a currency',
    hint: "every amount is in the playbook's currency (the header's currency line); write 200 alone",
  });
  diagnosticCase({
    name: 'rounding to 1 cent',
    code: 'PB1003',
    bad: edit(['  plan period 2017\n', '  plan period 2017\n  rounding half-up to ⟦1 cent⟧ per payout line\n']),
    fixed: edit(['  plan period 2017\n', '  plan period 2017\n  rounding half-up to 0.01 per payout line\n']),
    message: '"1 cent" is not an amount a playbook can read: write the amount in the currency\'s units',
    hint: 'a cent is 0.01: rounding half-up to 0.01 per payout line',
  });
  // One report: not also PB2109 "rounding to 5 is not supported" about the 5 the parser kept of "5 cents".
  diagnosticCase({
    name: 'rounding to 5 cents, reported once',
    code: 'PB1003',
    bad: edit(['  plan period 2017\n', '  plan period 2017\n  rounding half-up to ⟦5 cents⟧ per payout line\n']),
    fixed: edit(['  plan period 2017\n', '  plan period 2017\n  rounding half-up to 0.01 per payout line\n']),
    message: '"5 cents" is not an amount a playbook can read: write the amount in the currency\'s units',
    hint: 'a cent is 0.01: rounding half-up to 0.01 per payout line',
  });
});

describe('PB1003 rates and bounds of a commission band', () => {
  // Read as the start of `5 × base`: before, "expected '×'" and, without a base rate, PB2004 "add a line: base rate 2%".
  diagnosticCase({
    name: 'a rate without its percent sign, in a table without a base rate (no PB2004 too)',
    code: 'PB1003',
    bad: withRules('commission "c2" on credited per year marginal\n  from 0 pay ⟦5⟧\n'),
    fixed: withRules('commission "c2" on credited per year marginal\n  from 0 pay 5%\n'),
    message: '"pay 5" does not say what 5 is: a band pays a percent or a multiple of the base rate',
    hint: 'write 5% for a rate of 5 percent, or 5 × base for 5 times the base rate',
  });
  diagnosticCase({
    name: 'a rate without its percent sign, with a band after it',
    code: 'PB1003',
    bad: commission('marginal', 'base\n  from 1,000 pay ⟦3⟧\n  from 5,000 pay 4%'),
    fixed: commission('marginal', 'base\n  from 1,000 pay 3%\n  from 5,000 pay 4%'),
    message: '"pay 3" does not say what 3 is: a band pays a percent or a multiple of the base rate',
    hint: 'write 3% for a rate of 3 percent, or 3 × base for 3 times the base rate',
  });
  diagnosticCase({
    name: 'a rate in words',
    code: 'PB1003',
    bad: commission('marginal', 'base\n  from 1,000 pay ⟦3 percent⟧'),
    fixed: commission('marginal', 'base\n  from 1,000 pay 3%'),
    message: '"3 percent" is not a rate a playbook reads: write 3% (the percent sign right after the number)',
    hint: 'from … pay 3%',
  });
  diagnosticCase({
    name: 'a from bound with a decimal comma (an amount, like any other; no PB2004 too)',
    code: 'PB1003',
    bad: withRules('commission "c2" on credited per year marginal\n  from 0 pay 2%\n  from ⟦10,00⟧ pay 3%\n'),
    fixed: withRules('commission "c2" on credited per year marginal\n  from 0 pay 2%\n  from 10.00 pay 3%\n'),
    message: '"10,00" is not a number: a comma groups digits in threes (10,000)',
    hint: 'for a decimal amount write a point: 10.00',
  });
  diagnosticCase({
    name: 'a from bound with its thousands comma in the wrong place',
    code: 'PB1003',
    bad: withRules('commission "c2" on credited per year marginal\n  from 0 pay 2%\n  from ⟦1,0000⟧ pay 3%\n'),
    fixed: withRules('commission "c2" on credited per year marginal\n  from 0 pay 2%\n  from 10,000 pay 3%\n'),
    message: '"1,0000" is not a number: a comma groups digits in threes',
    hint: 'write 10,000 or 10000 if that is the amount',
  });
  diagnosticCase({
    name: 'a multiple of the base rate with a decimal comma',
    code: 'PB1003',
    bad: commission('marginal', 'base\n  from 1,000 pay ⟦2,5⟧ × base'),
    fixed: commission('marginal', 'base\n  from 1,000 pay 2.5 × base'),
    message: '"2,5" is not a number: a comma groups digits in threes (10,000)',
    hint: 'for a decimal number write a point: 2.5',
  });
});

describe('slips that are something else in their place', () => {
  it('in a commission band, an amount with a currency or a decimal comma keeps the generic message (a band pays a percent or a multiple)', () => {
    const band = (pay: string) => diagnose(commission('marginal', `base\n  from 1,000 pay ${pay}`));
    expect(band('200 USD').map((d) => [d.code, d.message])).toEqual([['PB1003', 'expected \'×\' but found "USD"']]);
    expect(band('10,00').map((d) => [d.code, d.message])).toEqual([['PB1003', 'expected \'×\' but found ","']]);
  });
  it('a lower-case currency code is one; a name of three letters is not', () => {
    expect(diagnose(withRules('bonus "b" per deal when won pay 200 usd\n'))[0].message).toBe('"usd" after an amount: amounts are written without a currency');
    expect(diagnose(withRules('bonus "b" per deal when won pay 200 fee\n'))[0].message).not.toContain('currency');
  });
  it('"is at least" and "is over" (keywords elsewhere) get the comparison message', () => {
    const at = diagnose(withRules('red line "r" on deals when amount is at least 100 review\n'));
    expect(at.map((d) => [d.code, d.message, d.span.column, d.span.endColumn])).toEqual([
      ['PB1003', '"is at least" is not a comparison: write > (more than), >= (at least), < (less than), <= (at most) or = (equal to)', 35, 45],
    ]);
    expect(diagnose(withRules('red line "r" on deals when amount is over 100 review\n'))[0].message).toMatch(/^"is over" is not a comparison/);
  });
  it('a second text on a field line that has the word column elsewhere is not called a missing column word', () => {
    const found = diagnose(edit(['  field closed  date "YYYY-MM-DD"\n', '  field closed  date "DD/MM/YYYY" "YYYY-MM-DD" column "c"\n']));
    expect(found.map((d) => d.message).join('\n')).not.toContain('word column');
    const label = diagnose(edit(['  field amount  money\n', '  field amount  money column "amount" label "Amount" "USD"\n']));
    expect(label.map((d) => d.message).join('\n')).not.toContain('word column');
  });
  it('a text after a text field\'s type (read as a date format) hints the column word', () => {
    const found = diagnose(edit(['  field stage   text\n', '  field stage   text "stage"\n']));
    expect(found.map((d) => [d.code, d.message, d.hint])).toEqual([
      ['PB2106', 'only date and timestamp fields take a format, not text', 'a text right after the type is a date format; if "stage" is the file\'s column, write column "stage"'],
    ]);
  });
});

describe('more slips', () => {
  diagnosticCase({
    name: 'plan period FY 2017, with a space',
    code: 'PB1003',
    bad: edit(['plan period 2017', 'plan period ⟦FY 2017⟧']),
    fixed: edit(['plan period 2017', 'plan period 2017']),
    message: 'the plan period is written as the calendar year the plan year starts in, not as "FY 2017"',
    hint: 'write plan period 2017: with fiscal year starts January, the plan year is the calendar year',
  });
  diagnosticCase({
    name: 'AND in capitals, as SQL writes it',
    code: 'PB1003',
    bad: withRules('red line "r" on deals when won ⟦AND⟧ amount > 100 review\n'),
    fixed: withRules('red line "r" on deals when won and amount > 100 review\n'),
    message: 'write "and" in lower case: the words of a playbook are lower case',
    hint: '… and …',
  });
  diagnosticCase({
    name: 'a currency named after an amount',
    code: 'PB1003',
    bad: withRules('bonus "b" per deal when won pay 200 ⟦dollars⟧\n'),
    fixed: withRules('bonus "b" per deal when won pay 200\n'),
    message: '"dollars" after an amount: amounts are written without a currency',
    hint: "every amount is in the playbook's currency (the header's currency line); write 200 alone",
  });
});

describe('a syntax error in the header', () => {
  it('does not add "the playbook does not say its plan period" for the lines it stopped the parser reading', () => {
    for (const month of ['Sept.', 'April 1']) {
      const found = diagnose(edit(['fiscal year starts January', `fiscal year starts ${month}`]));
      expect(found.map((d) => d.code), month).not.toContain('PB2101');
      expect(found.length, month).toBeGreaterThan(0);
    }
  });
  it('a playbook that really lacks its plan period still says so', () => {
    expect(diagnose(edit(['  plan period 2017\n', ''])).map((d) => [d.code, d.message])).toEqual([['PB2101', 'the playbook does not say its plan period']]);
  });
});

describe('PB1003 header and tables', () => {
  diagnosticCase({
    name: 'plan period FY2017, and no second error saying there is no plan period',
    code: 'PB1003',
    bad: edit(['plan period 2017', 'plan period ⟦FY2017⟧']),
    fixed: edit(['plan period 2017', 'plan period 2017']),
    message: 'the plan period is written as the calendar year the plan year starts in, not as "FY2017"',
    hint: 'write plan period 2017: with fiscal year starts January, the plan year is the calendar year',
  });
  diagnosticCase({
    name: 'plan period FY2017 with a fiscal year from July: both years it can mean, with their months',
    code: 'PB1003',
    bad: edit(['fiscal year starts January', 'fiscal year starts July'], ['plan period 2017', 'plan period ⟦FY2017⟧']),
    fixed: edit(['fiscal year starts January', 'fiscal year starts July'], ['plan period 2017', 'plan period 2016']),
    message: 'the plan period is written as the calendar year the plan year starts in, not as "FY2017"',
    hint: 'with fiscal year starts July, plan period 2016 runs from July 2016 to June 2017, plan period 2017 from July 2017 to June 2018: write the one FY2017 is',
  });
  diagnosticCase({
    name: 'plan period FY17 in a header that does not say when the fiscal year starts',
    code: 'PB1003',
    bad: edit([' · fiscal year starts January', ''], ['plan period 2017', 'plan period ⟦FY17⟧']),
    fixed: edit([' · fiscal year starts January', ''], ['plan period 2017', 'plan period 2017']),
    message: 'the plan period is written as the calendar year the plan year starts in, not as "FY17"',
    hint: 'write plan period 2017 if it starts in 2017; with fiscal year starts April, plan period 2016 runs from April 2016 to March 2017, plan period 2017 from April 2017 to March 2018',
  });
  diagnosticCase({
    name: 'a date field with two formats',
    code: 'PB1003',
    bad: edit(['  field closed  date "YYYY-MM-DD"\n', '  field closed  date "DD/MM/YYYY" ⟦"YYYY-MM-DD"⟧ column "closed"\n']),
    fixed: edit(['  field closed  date "YYYY-MM-DD"\n', '  field closed  date "YYYY-MM-DD" column "closed"\n']),
    message: 'a date field reads one format: "DD/MM/YYYY" and "YYYY-MM-DD" are two',
    // The credit rule's "won" and "amount" are declared on the lines not read.
    hint: 'keep the format the export uses: a row written in another is refused with its line, so a column that mixes formats shows; fix those rows in the export; 2 errors elsewhere, about names this line defines, are not shown: they go away once this line is corrected',
  });
  it('two date formats in the Maven playbook: one report, the unread lines\' follow-ons (a must-win rule without lost deals too) left out', () => {
    const maven = readFileSync(new URL('../../playbooks/maven-crm-2017.playbook', import.meta.url), 'utf8');
    const written = 'field close_date date  "YYYY-MM-DD" column "close_date" optional';
    expect(maven).toContain(written);
    const { text, span } = marked(maven.replace(written, 'field close_date date  "DD/MM/YYYY" ⟦"YYYY-MM-DD"⟧ column "close_date" optional'));
    const all = diagnose(text);
    expect(all.map((d) => d.code)).toEqual(['PB1003']);
    expectDiagnostic(all[0], span, {
      code: 'PB1003',
      message: 'a date field reads one format: "DD/MM/YYYY" and "YYYY-MM-DD" are two',
      // won, lost, amount and discount are declared on the unread lines: 2 × "won", "amount", "discount", and the must-win rule's lost deals.
      hint: 'keep the format the export uses: a row written in another is refused with its line, so a column that mixes formats shows; fix those rows in the export; 5 errors elsewhere, about names this line defines, are not shown: they go away once this line is corrected',
    });
  });
  diagnosticCase({
    name: 'a column name without the word column',
    code: 'PB1003',
    bad: edit(['  field closed  date "YYYY-MM-DD"\n', '  field closed  date "YYYY-MM-DD" ⟦"close_date"⟧\n']),
    fixed: edit(['  field closed  date "YYYY-MM-DD"\n', '  field closed  date "YYYY-MM-DD" column "close_date"\n']),
    message: 'a field names its column with the word column: column "close_date"',
    hint: /^field … column "close_date"(; .*)?$/,
    alone: true,
  });
});

describe('misspelt words: did you mean', () => {
  diagnosticCase({
    name: 'reveiw for review',
    code: 'PB1003',
    bad: withRules('red line "r" on deals when amount > 100 ⟦reveiw⟧\n'),
    fixed: withRules('red line "r" on deals when amount > 100 review\n'),
    message: 'expected \'block\', \'forfeit\' or \'review\' but found "reveiw"',
    hint: 'did you mean "review"?',
  });
  diagnosticCase({
    name: 'marginl for marginal',
    code: 'PB1004',
    bad: commission('⟦marginl⟧', '2 × base'),
    fixed: commission('marginal', '2 × base'),
    message: 'say whether this commission table is marginal or retroactive',
    hint: 'did you mean "marginal"? marginal: each band pays its own rate on the part that falls in it; retroactive: the band reached pays its rate on the whole amount',
  });
  diagnosticCase({
    name: 'Jan for January',
    code: 'PB2102',
    bad: edit(['fiscal year starts January', 'fiscal year starts ⟦Jan⟧']),
    fixed: edit(['fiscal year starts January', 'fiscal year starts January']),
    message: '"Jan" is not a month',
    hint: 'write the month in full: fiscal year starts January',
  });
  diagnosticCase({
    name: 'Sept for September',
    code: 'PB2102',
    bad: edit(['fiscal year starts January', 'fiscal year starts ⟦Sept⟧']),
    fixed: edit(['fiscal year starts January', 'fiscal year starts September']),
    message: '"Sept" is not a month',
    hint: 'write the month in full: fiscal year starts September',
  });
  // The abbreviation's point is part of the month's name: one report, not also '"." does not start a section'.
  diagnosticCase({
    name: 'Sept. with its point',
    code: 'PB2102',
    bad: edit(['fiscal year starts January', 'fiscal year starts ⟦Sept.⟧']),
    fixed: edit(['fiscal year starts January', 'fiscal year starts September']),
    message: '"Sept." is not a month',
    hint: 'write the month in full: fiscal year starts September',
  });
  diagnosticCase({
    name: 'a month in full with a point',
    code: 'PB2102',
    bad: edit(['fiscal year starts January', 'fiscal year starts ⟦January.⟧']),
    fixed: BASE,
    message: '"January." is not a month',
    hint: 'write the month without the point: fiscal year starts January',
  });
});
