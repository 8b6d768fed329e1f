/** `playbook score --history` on the command line: JSON and its mistakes. */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, TIMEOUT, playbook } from './helpers.js';

describe('playbook score --history', () => {
  it(
    'A012 month by month: from its first activity (July 2024) to the as-of day, ending on the score that day',
    () => {
      const run = playbook('score', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--account', 'A012', '--as-of', '2026-10-21', '--history', '--format', 'json');
      expect(run.status).toBe(0);
      const doc = JSON.parse(run.stdout) as { months: { month: string; as_of: string; score: string; change: string; idle: boolean }[] };
      // July 2024 … October 2026 is 28 months; the last is scored on 2026-10-21, capped at 100 (README's `score` example).
      expect(doc.months).toHaveLength(28);
      expect(doc.months[0].month).toBe('2024-07');
      expect(doc.months.at(-1)).toMatchObject({ month: '2026-10', as_of: '2026-10-21', score: '100.00' });
      // Each change is the difference of consecutive month-end scores (to the cent, up to rounding of each).
      for (let i = 1; i < doc.months.length; i++) {
        expect(Math.abs(Number(doc.months[i].score) - Number(doc.months[i - 1].score) - Number(doc.months[i].change))).toBeLessThanOrEqual(0.011);
      }
    },
    TIMEOUT,
  );

  it(
    '--format json needs --history; --drop must be a number',
    () => {
      const json = playbook('score', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--account', 'A012', '--format', 'json');
      expect(json.status).toBe(2);
      expect(json.stderr).toContain('--format for one account\'s score (add --history for json or html) must be table, not "json"');
      const drop = playbook('score', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--account', 'A012', '--history', '--drop', 'five');
      expect(drop.status).toBe(2);
      expect(drop.stderr).toContain('--drop must be a number of points');
    },
    TIMEOUT,
  );
});
