/**
 * Heap tuning for large runs (src/cli/large-run.ts): which commands are started again with a
 * larger young generation, and that such a run answers exactly as one in the same process —
 * same report, same messages, same exit code.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_RUN_FLAGS, LARGE_RUN_MIN_BYTES, NO_RESTART_VARIABLE, largeRunFlags } from '../../src/cli/large-run.js';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'large-run-'));
// The bundled example, plus a sparse file the playbook never reads that makes the folder "large"
// (no disk is used: truncate makes a hole).
const large = join(dir, 'large');
const small = join(dir, 'small');
for (const d of [large, small]) {
  spawnSync('mkdir', ['-p', d]);
  for (const f of readdirSync(join(ROOT, 'examples/key-account'))) if (f.endsWith('.csv')) copyFileSync(join(ROOT, 'examples/key-account', f), join(d, f));
}
const padding = join(large, 'padding.bin');
writeFileSync(padding, '');
truncateSync(padding, LARGE_RUN_MIN_BYTES);
const argv = (...rest: string[]) => ['node', 'playbook.js', ...rest];

describe('large runs are started again with a larger young generation', () => {
  it('for a data command over a folder of 64 MB or more, --data given either way', () => {
    expect(largeRunFlags(argv('simulate', 'p.playbook', '--data', large), [], {})).toEqual([...LARGE_RUN_FLAGS]);
    expect(largeRunFlags(argv('audit', 'p.playbook', `--data=${large}`, '--format', 'json'), [], {})).toEqual(['--max-semi-space-size=32']);
    expect(largeRunFlags(argv('backtest', 'p.playbook', '--data', padding), [], {})).toEqual(['--max-semi-space-size=32']);
  });

  it('not for a smaller folder, a missing one, other commands, or when Node was already tuned or told not to', () => {
    expect(largeRunFlags(argv('simulate', 'p.playbook', '--data', small), [], {})).toBeNull();
    expect(largeRunFlags(argv('simulate', 'p.playbook', '--data', join(dir, 'missing')), [], {})).toBeNull();
    expect(largeRunFlags(argv('simulate', 'p.playbook'), [], {})).toBeNull();
    expect(largeRunFlags(argv('check', 'p.playbook', '--data', large), [], {})).toBeNull();
    expect(largeRunFlags(argv('generate', '--data', large, '--out', dir), [], {})).toBeNull();
    expect(largeRunFlags(argv('simulate', 'p.playbook', '--data', large), ['--max-semi-space-size=64'], {})).toBeNull();
    expect(largeRunFlags(argv('simulate', 'p.playbook', '--data', large), [], { NODE_OPTIONS: '--max-old-space-size=8000 --max-semi-space-size=8' })).toBeNull();
    expect(largeRunFlags(argv('simulate', 'p.playbook', '--data', large), [], { [NO_RESTART_VARIABLE]: '1' })).toBeNull();
  });

  it('a restarted run gives the same report, messages and exit code as one in this process', () => {
    const run = (env: NodeJS.ProcessEnv, ...args: string[]) => {
      const r = spawnSync(process.execPath, ['bin/playbook.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const restarted = run({}, 'simulate', 'playbooks/key-account.playbook', '--data', large, '--format', 'csv');
    const here = run({ [NO_RESTART_VARIABLE]: '1' }, 'simulate', 'playbooks/key-account.playbook', '--data', large, '--format', 'csv');
    expect(restarted.status).toBe(0);
    expect(restarted).toEqual(here);
    // The report is the bundled example's: its first line is the CSV header.
    expect(restarted.stdout.split('\n')[0]).toMatch(/^rep/);
    // A failing run: the exit code and the message come through the restart unchanged.
    const bad = join(dir, 'bad.playbook');
    const text = readFileSync(join(ROOT, 'playbooks/key-account.playbook'), 'utf8');
    const lines = text.split('\n').length;
    writeFileSync(bad, `${text}\npay everyone double\n`);
    const failed = run({}, 'simulate', bad, '--data', large);
    expect(failed).toEqual(run({ [NO_RESTART_VARIABLE]: '1' }, 'simulate', bad, '--data', large));
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain(`bad.playbook:${lines + 1}:5: error PB1003`);
  });
});
