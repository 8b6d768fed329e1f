/**
 * Issue 10: progress while a long run reads, evaluates and writes — on a terminal only.
 * The display is driven here with a fake terminal; the real command is run piped (no progress
 * text at all) and under `script`, which gives it a real pseudo-terminal (progress shown,
 * the report unchanged).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgress } from '../../src/cli/progress.js';
import { EXAMPLE_DATA, KEY_ACCOUNT, ROOT, TIMEOUT, playbook, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('the progress display', () => {
  it('writes nothing, and gives no hooks, when standard error is not a terminal', () => {
    const written: string[] = [];
    const p = runProgress('simulate', { isTTY: false, write: (s) => written.push(s) });
    expect(p.hooks).toEqual({});
    p.written(50_000);
    p.stop();
    expect(written).toEqual([]);
  });

  it('on a terminal: each phase with its rows and rows per second, then the line cleared', () => {
    const written: string[] = [];
    const p = runProgress('audit', { isTTY: true, columns: 120, write: (s) => written.push(s) });
    p.hooks.onRows!('deals', 0);
    p.hooks.onRows!('deals', 20_000);
    p.hooks.onStep!(0, 8);
    p.written(0);
    p.stop();
    const text = written.join('');
    expect(text).toContain('audit: reading deals 0 rows, 0 rows/s');
    expect(text).toContain('audit: evaluating [');
    expect(text).toContain('] 0/8 rule steps');
    expect(text).toContain('audit: writing the report 0 rows');
    // Cleared at the end: the last thing written erases the line (ESC [2K).
    expect(text.endsWith('\x1b[2K')).toBe(true);
  });

  it('a table read in a worker thread, shown late: its rate and time count from when it began', () => {
    const written: string[] = [];
    const p = runProgress('simulate', { isTTY: true, columns: 120, write: (s) => written.push(s) });
    // The worker began 20 s ago and has read 4,000,000 rows: 200,000 rows/s over 20 s, not
    // millions per second from the moment the line first appears.
    p.hooks.onRows!('activities', 4_000_000, Date.now() - 20_000);
    p.stop();
    const text = written.join('');
    expect(text).toMatch(/simulate: reading activities 4,000,000 rows, (199,\d{3}|200,000) rows\/s, 20s/);
  });
});

describe('playbook simulate and progress', () => {
  it('piped: standard error holds no progress text, only what it held before', () => {
    const run = playbook('simulate', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--format', 'json');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('note: playbooks/key-account.playbook has 2 warnings; playbook check playbooks/key-account.playbook lists them\n');
  }, TIMEOUT);

  it.skipIf(!existsSync('/usr/bin/script'))('on a terminal (under script): reading, evaluating and writing shown; the report file is the same as piped', () => {
    const out = join(tempDir(), 'report.json');
    const command = `${JSON.stringify(process.execPath)} bin/playbook.js simulate ${KEY_ACCOUNT} --data ${EXAMPLE_DATA} --format json --out ${JSON.stringify(out)}`;
    const run = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT, env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('simulate: reading deals 0 rows, 0 rows/s');
    expect(run.stdout).toMatch(/simulate: reading deals 449 rows, [\d,]+ rows\/s/);
    expect(run.stdout).toMatch(/simulate: evaluating \[.*\] \d+\/\d+ rule steps/);
    expect(run.stdout).toContain('simulate: writing the report');
    const piped = playbook('simulate', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--format', 'json');
    expect(readFileSync(out, 'utf8')).toBe(piped.stdout);
  }, TIMEOUT);
});
