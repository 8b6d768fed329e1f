/**
 * PB5401–PB5407: to-date bases (`on year-to-date credited paid per quarter`), draws (`draw 5,000
 * per month recoverable, …`) and annual amounts paid in instalments. The span the caret must
 * cover is marked ⟦like this⟧ (see helpers.ts).
 */
import { describe } from 'vitest';
import { diagnosticCase, edit, withRules } from './helpers.js';

const TABLE = 'commission "commission" on credited per year marginal';

describe('PB5401 a to-date basis no longer than the pay period', () => {
  diagnosticCase({
    name: 'a year-to-date table paid per year',
    code: 'PB5401',
    bad: edit([TABLE, 'commission "commission" on ⟦year-to-date⟧ credited paid per year marginal']),
    fixed: edit([TABLE, 'commission "commission" on year-to-date credited paid per quarter marginal']),
    message: 'commission "commission" runs on year-to-date credit but is paid per year: each year would stand alone, so the to-date basis means nothing',
    hint: 'pay it more often than the basis ("paid per quarter" or "paid per month"), or write "on credited per year" for a table where each year stands alone',
  });
  diagnosticCase({
    name: 'a quarter-to-date table paid per quarter',
    code: 'PB5401',
    bad: edit([TABLE, 'commission "commission" on ⟦quarter-to-date⟧ credited paid per quarter marginal']),
    fixed: edit([TABLE, 'commission "commission" on quarter-to-date credited paid per month marginal']),
    message: 'commission "commission" runs on quarter-to-date credit but is paid per quarter: each quarter would stand alone, so the to-date basis means nothing',
    hint: 'pay it more often than the basis ("paid per month"), or write "on credited per quarter" for a table where each quarter stands alone',
  });
});

describe('PB1003 a negative draw', () => {
  diagnosticCase({
    name: 'a draw written with a minus sign',
    code: 'PB1003',
    bad: withRules('\ndraw ⟦-⟧5,000 per year guaranteed\n'),
    fixed: withRules('\ndraw 5,000 per year guaranteed\n'),
    message: 'a draw is an amount above zero, not a negative one',
    hint: 'write the amount without the minus sign: draw 15,000 per quarter recoverable, at year end write off',
  });
});

describe('PB5402 a recovery cap that is not a share of earnings', () => {
  diagnosticCase({
    name: 'a cap over 100%',
    code: 'PB5402',
    bad: withRules('\ndraw 5,000 per year recoverable, ⟦recover at most 150% of earnings per year⟧, at year end write off\n'),
    fixed: withRules('\ndraw 5,000 per year recoverable, recover at most 50% of earnings per year, at year end write off\n'),
    message: 'a recovery cap of 150% of earnings takes back more than the rep earned',
    hint: "the cap is the most of a period's earnings that may repay the draw: a percent above 0% and at most 100%, e.g. recover at most 50% of earnings per month",
  });
});

describe("PB5403 a draw on a period shorter than a commission table's", () => {
  diagnosticCase({
    name: 'a monthly draw against a yearly table',
    code: 'PB5403',
    bad: withRules('\ndraw 5,000 per ⟦month⟧ guaranteed\n'),
    fixed: edit([TABLE, 'commission "commission" on year-to-date credited paid per month marginal']) + '\ndraw 5,000 per month guaranteed\n',
    message: 'the draw is per month, but commission "commission" is paid per year: a month\'s earnings are not known until the year ends',
    hint: 'draw per year, or pay the table per month on its to-date credit: commission "commission" on year-to-date credited paid per month',
  });
});

describe('PB5404 a recoverable draw without a year-end rule', () => {
  diagnosticCase({
    name: 'no year-end rule',
    code: 'PB5404',
    bad: withRules('\ndraw 5,000 per year ⟦recoverable⟧\n'),
    fixed: withRules('\ndraw 5,000 per year recoverable, at year end carry over\n'),
    message: 'say what happens at year end to a recoverable draw balance that is not yet repaid',
    hint: 'add "at year end write off" (the company absorbs it) or "at year end carry over" (the rep still owes it after the plan period)',
  });
});

describe('PB5405 a recovery cap on another period than the draw', () => {
  diagnosticCase({
    name: 'a monthly cap on a yearly draw',
    code: 'PB5405',
    bad: withRules('\ndraw 5,000 per year recoverable, ⟦recover at most 50% of earnings per month⟧, at year end write off\n'),
    fixed: withRules('\ndraw 5,000 per year recoverable, recover at most 50% of earnings per year, at year end write off\n'),
    message: 'the recovery cap is per month, but the draw is per year',
    hint: 'recovery happens once per draw period: recover at most 50% of earnings per year',
  });
});

describe('PB5406 instalments of an amount not paid once a year', () => {
  diagnosticCase({
    name: 'a quarterly bonus in monthly instalments',
    code: 'PB5406',
    bad: withRules('\nbonus "kicker" per rep per quarter pay 3,000 ⟦in monthly instalments⟧\n'),
    fixed: withRules('\nbonus "kicker" per rep pay 12,000 per year in monthly instalments\n'),
    message: 'bonus "kicker" is paid per quarter; only an amount paid once a year can be paid in instalments',
    hint: 'write it as a yearly amount: bonus "kicker" per rep pay … per year in monthly instalments',
  });
  diagnosticCase({
    name: 'a bonus per deal in instalments',
    code: 'PB5406',
    bad: withRules('\nbonus "big deal" per deal when amount > 100,000 pay 1,000 ⟦in quarterly instalments⟧\n'),
    fixed: withRules('\nbonus "big deal" per deal when amount > 100,000 pay 1,000\n'),
    message: 'bonus "big deal" is paid per deal; only an amount paid once a year can be paid in instalments',
    hint: 'write it as a yearly amount: bonus "big deal" per rep pay … per year in quarterly instalments',
  });
});

describe('PB5406 an amount per year on a bonus not paid once a year', () => {
  diagnosticCase({
    name: 'a quarterly bonus whose amount says per year',
    code: 'PB5406',
    bad: withRules('\nbonus "kicker" per rep per quarter pay 3,000 ⟦per year⟧\n'),
    fixed: withRules('\nbonus "kicker" per rep per quarter pay 3,000\n'),
    message: 'bonus "kicker" is paid per quarter, but its amount is written per year',
    hint: 'a bonus per rep without a period is paid once a year: bonus "kicker" per rep pay … per year',
  });
});

describe('PB5407 a second draw', () => {
  diagnosticCase({
    name: 'two draw lines',
    code: 'PB5407',
    bad: withRules('\ndraw 5,000 per year guaranteed\n⟦draw 3,000 per year guaranteed⟧\n'),
    fixed: withRules('\ndraw 5,000 per year guaranteed\n'),
    message: 'a playbook has one draw; this one is the second (the first is on line 23)',
    hint: 'keep one draw line: a rep is advanced one amount per period',
  });
});
