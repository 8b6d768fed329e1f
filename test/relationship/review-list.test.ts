/** The monthly review list of review-fixture.ts, worked out by hand (as of 2017-03-31; a month ago 2017-02-28). */
import { describe, expect, it } from 'vitest';
import { ScoreRequestError } from '../../src/simulate/account-score.js';
import { formatReviewList, formatReviewListCsv, formatReviewListJson } from '../../src/simulate/report-review.js';
import { monthBefore, reviewList } from '../../src/simulate/review-list.js';
import { parseDateText } from '../../src/runtime/periods.js';
import { REVIEW_PLAYBOOK, reviewSetup } from './review-fixture.js';

const sim = reviewSetup();

describe('reviewList', () => {
  const r = reviewList(sim, '2017-03-31');
  const row = (account: string) => r.rows.find((x) => x.account === account)!;

  it('lists the strategic accounts only, by key, each through its open deal if it has one', () => {
    expect(r.asOf).toBe('2017-03-31');
    expect(r.monthAgo).toBe('2017-02-28');
    expect(r.rows.map((x) => [x.account, x.deal])).toEqual([['S1', 'D1'], ['S2', 'D2'], ['S3', 'D4'], ['S4', 'D5']]);
  });

  it('S1: supporter a month ago (tour only, 10 points), champion now (a meeting 6 days ago)', () => {
    // 02-28: a1 = 5 × 2 = 10 → supporter (no meeting yet).
    // 03-31: 10 + a2 4 + a3 0.1 + a4 0 (second meeting in March) = 14.1; a4 (age 6) makes met_recently true.
    const s1 = row('S1');
    expect([s1.monthAgo.tier, s1.monthAgo.score.toString()]).toEqual(['supporter', '10']);
    expect([s1.now.tier, s1.now.score.toString(), s1.now.probability!.toString()]).toEqual(['champion', '14.1', '0.8']);
    expect(s1.change.toString()).toBe('4.1');
    expect(s1.tierFell).toBe(false);
    expect(s1.missing).toEqual([]);
    expect(s1.lastAction).toEqual({ date: '2017-03-25', action: 'meeting' });
    expect(s1.daysSinceLastAction).toBe(6);
  });

  it('S2: three visits, cold both times, both indicators missing, 21 days since the last visit', () => {
    const s2 = row('S2');
    expect([s2.monthAgo.tier, s2.monthAgo.score.toString(), s2.now.tier, s2.now.score.toString(), s2.change.toString()]).toEqual(['cold', '0.2', 'cold', '0.3', '0.1']);
    expect(s2.missing.map((m) => m.name)).toEqual(['toured', 'met_recently']);
    expect(s2.daysSinceLastAction).toBe(21); // 03-10 → 03-31
  });

  it('S3: champion a month ago (meeting 8 days old), supporter now (39 days old): a tier fell', () => {
    const s3 = row('S3');
    expect([s3.monthAgo.tier, s3.now.tier, s3.now.score.toString(), s3.change.toString()]).toEqual(['champion', 'supporter', '9', '0']);
    expect(s3.tierFell).toBe(true);
    expect(s3.missing).toEqual([{ name: 'met_recently', label: 'Met in the last 30 days' }]);
    expect(s3.daysSinceLastAction).toBe(39);
  });

  it('S4: nothing ever logged: score 0, cold, days since the last action unknown', () => {
    const s4 = row('S4');
    expect([s4.now.tier, s4.now.score.toString(), s4.lastAction, s4.daysSinceLastAction]).toEqual(['cold', '0', null, null]);
  });

  it('as table, JSON and CSV', () => {
    const text = formatReviewList(r);
    expect(text).toContain('S3       supporter 45% ↓  champion 80%');
    expect(text).toContain('never');
    expect(text).toContain('4 accounts; 1 fell a tier since 2017-02-28');
    const doc = JSON.parse(formatReviewListJson(r));
    expect(doc.accounts[0]).toMatchObject({ account: 'S1', change: '4.10', days_since_last_action: 6, now: { tier: 'champion', score: '14.10', win_probability: '0.8' }, month_ago: { tier: 'supporter', score: '10.00' } });
    const csv = formatReviewListCsv(r).trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[3]).toBe('S3,D4,2017-03-31,supporter,0.45,9.00,2017-02-28,champion,9.00,0.00,yes,39,2017-02-20,meeting,met_recently');
    expect(csv[4]).toBe('S4,D5,2017-03-31,cold,0.1,0.00,2017-02-28,cold,0.00,0.00,no,,,,toured; met_recently');
  });

  it('a month before the 31st is the last day of a shorter month', () => {
    const at = (d: string) => new Date(monthBefore(parseDateText(d))).toISOString().slice(0, 10);
    expect([at('2017-03-31'), at('2016-03-31'), at('2017-05-31'), at('2017-01-15')]).toEqual(['2017-02-28', '2016-02-29', '2017-04-30', '2016-12-15']);
  });

  it('a playbook without "review accounts when" is told how to add it', () => {
    const plain = reviewSetup(REVIEW_PLAYBOOK.replace('  review accounts when account.strategic\n', ''));
    expect(() => reviewList(plain, undefined)).toThrow(ScoreRequestError);
    expect(() => reviewList(plain, undefined)).toThrow('add to its scoring section a line such as: review accounts when account.strategic or account.must_win');
  });
});
