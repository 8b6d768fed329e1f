import { describe, expect, it } from 'vitest';
import { fiscalMonths, monthOf, planPeriods } from '../../src/runtime/periods.js';

describe('periods', () => {
  it('a calendar plan year has 12 months from January', () => {
    const months = fiscalMonths(2017, 1);
    expect(months.map((m) => m.key)).toEqual(['2017-01', '2017-02', '2017-03', '2017-04', '2017-05', '2017-06', '2017-07', '2017-08', '2017-09', '2017-10', '2017-11', '2017-12']);
  });
  it('fiscal year 2017 starting April runs 2017-04-01 … 2018-03-31, with fiscal quarters', () => {
    const [year] = planPeriods('year', 2017, 4);
    expect(new Date(year.start).toISOString()).toBe('2017-04-01T00:00:00.000Z');
    expect(new Date(year.end).toISOString()).toBe('2018-04-01T00:00:00.000Z');
    const quarters = planPeriods('quarter', 2017, 4);
    expect(quarters.map((q) => q.key)).toEqual(['2017-Q1', '2017-Q2', '2017-Q3', '2017-Q4']);
    expect(new Date(quarters[3].start).toISOString()).toBe('2018-01-01T00:00:00.000Z');
  });
  it('a date on the 31st belongs to its own month', () => {
    expect(monthOf(Date.UTC(2017, 2, 31, 23, 30))).toBe('2017-03');
  });
});
