import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHORT_RUN_MAX_BYTES, isShortRun } from '../../src/cli/short-run.cjs';
import { LONG_RUN_FLAGS, isLongRun } from '../../src/cli/long-run.js';

const dir = mkdtempSync(join(tmpdir(), 'short-run-'));
const small = join(dir, 'small.playbook');
const large = join(dir, 'large.playbook');
writeFileSync(small, 'playbook "x"\n');
writeFileSync(large, 'x'.repeat(SHORT_RUN_MAX_BYTES + 1));
const argv = (...rest: string[]) => ['node', 'playbook.js', ...rest];

describe('start-up tuning for short commands', () => {
  it('applies to check and fmt over small playbooks, and to --version', () => {
    expect(isShortRun(argv('check', small))).toBe(true);
    expect(isShortRun(argv('check', '--strict', small))).toBe(true);
    expect(isShortRun(argv('fmt', '--check', small, small))).toBe(true);
    expect(isShortRun(argv('--version'))).toBe(true);
  });

  it('does not apply to a large playbook, a folder, a missing file or no file', () => {
    expect(isShortRun(argv('check', large))).toBe(false);
    expect(isShortRun(argv('fmt', small, large))).toBe(false);
    expect(isShortRun(argv('fmt', dir))).toBe(false);
    expect(isShortRun(argv('check', join(dir, 'missing.playbook')))).toBe(false);
    expect(isShortRun(argv('check'))).toBe(false);
  });

  it('never applies to long commands', () => {
    for (const command of ['simulate', 'audit', 'backtest', 'verify', 'lsp', 'score', 'explain', 'test']) {
      expect(isShortRun(argv(command, small))).toBe(false);
    }
  });
});

describe('V8 tuning for commands over data', () => {
  it('applies to the commands that read data files', () => {
    for (const command of ['simulate', 'audit', 'backtest', 'score', 'compare', 'curve', 'explain', 'verify', 'test', 'generate']) {
      expect(isLongRun(argv(command, small))).toBe(true);
    }
    expect(LONG_RUN_FLAGS).toEqual(['--no-allocation-site-pretenuring']);
  });

  it('does not apply to check, fmt, compile, lsp, --version or no command', () => {
    for (const command of ['check', 'fmt', 'compile', 'lsp', '--version']) expect(isLongRun(argv(command, small))).toBe(false);
    expect(isLongRun(argv())).toBe(false);
  });
});
