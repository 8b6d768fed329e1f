/**
 * PB5301–PB5307: the `clawed back …` lines of a `pay … in stages` section (src/check/clawbacks.ts);
 * PB5308–PB5310: its minimums and caps (src/check/limits.ts).
 * Each mistake is reported with its code, place, message and hint, and the corrected playbook
 * checks clean.
 */
import { describe } from 'vitest';
import { diagnosticCase, withRules } from './helpers.js';

const REVERSALS = 'table reversals from "reversals.csv"\n  field deal   text lookup deals\n  field date   date "YYYY-MM-DD"\n  field amount money\n\n';
const COLLECTIONS = 'table collections from "collections.csv"\n  field deal   text lookup deals\n  field date   date "YYYY-MM-DD"\n  field amount money\n\n';
const INVOICES = 'table invoices from "invoices.csv"\n  field deal   text lookup deals\n  field date   date "YYYY-MM-DD"\n  field amount money\n\n';
const withTables = (tables: string, rules: string) => withRules(`${tables}${rules}`);
const PAY = 'pay "commission" in stages\n  50% at booking\n  50% with cash collected\n';
const ON_REVERSAL = `${PAY}  clawed back on reversal\n`;
const WINDOW = `${PAY}  clawed back when cash is not collected within 120 days of booking\n`;

describe('clawbacks on reversal', () => {
  diagnosticCase({
    name: 'an event the engine does not know',
    code: 'PB5301',
    bad: withTables(COLLECTIONS + REVERSALS, `${PAY}  clawed back on ⟦refunds⟧\n`),
    fixed: withTables(COLLECTIONS + REVERSALS, ON_REVERSAL),
    message: '"refunds" is not a clawback event',
    hint: 'write: clawed back on reversal (each row of the reversals table, a credit note, cancellation or refund, names the deal it reverses)',
  });
  diagnosticCase({
    name: 'no reversals table',
    code: 'PB5302',
    bad: withTables(COLLECTIONS, `${PAY}  clawed back on ⟦reversal⟧\n`),
    fixed: withTables(COLLECTIONS + REVERSALS, ON_REVERSAL),
    message: 'deals are clawed back on reversal, and the playbook has no reversals table',
    hint: 'declare: table reversals from "reversals.csv" with fields deal (lookup deals), date and amount (the amount reversed, a credit note\'s amount)',
  });
  diagnosticCase({
    name: 'a reversals table whose amount is not money',
    code: 'PB5303',
    bad: withTables(`${COLLECTIONS}table ⟦reversals⟧ from "reversals.csv"\n  field deal   text lookup deals\n  field date   date "YYYY-MM-DD"\n  field amount number\n\n`, ON_REVERSAL),
    fixed: withTables(COLLECTIONS + REVERSALS, ON_REVERSAL),
    message: 'the reversals table needs a money field named "amount"',
    hint: 'each reversal names the deal it reverses (by the deals table\'s key), the day and the amount reversed ("amount" is a number field)',
  });
  diagnosticCase({
    name: 'written twice',
    code: 'PB5307',
    bad: withTables(COLLECTIONS + REVERSALS, `${ON_REVERSAL}  ⟦clawed back on reversal⟧\n`),
    fixed: withTables(COLLECTIONS + REVERSALS, ON_REVERSAL),
    message: `clawbacks on reversal are written twice in this section: it is already on line 35`, // BASE's 21 lines, two tables of 5, then pay, two stages: the first clawback is line 35
    hint: 'write each clawback line once per "pay … in stages" section',
  });
});

describe('clawback windows', () => {
  diagnosticCase({
    name: 'a window of no days',
    code: 'PB5304',
    bad: withTables(COLLECTIONS, `${PAY}  clawed back when cash is not collected within ⟦0⟧ days of booking\n`),
    fixed: withTables(COLLECTIONS, WINDOW),
    message: 'a clawback window of 0 days cannot be followed',
    hint: 'write a whole number of days from 1 to 3660: clawed back when cash is not collected within 120 days of booking',
  });
  diagnosticCase({
    name: 'a window waiting for something other than cash',
    code: 'PB5305',
    bad: withTables(COLLECTIONS, `${PAY}  clawed back when ⟦revenue⟧ is not collected within 120 days of booking\n`),
    fixed: withTables(COLLECTIONS, WINDOW),
    message: 'a clawback window waits for cash, not for "revenue"',
    hint: 'write: clawed back when cash is not collected within 120 days of booking',
  });
  diagnosticCase({
    name: 'a window counted from an unknown day',
    code: 'PB5305',
    bad: withTables(COLLECTIONS, `${PAY}  clawed back when cash is not collected within 90 days of ⟦delivery⟧\n`),
    fixed: withTables(COLLECTIONS + INVOICES, `${PAY}  clawed back when cash is not collected within 90 days of invoice\n`),
    message: 'a clawback window counts its days from booking or from the invoice, not from "delivery"',
    hint: 'write: clawed back when cash is not collected within 90 days of booking (or of invoice)',
  });
  diagnosticCase({
    name: 'a window from the invoice without an invoices table',
    code: 'PB5306',
    bad: withTables(COLLECTIONS, `${PAY}  ⟦clawed back when cash is not collected within 90 days of invoice⟧\n`),
    fixed: withTables(COLLECTIONS + INVOICES, `${PAY}  clawed back when cash is not collected within 90 days of invoice\n`),
    message: 'the clawback window reads the day each deal was first invoiced, and the playbook has no invoices table',
    hint: 'declare: table invoices from "invoices.csv" with fields deal (lookup deals), date and amount',
  });
  diagnosticCase({
    name: 'a window without a collections table (the stages paid at booking only)',
    code: 'PB5306',
    bad: withRules('pay "commission" in stages\n  100% at booking\n  ⟦clawed back when cash is not collected within 120 days of booking⟧\n'),
    fixed: withTables(COLLECTIONS, 'pay "commission" in stages\n  100% at booking\n  clawed back when cash is not collected within 120 days of booking\n'),
    message: 'the clawback window reads the cash collected per deal, and the playbook has no collections table',
    hint: 'declare: table collections from "collections.csv" with fields deal (lookup deals), date and amount',
  });
});

const BOOKED = 'pay "commission" in stages\n  100% at booking\n';

describe('minimums and caps', () => {
  diagnosticCase({
    name: 'a cap per something the engine does not know',
    code: 'PB5308',
    bad: withRules(`${BOOKED}  cap 250,000 per ⟦week⟧\n`),
    fixed: withRules(`${BOOKED}  cap 250,000 per year\n`),
    message: '"week" is not something a cap can be per',
    hint: 'write cap 250,000 per deal, per month, per quarter or per year',
  });
  diagnosticCase({
    name: 'a minimum per period (a draw, not a minimum)',
    code: 'PB5308',
    bad: withRules(`${BOOKED}  minimum 500 per ⟦month⟧\n`),
    fixed: withRules(`${BOOKED}  minimum 500 per deal\n`),
    message: 'a minimum is per deal, not per month',
    hint: "write: minimum 500 per deal (a deal's commission below it is topped up); a guaranteed amount per month is a draw",
  });
  diagnosticCase({
    name: 'a cap of zero',
    code: 'PB5308',
    bad: withRules(`${BOOKED}  cap ⟦0⟧ per deal\n`),
    fixed: withRules(`${BOOKED}  cap 2,000 per deal\n`),
    message: 'a cap of 0 per deal cannot be followed',
    hint: "write an amount above zero, in the playbook's currency: cap 500 per deal",
  });
  diagnosticCase({
    name: 'a cap of zero per year: the hint keeps the period (not "cap 500 per deal")',
    code: 'PB5308',
    bad: withRules(`${BOOKED}  cap ⟦0⟧ per year\n`),
    fixed: withRules(`${BOOKED}  cap 250,000 per year\n`),
    message: 'a cap of 0 per year cannot be followed',
    hint: "write an amount above zero, in the playbook's currency: cap 500 per year",
  });
  diagnosticCase({
    name: 'a top-up clawed back with the deal, without a minimum',
    code: 'PB5308',
    bad: withRules(`${BOOKED}  cap 2,000 per deal ⟦clawed back with the deal⟧\n`),
    fixed: withRules(`${BOOKED}  cap 2,000 per deal\n  minimum 500 per deal clawed back with the deal\n`),
    message: 'there is no top-up to claw back with the deal: this section has no minimum per deal',
    hint: 'write it after the minimum: minimum 500 per deal clawed back with the deal',
  });
  diagnosticCase({
    name: 'two caps per period',
    code: 'PB5309',
    bad: withRules(`${BOOKED}  cap 250,000 per year\n  ⟦cap 60,000 per quarter⟧\n`),
    fixed: withRules(`${BOOKED}  cap 250,000 per year\n`),
    message: 'a cap per period is written twice in this section: it is already on line 24', // BASE's 21 lines, then pay, the stage, the first cap
    hint: 'write each minimum and cap once per "pay … in stages" section',
  });
  diagnosticCase({
    name: 'a minimum per deal above the cap per deal',
    code: 'PB5310',
    bad: withRules(`${BOOKED}  minimum ⟦3,000⟧ per deal\n  cap 2,000 per deal\n`),
    fixed: withRules(`${BOOKED}  minimum 500 per deal\n  cap 2,000 per deal\n`),
    message: 'the minimum per deal, 3,000, is above the cap per deal, 2,000',
    hint: 'a deal cannot be topped up above what it may be paid: lower the minimum or raise the cap',
  });
});
