/** The reps' own view of review-fixture.ts, worked out by hand (plan period 2017, as of 2017-03-31). */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { formatRepScores, formatRepScoresCsv, formatRepScoresJson } from '../../src/simulate/report-rep-scores.js';
import { repScores } from '../../src/simulate/rep-scores.js';
import { reviewSetup } from './review-fixture.js';

const sim = reviewSetup();

describe('repScores', () => {
  const r = repScores(sim, '2017-03-31');
  const month = (rep: string, m: string) => r.months.find((x) => x.rep === rep && x.month === m)!;
  const scores = (rep: string, m: string) => month(rep, m).accounts.map((a) => `${a.account} ${a.score.toString()}`);

  it('one row per rep and month from January to the as-of month', () => {
    expect(r.months.map((m) => `${m.rep} ${m.month}`)).toEqual(['Ann 2017-01', 'Ann 2017-02', 'Ann 2017-03', 'Bob 2017-01', 'Bob 2017-02', 'Bob 2017-03', 'Cy 2017-01', 'Cy 2017-02', 'Cy 2017-03']);
    expect(r.months.map((m) => m.asOf)).toEqual(['2017-01-31', '2017-02-28', '2017-03-31', '2017-01-31', '2017-02-28', '2017-03-31', '2017-01-31', '2017-02-28', '2017-03-31']);
  });

  it('Ann: 10 points in January (a C-level tour, ×2), nothing in February, 8.1 in March (second meetings on S1 and N1 do not count)', () => {
    expect([month('Ann', '2017-01').actions, month('Ann', '2017-01').earned.toString()]).toEqual([1, '10']);
    expect([month('Ann', '2017-02').actions, month('Ann', '2017-02').earned.toString()]).toEqual([0, '0']);
    // a2 4 + a3 0.1 + a4 0 + n1 4 + n2 0
    expect([month('Ann', '2017-03').actions, month('Ann', '2017-03').earned.toString()]).toEqual([5, '8.1']);
    expect(month('Ann', '2017-03').byAction.map((a) => [a.action, a.count, a.earned.toString()])).toEqual([['meeting', 4, '8'], ['visit', 1, '0.1']]);
    // Her accounts: S1, S4 and N1 from her deals (N1 also worked in March); month-end scores.
    expect(scores('Ann', '2017-01')).toEqual(['N1 0', 'S1 10', 'S4 0']);
    expect(scores('Ann', '2017-03')).toEqual(['N1 4', 'S1 14.1', 'S4 0']);
    expect(r.months.filter((m) => m.rep === 'Ann').map((m) => m.lowValueOnly)).toEqual([false, false, false]);
  });

  it('Bob logs only office visits (0.1 each): every month he works is low-value only, and he is flagged', () => {
    expect(r.months.filter((m) => m.rep === 'Bob').map((m) => [m.actions, m.earned.toString(), m.lowValueOnly])).toEqual([[0, '0', false], [2, '0.2', true], [1, '0.1', true]]);
    expect(scores('Bob', '2017-02')).toEqual(['S2 0.2']);
    expect(r.onlyLowValue).toEqual(['Bob']);
  });

  it('Cy: 9 points in February; a lower threshold (0.05 points) clears Bob', () => {
    expect([month('Cy', '2017-02').earned.toString(), month('Cy', '2017-03').earned.toString()]).toEqual(['9', '0']);
    expect(scores('Cy', '2017-03')).toEqual(['S3 9']);
    expect(repScores(sim, '2017-03-31', new Decimal('0.05')).onlyLowValue).toEqual([]);
  });

  it('as table, JSON and CSV', () => {
    const text = formatRepScores(r);
    expect(text).toContain('LOW VALUE ONLY: visit ×2');
    expect(text).toContain('IDLE: nothing logged');
    expect(text).toContain('Reps whose every logged action was low-value: Bob.');
    const doc = JSON.parse(formatRepScoresJson(r));
    expect(doc.only_low_value).toEqual(['Bob']);
    expect(doc.months[2]).toMatchObject({ rep: 'Ann', month: '2017-03', earned: '8.10', accounts: [{ account: 'N1', score: '4.00' }, { account: 'S1', score: '14.10' }, { account: 'S4', score: '0.00' }] });
    const csv = formatRepScoresCsv(r).trim().split('\n');
    expect(csv).toContain('Bob,2017-02,2017-02-28,2,0.20,yes,S2,0.20');
    expect(csv.filter((l) => l.startsWith('Ann,2017-03,'))).toHaveLength(3);
  });

  it('refuses a day before the plan period', () => {
    expect(() => repScores(sim, '2016-12-31')).toThrow('2016-12-31 is before the plan period 2017: there is no month to show');
  });
});
