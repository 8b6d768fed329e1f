/**
 * Plan versions of bonuses, red lines and rankings (issue 11): the same date checks as
 * commission tables and quotas (PB5101–PB5103, with messages saying what a gap or overlap
 * would mean for that rule), PB5105 for a version that changes what the rule applies to,
 * and PB2002 for a dated version next to an undated rule of the same name.
 * The span the caret must cover is marked ⟦like this⟧ (see helpers.ts).
 */
import { describe } from 'vitest';
import { diagnosticCase, edit } from './helpers.js';

const ONE = 'commission "commission" on credited per year marginal\n  base rate 2%\n  from 0 pay base\n';
/** BASE with a per-deal bonus written as two versions: `first` and `second` are the heads' effective clauses. */
function bonus(first: string, second: string, secondHead = 'per deal'): string {
  return edit([ONE, `${ONE}\nbonus "big deal" per deal effective ${first}\n  when amount >= 10,000\n  pay 100\n\nbonus "big deal" ${secondHead} effective ${second}\n  when amount >= 5,000\n  pay 200\n`]);
}
const GOOD_BONUS = bonus('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01"');
/** BASE with a red line on deals written as two versions. */
function redLine(first: string, second: string, secondHead = 'on deals', secondEffect = 'review'): string {
  return edit([ONE, `${ONE}\nred line "big deal" on deals effective ${first}\n  when won and amount >= 10,000\n  review\n\nred line "big deal" ${secondHead} effective ${second}\n  when won and amount >= 20,000\n  ${secondEffect}\n`]);
}
const GOOD_RED_LINE = redLine('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01"');
/** BASE with a quarterly ranking written as two versions. */
function ranking(first: string, second: string, secondHead = 'per quarter', secondMeasure = 'credited'): string {
  return edit([ONE, `${ONE}\nranking "best" per quarter effective ${first} by credited\n  top 10% reward 100\n\nranking "best" ${secondHead} effective ${second} by ${secondMeasure}\n  top 20% reward 200\n`]);
}
const GOOD_RANKING = ranking('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01"');

describe('PB5101 effective dates of a bonus, red line or ranking that cannot be used', () => {
  diagnosticCase({
    name: 'a bonus version that starts on a day that does not exist',
    code: 'PB5101',
    bad: bonus('from ⟦"2017-02-30"⟧ until "2017-06-30"', 'from "2017-07-01"'),
    fixed: GOOD_BONUS,
    message: '"2017-02-30" is not a date: this version of bonus "big deal" cannot start on it',
    hint: 'write the day as "YYYY-MM-DD", e.g. effective from "2026-07-01"',
  });
  diagnosticCase({
    name: 'a ranking version that ends before it starts',
    code: 'PB5101',
    bad: ranking('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01" until ⟦"2017-03-31"⟧'),
    fixed: GOOD_RANKING,
    message: 'this version of ranking "best" ends on 2017-03-31, before it starts on 2017-07-01',
    hint: '"until" is the last day the version is in force: it cannot be before "from"',
  });
});

describe('PB5102 days no version of a bonus, red line or ranking covers', () => {
  diagnosticCase({
    name: 'a gap between two versions of a bonus',
    code: 'PB5102',
    bad: bonus('from "2017-01-01" until "2017-05-31"', 'from ⟦"2017-07-01"⟧'),
    fixed: GOOD_BONUS,
    message: 'no version of bonus "big deal" is in force from 2017-06-01 to 2017-06-30: a deal credited on those days, or a period ending on one, would be judged by no version of the bonus',
    hint: 'start this version the day after the one before it ends (2017-05-31), or add a version for those days',
  });
  diagnosticCase({
    name: 'a red line whose first version starts after the plan period does',
    code: 'PB5102',
    bad: redLine('from ⟦"2017-02-01"⟧ until "2017-06-30"', 'from "2017-07-01"'),
    fixed: GOOD_RED_LINE,
    message: 'no version of red line "big deal" is in force from 2017-01-01 to 2017-01-31: a deal credited on those days would be judged by no version of the red line',
    hint: 'start the first version on the first day of the plan period, 2017-01-01',
  });
  diagnosticCase({
    name: 'a ranking whose last version ends before the plan period does',
    code: 'PB5102',
    bad: ranking('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01" until ⟦"2017-11-30"⟧'),
    fixed: GOOD_RANKING,
    message: 'no version of ranking "best" is in force from 2017-12-01 to 2017-12-31: a period ending on those days would be ranked under no version',
    hint: 'let the last version run to the end of the plan period, 2017-12-31 (or leave out its "until")',
  });
});

describe('PB5103 two versions of a bonus, red line or ranking in force on one day', () => {
  diagnosticCase({
    name: 'two versions of a red line overlap',
    code: 'PB5103',
    bad: redLine('from "2017-01-01" until "2017-07-15"', 'from ⟦"2017-07-01"⟧'),
    fixed: GOOD_RED_LINE,
    message: 'two versions of red line "big deal" are in force from 2017-07-01 to 2017-07-15: a deal credited on those days would be judged by both',
    hint: 'end the earlier version the day before this one starts: until "2017-06-30"',
  });
  diagnosticCase({
    name: 'two versions of a ranking overlap on one day',
    code: 'PB5103',
    bad: ranking('from "2017-01-01" until "2017-07-01"', 'from ⟦"2017-07-01"⟧'),
    fixed: GOOD_RANKING,
    message: 'two versions of ranking "best" are in force on 2017-07-01: a period ending on those days would be ranked under both',
    hint: 'end the earlier version the day before this one starts: until "2017-06-30"',
  });
});

describe('PB5105 versions of one bonus, red line or ranking that differ in what they apply to', () => {
  diagnosticCase({
    name: 'a bonus per deal, then per rep',
    code: 'PB5105',
    bad: bonus('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01"', 'per rep per quarter').replace('bonus "big deal" per rep', 'bonus ⟦"big deal"⟧ per rep').replace('when amount >= 5,000', 'when credited >= 5,000'),
    fixed: GOOD_BONUS,
    message: 'this version of bonus "big deal" is per rep per quarter, not per deal as the version on line 23 is',
    hint: 'versions of one bonus may change its condition and amount; whether it is per deal or per rep, and its period, stay the same',
  });
  diagnosticCase({
    name: 'a red line that reviews, then blocks credit',
    code: 'PB5105',
    bad: redLine('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01"', 'on deals', 'block credit').replace('red line "big deal" on deals effective from "2017-07-01"', 'red line ⟦"big deal"⟧ on deals effective from "2017-07-01"'),
    fixed: GOOD_RED_LINE,
    message: 'this version of red line "big deal" differs from the first, on line 23: it says "block credit", not "review"',
    hint: 'versions of one red line may change its condition and message; what it is about and its effect stay the same',
  });
  diagnosticCase({
    name: 'a ranking that changes its measure',
    code: 'PB5105',
    bad: ranking('from "2017-01-01" until "2017-06-30"', 'from "2017-07-01"', 'per quarter', 'count(deals where won)').replace('ranking "best" per quarter effective from "2017-07-01"', 'ranking ⟦"best"⟧ per quarter effective from "2017-07-01"'),
    fixed: GOOD_RANKING,
    message: 'this version of ranking "best" differs from the first, on line 23: it ranks by another measure',
    hint: 'versions of one ranking may change its groups and rewards; its period, measure, ties and "only periods with credited deals" stay the same',
  });
});

describe('PB2002 a bonus, red line or ranking written twice without versions', () => {
  diagnosticCase({
    name: 'a dated version of a bonus next to an undated bonus of the same name',
    code: 'PB2002',
    bad: edit([ONE, `${ONE}\nbonus "big deal" per deal when amount >= 10,000 pay 100\n\nbonus ⟦"big deal"⟧ per deal effective from "2017-07-01" when amount >= 5,000 pay 200\n`]),
    fixed: GOOD_BONUS,
    message: 'there are two payout components called "big deal"',
    hint: 'give each commission, bonus and ranking its own name; to change a table during the plan period, give every version of it its days: effective from "…" until "…"',
    // not alone: the dated version alone leaves January to June uncovered (PB5102)
    alone: false,
  });
  diagnosticCase({
    name: 'a dated version of a red line next to an undated one of the same name',
    code: 'PB2002',
    bad: edit([ONE, `${ONE}\nred line "big deal" on deals when won and amount >= 10,000 review\n\nred line ⟦"big deal"⟧ on deals effective from "2017-07-01" when won and amount >= 20,000 review\n`]),
    fixed: GOOD_RED_LINE,
    message: 'red line "big deal" is declared twice',
    hint: 'to change a red line during the plan period, give every version of it its days: effective from "…" until "…"',
    alone: false,
  });
});
