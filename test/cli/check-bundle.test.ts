/**
 * `playbook check FILE [--strict]` runs from the single-file bundle the build makes
 * (src/cli/check-bundle/build.ts) with V8's code cache, else from the modules in dist/. The bundle is
 * the same code, so both print the same, byte for byte, with the same exit status: for clean, warned,
 * broken, non-Latin and unreadable playbooks; with the cache accepted and with it refused; and a
 * bundle older than the modules is never run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHEVROTAIN_BLOCK_TABLE } from '../../src/cli/check-bundle/block-table.js';
import { edit } from '../diagnostics/helpers.js';
import { KEY_ACCOUNT, MAVEN, ROOT, TIMEOUT, removeTempDirs, tempDir } from './helpers.js';

const DIST = join(ROOT, 'dist/src/cli/check-bundle');
const BUNDLE = join(DIST, 'plain-check.bundle.js');
const CACHE = join(DIST, 'plain-check.bundle.cache');
const ENTRY = join(ROOT, 'dist/src/cli/plain-check.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node [nodeFlags] bin/playbook.js ...args`, with PLAYBOOK_CHECK_BUNDLE=0 when `modules` (the modules, not the bundle). */
function run(args: string[], options: { modules?: boolean; nodeFlags?: string[] } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  if (options.modules) env.PLAYBOOK_CHECK_BUNDLE = '0';
  else delete env.PLAYBOOK_CHECK_BUNDLE;
  const r = spawnSync(process.execPath, [...(options.nodeFlags ?? []), 'bin/playbook.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT, env });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the bundle's loader reports in a fresh process: whether it ran, and whether V8 refused the code cache. */
function loaderReport(shortRunFlags: boolean): { loaded: boolean; cacheRejected: boolean | null } {
  const script = `
    const { applyShortRunFlags } = await import(${JSON.stringify(join(ROOT, 'dist/src/cli/short-run.cjs'))});
    if (${shortRunFlags}) applyShortRunFlags();
    const { loadCheckBundle } = await import(${JSON.stringify(join(DIST, 'load.cjs'))});
    const b = loadCheckBundle();
    console.log(JSON.stringify({ loaded: b !== null, cacheRejected: b?.cacheRejected ?? null }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT, env: { ...process.env, PLAYBOOK_CHECK_BUNDLE: '' } });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { loaded: boolean; cacheRejected: boolean | null };
}

describe('plain check from the build\'s bundle', () => {
  afterAll(removeTempDirs);

  it('is made by the build with its code cache, after the modules it is made from', () => {
    const entry = statSync(ENTRY).mtimeMs;
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThanOrEqual(entry);
    expect(statSync(CACHE).mtimeMs).toBeGreaterThanOrEqual(statSync(BUNDLE).mtimeMs);
    // The bundle holds the check and what it imports: no commander, no engine, no data loader.
    const text = readFileSync(BUNDLE, 'utf8');
    expect(text).toContain('function runPlainCheck(');
    expect(text).not.toMatch(/node_modules\/(commander|zod|exceljs|luxon)\//);
    expect(text).not.toContain('dist/src/runtime/');
  });

  it('reads chevrotain\'s block table as its formula: the text replaced is this chevrotain\'s, and the bundle fills no table', () => {
    const chevrotain = readFileSync(join(ROOT, 'node_modules/chevrotain/lib/chevrotain.min.mjs'), 'utf8');
    expect(chevrotain).toContain(CHEVROTAIN_BLOCK_TABLE.from);
    expect(readFileSync(BUNDLE, 'utf8')).not.toContain('new Array(65536)');
    // The table as chevrotain fills it and the formula read instead, for every UTF-16 code unit.
    const table: number[] = [];
    for (let i = 0; i < 65536; i++) table[i] = i > 255 ? 255 + Math.trunc(i / 255) : i;
    const formula = (c: number) => (c < 256 ? c : 255 + Math.trunc(c / 255));
    expect(table.every((v, c) => formula(c) === v)).toBe(true);
    expect([formula(255), formula(256), formula(0x4e2d), formula(0xffff)]).toEqual([255, 256, 255 + 78, 255 + 257]);
  });

  it(
    'prints what the modules print, with the same exit status, for clean, warned, broken, non-Latin and unreadable playbooks',
    () => {
      const dir = tempDir();
      const broken = join(dir, 'broken.playbook');
      writeFileSync(broken, edit(['won  when stage = "Won"', 'won  when stage < "A" < "B"']));
      const brokenExpression = join(dir, 'broken-expression.playbook');
      writeFileSync(brokenExpression, readFileSync(join(ROOT, MAVEN), 'utf8').replace('pay 2 × base', 'pay 2 ×'));
      const notUtf8 = join(dir, 'latin1.playbook');
      writeFileSync(notUtf8, Buffer.concat([Buffer.from('playbook "M'), Buffer.from([0xfc]), Buffer.from('ller"\n')]));
      const cases: string[][] = [
        [KEY_ACCOUNT],
        [KEY_ACCOUNT, '--strict'],
        ['--strict', MAVEN],
        ['docs/examples/names.playbook'],
        [broken],
        [brokenExpression],
        [notUtf8],
        [join(dir, 'missing.playbook')],
        [dir],
      ];
      for (const args of cases) {
        const bundled = run(['check', ...args]);
        expect(bundled, args.join(' ')).toEqual(run(['check', ...args], { modules: true }));
      }
      // The cases are what they claim to be (statuses and words checked by hand).
      expect(run(['check', KEY_ACCOUNT]).status).toBe(0);
      expect(run(['check', KEY_ACCOUNT, '--strict']).status).toBe(1);
      expect(run(['check', 'docs/examples/names.playbook']).stdout).toBe('docs/examples/names.playbook: no problems found\n');
      expect(run(['check', broken]).stdout).toContain('error PB1005: "<" does not start a section');
      expect(run(['check', brokenExpression]).stdout).toContain('broken-expression.playbook:59:3: error PB1003:');
      // Latin-1 "Müller": ü is the byte FC, then "lle" (6C 6C 65); the message quotes the bytes from the bad one on.
      const latin1 = run(['check', notUtf8]);
      expect(latin1).toEqual({ status: 2, stdout: '', stderr: `error: ${notUtf8}:1:12: the playbook is not UTF-8: the bytes FC 6C 6C 65 here are not valid UTF-8 text; save it as UTF-8 (in most editors: Save with Encoding › UTF-8)\n` });
    },
    TIMEOUT * 6,
  );

  it(
    'takes the code cache under the short-run flags and is refused it under other V8 flags, printing the same either way',
    () => {
      expect(loaderReport(true)).toEqual({ loaded: true, cacheRejected: false });
      // Without the short-run flags V8's flag hash differs: the cache is refused and the bundle compiled from its text.
      expect(loaderReport(false)).toEqual({ loaded: true, cacheRejected: true });
      for (const file of [KEY_ACCOUNT, 'docs/examples/names.playbook']) {
        expect(run(['check', file], { nodeFlags: ['--no-lazy-feedback-allocation'] })).toEqual(run(['check', file]));
      }
      // The bundle is no CommonJS module to the libraries in it (lodash would then reach for Node's
      // internal process.binding): under --pending-deprecation nothing extra is printed.
      expect(run(['check', MAVEN], { nodeFlags: ['--pending-deprecation'] })).toEqual({ status: 0, stdout: `${MAVEN}: no problems found\n`, stderr: '' });
    },
    TIMEOUT * 3,
  );

  it(
    'is not run when it is older than the modules (tsc rebuilt them without bundling): the modules run',
    () => {
      const { atime, mtime } = statSync(ENTRY);
      const later = new Date(statSync(BUNDLE).mtimeMs + 60_000);
      try {
        utimesSync(ENTRY, later, later);
        expect(loaderReport(true)).toEqual({ loaded: false, cacheRejected: null });
        expect(run(['check', KEY_ACCOUNT])).toEqual(run(['check', KEY_ACCOUNT], { modules: true }));
      } finally {
        utimesSync(ENTRY, atime, mtime);
      }
      expect(loaderReport(true).loaded).toBe(true);
    },
    TIMEOUT * 3,
  );
});
