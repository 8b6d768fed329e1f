/**
 * Numbers that are read differently from what was meant (issue 8):
 * PB3021 a plain number compared with a percent, PB3022 `150.000` meaning one
 * hundred fifty thousand, PB3023 an amount below the currency's smallest unit.
 */
import { describe, expect, it } from 'vitest';
import { asPercent } from '../../src/check/literals.js';
import { diagnose, diagnosticCase, edit, withRules } from './helpers.js';

/** BASE with a ratio-typed derived field `discount` (money ÷ money) and a list price. */
const withDiscount = (rules: string) =>
  edit(['  field amount  money\n', '  field amount  money\n  field list    money\n  derive discount = 1 - amount / list\n']) + rules;

describe('PB3021 a plain number compared with a percent', () => {
  diagnosticCase({
    name: 'discount > 40 on a ratio (no discount is 4000%)',
    code: 'PB3021',
    bad: withDiscount('red line "deep" on deals when discount > ⟦40⟧ review\n'),
    fixed: withDiscount('red line "deep" on deals when discount > 40% review\n'),
    message: '40 is compared with a percent, so it means 4000%',
    hint: 'write 40% if you mean 40 percent',
  });
  diagnosticCase({
    name: 'a decimal on the left: 1.5 means 150%',
    code: 'PB3021',
    bad: withDiscount('red line "deep" on deals when ⟦1.5⟧ < discount review\n'),
    fixed: withDiscount('red line "deep" on deals when 1.5% < discount review\n'),
    message: '1.5 is compared with a percent, so it means 150%',
    hint: 'write 1.5% if you mean 1.5 percent',
  });
  diagnosticCase({
    name: 'a plain number in a list of percents',
    code: 'PB3021',
    bad: withDiscount('red line "deep" on deals when discount in (10%, ⟦25⟧) review\n'),
    fixed: withDiscount('red line "deep" on deals when discount in (10%, 25%) review\n'),
    message: '25 is compared with a percent, so it means 2500%',
    hint: 'write 25% if you mean 25 percent',
  });

  it('a ratio compared with a plain number up to 1 is fine (0.2 is 20%)', () => {
    expect(diagnose(withDiscount('red line "deep" on deals when discount > 0.2 and discount <= 1 review\n'))).toEqual([]);
  });

  it('converts a plain number to the percent it means exactly', () => {
    expect(['40', '1.5', '0.205', '2.25', '1.23456'].map(asPercent)).toEqual(['4000', '150', '20.5', '225', '123.456']);
  });
});

describe('PB3022 (warning) an amount written with a point where thousands are meant', () => {
  diagnosticCase({
    name: 'a quota of 150.000',
    code: 'PB3022',
    severity: 'warning',
    bad: withRules('quota floor = ⟦150.000⟧ per year\nbonus "club" per rep when credited > floor pay 500\n'),
    fixed: withRules('quota floor = 150,000 per year\nbonus "club" per rep when credited > floor pay 500\n'),
    message: '150.000 is read as 150: the point marks decimals',
    hint: 'if you meant 150 thousand, write 150,000 or 150000; if you meant 150, write 150',
  });
  diagnosticCase({
    name: 'a commission band from 300.000',
    code: 'PB3022',
    severity: 'warning',
    bad: edit(['  from 0 pay base\n', '  from 0 pay base\n  from ⟦300.000⟧ pay 2 × base\n']),
    fixed: edit(['  from 0 pay base\n', '  from 0 pay base\n  from 300000 pay 2 × base\n']),
    message: '300.000 is read as 300: the point marks decimals',
    hint: 'if you meant 300 thousand, write 300,000 or 300000; if you meant 300, write 300',
  });
  diagnosticCase({
    name: 'an amount compared with 1.250',
    code: 'PB3022',
    severity: 'warning',
    bad: withRules('red line "big" on deals when amount > ⟦1.250⟧ review\n'),
    fixed: withRules('red line "big" on deals when amount > 1.25 review\n'),
    message: '1.250 is read as 1.25: the point marks decimals',
    hint: 'if you meant 1,250, write 1,250 or 1250; if you meant 1.25, write 1.25',
  });

  diagnosticCase({
    name: 'a plain number field compared with 5.000 (an account revenue threshold, read as 5)',
    code: 'PB3022',
    severity: 'warning',
    bad: edit(['  field amount  money\n', '  field amount  money\n  field seats   number\n'], ['lost when stage = "Lost"\n', 'lost when stage = "Lost"\nred line "big" on deals when seats >= ⟦5.000⟧ review\n']),
    fixed: edit(['  field amount  money\n', '  field amount  money\n  field seats   number\n'], ['lost when stage = "Lost"\n', 'lost when stage = "Lost"\nred line "big" on deals when seats >= 5,000 review\n']),
    message: '5.000 is read as 5: the point marks decimals',
    hint: 'if you meant 5 thousand, write 5,000 or 5000; if you meant 5, write 5',
  });
  it('PB3022 is not given for a number compared with 1.5 or 0.125, nor for two literals', () => {
    const seats = (condition: string) => diagnose(edit(['  field amount  money\n', '  field amount  money\n  field seats   number\n'], ['lost when stage = "Lost"\n', `lost when stage = "Lost"\nred line "big" on deals when ${condition} review\n`]));
    expect(seats('seats >= 1.5').map((d) => d.code)).not.toContain('PB3022');
    expect(seats('seats >= 0.125').map((d) => d.code)).not.toContain('PB3022');
    expect(seats('seats >= 1,500.000').map((d) => d.code)).not.toContain('PB3022');
  });
  diagnosticCase({
    name: 'a cap on a staged commission of 250.000 per year (the yearly cap would be 250)',
    code: 'PB3022',
    severity: 'warning',
    bad: withRules('pay "commission" in stages\n  100% at booking\n  cap ⟦250.000⟧ per year\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n  cap 250,000 per year\n'),
    message: '250.000 is read as 250: the point marks decimals',
    hint: 'if you meant 250 thousand, write 250,000 or 250000; if you meant 250, write 250',
  });
  diagnosticCase({
    name: 'a minimum per deal of 1.500',
    code: 'PB3022',
    severity: 'warning',
    bad: withRules('pay "commission" in stages\n  100% at booking\n  minimum ⟦1.500⟧ per deal\n'),
    fixed: withRules('pay "commission" in stages\n  100% at booking\n  minimum 1,500 per deal\n'),
    message: '1.500 is read as 1.5: the point marks decimals',
    hint: 'if you meant 1,500, write 1,500 or 1500; if you meant 1.5, write 1.5',
  });
  diagnosticCase({
    name: 'a draw of 15.000 per year',
    code: 'PB3022',
    severity: 'warning',
    bad: withRules('draw ⟦15.000⟧ per year recoverable, at year end write off\n'),
    fixed: withRules('draw 15,000 per year recoverable, at year end write off\n'),
    message: '15.000 is read as 15: the point marks decimals',
    hint: 'if you meant 15 thousand, write 15,000 or 15000; if you meant 15, write 15',
  });
  diagnosticCase({
    name: 'a ranking reward of 1.000 (pointed at its line: the reward keeps no position of its own)',
    code: 'PB3022',
    severity: 'warning',
    bad: withRules('ranking "r" per month by credited\n  ⟦top 30% reward 1.000⟧\n'),
    fixed: withRules('ranking "r" per month by credited\n  top 30% reward 1,000\n'),
    message: '1.000 is read as 1: the point marks decimals',
    hint: 'if you meant 1 thousand, write 1,000 or 1000; if you meant 1, write 1',
  });

  it('is not warned where grouping is not plausible', () => {
    const cases = [
      'bonus "b" per deal when won pay amount * 1.500', // a factor, not an amount
      'bonus "b" per deal when amount > 0.500 pay 5', // nothing before the point to group
      'bonus "b" per deal when amount > 1,500.000 pay 5', // a comma groups, so the point is decimal
      'bonus "b" per deal when amount > 1500.000 pay 5', // four digits before the point
      'bonus "b" per deal when count(deals) > 1.500 pay 5', // not money (and not in a deal rule)
    ];
    for (const rule of cases.slice(0, 4)) expect(diagnose(withRules(`${rule}\n`)), rule).toEqual([]);
    expect(diagnose(edit(['currency USD', 'currency KWD']) + 'bonus "b" per deal when amount > 1.500 pay 5\n'), 'KWD has 3 minor digits').toEqual([]);
  });
});

describe('PB3023 (warning) an amount smaller than the currency\'s smallest unit', () => {
  diagnosticCase({
    name: 'an amount compared with 0.001 USD',
    code: 'PB3023',
    severity: 'warning',
    bad: withRules('red line "tiny" on deals when amount < ⟦0.001⟧ review\n'),
    fixed: withRules('red line "tiny" on deals when amount < 0.01 review\n'),
    message: '0.001 is less than the smallest unit of USD (0.01), so no amount lies between it and 0',
    hint: 'write an amount in whole 0.01 units; if you meant a rate, write it as a percent (0.1%) and multiply: amount * 0.1%',
  });
  diagnosticCase({
    name: 'a bonus of half a yen',
    code: 'PB3023',
    severity: 'warning',
    bad: edit(['currency USD', 'currency JPY']) + 'bonus "b" per deal when won pay ⟦0.5⟧\n',
    fixed: edit(['currency USD', 'currency JPY']) + 'bonus "b" per deal when won pay 1\n',
    message: '0.5 is less than the smallest unit of JPY (1), so no amount lies between it and 0',
    hint: 'write an amount in whole 1 units; if you meant a rate, write it as a percent (50%) and multiply: amount * 50%',
  });

  it('a rate written as a small factor is not an amount', () => {
    expect(diagnose(withRules('bonus "b" per deal when won pay amount * 0.001\n'))).toEqual([]);
  });
});
