/**
 * `playbook check FILE [--strict]` runs without commander (src/cli/main.ts, plainCheck): the same
 * command in any other spelling still goes through commander, and both print the same.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plainCheck } from '../../src/cli/main.js';
import { edit } from '../diagnostics/helpers.js';
import { KEY_ACCOUNT, TIMEOUT, playbook, removeTempDirs, tempDir } from './helpers.js';

const argv = (...rest: string[]) => ['node', 'playbook.js', ...rest];

describe('plain check, without commander', () => {
  afterAll(removeTempDirs);

  it('is taken for `check FILE` and `check FILE --strict` in either order, and nothing else', () => {
    expect(plainCheck(argv('check', 'a.playbook'))).toEqual({ file: 'a.playbook', flags: {} });
    expect(plainCheck(argv('check', 'a.playbook', '--strict'))).toEqual({ file: 'a.playbook', flags: { strict: true } });
    expect(plainCheck(argv('check', '--strict', 'a.playbook'))).toEqual({ file: 'a.playbook', flags: { strict: true } });
    // Left to commander: its help, its usage errors, options it knows or not, a second file, `-` for a name.
    for (const rest of [['check'], ['check', '--help'], ['check', 'a', 'b'], ['check', 'a', '--strict', '--strict'], ['check', 'a', '--stric'], ['check', '-'], ['check', ''], ['fmt', 'a'], ['simulate', 'a'], ['--version']]) {
      expect(plainCheck(argv(...rest))).toBeNull();
    }
  });

  it(
    'prints what commander\'s `check` prints: findings, summary, exit status; a missing file is exit 2 with one line',
    () => {
      const dir = tempDir();
      const broken = join(dir, 'broken.playbook');
      writeFileSync(broken, edit(['won  when stage = "Won"', 'won  when stage < "A" < "B"']));
      // `check [--strict] -- FILE` is not plain (two arguments besides the flag): commander reads it, the same command.
      for (const [file, flags] of [[KEY_ACCOUNT, ['--strict']], [KEY_ACCOUNT, []], [broken, []]] as const) {
        const plain = playbook('check', file, ...flags);
        const viaCommander = playbook('check', ...flags, '--', file);
        expect(plain).toEqual(viaCommander);
      }
      const missing = playbook('check', join(dir, 'missing.playbook'));
      expect(missing).toEqual({ status: 2, stdout: '', stderr: `error: ${join(dir, 'missing.playbook')}: no such file\n` });
      expect(playbook('check', '--', join(dir, 'missing.playbook'))).toEqual(missing);
      const run = playbook('check', broken);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('error PB1005: "<" does not start a section');
    },
    TIMEOUT * 4,
  );
});
