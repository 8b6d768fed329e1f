/**
 * What verify prints while it runs: a self-rewriting progress line on a terminal,
 * nothing when standard error is piped, and one estimated-time line for a long run.
 * The reporter is driven here with a fake clock and stream; the CLI test checks the
 * real command stays silent when piped and refuses too many --runs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { durationText, verifyProgress } from '../../src/cli/verify-progress.js';
import type { VerifyProgress } from '../../src/simulate/verify/index.js';
import { TIMEOUT, playbook, removeTempDirs, tempDir } from './helpers.js';
import { verifyPlaybook } from '../verify/playbook.js';

/** A fake stream and clock; `tick(ms)` advances the clock. */
function fake(isTTY: boolean) {
  let t = 0;
  const written: string[] = [];
  const reporter = verifyProgress({ isTTY, write: (s: string) => written.push(s) }, () => t);
  return { reporter, written, tick: (ms: number) => (t += ms) };
}

const at = (index: number, run: number, more: Partial<VerifyProgress> = {}): VerifyProgress => ({ property: ['monotone', 'split'][index], index, properties: 2, run, runs: 1000, shrinking: false, ...more });

describe('verify progress on standard error', () => {
  it('durations in words', () => {
    expect([durationText(400), durationText(12_300), durationText(59_600), durationText(150_000), durationText(3_600_000), durationText(3_900_000)]).toEqual([
      '1 second',
      '12 seconds',
      '1 minute',
      '3 minutes',
      '1 hour',
      '1 hour 5 minutes',
    ]);
  });

  it('on a terminal: a progress line redrawn in place (at most every 200 ms), the time left once the rate is known, cleared at the end', () => {
    const { reporter, written, tick } = fake(true);
    tick(250);
    reporter.update(at(0, 10));
    expect(written).toEqual(['\r\x1b[Kverify: property 1 of 2 (monotone) · 10 of 1,000 histories']);
    tick(50);
    reporter.update(at(0, 12)); // too soon to redraw
    expect(written).toHaveLength(1);
    tick(700); // 1 s: 500 of 2,000 histories done → 4 s in all, 3 s left; a short run: no estimate line
    reporter.update(at(0, 500));
    expect(written.slice(1)).toEqual(['\r\x1b[Kverify: property 1 of 2 (monotone) · 500 of 1,000 histories · about 3 seconds left']);
    tick(1000);
    reporter.update(at(1, 3, { shrinking: true, run: 1000 }));
    expect(written[2]).toBe('\r\x1b[Kverify: property 2 of 2 (split) · shrinking a counterexample');
    reporter.done();
    expect(written[3]).toBe('\r\x1b[K');
  });

  it('a long run: one estimated-time line after the first second, on a terminal or piped', () => {
    for (const isTTY of [true, false]) {
      const { reporter, written, tick } = fake(isTTY);
      tick(1000);
      reporter.update(at(0, 20)); // 20 histories a second, 2,000 in all: about 100 s
      tick(5000);
      reporter.update(at(0, 120));
      const estimates = written.filter((w) => w.includes('will take'));
      expect(estimates).toEqual(['verify: 2 properties × 1,000 histories will take about 2 minutes (more if a counterexample has to be shrunk)\n']);
      if (!isTTY) expect(written).toEqual(estimates);
    }
  });

  it('piped, a short run: nothing at all', () => {
    const { reporter, written, tick } = fake(false);
    for (let i = 1; i <= 1000; i++) {
      tick(1);
      reporter.update(at(0, i));
    }
    reporter.done();
    expect(written).toEqual([]);
  });
});

describe('playbook verify: --runs cap and quiet when piped', () => {
  afterAll(removeTempDirs);

  it(
    '--runs above 10,000: exit 2 before any work, the cap and what to do instead',
    () => {
      const run = playbook('verify', 'playbooks/maven-crm-2017.playbook', '--runs', '100000');
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        'error: --runs must be at most 10,000, not 100000: every property is checked on that many generated histories, and 10,000 already takes minutes. For more coverage, run again with another --seed.\n',
      );
    },
    TIMEOUT,
  );

  it(
    'standard error piped: no progress line, nothing but the report on stdout',
    () => {
      const dir = tempDir();
      const plan = join(dir, 'plan.playbook');
      writeFileSync(
        plan,
        verifyPlaybook('commission "c" on credited per year marginal\n  from 0 pay 2%\n'),
      );
      const run = playbook('verify', plan, '--runs', '300', '--out-dir', join(dir, 'out'));
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('No property failed');
    },
    TIMEOUT,
  );
});
