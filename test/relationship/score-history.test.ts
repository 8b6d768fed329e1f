/**
 * `score --history`: account HOT1 of backtest-fixture.ts, with a 30-day half life,
 * month by month for three months, computed by hand from its three activities:
 * tour 5 points on 2017-06-01, visits 0.1 on 2017-06-02 and 2017-07-02 (no weights).
 * An activity aged a days counts points × 0.5^(a/30).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { formatScoreHistory } from '../../src/simulate/report-score-history.js';
import { scoreHistory } from '../../src/simulate/score-history.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';
import { PLAYBOOK, setup } from './backtest-fixture.js';

const decayed = (points: number, age: number) => points * 0.5 ** (age / 30);
const sim = setup(false, PLAYBOOK.replace('scoring "s"\n', 'scoring "s"\n  look back 365 days · half life 30 days\n'));

describe('scoreHistory', () => {
  const h = scoreHistory(sim, 'HOT1', '2017-08-31', new Decimal(1));

  it('the score at each month end, and its change', () => {
    // 06-30: tour aged 29 days, visit 28.  07-31: 60, 59 and 29.  08-31: 91, 90 and 60.
    const june = decayed(5, 29) + decayed(0.1, 28);
    const july = decayed(5, 60) + decayed(0.1, 59) + decayed(0.1, 29);
    const august = decayed(5, 91) + decayed(0.1, 90) + decayed(0.1, 60);
    expect(h.months.map((m) => [m.month, m.asOf])).toEqual([['2017-06', '2017-06-30'], ['2017-07', '2017-07-31'], ['2017-08', '2017-08-31']]);
    const scores = h.months.map((m) => m.score.toNumber());
    [june, july, august].forEach((x, i) => expect(scores[i]).toBeCloseTo(x, 9));
    const changes = h.months.map((m) => m.change.toNumber());
    [june, july - june, august - july].forEach((x, i) => expect(changes[i]).toBeCloseTo(x, 9));
  });

  it('the actions behind each month, idle months and falls beyond --drop', () => {
    expect(h.months.map((m) => m.actions.map((a) => [a.action, a.count]))).toEqual([[['tour', 1], ['visit', 1]], [['visit', 1]], []]);
    // the July visit's points at the end of July: 0.1 aged 29 days
    expect(h.months[1].actions[0].points.toNumber()).toBeCloseTo(decayed(0.1, 29), 9);
    expect(h.months.map((m) => m.idle)).toEqual([false, false, true]);
    // July falls by ≈ 1.28 (> 1 point), August by ≈ 0.68
    expect(h.months.map((m) => m.fell)).toEqual([false, true, false]);
    const text = formatScoreHistory(h);
    expect(text).toContain('2017-08  2017-08-31');
    expect(text).toContain('IDLE: no action logged');
    expect(text).toContain('1 idle month of 3; 1 month in which the score fell by more than 1.00 points');
  });

  it('an account without activity, or one first active after the as-of day, is refused', () => {
    expect(() => scoreHistory(sim, 'COLD1', '2017-08-31')).toThrow('no activity was ever logged for account COLD1');
    expect(() => scoreHistory(sim, 'HOT1', '2017-05-31')).toThrow("account HOT1's first activity, 2017-06-01, is after 2017-05-31");
  });
});

describe('scoreHistory of an example account by hand', () => {
  // A012 of examples/key-account, its first three months (July–September 2024): only office visits
  // (0.1 points; × 1.5 for a C-level contact, × 0.5 for an assistant), fading with a 180-day half life.
  const compiled = compilePlaybookFile('playbooks/key-account.playbook');
  const example = simulate(compiled.graph!, 'playbooks/key-account.playbook', 'examples/key-account');
  const rows = readFileSync('examples/key-account/activities.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const a012 = rows.filter((r) => r[3] === 'A012' && r[1] <= '2024-09-30');

  it('matches a separate computation from activities.csv', () => {
    expect(new Set(a012.map((r) => r[6]))).toEqual(new Set(['office_visit']));
    const weight = (role: string) => (role === 'C-level' ? 1.5 : role === 'assistant' ? 0.5 : 1);
    const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
    const at = (end: string) => a012.filter((r) => r[1] <= end).reduce((s, r) => s + 0.1 * weight(r[5]) * 0.5 ** (days(r[1], end) / 180), 0);
    const h = scoreHistory(example, 'A012', '2024-09-30');
    expect(h.months.map((m) => m.month)).toEqual(['2024-07', '2024-08', '2024-09']);
    const ends = ['2024-07-31', '2024-08-31', '2024-09-30'];
    ends.forEach((end, i) => expect(h.months[i].score.toNumber()).toBeCloseTo(at(end), 12));
    // By hand, July: an assistant on 07-22 (9 days before the 31st) and a procurement contact on 07-31.
    expect(h.months[0].score.toNumber()).toBeCloseTo(0.05 * 0.5 ** (9 / 180) + 0.1, 12);
    expect(h.months[1].change.toNumber()).toBeCloseTo(at(ends[1]) - at(ends[0]), 12);
    expect(h.months.map((m) => m.actions.map((a) => a.count))).toEqual(ends.map((end, i) => [a012.filter((r) => r[1] <= end && r[1] > (i === 0 ? '' : ends[i - 1])).length]));
  });
});
