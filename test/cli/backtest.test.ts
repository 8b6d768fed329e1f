/**
 * `playbook backtest` on the command line: the new options, their mistakes
 * (exit 2, a plain message), and the comparison of two tier designs.
 * Tier counts are the generator's planted truth (examples/key-account/README.md).
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, TIMEOUT, hasStackTrace, playbook } from './helpers.js';

const BANDS = 'playbooks/key-account-score-bands.playbook';

describe('playbook backtest', () => {
  it(
    'mistakes in the options are refused before any work, exit 2',
    () => {
      const cases: [string[], string][] = [
        [['--bins', '0'], '--bins must be a whole number from 1 to 9999, not "0"'],
        [['--train-until', '2026-02-30'], '--train-until must be a date written YYYY-MM-DD, not "2026-02-30"'],
        [['--train-until', '2001-01-01'], 'no scored deal was decided on or before 2001-01-01'],
        [['--by', 'colour'], '--by colour: no deal field'],
        [['--by', 'chanel'], '--by chanel: no deal field and no field of a looked-up table has that name (did you mean "channel"?); fields: deals.id'],
        [['--by', 'account.sector'], '--by account.sector: no deal field and no field of a looked-up table has that name (did you mean "accounts.sector"? --by names the looked-up table, accounts, where the playbook writes the deal\'s field account); fields: deals.id'],
      ];
      for (const [args, message] of cases) {
        const run = playbook('backtest', KEY_ACCOUNT, '--data', EXAMPLE_DATA, ...args);
        expect(run.status, args.join(' ')).toBe(2);
        expect(run.stderr).toContain(message);
        expect(hasStackTrace(run.stderr)).toBe(false);
      }
      const three = playbook('backtest', KEY_ACCOUNT, BANDS, KEY_ACCOUNT, '--data', EXAMPLE_DATA);
      expect(three.status).toBe(2);
      expect(three.stderr).toContain('backtest takes one playbook, or two to compare; got 3');
    },
    TIMEOUT * 2,
  );

  it(
    'two playbooks: both tier designs on the same 368 deals, the Brier difference with its interval',
    () => {
      const run = playbook('backtest', KEY_ACCOUNT, BANDS, '--data', EXAMPLE_DATA, '--format', 'json', '--seed', '7');
      expect(run.status).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(doc.in_sample).toBe(true);
      expect(doc.left_out).toEqual({ a: 0, b: 0 });
      // Planted: champion 213/266, supporter 18/40, neutral 8/32, opposed 3/30.
      expect(doc.a.tiers.map((t: { tier: string; deals: number; wins: number }) => [t.tier, t.deals, t.wins])).toEqual([
        ['champion', 266, 213], ['supporter', 40, 18], ['neutral', 32, 8], ['opposed', 30, 3],
      ]);
      expect(doc.b.deals).toBe(368);
      const d = doc.brier_difference;
      expect(Number(d.a_minus_b)).toBeCloseTo(Number(doc.a.brier) - Number(doc.b.brier), 3);
      expect(Number(d.low)).toBeLessThanOrEqual(Number(d.a_minus_b));
      expect(Number(d.high)).toBeGreaterThanOrEqual(Number(d.a_minus_b));
      expect([d.resamples, d.seed]).toEqual([2000, 7]);
    },
    TIMEOUT,
  );

  it(
    'the table report opens with the findings and says it is in-sample',
    () => {
      const run = playbook('backtest', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--bins', '5', '--by', 'sector');
      expect(run.status).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[1]).toMatch(/^In-sample:/);
      expect(lines[3]).toBe('Findings');
      expect(run.stdout).toContain('tier champion … win probability');
      expect(run.stdout).toContain('By accounts.sector:');
      expect(run.stdout).toContain('cut into 5 groups');
    },
    TIMEOUT,
  );
});
