/**
 * PB3001–PB3009: types and units (money, ratio, number, text, date, yes/no) and
 * where a construct may be used; PB3010 (a warning): a grouped number in a list;
 * PB4001: derived fields that depend on themselves.
 * The span the caret must cover is marked ⟦like this⟧ (see helpers.ts).
 */
import { describe, expect, it } from 'vitest';
import { BASE, diagnose, diagnosticCase, edit, withRules } from './helpers.js';

const MIX_HINT = 'to take a percent of an amount, multiply: amount * 5%';

describe('PB3001 arithmetic on values whose units do not mix', () => {
  diagnosticCase({
    name: 'money plus a percent (points at the operator)',
    code: 'PB3001',
    bad: withRules('bonus "kicker" per deal when won pay amount ⟦+⟧ 5%\n'),
    fixed: withRules('bonus "kicker" per deal when won pay amount × 5%\n'),
    message: 'cannot add an amount of money and a ratio (percent)',
    hint: MIX_HINT,
  });
  diagnosticCase({
    name: 'money times money',
    code: 'PB3001',
    bad: withRules('bonus "kicker" per deal when won pay amount ⟦×⟧ amount\n'),
    fixed: withRules('bonus "kicker" per deal when won pay amount × 2\n'),
    message: 'cannot multiply an amount of money and an amount of money',
    hint: null,
  });
  diagnosticCase({
    name: 'a minus sign before a text (points at the whole negation)',
    code: 'PB3001',
    bad: withRules('bonus "kicker" per deal when won pay ⟦-stage⟧\n'),
    fixed: withRules('bonus "kicker" per deal when won pay -amount\n'),
    message: 'cannot negate a text',
    hint: null,
  });
  diagnosticCase({
    name: 'min(…) of an amount and a percent (points at the argument that changes unit)',
    code: 'PB3001',
    bad: withRules('bonus "kicker" per deal when won pay min(amount, ⟦5%⟧)\n'),
    fixed: withRules('bonus "kicker" per deal when won pay min(amount, 5000)\n'),
    message: 'min mixes an amount of money and a ratio (percent)',
    hint: MIX_HINT,
  });
});

describe('PB3002 comparison of values that cannot be compared', () => {
  diagnosticCase({
    name: 'money compared with a percent (points at the operator)',
    code: 'PB3002',
    bad: withRules('red line "r" on deals when amount ⟦>⟧ 20% review\n'),
    fixed: withRules('red line "r" on deals when amount > 20,000 review\n'),
    message: 'cannot compare an amount of money with a ratio (percent)',
    hint: MIX_HINT,
  });
  diagnosticCase({
    name: 'a text compared with a number',
    code: 'PB3002',
    bad: withRules('red line "r" on deals when stage ⟦=⟧ 5 review\n'),
    fixed: withRules('red line "r" on deals when stage = "5" review\n'),
    message: 'cannot compare a text with a number',
    hint: 'texts are compared with = or != against quoted text, e.g. stage = "Won"',
  });
  diagnosticCase({
    name: 'texts ordered with <',
    code: 'PB3002',
    bad: withRules('red line "r" on deals when stage ⟦<⟧ "Won" review\n'),
    fixed: withRules('red line "r" on deals when stage != "Won" review\n'),
    message: 'a text can only be compared with = or !=',
    hint: null,
  });
  diagnosticCase({
    name: 'a number in a list of texts (points at the option)',
    code: 'PB3002',
    bad: withRules('red line "r" on deals when stage in ("Won", ⟦5⟧) review\n'),
    fixed: withRules('red line "r" on deals when stage in ("Won", "5") review\n'),
    message: 'cannot compare a text with a number',
    hint: null,
  });
});

describe('PB3003 a condition that is not yes/no', () => {
  diagnosticCase({
    name: 'an amount where a condition is expected',
    code: 'PB3003',
    bad: withRules('red line "r" on deals when ⟦amount⟧ review\n'),
    fixed: withRules('red line "r" on deals when amount > 0 review\n'),
    message: 'a condition needs a yes/no condition, but this is an amount of money',
    hint: 'compare it with something, e.g. amount > 0',
  });
  diagnosticCase({
    name: 'an amount joined with "and"',
    code: 'PB3003',
    bad: withRules('red line "r" on deals when won and ⟦amount⟧ review\n'),
    fixed: withRules('red line "r" on deals when won and amount > 0 review\n'),
    message: '"and" needs a yes/no condition, but this is an amount of money',
    hint: 'compare it with something, e.g. amount > 0',
  });
  diagnosticCase({
    name: '"not" before a text',
    code: 'PB3003',
    bad: withRules('red line "r" on deals when not ⟦stage⟧ review\n'),
    fixed: withRules('red line "r" on deals when not won review\n'),
    message: '"not" needs a yes/no condition, but this is a text',
    hint: 'compare it with something, e.g. amount > 0',
  });
});

describe('PB3004 an amount or a measure of the wrong kind', () => {
  diagnosticCase({
    name: 'a bonus that pays a text',
    code: 'PB3004',
    bad: withRules('bonus "b" per deal when won pay ⟦stage⟧\n'),
    fixed: withRules('bonus "b" per deal when won pay 100\n'),
    message: 'the amount of bonus "b" must be an amount of money, but this is a text',
    hint: null,
  });
  diagnosticCase({
    name: 'a credited amount that is a percent',
    code: 'PB3004',
    bad: edit(['on closed amount amount', 'on closed amount ⟦10%⟧']),
    fixed: BASE,
    message: 'the credited amount must be an amount of money, but this is a ratio (percent)',
    hint: null,
  });
  diagnosticCase({
    name: 'a ranking by a condition',
    code: 'PB3004',
    bad: withRules('ranking "monthly" per month by ⟦credited > 100⟧\n'),
    fixed: withRules('ranking "monthly" per month by credited\n'),
    message: 'a ranking needs a number or amount to rank by, but this is a yes/no condition',
    hint: null,
  });
  diagnosticCase({
    name: 'sum(…) of a text',
    code: 'PB3004',
    bad: withRules('bonus "b" per rep when sum(⟦stage⟧ of deals) > 0 pay 5\n'),
    fixed: withRules('bonus "b" per rep when sum(amount of deals) > 0 pay 5\n'),
    message: 'sum(…) needs numbers or amounts, but this is a text',
    hint: null,
  });
});

// PB3005 used to cover all of these; since the registry each mistake has its own code.
describe('PB3005, PB3011, PB3016–PB3020: dates, numbers and function arguments of the wrong kind', () => {
  diagnosticCase({
    name: 'credit on a field that is not a date',
    code: 'PB3005',
    bad: edit(['on closed amount', 'on ⟦stage⟧ amount']),
    fixed: BASE,
    message: 'credit is given on a date, but "stage" is a text field',
    hint: 'use a date field of deals: closed',
  });
  diagnosticCase({
    name: 'a function with too many arguments (points at the whole call)',
    code: 'PB3017',
    bad: withRules('bonus "b" per deal when won pay ⟦abs(amount, 1)⟧\n'),
    fixed: withRules('bonus "b" per deal when won pay abs(amount)\n'),
    message: 'abs takes 1 value, got 2',
    hint: 'abs(x): x without its sign',
  });
  diagnosticCase({
    name: 'date(…) of a day that does not exist',
    code: 'PB3018',
    bad: withRules('red line "r" on deals when closed > date(⟦"2017-02-30"⟧) review\n'),
    fixed: withRules('red line "r" on deals when closed > date("2017-02-28") review\n'),
    message: 'date(...) needs a real date written "YYYY-MM-DD"',
    hint: 'for example date("2017-03-31")',
  });
  diagnosticCase({
    name: 'year(…) of an amount',
    code: 'PB3019',
    bad: withRules('red line "r" on deals when year(⟦amount⟧) = 2017 review\n'),
    fixed: withRules('red line "r" on deals when year(closed) = 2017 review\n'),
    message: 'year needs a date, but this is an amount of money',
    hint: 'year(date)',
  });
  diagnosticCase({
    name: 'max(…) of a text',
    code: 'PB3020',
    bad: withRules('bonus "b" per deal when won pay max(⟦stage⟧, 1)\n'),
    fixed: withRules('bonus "b" per deal when won pay max(amount, 1)\n'),
    message: 'max needs numbers or amounts, but this is a text',
    hint: 'max(a, b, …): the largest value',
  });
  diagnosticCase({
    name: 'a quota prorated from a text field',
    code: 'PB3011',
    bad: withRules('quota floor = 100,000 per year prorated by days from ⟦name⟧\nbonus "club" per rep when credited > floor pay 500\n'),
    fixed: edit(['field name text key', 'field name text key\n  field start date']) + 'quota floor = 100,000 per year prorated by days from start\nbonus "club" per rep when credited > floor pay 500\n',
    message: 'a quota is prorated from a start date, but "name" is a text field',
    hint: 'name the date each rep started, e.g. add "field start date" to table reps and write: from start',
  });
  diagnosticCase({
    name: 'a number with 16 digits before the point',
    code: 'PB3016',
    bad: withRules('bonus "b" per deal when amount > ⟦1234567890123456⟧ pay 5\n'),
    fixed: withRules('bonus "b" per deal when amount > 123456789012345 pay 5\n'),
    message: '1234567890123456 is too large: amounts have at most 15 digits before the decimal point',
    hint: 'check for a missing decimal point, or an ID pasted in place of an amount',
  });
  diagnosticCase({
    name: 'a percent with 16 digits before the point',
    code: 'PB3016',
    bad: edit(['base rate 2%', 'base rate ⟦2000000000000000%⟧']),
    fixed: edit(['base rate 2%', 'base rate 2.5%']),
    message: '2000000000000000% is too large: a percent has at most 15 digits before the decimal point',
    hint: 'check for a missing decimal point or a stray run of zeros (2% is written 2%, 2.5% as 2.5%)',
  });
});

describe('PB3006 commission bands out of order', () => {
  diagnosticCase({
    name: 'a threshold lower than the band before it',
    code: 'PB3006',
    bad: edit(['  from 0 pay base\n', '  from 0 pay base\n  from 500,000 pay 2 × base\n  from ⟦300,000⟧ pay 3 × base\n']),
    fixed: edit(['  from 0 pay base\n', '  from 0 pay base\n  from 300,000 pay 2 × base\n  from 500,000 pay 3 × base\n']),
    message: 'this band starts at 300,000, not above the band before it',
    hint: 'list bands from the lowest threshold to the highest',
  });
  diagnosticCase({
    name: 'two bands from the same threshold',
    code: 'PB3006',
    bad: edit(['  from 0 pay base\n', '  from 0 pay base\n  from ⟦0⟧ pay 2 × base\n']),
    fixed: BASE,
    message: 'this band starts at 0, not above the band before it',
    hint: 'list bands from the lowest threshold to the highest',
  });
});

describe('PB3007 monthly quota weights', () => {
  diagnosticCase({
    name: 'fewer than 12 weights (points at the first)',
    code: 'PB3007',
    bad: withRules('quota floor = 120,000 per year split by month weights ⟦50%⟧, 50%\n'),
    fixed: withRules('quota floor = 120,000 per year split evenly by month\nbonus "club" per rep when credited > floor pay 500\n'), // used: no PB4401
    message: 'a split by month needs 12 weights, one per month of the fiscal year; found 2',
    hint: null,
  });
  diagnosticCase({
    name: 'twelve weights that do not add up to 100%',
    code: 'PB3007',
    bad: withRules(`quota floor = 120,000 per year split by month weights ⟦8%⟧${', 8%'.repeat(11)}\n`),
    fixed: withRules(`quota floor = 120,000 per year split by month weights 12%${', 8%'.repeat(11)}\nbonus "club" per rep when credited > floor pay 500\n`), // used: no PB4401
    message: 'the monthly weights add up to 96%, not 100%',
    hint: 'the parts of a quota must add up to the whole',
  });
});

describe('PB3008 a construct used where it has no meaning', () => {
  diagnosticCase({
    name: '"first credited per" outside a bonus per deal',
    code: 'PB3008',
    bad: withRules('red line "r" on deals when ⟦first credited per rep by closed⟧ review\n'),
    fixed: withRules('bonus "first" per deal when first credited per rep by closed pay 100\n'),
    message: '"first credited per …" can only be used in a bonus paid per deal',
    hint: 'it picks, among credited deals, the first one of each group',
  });
  diagnosticCase({
    name: '"credited" in a red line on deals',
    code: 'PB3008',
    bad: withRules('red line "r" on deals when ⟦credited⟧ review\n'),
    fixed: withRules('bonus "r" per deal when credited pay 1\n'),
    message: '"credited" cannot be used in red line "r"',
    hint: 'whether a deal is credited depends on the red lines and the credit rule, so it is only known to bonuses',
  });
  diagnosticCase({
    name: 'sum(…) in a bonus per deal',
    code: 'PB3008',
    bad: withRules('bonus "b" per deal when ⟦sum(amount of deals)⟧ > 0 pay 5\n'),
    fixed: withRules('bonus "b" per rep when sum(amount of deals) > 0 pay 5\n'),
    message: "sum(…) adds up a rep's deals, so it can only be used in rules about reps (ranking, bonus per rep, red line on reps)",
    hint: null,
  });
});

describe('PB3009 ranking bands', () => {
  diagnosticCase({
    name: 'a top band over 100% of reps (points at the whole option)',
    code: 'PB3009',
    bad: withRules('ranking "monthly" per month by credited\n  ⟦top 120% reward 200⟧\n'),
    fixed: withRules('ranking "monthly" per month by credited\n  top 20% reward 200\n'),
    message: '120% of reps is more than all of them',
    hint: null,
  });
  diagnosticCase({
    name: 'top and bottom bands that overlap (points at the bottom band)',
    code: 'PB3009',
    bad: withRules('ranking "monthly" per month by credited\n  top 60% reward 200\n  ⟦bottom 50% review⟧\n'),
    fixed: withRules('ranking "monthly" per month by credited\n  top 60% reward 200\n  bottom 40% review\n'),
    message: 'the top and bottom groups overlap: together they are more than 100% of reps',
    hint: null,
  });
});

describe('PB3010 (warning) digit grouping inside a list', () => {
  diagnosticCase({
    name: 'in (100,200) is one number, 100200',
    code: 'PB3010',
    severity: 'warning',
    bad: withRules('red line "r" on deals when amount in (⟦100,200⟧) review\n'),
    fixed: withRules('red line "r" on deals when amount in (100, 200) review\n'),
    message: '100,200 is read as one number, 100200',
    hint: 'if you meant separate values, put a space after each comma: 100, 200',
  });
  diagnosticCase({
    name: 'a grouped number in a call that then has too few values (clamp(amount,0,100) has two)',
    code: 'PB3010',
    severity: 'warning',
    alone: false,
    bad: withRules('bonus "b" per deal when won pay clamp(amount,⟦0,100⟧)\n'),
    fixed: withRules('bonus "b" per deal when won pay clamp(amount, 0, 100)\n'),
    message: '0,100 is read as one number, 0100',
    hint: 'if you meant separate values, put a space after each comma: 0, 100',
  });
  // A thousand written the usual way, followed by ", " (comma and space), is not ambiguous.
  it('PB3010 max(1,000, 2) is not warned, as the code comment says', () => {
    expect(diagnose(withRules('bonus "b" per deal when won pay max(1,000, 2)\n'))).toEqual([]);
  });
});

describe('PB4001 derived fields in a circle', () => {
  diagnosticCase({
    name: 'a field defined by itself',
    code: 'PB4001',
    bad: edit(['  won  when', '  derive net = ⟦net⟧ - 1\n  won  when']),
    fixed: edit(['  won  when', '  derive net = amount - 1\n  won  when']) + 'bonus "b" per deal when won and net > 0 pay 5\n', // used: no PB4401
    message: '"net" depends on itself',
    hint: 'derived fields must not refer to each other in a circle',
  });
  diagnosticCase({
    name: 'two fields defined by each other (reported once, where the circle closes)',
    code: 'PB4001',
    bad: edit(['  won  when', '  derive gross = net + 1\n  derive net = ⟦gross⟧ - 1\n  won  when']),
    fixed: edit(['  won  when', '  derive gross = amount + 1\n  derive net = gross - 1\n  won  when']) + 'bonus "b" per deal when won and net > 0 pay 5\n', // used: no PB4401
    message: '"gross" depends on itself',
    hint: 'derived fields must not refer to each other in a circle',
  });
});
