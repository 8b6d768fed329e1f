/**
 * PB41xx–PB44xx: the static analysis of a checked playbook (src/check/analysis/).
 * Every finding is a warning: the playbook still runs, but the scheme is
 * probably not what its author meant. Analysis only runs once the playbook has
 * no errors.
 *
 * - PB4101 shadowed tier, PB4103 deals no tier takes, PB4104 unreachable cap,
 *   PB4105 tier threshold above the highest possible score;
 * - PB4201 decelerator, PB4202 retroactive cliff;
 * - PB4301 an action the scoring table rewards that a red line flags;
 * - PB4401 unused derived field / quota / indicator, PB4402 division by zero,
 *   PB4403 red line that never trips, PB4404 red line that always trips.
 *
 * A test written with `it.fails` would describe the correct behaviour of an
 * analysis that is wrong today (none is, since PB4402 learnt to see guards).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check/index.js';
import { BASE, diagnose, diagnosticCase, edit, editText, SCORED, withRules } from './helpers.js';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

/** [code, line, column] of every finding, in order. */
const where = (text: string) => diagnose(text).map((d) => [d.code, d.span.line, d.span.column]);

// SCORED (helpers.ts): BASE with an account on deals, an activities table and a valid
// scoring section (lines 30–36: scoring, look back/cap, action "tour", weight, indicator
// toured, tier warm, tier cold). The tour earns 5 points every time, weighted 1.5 for
// a C-level contact, so scores are only bounded by the cap of 100.

const TIERS = 'tier warm when toured win probability 60%\ntier cold otherwise win probability 10%\n';
const INDICATOR = 'indicator toured "Toured our headquarters" when count(activities where action = "tour") >= 1\n';

/** SCORED with its two tiers replaced by `tiers`. */
const withTiers = (tiers: string) => editText(SCORED, [TIERS, tiers]);
/** SCORED without the indicator, its tiers replaced by `tiers` (tiers on the score alone). */
const scoreTiers = (tiers: string) => editText(SCORED, [INDICATOR + TIERS, tiers]);
const scored = (...pairs: [string, string][]) => editText(SCORED, ...pairs);
/** SCORED whose activities say whose they are (a red line on activities needs it, PB2108). */
const ACTIVITIES_WITH_REP: [string, string] = ['  field action  text\n', '  field action  text\n  field rep     text lookup reps\n'];
const SCORED_REP = scored(ACTIVITIES_WITH_REP);

/** BASE with its commission table replaced by `table`. */
const COMMISSION = 'commission "commission" on credited per year marginal\n  base rate 2%\n  from 0 pay base\n';
const commission = (table: string) => edit([COMMISSION, table]);

describe('the playbooks the analysis tests start from', () => {
  it('BASE and SCORED check clean: no analysis warns on them', () => {
    for (const text of [BASE, SCORED, SCORED_REP]) {
      const result = checkSource(text);
      expect(result.diagnostics).toEqual([]);
      expect(result.checked).not.toBeNull();
    }
  });

  it('analysis only runs once the playbook has no errors', () => {
    // An unused quota (PB4401) and a decelerator (PB4201), next to a misspelt field.
    const text = edit(['  from 0 pay base\n', '  from 0 pay base\n  from 100,000 pay 1%\n']) + 'quota floor = 100,000 per year\nred line "r" on deals when amont > 0 review\n';
    expect(diagnose(text).map((d) => d.code)).toEqual(['PB2001']);
    expect(where(text.replace('amont', 'amount'))).toEqual([
      ['PB4201', 22, 20],
      ['PB4401', 23, 7],
    ]);
  });
});

describe('the reference playbooks', () => {
  it('key-account: exactly the two PB4301 for family_trip and gift (rewarded, yet flagged by "anti-bribery")', () => {
    const all = diagnose(read('playbooks/key-account.playbook'));
    expect(all.map((d) => [d.code, d.severity, d.span.line, d.span.column, d.message])).toEqual([
      ['PB4301', 'warning', 132, 10, 'the scoring table rewards "family_trip" with 10 points, but red line "anti-bribery" flags it for review'],
      ['PB4301', 'warning', 133, 10, 'the scoring table rewards "gift" with 1 point, but red line "anti-bribery" flags it for review'],
    ]);
  });

  it('maven: no findings', () => {
    expect(diagnose(read('playbooks/maven-crm-2017.playbook'))).toEqual([]);
  });
});

// ---- Tiers and the scoring table (tiers.ts) -------------------------------------------

describe('PB4101 a tier shadowed by an earlier one', () => {
  diagnosticCase({
    name: 'score >= 10 after score >= 5',
    code: 'PB4101',
    severity: 'warning',
    bad: withTiers(
      'tier champion when toured win probability 60%\n' +
        'tier warm when score >= 5 win probability 30%\n' +
        'tier ⟦hot⟧ when score >= 10 win probability 45%\n' +
        'tier cold otherwise win probability 10%\n',
    ),
    fixed: withTiers(
      'tier champion when toured win probability 60%\n' +
        'tier hot when score >= 10 win probability 45%\n' +
        'tier warm when score >= 5 win probability 30%\n' +
        'tier cold otherwise win probability 10%\n',
    ),
    message: 'tier "hot" can never match: every deal it would take is taken first by tier "warm"',
    hint: 'tiers match first to last; put the stricter tier first',
  });
  diagnosticCase({
    name: 'each way into the tier is taken by a different earlier tier',
    code: 'PB4101',
    severity: 'warning',
    bad: withTiers(
      'tier champion when toured win probability 60%\n' +
        'tier warm when score >= 20 win probability 30%\n' +
        'tier ⟦hot⟧ when score >= 30 or toured win probability 45%\n' +
        'tier cold otherwise win probability 10%\n',
    ),
    fixed: withTiers(
      'tier hot when score >= 30 or toured win probability 45%\n' +
        'tier warm when score >= 20 win probability 30%\n' +
        'tier cold otherwise win probability 10%\n',
    ),
    message: 'tier "hot" can never match: every deal it would take is taken first by the tiers before it',
    hint: 'tiers match first to last; put the stricter tier first',
  });
});

describe('PB4103 deals that no tier takes', () => {
  const bad = scoreTiers('tier hot when score >= 30 win probability 60%\ntier ⟦warm⟧ when score >= 10 win probability 30%\n');
  diagnosticCase({
    name: 'tiers without an otherwise tier (example: a score of 9)',
    code: 'PB4103',
    severity: 'warning',
    bad,
    fixed: scoreTiers('tier hot when score >= 30 win probability 60%\ntier warm when score >= 10 win probability 30%\ntier cold otherwise win probability 10%\n'),
    message: 'no tier matches a deal with score 9, so such deals get no tier and no win probability',
    hint: 'end the tiers with one that says "otherwise"',
  });

  it('the example really matches no tier (checked against the two conditions by hand)', () => {
    const [d] = diagnose(bad.replace(/[⟦⟧]/g, ''));
    const score = Number(/score (-?[\d.]+)/.exec(d.message)![1]);
    expect(score >= 30).toBe(false); // not hot
    expect(score >= 10).toBe(false); // not warm
    expect(score).toBeGreaterThanOrEqual(0); // a score a deal can have (points and weights are positive)
    expect(score).toBeLessThanOrEqual(100); // the cap
  });

  it('a text field: the example names a value the tiers do not take', () => {
    const text = scoreTiers('tier key when account = "Acme" win probability 60%\ntier warm when score >= 10 win probability 30%\n');
    const [d] = diagnose(text);
    expect(d.code).toBe('PB4103');
    expect(d.message).toBe('no tier matches a deal with account other than "Acme", score 9, so such deals get no tier and no win probability');
  });

  it('an indicator in the tiers: the example says the indicator does not hold', () => {
    const text = withTiers('tier warm when toured win probability 60%\ntier lukewarm when score >= 10 win probability 30%\n');
    const [d] = diagnose(text);
    expect(d.code).toBe('PB4103');
    expect(d.message).toMatch(/^no tier matches a deal with (toured no, score 9|score 9, toured no), so/);
  });

  it('tiers that cover every possible score (0 to the cap) leave no deal without a tier', () => {
    expect(diagnose(scoreTiers('tier strong when score >= 60 win probability 60%\ntier weak when score >= 0 and score < 60 win probability 20%\n'))).toEqual([]);
    expect(diagnose(scoreTiers('tier all when score <= 100 win probability 30%\n'))).toEqual([]);
  });
});

describe('PB4104 a cap the actions cannot reach', () => {
  // Hand count: a 365-day window overlaps at most 2 fiscal years; "once per year" counts
  // one tour in each, at most 5 points × 1.5 (C-level weight) = 7.5: 15 points in all.
  diagnosticCase({
    name: 'a tour counted once per year, cap 100',
    code: 'PB4104',
    severity: 'warning',
    bad: scored(['action "tour" points 5\n', 'action "tour" points 5 once per year\n'], ['· cap 100', '· cap ⟦100⟧']),
    fixed: scored(['action "tour" points 5\n', 'action "tour" points 5 once per year\n'], ['· cap 100', '· cap 15']),
    message: 'the cap of 100 can never be reached: the actions can earn at most 15 points in the look-back window',
    hint: 'lower the cap, or check the points and repetition rules',
  });

  it('"at most 2 per month" over 365 days: at most 195 points, so a cap of 200 is unreachable', () => {
    const text = scored(['action "tour" points 5\n', 'action "tour" points 5 at most 2 per month\n'], ['· cap 100', '· cap 200']);
    expect(diagnose(text).map((d) => [d.code, d.message])).toEqual([
      ['PB4104', 'the cap of 200 can never be reached: the actions can earn at most 195 points in the look-back window'],
    ]);
  });
});

describe('PB4105 a tier threshold above the highest possible score', () => {
  diagnosticCase({
    name: 'a cap of 100 and a tier needing 120',
    code: 'PB4105',
    severity: 'warning',
    bad: withTiers('tier warm when toured win probability 60%\ntier ⟦hot⟧ when score >= 120 win probability 80%\ntier cold otherwise win probability 10%\n'),
    fixed: withTiers('tier warm when toured win probability 60%\ntier hot when score >= 60 win probability 80%\ntier cold otherwise win probability 10%\n'),
    message: 'tier "hot" needs a score of 120, but scores cannot exceed 100',
    hint: "the cap of 100 limits the score: lower the tier's threshold, or raise the cap",
  });
  // Hand count: one tour ever ("once"), at most 5 points × 1.5 = 7.5.
  diagnosticCase({
    name: 'no cap, but the actions earn at most 7.5',
    code: 'PB4105',
    severity: 'warning',
    bad: scored(
      ['action "tour" points 5\n', 'action "tour" points 5 once\n'],
      [' · cap 100', ''],
      [TIERS, 'tier ⟦hot⟧ when score >= 10 win probability 80%\ntier warm when toured win probability 60%\ntier cold otherwise win probability 10%\n'],
    ),
    fixed: scored(
      ['action "tour" points 5\n', 'action "tour" points 5 once\n'],
      [' · cap 100', ''],
      [TIERS, 'tier hot when score >= 7 win probability 80%\ntier warm when toured win probability 60%\ntier cold otherwise win probability 10%\n'],
    ),
    message: 'tier "hot" needs a score of 10, but scores cannot exceed 7.5',
    hint: 'lower its threshold, or raise the points of the actions',
  });

  // When the cap is what limits the score, raising the points cannot help: the hint names the cap.
  it('when the cap is the limit, the hint speaks of the cap, not of the points', () => {
    const text = withTiers('tier warm when toured win probability 60%\ntier hot when score >= 120 win probability 80%\ntier cold otherwise win probability 10%\n');
    const [d] = diagnose(text);
    expect(d.code).toBe('PB4105');
    expect(d.hint).toMatch(/cap/);
    expect(d.hint).not.toMatch(/raise the points/);
  });

  it('score > 100 with a cap of 100 can never match', () => {
    const text = withTiers('tier warm when toured win probability 60%\ntier hot when score > 100 win probability 80%\ntier cold otherwise win probability 10%\n');
    expect(diagnose(text).map((d) => d.code)).toEqual(['PB4105']);
  });
});

// ---- Commission tables (rates.ts) -------------------------------------------------------

describe('PB4201 a decelerator', () => {
  diagnosticCase({
    name: 'a marginal table whose rate falls',
    code: 'PB4201',
    severity: 'warning',
    bad: commission('commission "commission" on credited per year marginal\n  from 0 pay 4%\n  from 100,000 pay ⟦2%⟧\n'),
    fixed: commission('commission "commission" on credited per year marginal\n  from 0 pay 4%\n  from 100,000 pay 6%\n'),
    message: 'the rate falls from 4% to 2% at this band: a decelerator, so selling more earns less on each extra unit',
    hint: 'if that is not intended, give higher bands higher rates',
  });
  diagnosticCase({
    name: 'a rate written as a multiple of the base rate (2% × 0.5 = 1%)',
    code: 'PB4201',
    severity: 'warning',
    bad: edit(['  from 0 pay base\n', '  from 0 pay base\n  from 300,000 pay ⟦0.5⟧ × base\n']),
    fixed: edit(['  from 0 pay base\n', '  from 0 pay base\n  from 300,000 pay 2 × base\n']),
    message: 'the rate falls from 2% to 1% at this band: a decelerator, so selling more earns less on each extra unit',
    hint: 'if that is not intended, give higher bands higher rates',
  });

  it('a retroactive decelerator is both: the rate falls (PB4201) and the payout drops at the edge (PB4202)', () => {
    // 4% × 150,000 = 6,000 just below the edge, 2% × 150,000 = 3,000 at it: 3,000 less.
    const text = commission('commission "commission" on credited per year retroactive\n  from 0 pay 4%\n  from 150,000 pay 2%\n');
    expect(diagnose(text).map((d) => [d.code, d.span.line, d.span.column, d.message])).toEqual([
      ['PB4202', 21, 8, 'at 150,000 one more unit of credit removes 3,000.00 USD from the payout: a retroactive table re-prices the whole amount at the new rate'],
      ['PB4201', 21, 20, 'the rate falls from 4% to 2% at this band: a decelerator, so selling more earns less on each extra unit'],
    ]);
  });
});

describe('PB4203 a commission rate above 100%', () => {
  diagnosticCase({
    name: 'a band paying 250% (meant 2.5%)',
    code: 'PB4203',
    severity: 'warning',
    bad: commission('commission "commission" on credited per year marginal\n  from 0 pay ⟦250%⟧\n'),
    fixed: commission('commission "commission" on credited per year marginal\n  from 0 pay 2.5%\n'),
    message: 'this band pays 250% of the credited amount: more than the whole amount sold',
    hint: 'check the rate: a commission is a share of the amount, so 2.5% is written 2.5%, not 250%',
  });
  diagnosticCase({
    // (A rate of more than 15 digits before the point is an error instead: PB3016, types.test.ts.)
    name: 'a base rate of 2,000,000%',
    code: 'PB4203',
    severity: 'warning',
    bad: edit(['base rate 2%', 'base rate ⟦2000000%⟧']),
    fixed: edit(['base rate 2%', 'base rate 2%']),
    message: 'the base rate pays 2000000% of the credited amount: more than the whole amount sold',
    hint: 'check the rate: a commission is a share of the amount, so 2.5% is written 2.5%, not 250%',
  });
});

describe('PB4202 a retroactive cliff', () => {
  // By hand: just below 150,000 the whole amount pays 4% (≈ 6,000); at 150,000 it pays
  // 8% × 150,000 = 12,000: one more unit of credit adds (8% − 4%) × 150,000 = 6,000.00 USD.
  diagnosticCase({
    name: 'bands 0 → 4%, 150,000 → 8%',
    code: 'PB4202',
    severity: 'warning',
    bad: commission('commission "commission" on credited per year retroactive\n  from 0 pay 4%\n  from ⟦150,000⟧ pay 8%\n'),
    fixed: commission('commission "commission" on credited per year marginal\n  from 0 pay 4%\n  from 150,000 pay 8%\n'),
    message: 'at 150,000 one more unit of credit adds 6,000.00 USD to the payout: a retroactive table re-prices the whole amount at the new rate',
    hint: 'reps near the edge gain a lot by pulling a deal in (or lose by pushing one out); a marginal table has no cliff',
  });
  // By hand: (2 × 2% − 2%) × 100% of floor = 2% of the floor quota.
  diagnosticCase({
    name: 'a band at 100% of a quota: the jump is a share of the quota',
    code: 'PB4202',
    severity: 'warning',
    bad:
      edit(['per year marginal', 'per year retroactive'], ['  from 0 pay base\n', '  from 0 pay base\n  from ⟦100% of floor⟧ pay 2 × base\n']) +
      'quota floor = 100,000 per year\n',
    fixed: edit(['  from 0 pay base\n', '  from 0 pay base\n  from 100% of floor pay 2 × base\n']) + 'quota floor = 100,000 per year\n',
    message: 'at 100% of floor one more unit of credit adds 2% of the floor quota to the payout: a retroactive table re-prices the whole amount at the new rate',
    hint: 'reps near the edge gain a lot by pulling a deal in (or lose by pushing one out); a marginal table has no cliff',
  });

  it('each edge of a retroactive table has its own cliff (2,000 at 100,000; 5,000 at 250,000)', () => {
    // Base 2%: 2% → 4% at 100,000 (2% × 100,000) and 4% → 6% at 250,000 (2% × 250,000).
    const text = commission(
      'commission "commission" on credited per year retroactive\n  base rate 2%\n  from 0 pay base\n  from 100,000 pay 2 × base\n  from 250,000 pay 3 × base\n',
    );
    expect(diagnose(text).map((d) => [d.code, d.span.line, /adds ([\d,.]+ USD)/.exec(d.message)?.[1]])).toEqual([
      ['PB4202', 22, '2,000.00 USD'],
      ['PB4202', 23, '5,000.00 USD'],
    ]);
  });

  it('a marginal table has no cliff: rising rates give no warning at all', () => {
    expect(diagnose(commission('commission "commission" on credited per year marginal\n  from 0 pay 4%\n  from 150,000 pay 8%\n'))).toEqual([]);
  });

  it('a retroactive table with one rate throughout has no cliff', () => {
    expect(diagnose(commission('commission "commission" on credited per year retroactive\n  from 0 pay 4%\n  from 150,000 pay 4%\n'))).toEqual([]);
  });

  it('a first band that starts above 0: a cliff of 2,000.00 USD at 50,000', () => {
    const text = commission('commission "commission" on credited per year retroactive\n  from 50,000 pay 4%\n');
    expect(diagnose(text).map((d) => [d.code, d.span.line, d.span.column, d.message])).toEqual([
      ['PB4202', 20, 8, 'at 50,000 one more unit of credit adds 2,000.00 USD to the payout: a retroactive table re-prices the whole amount at the new rate'],
    ]);
  });

  it('an edge with cents is printed as written', () => {
    const text = commission('commission "commission" on credited per year retroactive\n  from 0 pay 4%\n  from 150,000.50 pay 8%\n');
    const [d] = diagnose(text);
    expect(d.message).toBe('at 150,000.50 one more unit of credit adds 6,000.02 USD to the payout: a retroactive table re-prices the whole amount at the new rate');
  });
});

// ---- Red lines (redlines.ts) ------------------------------------------------------------

describe('PB4301 an action the scoring table rewards that a red line flags', () => {
  diagnosticCase({
    name: 'tours earn points, and a red line on activities reviews them',
    code: 'PB4301',
    severity: 'warning',
    bad: scored(ACTIVITIES_WITH_REP, ['  action "tour" points 5\n', '  action ⟦"tour"⟧ points 5\n']) + 'red line "no tours" on activities when action = "tour" review\n',
    fixed: SCORED_REP + 'red line "gifts" on activities when action = "gift" review\n',
    message: 'the scoring table rewards "tour" with 5 points, but red line "no tours" flags it for review',
    hint: 'a scheme should not pay for what its own red lines forbid: remove the points, or narrow the red line',
  });
  diagnosticCase({
    name: 'one point for a gift, and a red line that forfeits for expensive gifts',
    code: 'PB4301',
    severity: 'warning',
    bad:
      scored(['  action "tour" points 5\n', '  action "tour" points 5\n  action ⟦"gift"⟧ points 1\n'], ['  field action  text\n', '  field action  text\n  field rep     text lookup reps\n  field value   money optional\n']) +
      'red line "gifts" on activities when action in ("gift", "trip") and value > 2,000 forfeit all\n',
    fixed:
      scored(['  field action  text\n', '  field action  text\n  field rep     text lookup reps\n  field value   money optional\n']) +
      'red line "gifts" on activities when action in ("gift", "trip") and value > 2,000 forfeit all\n',
    message: 'the scoring table rewards "gift" with 1 point, but red line "gifts" punishes it with a forfeit',
    hint: 'a scheme should not pay for what its own red lines forbid: remove the points, or narrow the red line',
  });

  it('a red line that leaves the rewarded action out ("not in") does not warn', () => {
    expect(diagnose(SCORED_REP + 'red line "others" on activities when action not in ("tour") review\n')).toEqual([]);
  });

  it('a red line on every action except the tour does not flag the tour', () => {
    expect(diagnose(SCORED_REP + 'red line "others" on activities when not (action = "tour") review\n')).toEqual([]);
  });
});

describe('PB4403 a red line that can never trip', () => {
  diagnosticCase({
    name: 'an amount above 100,000 and below 50,000',
    code: 'PB4403',
    severity: 'warning',
    bad: withRules('red line "mid-size" on deals\n  when ⟦won and amount > 100,000 and amount < 50,000⟧\n  review\n'),
    fixed: withRules('red line "mid-size" on deals\n  when won and amount > 50,000 and amount < 100,000\n  review\n'),
    message: 'red line "mid-size" can never trip: its condition contradicts itself',
    hint: 'check the comparisons: a value cannot be both above and below a limit',
  });
  diagnosticCase({
    name: 'a stage that is both "Won" and "Lost"',
    code: 'PB4403',
    severity: 'warning',
    bad: withRules('red line "r" on deals when ⟦stage = "Won" and stage = "Lost"⟧ review\n'),
    fixed: withRules('red line "r" on deals when stage = "Won" or stage = "Lost" review\n'),
    message: 'red line "r" can never trip: its condition contradicts itself',
    hint: 'check the comparisons: a value cannot be both above and below a limit',
  });
});

describe('PB4404 a red line that trips on every deal', () => {
  diagnosticCase({
    name: 'a condition that is always true',
    code: 'PB4404',
    severity: 'warning',
    bad: withRules('red line "every deal" on deals when ⟦true⟧ review\n'),
    fixed: withRules('red line "every deal" on deals when amount > 100,000 review\n'),
    message: 'red line "every deal" trips on every deal: its condition always holds',
    hint: 'a red line should single out the cases that cross it',
  });
  diagnosticCase({
    name: 'a red line on reps says "every rep"',
    code: 'PB4404',
    severity: 'warning',
    bad: withRules('red line "r" on reps when ⟦true⟧ review\n'),
    fixed: withRules('red line "r" on reps when credited > 100,000 review\n'),
    message: 'red line "r" trips on every rep: its condition always holds',
    hint: 'a red line should single out the cases that cross it',
  });

  it('a red line on activities says "every activity", not "every deal"', () => {
    const [d] = diagnose(SCORED_REP + 'red line "r" on activities when true review\n');
    expect(d.code).toBe('PB4404');
    expect(d.message).toBe('red line "r" trips on every activity: its condition always holds');
  });

  it('amount >= 50,000 or amount < 100,000 (meant "and") trips on every deal', () => {
    const text = withRules('red line "mid-size" on deals when amount >= 50,000 or amount < 100,000 review\n');
    expect(diagnose(text).map((d) => d.code)).toEqual(['PB4404']);
  });
});

describe('PB4405 a ranking group of 0% of reps', () => {
  diagnosticCase({
    name: 'top 0%',
    code: 'PB4405',
    severity: 'warning',
    bad: withRules('ranking "r" per month by credited\n  ⟦top 0% reward 200⟧\n'),
    fixed: withRules('ranking "r" per month by credited\n  top 30% reward 200\n'),
    message: 'top 0% holds no rep: a group of 0% of reps is always empty, so its reward is never paid',
    hint: 'write the share of reps the group is meant to hold (any share above 0% holds at least one rep), or delete the line',
  });
  diagnosticCase({
    name: 'bottom 0.0%',
    code: 'PB4405',
    severity: 'warning',
    bad: withRules('ranking "r" per month by credited\n  top 30% reward 200\n  ⟦bottom 0.0% review⟧\n'),
    fixed: withRules('ranking "r" per month by credited\n  top 30% reward 200\n  bottom 10% review\n'),
    message: 'bottom 0% holds no rep: a group of 0% of reps is always empty, so no rep is ever in it',
    hint: 'write the share of reps the group is meant to hold (any share above 0% holds at least one rep), or delete the line',
  });

  it('a small share is not reported: it is rounded up to one rep', () => {
    expect(diagnose(withRules('ranking "r" per month by credited\n  top 0.5% reward 200\n  bottom 1% review\n'))).toEqual([]);
  });
});

// ---- Definitions and divisions (usage.ts) -----------------------------------------------

describe('PB4401 a definition nobody uses', () => {
  diagnosticCase({
    name: 'a derived field',
    code: 'PB4401',
    severity: 'warning',
    bad: edit(['  won  when', '  derive ⟦net⟧ = amount × 90%\n  won  when']),
    fixed: edit(['  won  when', '  derive net = amount × 90%\n  won  when'], ['amount amount\n', 'amount net\n']),
    message: 'the derived field "net" is never used',
    hint: 'use it in a rule, or delete it',
  });
  diagnosticCase({
    name: 'a quota',
    code: 'PB4401',
    severity: 'warning',
    bad: withRules('quota ⟦floor⟧ = 100,000 per year\n'),
    fixed: edit(['  from 0 pay base\n', '  from 0 pay base\n  from 100% of floor pay 2 × base\n']) + 'quota floor = 100,000 per year\n',
    message: 'the quota "floor" is never used',
    hint: 'use it in a commission band (from 100% of …) or a rule, or delete it',
  });
  diagnosticCase({
    name: 'an indicator no tier uses',
    code: 'PB4401',
    severity: 'warning',
    bad: SCORED.replace(TIERS, 'indicator ⟦met⟧ "Met our leadership" when count(activities where action = "meeting") >= 1\n' + TIERS),
    fixed: SCORED.replace(TIERS, 'indicator met "Met our leadership" when count(activities where action = "meeting") >= 1\n' + TIERS.replace('when toured', 'when toured and met')),
    message: 'the indicator "met" is never used by a tier',
    hint: 'use it in a tier condition, or delete it (backtest still reports it)',
  });

  it('a derived field used only by another derived field that is used counts as used', () => {
    const text = edit(['  won  when', '  derive net = amount × 90%\n  derive net2 = net - 1\n  won  when'], ['amount amount\n', 'amount net2\n']);
    expect(diagnose(text)).toEqual([]);
  });

  it('a derived reps field used only to break ranking ties is used', () => {
    const text =
      edit(['  field name text key\n', '  field name text key\n  derive handle = name\n']) +
      'ranking "r" per month by credited\n  ties by handle ascending\n  top 30% reward 200\n';
    expect(diagnose(text)).toEqual([]);
  });
  it('a quota used only in an assertion is used', () => {
    const text = withRules('quota floor = 100,000 per year\nassert "below floor" for each rep payout <= floor\n');
    expect(diagnose(text)).toEqual([]);
  });
});

describe('PB4402 a division that can divide by zero', () => {
  const withCost = (optional: boolean) => edit(['  field amount  money\n', `  field amount  money\n  field cost    money${optional ? ' optional' : ''}\n`]);
  diagnosticCase({
    name: 'by an optional field',
    code: 'PB4402',
    severity: 'warning',
    bad: editText(withCost(true), ['  won  when', '  derive markup = (amount - cost) / ⟦cost⟧\n  won  when']) + 'bonus "markup" per deal when won and markup > 50% pay 100\n',
    fixed: editText(withCost(true), ['  won  when', '  derive margin = (amount - cost) / amount\n  won  when']) + 'bonus "margin" per deal when won and margin > 30% pay 100\n',
    message: 'this division can divide by zero: "cost" is an optional field, and an empty or 0 cell divides by zero',
    hint: 'where the divisor is zero the result is missing, so a rule using it does not apply; guard it, e.g. when x > 0',
  });
  diagnosticCase({
    name: 'by a difference',
    code: 'PB4402',
    severity: 'warning',
    bad: withCost(false) + 'bonus "b" per deal when won and amount / (⟦amount - cost⟧) > 150% pay 100\n',
    fixed: withCost(false) + 'bonus "b" per deal when won and (amount - cost) / amount > 30% pay 100\n',
    message: 'this division can divide by zero: a difference is 0 when both sides are equal',
    hint: 'where the divisor is zero the result is missing, so a rule using it does not apply; guard it, e.g. when x > 0',
  });
  diagnosticCase({
    name: 'by 0',
    code: 'PB4402',
    severity: 'warning',
    bad: withRules('bonus "b" per deal when won pay amount / ⟦0⟧\n'),
    fixed: withRules('bonus "b" per deal when won pay amount / 100\n'),
    message: 'this division can divide by zero: it is 0',
    hint: 'where the divisor is zero the result is missing, so a rule using it does not apply; guard it, e.g. when x > 0',
  });

  diagnosticCase({
    name: 'by a product with a factor of 0',
    code: 'PB4402',
    severity: 'warning',
    bad: withRules('bonus "b" per deal when won and amount / (⟦amount × 0⟧) > 150% pay 100\n'),
    fixed: withRules('bonus "b" per deal when won and amount / (amount × 2) > 150% pay 100\n'),
    message: 'this division can divide by zero: it is always 0 (a product with a factor of 0)',
    hint: 'where the divisor is zero the result is missing, so a rule using it does not apply; guard it, e.g. when x > 0',
  });

  it('a divisor that is 0 whatever the data, however it is written, is reported; one that can be non-zero is not', () => {
    for (const divisor of ['(0% × amount)', '(-(amount × 0))', '((0 × amount) / 2)', '(amount × 0 + amount × 0.0)']) {
      const found = diagnose(withRules(`bonus "b" per deal when won and amount / ${divisor} > 150% pay 100\n`));
      expect(found.map((d) => [d.code, d.message])).toEqual([['PB4402', 'this division can divide by zero: it is always 0 (a product with a factor of 0)']]);
    }
    for (const divisor of ['(amount × 0 + amount)', '(amount × 0.5)', '(2 × amount)']) expect(diagnose(withRules(`bonus "b" per deal when won and amount / ${divisor} > 150% pay 100\n`))).toEqual([]);
  });

  // Following the hint ("guard it, e.g. when x > 0") clears the warning: a divisor the same
  // `and`, or the rule's `when` for its pay amount, proves non-zero is not reported.
  it('a division guarded as the hint says is not reported', () => {
    const text = withCost(true) + 'bonus "markup" per deal when won and cost > 0 and (amount - cost) / cost > 50% pay 100\n';
    expect(diagnose(text)).toEqual([]);
  });

  it('a guard after the division, a guard in the when for the pay amount, and a difference guarded by a comparison count too', () => {
    expect(diagnose(withCost(true) + 'bonus "markup" per deal when won and (amount - cost) / cost > 50% and 0 < cost pay 100\n')).toEqual([]);
    expect(diagnose(withCost(true) + 'bonus "markup" per deal when won and cost != 0 pay amount × (amount / cost) × 1%\n')).toEqual([]);
    expect(diagnose(withCost(false) + 'bonus "b" per deal when won and amount > cost and amount / (amount - cost) > 150% pay 100\n')).toEqual([]);
  });

  // The walk skips expressions without a division (src/check/analysis/usage.ts, divides): one
  // reached only under `not`, a comparison's `in` list or the pay amount of a rule with no condition is still seen.
  it('a division by 0 under not, inside an in list, or in the amount of a rule without a when is reported', () => {
    for (const rule of ['bonus "b" per deal when not (amount / 0 > 1) pay 100\n', 'bonus "b" per deal when won and 5 in (1, amount / 0) pay 100\n', 'bonus "b" per deal pay amount / 0\n']) {
      const text = withRules(rule);
      const found = diagnose(text);
      expect(found.map((d) => d.code)).toEqual(['PB4402']);
      expect(found[0].message).toBe('this division can divide by zero: it is 0');
      const line = text.split('\n').findIndex((l) => l.startsWith('bonus "b"')) + 1;
      expect([found[0].span.line, found[0].span.column]).toEqual([line, text.split('\n')[line - 1].indexOf('/ 0') + 3]);
    }
  });

  it('a guard that does not exclude zero, or sits in an "or", still leaves the warning at the divisor', () => {
    const weak = withCost(true) + 'bonus "markup" per deal when won and cost >= 0 and (amount - cost) / cost > 50% pay 100\n';
    const inOr = withCost(true) + 'bonus "markup" per deal when won and (cost > 0 or (amount - cost) / cost > 50%) pay 100\n';
    for (const text of [weak, inOr]) {
      const found = diagnose(text);
      expect(found.map((d) => d.code)).toEqual(['PB4402']);
      expect(found[0].message).toBe('this division can divide by zero: "cost" is an optional field, and an empty or 0 cell divides by zero');
      const line = text.split('\n').findIndex((l) => l.startsWith('bonus "markup"')) + 1;
      const column = text.split('\n')[line - 1].lastIndexOf('/ cost') + 3;
      expect([found[0].span.line, found[0].span.column]).toEqual([line, column]);
    }
  });
});
