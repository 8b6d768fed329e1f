/**
 * PB5101–PB5104: plan versions (`effective from "…" until "…"`): versions of one
 * commission table or quota must cover every day of the plan period exactly once.
 * PB5201–PB5202: splits and roll-ups (`split by TABLE`, `on team credited by FIELD`).
 * The span the caret must cover is marked ⟦like this⟧ (see helpers.ts).
 */
import { describe } from 'vitest';
import { diagnosticCase, edit } from './helpers.js';

const ONE = 'commission "commission" on credited per year marginal\n  base rate 2%\n  from 0 pay base\n';
/** BASE with its commission table written as two versions (a mid-year rate change). */
function versions(first: string, second: string): string {
  return edit([
    ONE,
    `commission "commission" on credited per year marginal\n  effective ${first}\n  base rate 2%\n  from 0 pay base\n\ncommission "commission" on credited per year marginal\n  effective ${second}\n  base rate 3%\n  from 0 pay base\n`,
  ]);
}
const GOOD = versions('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01"');

describe('PB5101 effective dates that cannot be used', () => {
  diagnosticCase({
    name: 'a start that is not a day',
    code: 'PB5101',
    bad: versions('from ⟦"2017-02-30"⟧ until "2017-06-30"', 'from "2017-07-01"'),
    fixed: GOOD,
    message: '"2017-02-30" is not a date: this version of commission "commission" cannot start on it',
    hint: 'write the day as "YYYY-MM-DD", e.g. effective from "2026-07-01"',
    // alone: the refused version is not also reported as a gap (PB5102) of days it meant to cover
  });
  diagnosticCase({
    name: 'an end before the start',
    code: 'PB5101',
    bad: versions('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01" until ⟦"2017-03-31"⟧'),
    fixed: GOOD,
    message: 'this version of commission "commission" ends on 2017-03-31, before it starts on 2017-07-01',
    hint: '"until" is the last day the version is in force: it cannot be before "from"',
    // alone: the refused version is not also reported as a gap (PB5102) of days it meant to cover
  });
  diagnosticCase({
    name: 'a quota version that starts in the middle of a month',
    code: 'PB5101',
    bad: edit([ONE, `${ONE}\nquota floor = 100 per year effective from "2017-01-01" until "2017-06-30"\nquota floor = 200 per year effective from ⟦"2017-07-15"⟧\n`]),
    fixed: edit([ONE, `${ONE}\nquota floor = 100 per year effective from "2017-01-01" until "2017-06-30"\nquota floor = 200 per year effective from "2017-07-01"\nbonus "on target" per rep when credited >= floor pay 10\n`]),
    message: 'this version of quota "floor" starts on 2017-07-15, which is not the first day of a month',
    hint: 'a quota is split by month, so a version of it starts on the 1st, e.g. effective from "2026-07-01"',
    // alone: the refused version is not also reported as a gap (PB5102) of days it meant to cover
  });
});

describe('PB5102 days of the plan period no version covers', () => {
  diagnosticCase({
    name: 'a gap between two versions',
    code: 'PB5102',
    bad: versions('from "2017-01-01" until "2017-05-31"', 'from ⟦"2017-07-01"⟧'),
    fixed: GOOD,
    message: 'no version of commission "commission" is in force from 2017-06-01 to 2017-06-30: deals credited on those days would be paid under no table',
    hint: 'start this version the day after the one before it ends (2017-05-31), or add a version for those days',
  });
  diagnosticCase({
    name: 'the first version starts after the plan period does',
    code: 'PB5102',
    bad: versions('from ⟦"2017-01-02"⟧ until "2017-06-30"', 'from "2017-07-01"'),
    fixed: GOOD,
    message: 'no version of commission "commission" is in force on 2017-01-01: deals credited on those days would be paid under no table',
    hint: 'start the first version on the first day of the plan period, 2017-01-01',
  });
  diagnosticCase({
    name: 'the last version ends before the plan period does',
    code: 'PB5102',
    bad: versions('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01" until ⟦"2017-11-30"⟧'),
    fixed: GOOD,
    message: 'no version of commission "commission" is in force from 2017-12-01 to 2017-12-31: deals credited on those days would be paid under no table',
    hint: 'let the last version run to the end of the plan period, 2017-12-31 (or leave out its "until")',
  });
  diagnosticCase({
    name: 'a gap between two versions of a quota (months without a target, not deals without a table)',
    code: 'PB5102',
    bad: edit([ONE, `${ONE}\nquota floor = 100 per year effective from "2017-01-01" until "2017-05-31"\nquota floor = 200 per year effective from ⟦"2017-07-01"⟧\nbonus "on target" per rep when credited >= floor pay 10\n`]),
    fixed: edit([ONE, `${ONE}\nquota floor = 100 per year effective from "2017-01-01" until "2017-06-30"\nquota floor = 200 per year effective from "2017-07-01"\nbonus "on target" per rep when credited >= floor pay 10\n`]),
    message: 'no version of quota "floor" is in force from 2017-06-01 to 2017-06-30: the months in those days would have no part of the quota',
    hint: 'start this version the day after the one before it ends (2017-05-31), or add a version for those days',
  });
});

describe('PB5103 two versions in force on the same day', () => {
  diagnosticCase({
    name: 'the second version starts before the first ends',
    code: 'PB5103',
    bad: versions('from "2017-01-01" until "2017-06-30"', 'from ⟦"2017-06-01"⟧'),
    fixed: GOOD,
    message: 'two versions of commission "commission" are in force from 2017-06-01 to 2017-06-30: a deal credited on those days would be paid under both',
    hint: 'end the earlier version the day before this one starts: until "2017-05-31"',
  });
  diagnosticCase({
    name: 'two open-ended versions overlap on one day',
    code: 'PB5103',
    bad: versions('from "2017-01-01" until "2017-07-01"', 'from ⟦"2017-07-01"⟧'),
    fixed: GOOD,
    message: 'two versions of commission "commission" are in force on 2017-07-01: a deal credited on those days would be paid under both',
    hint: 'end the earlier version the day before this one starts: until "2017-06-30"',
  });
});

describe('PB5104 versions of one table that differ in period, method or excess line', () => {
  diagnosticCase({
    name: 'a version per quarter after one per year',
    code: 'PB5104',
    bad: edit([
      ONE,
      'commission "commission" on credited per year marginal\n  effective from "2017-01-01" until "2017-06-30"\n  from 0 pay 2%\n\ncommission ⟦"commission"⟧ on credited per quarter marginal\n  effective from "2017-07-01"\n  from 0 pay 3%\n',
    ]),
    fixed: GOOD,
    message: 'this version of commission "commission" is per quarter, not per year as the version on line 19 is',
    hint: 'versions of one table may change its rates, bands and base rate; its period, method and excess line stay the same',
  });
});

describe('PB2002 a table written twice without versions', () => {
  diagnosticCase({
    name: 'a dated version next to an undated table of the same name',
    code: 'PB2002',
    bad: edit([ONE, `${ONE}\ncommission ⟦"commission"⟧ on credited per year marginal\n  effective from "2017-07-01"\n  from 0 pay 3%\n`]),
    fixed: GOOD,
    message: 'there are two payout components called "commission"',
    hint: 'give each commission, bonus and ranking its own name; to change a table during the plan period, give every version of it its days: effective from "…" until "…"',
    alone: false,
  });
});

const SPLIT_TABLE = 'table credit_splits from "splits.csv"\n  field deal   text    lookup deals\n  field person text    lookup reps\n  field share  percent\n\n';
const CREDIT = 'credit deals when won to rep on closed amount amount';

describe('PB5201 a split table without one deal, person and share field', () => {
  diagnosticCase({
    name: 'the share is a number field, not a percent',
    code: 'PB5201',
    bad: edit([CREDIT, `${SPLIT_TABLE.replace('share  percent', 'share  number')}${CREDIT} split by ⟦credit_splits⟧`]),
    fixed: edit([CREDIT, `${SPLIT_TABLE}${CREDIT} split by credit_splits`]),
    message: 'the split table credit_splits has no percent field (the share of the deal)',
    hint: 'a split table has one row per deal and person: e.g. field deal text lookup deals · field person text lookup reps · field share percent',
  });
  diagnosticCase({
    name: 'two fields that look up reps',
    code: 'PB5201',
    bad: edit([CREDIT, `${SPLIT_TABLE.replace('  field share', '  field other  text    lookup reps\n  field share')}${CREDIT} split by ⟦credit_splits⟧`]),
    fixed: edit([CREDIT, `${SPLIT_TABLE}${CREDIT} split by credit_splits`]),
    message: 'the split table credit_splits has 2 fields that could be the person, one field that looks up reps (the person credited): person, other',
    hint: 'a split table has one row per deal and person: e.g. field deal text lookup deals · field person text lookup reps · field share percent',
  });
});

describe('PB5202 a team commission on a field that does not name a rep', () => {
  const OVERLAY = 'commission "commission" on credited per year marginal\n  base rate 2%\n  from 0 pay base\n\ncommission "overlay" on team credited by ';
  diagnosticCase({
    name: 'the manager field is plain text',
    code: 'PB5202',
    bad: edit(['  field name text key', '  field name text key\n  field manager text optional'], [ONE, `${OVERLAY}⟦manager⟧ per year marginal\n  from 0 pay 1%\n`]),
    fixed: edit(['  field name text key', '  field name text key\n  field manager text optional lookup reps'], [ONE, `${OVERLAY}manager per year marginal\n  from 0 pay 1%\n`]),
    message: 'a team commission rolls up to the rep that "manager" names, so "manager" must look up reps',
    hint: 'add "lookup reps" to the field manager in table reps (a manager is a row of reps too)',
  });
});
