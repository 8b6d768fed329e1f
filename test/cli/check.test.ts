/** `playbook check FILE` end to end: exit status 0 / 1 / 2 and what is printed. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { edit } from '../diagnostics/helpers.js';
import { KEY_ACCOUNT, MAVEN, TIMEOUT, hasStackTrace, playbook, removeTempDirs, tempDir } from './helpers.js';

describe('playbook check', () => {
  afterAll(removeTempDirs);

  it(
    'check the Maven reference: exit 0, "no problems found", nothing on stderr',
    () => {
      const run = playbook('check', MAVEN);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`${MAVEN}: no problems found\n`);
      expect(run.status).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'check of a tests file (plan.tests.playbook): read as `playbook test` reads it, not as a plan (no false errors)',
    () => {
      const tests = 'playbooks/maven-crm-2017.tests.playbook';
      const count = readFileSync(tests, 'utf8').split('\n').filter((l) => /^test "/.test(l)).length;
      expect(count).toBeGreaterThan(0);
      for (const args of [[tests], [tests, '--strict']]) {
        const run = playbook('check', ...args);
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe(`${tests}: a tests file with ${count} tests of ${MAVEN}: no problems found in its layout; run them with playbook test ${tests} (check the plan itself with playbook check ${MAVEN})\n`);
        expect(run.status).toBe(0);
      }
      const broken = join(tempDir(), 'plan.tests.playbook');
      writeFileSync(broken, 'test "x"\n  garbage here\n');
      const bad = playbook('check', broken);
      expect([bad.status, bad.stdout]).toEqual([1, `${broken}:2: expected table, expect or cases, not "garbage here"\n`]);
    },
    TIMEOUT,
  );

  it(
    'check of a tests file reads each expectation\'s wording, as each case fills it in: a mistake is found with its line, before a run',
    () => {
      const dir = tempDir();
      const tests = 'playbooks/maven-crm-2017.tests.playbook';
      // Each tests file tests the plan of its own name beside it.
      for (const name of ['curly', 'wrong']) writeFileSync(join(dir, `${name}.playbook`), readFileSync(MAVEN, 'utf8'));
      const text = readFileSync(tests, 'utf8');
      const lines = text.split('\n');
      const at = lines.findIndex((l) => /^\s+expect line "/.test(l));
      expect(at).toBeGreaterThan(0);
      // A name pasted with curly quotes (a word processor's): which quote to type.
      const curly = lines.map((l, i) => (i === at ? l.replace(/"([^"]*)"/, '\u201c$1\u201d') : l)).join('\n');
      writeFileSync(join(dir, 'curly.tests.playbook'), curly);
      const expectation = curly.split('\n')[at].trim();
      for (const command of ['check', 'test']) {
        const run = playbook(command, join(dir, 'curly.tests.playbook'));
        const said = `${join(dir, 'curly.tests.playbook')}:${at + 1}: cannot read "${expectation}": write names between straight double quotes ("orders commission"), as a word processor copy replaces them with curly ones`;
        expect(run.stdout + run.stderr).toContain(said);
        expect(run.status).toBe(command === 'check' ? 1 : 2);
      }
      // A case's value that makes the wording unreadable: found at check time too, on the expectation's line.
      const wrong = lines.map((l, i) => (i === at ? l.replace('expect line', 'expect lien') : l)).join('\n');
      writeFileSync(join(dir, 'wrong.tests.playbook'), wrong);
      const run = playbook('check', join(dir, 'wrong.tests.playbook'));
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(new RegExp(`^${join(dir, 'wrong.tests.playbook').replace(/[.]/g, '\\.')}:${at + 1}: cannot read "expect lien `));
    },
    TIMEOUT,
  );

  it(
    'check the key-account reference: exit 0 with the two warnings it is meant to raise (points for gifts and family trips that a red line flags)',
    () => {
      const run = playbook('check', KEY_ACCOUNT);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.match(/warning PB4301: .*/g)).toEqual([
        'warning PB4301: the scoring table rewards "family_trip" with 10 points, but red line "anti-bribery" flags it for review',
        'warning PB4301: the scoring table rewards "gift" with 1 point, but red line "anti-bribery" flags it for review',
      ]);
      expect(run.stdout.endsWith(`${KEY_ACCOUNT}: 0 errors, 2 warnings\n`)).toBe(true);
      const strict = playbook('check', KEY_ACCOUNT, '--strict');
      expect(strict.status).toBe(1);
      expect(strict.stdout.endsWith(`${KEY_ACCOUNT}: 0 errors, 2 warnings (--strict: warnings count as errors)\n`)).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'check on a file with mistakes: exit 1, every finding compiler-style, then a count',
    () => {
      const file = join(tempDir(), 'plan.playbook');
      const text =
        edit(['per year marginal\n', 'per year\n']) +
        'red line "deep discount" on deals\n  when won and amont > 100,000\n  block credit\n';
      writeFileSync(file, text);
      const run = playbook('check', file);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(
        [
          `${file}:20:3: error PB1004: say whether this commission table is marginal or retroactive`,
          '  20 |   base rate 2%',
          '     |   ^^^^',
          '  hint: marginal: each band pays its own rate on the part that falls in it; retroactive: the band reached pays its rate on the whole amount',
          '',
          `${file}:23:16: error PB2001: "amont" is not a field of deals`,
          '  23 |   when won and amont > 100,000',
          '     |                ^^^^^',
          '  hint: did you mean "amount"?',
          '',
          `${file}: 2 errors, 0 warnings`,
          '',
        ].join('\n'),
      );
      // The head line of every finding has the shape `file:line:col: error CODE: message`.
      const heads = run.stdout.split('\n').filter((l) => l.startsWith(file + ':') && / error /.test(l));
      for (const h of heads) expect(h).toMatch(/^.+:\d+:\d+: error PB\d{4}: .+$/);
    },
    TIMEOUT,
  );

  it(
    'check on a file with a warning only: exit 0, the warning printed, counted as a warning',
    () => {
      const file = join(tempDir(), 'plan.playbook');
      writeFileSync(file, edit(['  plan period 2017\n', '  plan period 2017\n  rounding half-up to 0.001\n']));
      const run = playbook('check', file);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(
        [
          `${file}:4:3: warning PB2110: rounding to 0.001 is finer than the smallest unit of USD (0.01)`,
          '  4 |   rounding half-up to 0.001',
          '    |   ^^^^^^^^^^^^^^^^^^^^^^^^^',
          '  hint: payout lines are printed in whole 0.01 units, so printed lines may not add up; round to 0.01',
          '',
          `${file}: 0 errors, 1 warning`,
          '',
        ].join('\n'),
      );
    },
    TIMEOUT,
  );

  it(
    'check on a file that does not exist: exit 2, one line on stderr, no stack trace',
    () => {
      const run = playbook('check', 'playbooks/no-such-plan.playbook');
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe('error: playbooks/no-such-plan.playbook: no such file\n');
      expect(hasStackTrace(run.stderr)).toBe(false);
    },
    TIMEOUT,
  );
});
