/**
 * `playbook simulate` with bad input: a bad data row (with and without
 * --skip-bad-rows), a missing data folder, and a playbook with mistakes.
 */
import { cpSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE } from '../diagnostics/helpers.js';
import { KEY_ACCOUNT, TIMEOUT, copyOfExampleData, hasStackTrace, playbook, simulateOutputValidator, removeTempDirs, tempDir, KEY_ACCOUNT_NOTE } from './helpers.js';

/** A copy of the example data whose deals.csv has `12,5OO` (letter O) in the amount cell of physical line `line`. */
function dataWithBadAmount(line: number): string {
  const dir = copyOfExampleData();
  const path = join(dir, 'deals.csv');
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[0].split(',');
  const cells = lines[line - 1].split(',');
  expect(lines[line - 1]).not.toContain('"'); // a plain row, so splitting on commas is exact
  cells[header.indexOf('amount')] = '"12,5OO"'; // quoted: the comma is inside the cell
  lines[line - 1] = cells.join(',');
  writeFileSync(path, lines.join('\n'));
  return dir;
}

const BAD_LINE = 5;
const ROW_MESSAGE = `deals.csv:${BAD_LINE}: amount: expected an amount, got "12,5OO"`;

describe('playbook simulate with bad input', () => {
  afterAll(removeTempDirs);

  it(
    'a bad amount cell: exit 2, the row named as deals.csv:LINE: amount: …, and how to carry on',
    () => {
      const run = playbook('simulate', KEY_ACCOUNT, '--data', dataWithBadAmount(BAD_LINE), '--format', 'json');
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toEqual([
        KEY_ACCOUNT_NOTE.trimEnd(),
        'The data has 1 row that cannot be used:',
        `  ${ROW_MESSAGE}`,
        'Fix them in the data, or run again with --skip-bad-rows to leave them out (they are then listed in the report).',
        '',
      ]);
      expect(hasStackTrace(run.stderr)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'the same with --skip-bad-rows: exit 0, the row left out and listed, read = used + rejected',
    () => {
      const run = playbook('simulate', KEY_ACCOUNT, '--data', dataWithBadAmount(BAD_LINE), '--format', 'json', '--skip-bad-rows');
      expect(run.status).toBe(0);
      expect(run.stderr).toBe(`${KEY_ACCOUNT_NOTE}1 bad row was left out; it is listed in the report\n`);
      const doc = JSON.parse(run.stdout) as {
        input: Record<string, { read: number; used: number; rejected: number }>;
        rejected_rows: { table: string; file: string; line: number; messages: string[] }[];
      };
      const validate = simulateOutputValidator();
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      const deals = doc.input.deals;
      expect(deals.read).toBe(deals.used + deals.rejected);
      expect(deals).toMatchObject({ read: 449, used: 448, rejected: 1 });
      expect(doc.rejected_rows).toEqual([{ table: 'deals', file: 'deals.csv', line: BAD_LINE, messages: [ROW_MESSAGE] }]);
    },
    TIMEOUT,
  );

  it(
    'a stray quote closed ten lines later: the Input section says which lines went into the one rejected row',
    () => {
      // Physical line 11 ends `,"direct` (an opening quote) and line 20 `,direct"` (a closing one):
      // lines 11–20 are one record, rejected; the other 439 of the file's 449 records are used.
      const dir = copyOfExampleData();
      const path = join(dir, 'deals.csv');
      const lines = readFileSync(path, 'utf8').split('\n');
      for (const at of [11, 20]) expect(lines[at - 1]).toMatch(/,(direct|partner)$/);
      lines[10] = lines[10].replace(/,(direct|partner)$/, ',"$1');
      lines[19] = lines[19].replace(/,(direct|partner)$/, ',$1"');
      writeFileSync(path, lines.join('\n'));
      const run = playbook('simulate', KEY_ACCOUNT, '--data', dir, '--skip-bad-rows');
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n')).toContain('  deals (deals.csv): 440 rows read, 439 used, 1 rejected — lines 11–20 were read as one of them: a quote (") opened a value and a later one closed it');
      expect(run.stdout).toMatch(/deals\.csv:11: channel: the value .* runs over lines 11–20, so those lines were read as one row/);
    },
    TIMEOUT,
  );

  it(
    'a table file that is a link out of the data folder: refused, naming where it leads, its first line never shown',
    () => {
      const outside = tempDir('playbook-outside-');
      writeFileSync(join(outside, 'private.csv'), 'SECRET-FIRST-LINE,salary\n');
      const dir = copyOfExampleData();
      rmSync(join(dir, 'deals.csv'));
      symlinkSync(join(outside, 'private.csv'), join(dir, 'deals.csv'));
      const run = playbook('simulate', KEY_ACCOUNT, '--data', dir);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`error: deals.csv: this is a link to ${realpathSync(join(outside, 'private.csv'))}, outside the data folder ${dir}; a playbook reads only the files in its data folder. Copy the file into the folder, or give the folder it is in as --data`);
      expect(run.stderr).not.toContain('SECRET');
      // A link to another file of the same folder is read as usual.
      renameSync(join(outside, 'private.csv'), join(outside, 'unused.csv'));
      rmSync(join(dir, 'deals.csv'));
      cpSync(join(copyOfExampleData(), 'deals.csv'), join(dir, 'deals-2026.csv'));
      symlinkSync('deals-2026.csv', join(dir, 'deals.csv'));
      const linked = playbook('simulate', KEY_ACCOUNT, '--data', dir);
      expect(linked.status).toBe(0);
      expect(linked.stdout).toContain('  deals (deals.csv): 449 rows read, 449 used, 0 rejected');
    },
    TIMEOUT,
  );

  it(
    'compare with --skip-bad-rows: the row left out is listed on standard error, once, not dropped without a word',
    () => {
      const run = playbook('compare', KEY_ACCOUNT, KEY_ACCOUNT, '--data', dataWithBadAmount(BAD_LINE), '--format', 'json', '--skip-bad-rows');
      expect(run.status).toBe(0);
      expect(run.stderr.split('\n').filter((l) => !l.startsWith('note:'))).toEqual(['1 bad row was left out of this report:', `  ${ROW_MESSAGE}`, '']);
    },
    TIMEOUT,
  );

  it(
    'a --data folder that does not exist: exit 2, one clear line naming the folder, no stack trace',
    () => {
      const missing = join(tempDir(), 'no-such-folder');
      const run = playbook('simulate', KEY_ACCOUNT, '--data', missing);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[0]).toContain(missing);
      expect(lines[0]).toContain('does not exist');
      expect(hasStackTrace(run.stderr)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'a playbook with mistakes: exit 1, the findings on stderr, no report',
    () => {
      const file = join(tempDir(), 'plan.playbook');
      writeFileSync(file, BASE.replace('field amount  money', 'field amount  money\n  derive x = amont'));
      const run = playbook('simulate', file, '--data', 'examples/key-account');
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`${file}:14:14: error PB2001: "amont" is not a field of deals`);
      expect(run.stderr).toContain(`fix the errors above, then run simulate again`);
    },
    TIMEOUT,
  );
});
