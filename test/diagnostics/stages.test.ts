/**
 * PB2501–PB2504 and PB3501–PB3502: paying commission in stages (`pay … in stages`,
 * src/check/stages.ts). Each mistake is reported with its code, place, message and hint, and the
 * corrected playbook checks clean.
 */
import { describe } from 'vitest';
import { diagnosticCase, withRules } from './helpers.js';

const COLLECTIONS = 'table collections from "collections.csv"\n  field deal   text lookup deals\n  field date   date "YYYY-MM-DD"\n  field amount money\n\n';
const PROGRESS = 'table progress from "progress.csv"\n  field deal    text lookup deals\n  field date    date "YYYY-MM-DD"\n  field percent percent\n\n';
/** BASE with the lifecycle tables before the rules appended. */
const withTables = (tables: string, rules: string) => withRules(`${tables}${rules}`);
const GOOD = 'pay "commission" in stages\n  40% at booking\n  40% with cash collected\n  20% at completion\n  paid monthly on the 5th after the trigger\n';

describe('stage shares and triggers', () => {
  diagnosticCase({
    name: 'shares that add up to 90%',
    code: 'PB3501',
    bad: withTables(COLLECTIONS + PROGRESS, 'pay "commission" in stages\n  ⟦40%⟧ at booking\n  30% with cash collected\n  20% at completion\n'),
    fixed: withTables(COLLECTIONS + PROGRESS, GOOD),
    message: 'the stages add up to 90%, not 100%',
    hint: 'the shares split the commission between the stages, so they must add up to exactly 100% (e.g. 40% + 40% + 20%)',
  });
  diagnosticCase({
    name: 'shares that add up to more than 100%',
    code: 'PB3501',
    bad: withTables(PROGRESS, 'pay "commission" in stages\n  ⟦60%⟧ at booking, 50% at completion\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n'),
    message: 'the stages add up to 110%, not 100%',
    hint: /exactly 100%/,
  });
  diagnosticCase({
    name: 'a trigger the engine does not know',
    code: 'PB2501',
    bad: withRules('pay "commission" in stages\n  50% at booking\n  50% at ⟦delivery⟧\n'),
    fixed: withTables(PROGRESS, 'pay "commission" in stages\n  50% at booking\n  50% at completion\n'),
    message: '"delivery" is not a stage trigger',
    hint: 'a stage is paid at booking, with invoices, with cash collected, with revenue recognised or at completion',
  });
  diagnosticCase({
    name: 'a misspelt second word of a trigger (not "does not start a section", nor shares short of 100%)',
    code: 'PB2501',
    bad: withTables(COLLECTIONS, 'pay "commission" in stages\n  40% at booking\n  60% with ⟦cash colected⟧\n  paid monthly on the 5th after the trigger\n'),
    fixed: withTables(COLLECTIONS, 'pay "commission" in stages\n  40% at booking\n  60% with cash collected\n  paid monthly on the 5th after the trigger\n'),
    message: '"cash colected" is not a stage trigger',
    hint: 'a stage is paid at booking, with invoices, with cash collected, with revenue recognised or at completion',
  });
  diagnosticCase({
    name: 'a two-word trigger written with its first word only ("with cash" is not the cash trigger)',
    code: 'PB2501',
    bad: withTables(COLLECTIONS, 'pay "commission" in stages\n  40% at booking\n  60% with ⟦cash⟧\n'),
    fixed: withTables(COLLECTIONS, 'pay "commission" in stages\n  40% at booking\n  60% with cash collected\n'),
    message: '"cash" is not a stage trigger',
    hint: 'did you mean "with cash collected"?',
  });
  diagnosticCase({
    name: 'revenue without "recognised"',
    code: 'PB2501',
    bad: withTables(PROGRESS, 'pay "commission" in stages\n  40% at booking\n  60% with ⟦revenue⟧\n'),
    fixed: withTables(PROGRESS, 'pay "commission" in stages\n  40% at booking\n  60% with revenue recognised\n'),
    message: '"revenue" is not a stage trigger',
    hint: 'did you mean "with revenue recognised"?',
  });
  diagnosticCase({
    name: 'the second word of another trigger',
    code: 'PB2501',
    bad: withTables(COLLECTIONS, 'pay "commission" in stages\n  40% at booking\n  60% with ⟦cash recognised⟧\n'),
    fixed: withTables(COLLECTIONS, 'pay "commission" in stages\n  40% at booking\n  60% with cash collected\n'),
    message: '"cash recognised" is not a stage trigger',
    hint: 'a stage is paid at booking, with invoices, with cash collected, with revenue recognised or at completion',
  });
  diagnosticCase({
    name: 'the same stage written twice (a warning at the second, naming the line of the first)',
    code: 'PB3503',
    severity: 'warning',
    // BASE is 21 lines and PROGRESS 5, so the pay section starts on line 27 and the first "at booking" is line 28.
    bad: withTables(PROGRESS, 'pay "commission" in stages\n  40% at booking\n  ⟦40% at booking⟧\n  20% at completion\n'),
    fixed: withTables(PROGRESS, 'pay "commission" in stages\n  80% at booking\n  20% at completion\n'),
    message: 'the stage "at booking" is written twice: it is already on line 28',
    hint: 'both shares are released on the same event; write it once with both shares: 80% at booking',
  });
  diagnosticCase({
    name: 'the same trigger under another spelling, on one line',
    code: 'PB3503',
    severity: 'warning',
    bad: withTables('table invoices from "invoices.csv"\n  field deal   text lookup deals\n  field date   date "YYYY-MM-DD"\n  field amount money\n\n', 'pay "commission" in stages\n  30% with invoices, ⟦70% with invoicing⟧\n'),
    fixed: withTables('table invoices from "invoices.csv"\n  field deal   text lookup deals\n  field date   date "YYYY-MM-DD"\n  field amount money\n\n', 'pay "commission" in stages\n  100% with invoices\n'),
    message: 'the stage "with invoices" is written twice: it is already on line 28',
    hint: 'both shares are released on the same event; write it once with both shares: 100% with invoices',
  });
});

describe('what can be paid in stages', () => {
  diagnosticCase({
    name: 'a component that does not exist',
    code: 'PB2502',
    bad: withRules('pay ⟦"comission"⟧ in stages\n  100% at booking\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n'),
    message: 'there is no commission called "comission" to pay in stages',
    hint: 'did you mean "commission"?',
  });
  diagnosticCase({
    name: 'a bonus',
    code: 'PB2502',
    bad: withRules('bonus "big deal" per deal\n  pay 100\n\npay ⟦"big deal"⟧ in stages\n  100% at booking\n'),
    fixed: withRules('bonus "big deal" per deal\n  pay 100\n\npay "commission" in stages\n  100% at booking\n'),
    message: '"big deal" is a bonus; only commission lines can be paid in stages',
    hint: /a commission line is earned on the deals behind it/,
  });
  diagnosticCase({
    name: 'a component paid in stages twice',
    code: 'PB2002',
    bad: withRules('pay "commission" in stages\n  100% at booking\n\npay ⟦"commission"⟧ in stages\n  100% at booking\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n'),
    message: '"commission" is paid in stages twice',
    hint: 'name each commission in one "pay … in stages" section',
  });
});

describe('the tables the triggers read', () => {
  diagnosticCase({
    name: 'cash collected without a collections table',
    code: 'PB2503',
    bad: withRules('pay "commission" in stages\n  50% at booking\n  50% with ⟦cash collected⟧\n'),
    fixed: withTables(COLLECTIONS, 'pay "commission" in stages\n  50% at booking\n  50% with cash collected\n'),
    message: 'the stage "cash collected" is paid from cash received per deal, and the playbook has no collections table',
    hint: 'declare: table collections from "collections.csv" with fields deal (lookup deals), date and amount',
  });
  diagnosticCase({
    name: 'completion without a progress table',
    code: 'PB2503',
    bad: withRules('pay "commission" in stages\n  50% at booking\n  50% at ⟦completion⟧\n'),
    fixed: withTables(PROGRESS, 'pay "commission" in stages\n  50% at booking\n  50% at completion\n'),
    message: 'the stage "completion" is paid from percent complete per deal, and the playbook has no progress table',
    hint: 'declare: table progress from "progress.csv" with fields deal (lookup deals), date and percent',
  });
  diagnosticCase({
    name: 'a collections table whose amount is a number, not money',
    code: 'PB2504',
    bad: withTables('table ⟦collections⟧ from "collections.csv"\n  field deal   text lookup deals\n  field date   date "YYYY-MM-DD"\n  field amount number\n\n', 'pay "commission" in stages\n  50% at booking\n  50% with cash collected\n'),
    fixed: withTables(COLLECTIONS, 'pay "commission" in stages\n  50% at booking\n  50% with cash collected\n'),
    message: 'the collections table needs a money field named "amount"',
    hint: 'the stage "cash collected" reads each row\'s deal, date and amount ("amount" is a number field)',
  });
  diagnosticCase({
    name: 'a progress table without a percent field',
    code: 'PB2504',
    bad: withTables('table ⟦progress⟧ from "progress.csv"\n  field deal     text lookup deals\n  field date     date "YYYY-MM-DD"\n  field complete percent\n\n', 'pay "commission" in stages\n  50% at booking\n  50% with revenue recognised\n'),
    fixed: withTables(PROGRESS, 'pay "commission" in stages\n  50% at booking\n  50% with revenue recognised\n'),
    message: 'the progress table needs a percent field named "percent"',
    hint: 'the stage "revenue recognised" reads each row\'s deal, date and percent',
  });
});

describe('pay calendars', () => {
  diagnosticCase({
    name: 'a day of the month that does not exist',
    code: 'PB3502',
    bad: withRules('pay "commission" in stages\n  100% at booking\n  paid monthly on the ⟦32nd⟧ after the trigger\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n  paid monthly on the 31st after the trigger\n'),
    message: 'no month has a day 32 to pay on',
    hint: 'write a day from the 1st to the 31st (the 29th to 31st fall on the last day of shorter months)',
  });
  diagnosticCase({
    name: 'a misspelt weekday',
    code: 'PB3502',
    bad: withRules('pay "commission" in stages\n  100% at booking\n  paid every ⟦Fryday⟧ after the trigger\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n  paid every Friday after the trigger\n'),
    message: '"Fryday" is not a day of the week',
    hint: 'did you mean "friday"?',
  });
  diagnosticCase({
    name: 'every other week without a first pay day',
    code: 'PB3502',
    bad: withRules('pay "commission" in stages\n  100% at booking\n  paid every other ⟦Friday⟧ after the trigger\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n  paid every other Friday from "2017-01-06" after the trigger\n'),
    message: '"every other Friday" needs the first pay day, to know which weeks pay',
    hint: 'write: every other Friday from "2026-01-09" after the trigger (a Friday)',
  });
  diagnosticCase({
    name: 'a first pay day on another weekday',
    code: 'PB3502',
    bad: withRules('pay "commission" in stages\n  100% at booking\n  paid every other Friday from ⟦"2017-01-05"⟧ after the trigger\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n  paid every other Friday from "2017-01-06" after the trigger\n'),
    message: '2017-01-05 is a Thursday, not a Friday',
    hint: 'give a Friday as the first pay day',
  });
  diagnosticCase({
    name: 'a lag that is not a whole number of days',
    code: 'PB3502',
    bad: withRules('pay "commission" in stages\n  100% at booking\n  paid ⟦2.5⟧ days after the trigger\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n  paid 3 days after the trigger\n'),
    message: 'a lag of 2.5 days cannot be followed',
    hint: 'write a whole number of days, at most 3660: paid 30 days after the trigger',
  });
});

describe('pay fast in budgets and assertions', () => {
  diagnosticCase({
    name: 'a budget of days to pay without anything paid in stages',
    code: 'PB3008',
    bad: withRules('⟦budget days to pay at most 3⟧\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n  paid on the next business day after the trigger\n\nbudget days to pay at most 3\n'),
    message: 'a budget of days to pay has no meaning here: nothing is paid in stages',
    hint: 'pay a commission in stages (pay "…" in stages, with a pay calendar), or remove this budget',
  });
  diagnosticCase({
    name: 'a budget of days to pay that is not a whole number',
    code: 'PB3502',
    bad: withRules('pay "commission" in stages\n  100% at booking\n\nbudget days to pay at most ⟦2.5⟧\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n\nbudget days to pay at most 3\n'),
    message: 'a budget of 2.5 days cannot be followed',
    hint: 'write a whole number of days: budget days to pay at most 3',
  });
  diagnosticCase({
    name: 'days_to_pay_p90 in an assertion without anything paid in stages',
    code: 'PB3008',
    bad: withRules('assert "paid fast" for each rep ⟦days_to_pay_p90⟧ <= 3\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n\nassert "paid fast" for each rep days_to_pay_p90 <= 3\n'),
    message: '"days_to_pay_p90" is only known for commission paid in stages, and this playbook pays nothing in stages',
    hint: 'add a "pay … in stages" section, or leave this name out',
  });
});
