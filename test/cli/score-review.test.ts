/**
 * `playbook score --review` and `--reps` on the command line: the examples of docs/language.md
 * (the printed blocks must be what the commands print), values worked by hand from
 * docs/examples/data/relationship, the CSV and JSON shapes, and the mistakes (exit 2).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, TIMEOUT, hasStackTrace, playbook } from './helpers.js';

const DOC_PLAYBOOK = 'docs/examples/relationship.playbook';
const DOC_DATA = 'docs/examples/data/relationship';

/** The ```text block printed right after the ```text block holding `command` in docs/language.md. */
function documentedOutput(command: string): string {
  const doc = readFileSync('docs/language.md', 'utf8');
  const at = doc.indexOf(`${command}\n\`\`\``);
  expect(at, command).toBeGreaterThan(0);
  const start = doc.indexOf('```text\n', at + command.length) + '```text\n'.length;
  return doc.slice(start, doc.indexOf('```', start));
}

describe('playbook score --review and --reps', () => {
  it(
    'the review list of docs/language.md is what the command prints, and its values check by hand',
    () => {
      const command = `npx playbook score ${DOC_PLAYBOOK} --data ${DOC_DATA} --review --as-of 2026-06-30`;
      const run = playbook('score', DOC_PLAYBOOK, '--data', DOC_DATA, '--review', '--as-of', '2026-06-30');
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toBe(documentedOutput(command));
      const json = JSON.parse(playbook('score', DOC_PLAYBOOK, '--data', DOC_DATA, '--review', '--as-of', '2026-06-30', '--format', 'json').stdout);
      const a001 = json.accounts[0];
      // A month ago (2026-05-30): strategic agreement 329 days old (8 × 1.5), tour (5 × 1.5) and requirements (6)
      // 149 days old, AC01's visit 334 days old; half life 180 days.
      const h = (age: number) => 0.5 ** (age / 180);
      const monthAgo = 12 * h(329) + 13.5 * h(149) + 0.1 * h(334);
      expect(a001.month_ago).toMatchObject({ as_of: '2026-05-30', tier: 'neutral', score: monthAgo.toFixed(2) });
      expect(a001.now).toMatchObject({ tier: 'supporter', score: '19.75', win_probability: '0.45' });
      expect(a001.missing_indicators.map((m: { name: string }) => m.name)).toEqual(['tech_exchange_held']);
      // A003's last action: the exec meeting of 2026-05-20, 41 days before 2026-06-30; reviewed through its open deal.
      expect(json.accounts[1]).toMatchObject({ account: 'A003', deal: 'D008', days_since_last_action: 41, last_action: { date: '2026-05-20', action: 'exec_meeting' } });
      expect(json.accounts.map((a: { account: string }) => a.account)).toEqual(['A001', 'A003']); // A002 is not strategic
    },
    TIMEOUT,
  );

  it(
    "the reps' view of docs/language.md is what the command prints; R01's June and January by hand",
    () => {
      const command = `npx playbook score ${DOC_PLAYBOOK} --data ${DOC_DATA} --reps --as-of 2026-06-30`;
      const run = playbook('score', DOC_PLAYBOOK, '--data', DOC_DATA, '--reps', '--as-of', '2026-06-30');
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toBe(documentedOutput(command));
      const csv = playbook('score', DOC_PLAYBOOK, '--data', DOC_DATA, '--reps', '--as-of', '2026-06-30', '--format', 'csv').stdout.trim().split('\n');
      expect(csv[0]).toBe('rep,month,as_of,actions,earned,low_value_only,account,account_score');
      // June: exec meetings 4 × 1.5 + 4 (the third is over the limit), the second agreement and the gift earn 0.
      expect(csv).toContain('R01,2026-06,2026-06-30,5,10.00,no,A001,19.75');
      // January: tour 5 × 1.5 and requirements 6.
      expect(csv.find((l) => l.startsWith('R01,2026-01,'))).toMatch(/^R01,2026-01,2026-01-31,2,13\.50,no,A001,/);
      expect(csv.filter((l) => l.startsWith('R02,'))).toHaveLength(12); // 6 months × 2 accounts
      // R02's January: one office visit (low value). A002 at 2026-01-31: AC03 (152 days old) and AC07 (11 days), 0.1 each.
      const a002 = 0.1 * 0.5 ** (152 / 180) + 0.1 * 0.5 ** (11 / 180);
      expect(csv).toContain(`R02,2026-01,2026-01-31,1,0.10,yes,A002,${a002.toFixed(2)}`);
    },
    TIMEOUT,
  );

  it(
    'mistakes: exit 2 with a plain message, before any work',
    () => {
      const cases: [string[], string][] = [
        [[], 'say what to show: --account A'],
        [['--review', '--reps'], '--review and --reps are separate reports; give one of them'],
        [['--review', '--history'], '--history shows one account: give --account A'],
        [['--reps', '--format', 'html'], '--format for the reps\' view must be table, json or csv, not "html"'],
        [['--review', '--low-value', '1'], '--low-value goes with --reps'],
        [['--reps', '--low-value', 'one'], '--low-value must be a number of points such as 1 or 0.5, not "one"'],
        [['--review', '--as-of', '2026-02-30'], '--as-of must be a date written YYYY-MM-DD, not "2026-02-30"'],
      ];
      for (const [args, message] of cases) {
        const run = playbook('score', KEY_ACCOUNT, '--data', EXAMPLE_DATA, ...args);
        expect(run.status, args.join(' ')).toBe(2);
        expect(run.stderr).toContain(message);
        expect(hasStackTrace(run.stderr)).toBe(false);
      }
      // A playbook without a review list is told what to add.
      const plain = playbook('score', 'playbooks/key-account-score-bands.playbook', '--data', EXAMPLE_DATA, '--review');
      expect(plain.status).toBe(2);
      expect(plain.stderr).toContain('add to its scoring section a line such as: review accounts when account.strategic or account.must_win');
    },
    TIMEOUT * 2,
  );
});
