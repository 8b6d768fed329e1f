/**
 * Diagnostics of relationship scoring, indicators and tiers, plus the result
 * rules that protect them (no look-ahead, targets independent of results).
 */
import { describe } from 'vitest';
import { BASE, diagnosticCase, edit, editText, withRules } from './helpers.js';

/** BASE with an account on deals, an activities table and a valid scoring section. */
const SCORED = editText(
  BASE,
  ['  field amount  money\n', '  field amount  money\n  field account text\n'],
  [
    'credit deals when won',
    `table activities from "activities.csv"
  field date    date
  field account text
  field role    text
  field action  text

credit deals when won`,
  ],
) + `
scoring "relationship"
  look back 365 days · half life 180 days · cap 100
  action "tour" points 5
  weight 1.5 when role = "C-level"
indicator toured "Toured our headquarters" when count(activities where action = "tour") >= 1
tier warm when toured win probability 60%
tier cold otherwise win probability 10%
`;

const replace = (from: string, to: string) => editText(SCORED, [from, to]);

describe('PB4102 a tier that can never match', () => {
  diagnosticCase({
    name: 'a tier after the catch-all tier',
    code: 'PB4102',
    severity: 'warning',
    bad: `${SCORED}tier ⟦never⟧ when toured win probability 90%\n`,
    fixed: SCORED,
    message: 'tier "never" can never match: tier "cold" before it takes every deal',
    hint: 'tiers match first to last; put "otherwise" on the last tier',
  });
});

describe('PB2108 relationship declarations that are missing', () => {
  diagnosticCase({
    name: 'a tier without a scoring section',
    code: 'PB2108',
    bad: withRules('tier ⟦warm⟧ when amount > 0 win probability 60%\n'),
    fixed: BASE,
    message: 'a tier needs a scoring section',
    hint: 'add: scoring "relationship" with the points of each action',
  });
  diagnosticCase({
    name: 'scoring without an activities table',
    code: 'PB2108',
    bad: withRules('scoring ⟦"relationship"⟧\n  action "tour" points 5\n'),
    fixed: BASE,
    message: 'relationship scoring reads an activities table, and there is none',
    hint: 'declare: table activities from "activities.csv" with fields date, account and action',
  });
  diagnosticCase({
    name: 'an activities table without an action field',
    code: 'PB2108',
    alone: false, // the indicator that reads `action` is also reported (PB2001)
    bad: replace('table activities from', 'table ⟦activities⟧ from').replace('  field action  text\n', ''),
    fixed: SCORED,
    message: 'the activities table needs a text field named "action"',
    hint: "scoring reads each activity's date, account and action from these fields",
  });
  diagnosticCase({
    name: 'a must-win rule without lost deals declared',
    code: 'PB2108',
    bad: edit(['  lost when stage = "Lost"\n', '']) + 'must win ⟦"key"⟧ when amount > 0 forfeit all\n',
    fixed: BASE + 'must win "key" when amount > 0 forfeit all\n',
    message: 'a must-win rule needs to know which deals are lost',
    hint: 'declare it in the deals table, e.g. lost when stage = "Lost"',
  });
});

describe('PB3008 no look-ahead, no targets from results', () => {
  diagnosticCase({
    name: 'a tier that looks at the outcome',
    code: 'PB3008',
    bad: replace('tier warm when toured', 'tier warm when toured and ⟦won⟧'),
    fixed: SCORED,
    message: '"won" cannot be used in tier warm',
    hint: 'tiers and indicators judge a deal before its outcome is known, so they cannot look at it',
  });
  diagnosticCase({
    name: 'activities counted outside indicators and tiers',
    code: 'PB3008',
    bad: `${SCORED}bonus "b" per deal when ⟦count(activities)⟧ > 2 pay 5\n`,
    fixed: SCORED,
    message: "count(… activities …) looks at a deal's relationship history, so it can only be used in indicators and tiers",
    hint: null,
  });
  diagnosticCase({
    name: 'a quota that depends on results',
    code: 'PB3008',
    bad: withRules('quota floor = ⟦credited⟧ per year\n'),
    fixed: withRules('quota floor = 100,000 per year\nbonus "club" per rep when credited > floor pay 500\n'), // used: no PB4401
    message: '"credited" cannot be used in a quota',
    hint: 'a target is set before the results are known, so it cannot depend on them',
  });
});

describe('PB2002 and PB3005 in the scoring section', () => {
  diagnosticCase({
    name: 'an action with points twice',
    code: 'PB2002',
    bad: replace('  action "tour" points 5\n', '  action "tour" points 5\n  action ⟦"tour"⟧ points 6\n'),
    fixed: SCORED,
    message: 'action "tour" has points twice',
    hint: null,
  });
  diagnosticCase({
    name: 'an open-deals date that does not exist',
    code: 'PB3005',
    bad: replace('  action "tour" points 5\n', '  open deals as of ⟦"2017-02-30"⟧\n  action "tour" points 5\n'),
    fixed: replace('  action "tour" points 5\n', '  open deals as of "2017-02-28"\n  action "tour" points 5\n'),
    message: '"2017-02-30" is not a date',
    hint: 'write it as "YYYY-MM-DD", e.g. "2026-12-31"',
  });
  diagnosticCase({
    name: 'a look-back window of zero days',
    code: 'PB3005',
    bad: replace('look back 365 days', 'look back ⟦0⟧ days'),
    fixed: SCORED,
    message: 'the look-back window must be more than 0',
    hint: null,
  });
});
