/**
 * PB2001–PB2007: names that do not resolve or are declared twice.
 * The span the caret must cover is marked ⟦like this⟧ (see helpers.ts).
 */
import { describe, it } from 'vitest';
import { BASE, diagnose, diagnosticCase, edit, expectDiagnostic, marked, withRules } from './helpers.js';

describe('PB2001 unknown field or name', () => {
  diagnosticCase({
    name: 'a misspelt field in a red line',
    code: 'PB2001',
    bad: withRules('red line "big deals" on deals\n  when won and ⟦amont⟧ > 100,000\n  review\n'),
    fixed: withRules('red line "big deals" on deals\n  when won and amount > 100,000\n  review\n'),
    message: '"amont" is not a field of deals',
    hint: 'did you mean "amount"?',
  });
  diagnosticCase({
    name: 'the credit rule names a rep field that does not exist (no near name: the fields are listed)',
    code: 'PB2001',
    bad: edit(['to rep on', 'to ⟦sales_rep⟧ on']),
    fixed: BASE,
    message: '"sales_rep" is not a field of deals',
    hint: 'known fields of deals: amount, closed, id, rep, stage',
  });
  diagnosticCase({
    name: 'the credit rule names a date field that does not exist',
    code: 'PB2001',
    bad: edit(['on closed amount', 'on ⟦close⟧ amount']),
    fixed: BASE,
    message: '"close" is not a field of deals',
    hint: 'did you mean "closed"?',
  });
  diagnosticCase({
    name: '"won" used but never declared in the deals table',
    code: 'PB2001',
    bad: edit(['  won  when stage = "Won"\n', ''], ['credit deals when won to', 'credit deals when ⟦won⟧ to']),
    fixed: BASE,
    message: '"won" is not defined',
    hint: 'declare it in the deals table, e.g. won when stage = "Won"',
  });
  diagnosticCase({
    name: '"won" used inside the deals table\'s own definitions',
    code: 'PB2001',
    bad: edit(['  won  when', '  derive big_win = ⟦won⟧ and amount > 100\n  won  when']),
    fixed: edit(['  won  when', '  derive big_win = stage = "Won" and amount > 100\n  won  when']) + 'bonus "big" per deal when won and big_win pay 5\n', // used: no PB4401
    message: '"won" cannot be used inside a table\'s own definitions',
    // "won" is declared: the hint says why it cannot be read here, not to declare it again.
    hint: 'a table\'s derived fields are worked out before its "won when …" line: write that line\'s condition here instead of "won"',
  });
  it('PB2001 "won" used inside the deals table\'s own definitions, and declared nowhere: the hint says to declare it', () => {
    const { text, span } = marked(edit(['  won  when stage = "Won"\n', '  derive big_win = ⟦won⟧ and amount > 100\n']));
    // The credit rule's own "won" is a second PB2001 ("is not defined"), further down.
    const first = diagnose(text)[0];
    expectDiagnostic(first, span, {
      code: 'PB2001',
      message: '"won" cannot be used inside a table\'s own definitions',
      hint: 'declare it in the deals table, e.g. won when stage = "Won"',
    });
  });
  diagnosticCase({
    name: 'a rep field misspelt in a bonus per rep (names rep fields, credited and quotas)',
    code: 'PB2001',
    bad: withRules('quota floor = 100,000 per year\nbonus "club" per rep when credited > ⟦flor⟧ pay 500\n'),
    fixed: withRules('quota floor = 100,000 per year\nbonus "club" per rep when credited > floor pay 500\n'),
    message: '"flor" is not a field of reps',
    hint: 'did you mean "floor"?',
  });
});

describe('PB2210 a payout component without a name', () => {
  diagnosticCase({
    name: 'a bonus named ""',
    code: 'PB2210',
    bad: withRules('bonus ⟦""⟧ per deal when won pay 500\n'),
    fixed: withRules('bonus "club" per deal when won pay 500\n'),
    message: 'this bonus has no name',
    hint: 'give it a name between the quotes, e.g. bonus "club": statements, reports and forfeits name it so',
  });
  diagnosticCase({
    name: 'a ranking named with spaces only',
    code: 'PB2210',
    bad: withRules('ranking ⟦"  "⟧ per month by credited\n  top 10% reward 1,000\n'),
    fixed: withRules('ranking "monthly ranking" per month by credited\n  top 10% reward 1,000\n'),
    message: 'this ranking has no name',
    hint: 'give it a name between the quotes, e.g. ranking "monthly ranking": statements, reports and forfeits name it so',
  });
});

describe('PB2002 declared twice', () => {
  diagnosticCase({
    name: 'a table declared twice',
    code: 'PB2002',
    bad: withRules('table ⟦reps⟧ from "reps-2.csv"\n  field name text key\n'),
    fixed: BASE,
    message: 'table "reps" is declared twice',
    hint: null,
  });
  diagnosticCase({
    name: 'a field declared twice in one table',
    code: 'PB2002',
    bad: edit(['  field stage   text\n', '  field stage   text\n  field ⟦stage⟧   text\n']),
    fixed: BASE,
    message: 'field "stage" is declared twice in table deals',
    hint: null,
  });
  diagnosticCase({
    name: 'a derived field with the name of a field',
    code: 'PB2002',
    bad: edit(['  won  when', '  derive ⟦amount⟧ = 1\n  won  when']),
    fixed: edit(['  won  when', '  derive one = 1\n  won  when']) + 'bonus "b" per deal when won and one > 0 pay 5\n', // used: no PB4401
    message: '"amount" is already a field of table deals',
    hint: null,
  });
  diagnosticCase({
    name: '"won" declared twice',
    code: 'PB2002',
    bad: edit(['  lost when', '  ⟦won when stage = "Closed Won"⟧\n  lost when']),
    fixed: BASE,
    message: '"won" is declared twice',
    hint: null,
  });
  diagnosticCase({
    name: 'a second credit rule',
    code: 'PB2002',
    bad: withRules('⟦credit deals when won to rep on closed amount amount⟧\n'),
    fixed: BASE,
    message: 'only one credit rule is supported',
    hint: null,
  });
  diagnosticCase({
    name: 'a quota declared twice',
    code: 'PB2002',
    bad: withRules('quota floor = 100 per year\nquota ⟦floor⟧ = 200 per year\n'),
    fixed: withRules('quota floor = 100 per year\nbonus "club" per rep when credited > floor pay 500\n'), // used: no PB4401
    message: 'quota "floor" is declared twice',
    hint: null,
  });
  diagnosticCase({
    name: 'a bonus named like the commission',
    code: 'PB2002',
    bad: withRules('bonus ⟦"commission"⟧ per deal when won pay 5\n'),
    fixed: withRules('bonus "spiff" per deal when won pay 5\n'),
    message: 'there are two payout components called "commission"',
    hint: 'give each commission, bonus and ranking its own name',
  });
  diagnosticCase({
    name: 'two red lines with one name',
    code: 'PB2002',
    bad: withRules('red line "review" on deals when amount > 100 review\nred line ⟦"review"⟧ on deals when amount < 0 review\n'),
    fixed: withRules('red line "review" on deals when amount > 100 review\nred line "refund" on deals when amount < 0 review\n'),
    message: 'red line "review" is declared twice',
    hint: null,
  });
});

describe('PB2003 unknown table', () => {
  diagnosticCase({
    name: 'a lookup of a misspelt table',
    code: 'PB2003',
    bad: edit(['lookup reps', 'lookup ⟦rep⟧']),
    fixed: BASE,
    message: 'there is no table "rep"',
    hint: 'did you mean "reps"?',
  });
  diagnosticCase({
    name: 'sum(…) over a table other than deals',
    code: 'PB2003',
    bad: withRules('bonus "b" per rep when sum(amount of ⟦reps⟧) > 0 pay 5\n'),
    fixed: withRules('bonus "b" per rep when sum(amount of deals) > 0 pay 5\n'),
    message: 'sum(…) can only go over deals, not "reps"',
    hint: null,
  });
});

describe('PB2004 unknown quota or missing base rate', () => {
  diagnosticCase({
    name: 'a band relative to a quota that is not declared',
    code: 'PB2004',
    bad: edit(['  from 0 pay base\n', '  from 0 pay base\n  from 100% of ⟦floor⟧ pay 2 × base\n']),
    fixed: edit(['  from 0 pay base\n', '  from 0 pay base\n  from 100% of floor pay 2 × base\n']) + 'quota floor = 100,000 per year\n',
    message: 'there is no quota "floor"',
    hint: 'no quotas defined here',
  });
  diagnosticCase({
    name: 'a multiple of base without a base rate',
    code: 'PB2004',
    bad: edit(['  base rate 2%\n  from 0 pay base\n', '  from 0 pay 2%\n  from 100 pay ⟦3⟧ × base\n']),
    fixed: edit(['  base rate 2%\n  from 0 pay base\n', '  from 0 pay 2%\n  from 100 pay 3%\n']),
    message: 'this rate is a multiple of the base rate, but the table has no base rate',
    hint: 'add a line: base rate 2%',
  });
  diagnosticCase({
    name: 'the excess over base reported without a base rate',
    code: 'PB2004',
    bad: edit(['  base rate 2%\n  from 0 pay base\n', '  from 0 pay 2%\n  report excess over base as ⟦"kicker"⟧\n']),
    fixed: edit(['  from 0 pay base\n', '  from 0 pay base\n  report excess over base as "kicker"\n']),
    message: 'the excess over base needs a base rate',
    hint: 'add a line: base rate 2%',
  });
  diagnosticCase({
    name: 'not reported for a rate the parser could not read: only the syntax error is (found by a trial user)',
    code: 'PB1003',
    bad: edit(['  base rate 2%\n  from 0 pay base\n', '  from 0 pay ⟦amount⟧ + 5%\n']),
    fixed: edit(['  base rate 2%\n  from 0 pay base\n', '  from 0 pay 5%\n']),
    message: 'expected a percent such as 20%, a number or \'base\' but found "amount"',
    hint: null,
  });
});

describe('PB2005 forfeit of an unknown component', () => {
  diagnosticCase({
    name: 'a misspelt component in a must-win forfeit',
    code: 'PB2005',
    bad: withRules('must win "key accounts"\n  when lost and amount > 1,000\n  forfeit ⟦"comission"⟧\n'),
    fixed: withRules('must win "key accounts"\n  when lost and amount > 1,000\n  forfeit "commission"\n'),
    message: 'there is no payout component "comission" to forfeit',
    hint: 'did you mean "commission"?',
  });
  diagnosticCase({
    name: 'a red line on reps forfeiting a component that does not exist (the known ones are listed)',
    code: 'PB2005',
    bad: withRules('red line "too little" on reps when credited < 10 forfeit "commission", ⟦"strategic bonus"⟧\n'),
    fixed: withRules('red line "too little" on reps when credited < 10 forfeit "commission"\n'),
    message: 'there is no payout component "strategic bonus" to forfeit',
    hint: 'known components: commission',
  });
});

describe('PB2006 unknown function', () => {
  diagnosticCase({
    name: 'a misspelt function',
    code: 'PB2006',
    bad: withRules('bonus "b" per deal when won pay ⟦maxx⟧(amount × 1%, 5)\n'),
    fixed: withRules('bonus "b" per deal when won pay max(amount × 1%, 5)\n'),
    message: 'there is no function "maxx"',
    hint: 'did you mean "max"?',
  });
});

describe('PB2007 a field read through something that is not a lookup', () => {
  diagnosticCase({
    name: 'through a text field',
    code: 'PB2007',
    bad: withRules('red line "r" on deals when stage.⟦name⟧ = "x" review\n'),
    fixed: withRules('red line "r" on deals when rep.name = "x" review\n'),
    message: '"stage" is a text field, not a lookup, so "name" cannot be read through it',
    hint: 'add "lookup TABLE" to the field "stage" in table deals',
  });
  diagnosticCase({
    name: 'through a derived field',
    code: 'PB2007',
    bad: edit(['  won  when', '  derive net = amount\n  won  when']) + 'red line "r" on deals when net.⟦value⟧ > 0 review\n',
    fixed: edit(['  won  when', '  derive net = amount\n  won  when']) + 'red line "r" on deals when net > 0 review\n',
    message: '"net" is a derived field, not a lookup',
    hint: null,
  });
});
