/**
 * Diagnostics of relationship scoring, indicators and tiers, plus the result
 * rules that protect them (no look-ahead, targets independent of results).
 */
import { describe } from 'vitest';
import { BASE, diagnosticCase, edit, editText, SCORED, withRules } from './helpers.js';

// SCORED (helpers.ts): BASE with an account on deals, an activities table and a valid
// scoring section (lines 30–36: scoring, look back/cap, action "tour", weight, indicator
// toured, tier warm, tier cold). The tour earns 5 points every time, weighted 1.5 for
// a C-level contact, so scores are only bounded by the cap of 100.

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

describe('PB2203–PB2209 relationship declarations that are missing', () => {
  diagnosticCase({
    name: 'a tier without a scoring section',
    code: 'PB2206',
    bad: withRules('tier ⟦warm⟧ when amount > 0 win probability 60%\n'),
    fixed: BASE,
    message: 'a tier needs a scoring section',
    hint: 'add: scoring "relationship" with the points of each action',
  });
  diagnosticCase({
    name: 'scoring without an activities table',
    code: 'PB2207',
    bad: withRules('scoring ⟦"relationship"⟧\n  action "tour" points 5\n'),
    fixed: BASE,
    message: 'relationship scoring reads an activities table, and there is none',
    hint: 'declare: table activities from "activities.csv" with fields date, account and action',
  });
  diagnosticCase({
    name: 'an activities table without an action field',
    code: 'PB2208',
    alone: false, // the indicator that reads `action` is also reported (PB2001)
    bad: replace('table activities from', 'table ⟦activities⟧ from').replace('  field action  text\n', ''),
    fixed: SCORED,
    message: 'the activities table needs a text field named "action"',
    hint: "scoring reads each activity's date, account and action from these fields",
  });
  diagnosticCase({
    name: 'a must-win rule without lost deals declared',
    code: 'PB2203',
    bad: edit(['  lost when stage = "Lost"\n', '']) + 'must win ⟦"key"⟧ when amount > 0 forfeit all\n',
    fixed: BASE + 'must win "key" when amount > 0 forfeit all\n',
    message: 'a must-win rule needs to know which deals are lost',
    hint: 'declare it in the deals table, e.g. lost when stage = "Lost"',
  });
  diagnosticCase({
    name: 'a red line on activities that reviews, with no rep field on activities',
    code: 'PB2204',
    bad: `${SCORED}red line ⟦"gifts"⟧ on activities when action = "gift" review\n`,
    fixed: `${replace('  field action  text\n', '  field action  text\n  field rep     text lookup reps\n')}red line "gifts" on activities when action = "gift" review\n`,
    message: 'red line "gifts" on activities needs to know whose activity it is',
    hint: 'add a field named rep to the activities table (e.g. field rep text column "owner" lookup reps)',
  });
  diagnosticCase({
    name: 'scoring while deals have no account field (points at the scoring section)',
    code: 'PB2209',
    bad: replace('  field amount  money\n  field account text\n', '  field amount  money\n').replace('scoring "relationship"', 'scoring ⟦"relationship"⟧'),
    fixed: SCORED,
    message: 'relationship scoring needs an "account" field in deals, to find each deal\'s activities',
    hint: 'add it to the deals table, e.g. field account text column "account_id"',
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

describe('PB2002 and PB3012–PB3015 in the scoring section', () => {
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
    code: 'PB3014',
    bad: replace('  action "tour" points 5\n', '  open deals as of ⟦"2017-02-30"⟧\n  action "tour" points 5\n'),
    fixed: replace('  action "tour" points 5\n', '  open deals as of "2017-02-28"\n  action "tour" points 5\n'),
    message: '"2017-02-30" is not a date',
    hint: 'write it as "YYYY-MM-DD", e.g. "2026-12-31"',
  });
  diagnosticCase({
    name: 'a look-back window of zero days',
    code: 'PB3012',
    bad: replace('look back 365 days', 'look back ⟦0⟧ days'),
    fixed: SCORED,
    message: 'the look-back window must be more than 0',
    hint: 'for example: look back 365 days · half life 180 days · cap 100',
  });
  diagnosticCase({
    name: 'a cap of zero',
    code: 'PB3012',
    bad: replace('· cap 100', '· cap ⟦0⟧'),
    fixed: SCORED,
    message: 'the cap must be more than 0',
    hint: 'for example: look back 365 days · half life 180 days · cap 100',
  });
  diagnosticCase({
    name: 'a look-back window in part days',
    code: 'PB3013',
    bad: replace('look back 365 days', 'look back ⟦30.5⟧ days'),
    fixed: SCORED,
    message: 'the look-back window is a whole number of days',
    hint: 'for example: look back 365 days',
  });
  diagnosticCase({
    name: '"at most 0" times per month (points at the action)',
    code: 'PB3015',
    bad: replace('  action "tour" points 5\n', '  ⟦action "tour" points 5 at most 0 per month⟧\n'),
    fixed: replace('  action "tour" points 5\n', '  action "tour" points 5 at most 2 per month\n'),
    message: '"at most 0" must be a whole number of at least 1',
    hint: 'for example: at most 2 per month; to give no points, delete the action',
  });
});
