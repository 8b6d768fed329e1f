/**
 * The SQL back end on the command line: `compile --target sql --dialect …` (to the screen or
 * into a folder), `simulate --engine duckdb` on the Maven reference export (the same JSON, byte
 * for byte, as the JavaScript engine; the per-rep figures are pinned by
 * test/reference/maven-2017-*.test.ts), and a refused playbook (exit 1, the rule named).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_ACCOUNT, MAVEN, TIMEOUT, playbook, removeTempDirs, tempDir } from './helpers.js';

const MAVEN_DATA = '../shared/data/maven-crm';
afterAll(removeTempDirs);

describe('playbook compile --target sql', () => {
  it('prints one step per rule, named after it, with its playbook line', () => {
    const run = playbook('compile', MAVEN, '--target', 'sql');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('-- redline "deep-discount", line 43: red line "deep-discount" on deals\nCREATE OR REPLACE TEMP TABLE "redline_deep_discount" AS');
    expect(run.stdout).toContain('-- commission "commission", line 55: commission "commission" on credited per year marginal');
    expect(run.stdout).toContain('-- ranking "ranking", line 70: ranking "ranking" per month by credited');
  }, TIMEOUT);
  it('--dialect spark writes backquoted views into a folder given with --out', () => {
    const dir = tempDir();
    const run = playbook('compile', MAVEN, '--target', 'sql', '--dialect', 'spark', '--out', dir);
    expect(run.status).toBe(0);
    const file = join(dir, 'maven-crm-2017.spark.sql');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('CREATE OR REPLACE TEMP VIEW `credit` AS');
  }, TIMEOUT);
  it('an unknown dialect is a usage error', () => {
    const run = playbook('compile', MAVEN, '--target', 'sql', '--dialect', 'oracle');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--dialect must be one of duckdb, spark, not "oracle"');
  }, TIMEOUT);
  it('a playbook with a rule SQL cannot express: exit 1, the rule, its line and column', () => {
    const run = playbook('compile', KEY_ACCOUNT, '--target', 'sql');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('playbooks/key-account.playbook:121:1: error PB6001: "relationship" cannot be compiled to DuckDB SQL: it uses relationship scoring');
  }, TIMEOUT);
});

describe.skipIf(!existsSync(MAVEN_DATA))('playbook simulate --engine duckdb on the Maven reference export', () => {
  it('gives the same JSON, byte for byte, as the JavaScript engine', () => {
    // Written to files: the document is larger than a pipe's buffer.
    const dir = tempDir();
    const js = playbook('simulate', MAVEN, '--data', MAVEN_DATA, '--format', 'json', '--out', join(dir, 'js.json'));
    const db = playbook('simulate', MAVEN, '--data', MAVEN_DATA, '--format', 'json', '--engine', 'duckdb', '--out', join(dir, 'duckdb.json'));
    expect(js.status).toBe(0);
    expect(db.status).toBe(0);
    const expected = readFileSync(join(dir, 'js.json'), 'utf8');
    expect(expected.length).toBeGreaterThan(100_000);
    expect(readFileSync(join(dir, 'duckdb.json'), 'utf8')).toBe(expected);
  }, TIMEOUT);
  it('gives the same CSV payout lines, byte for byte', () => {
    const dir = tempDir();
    expect(playbook('simulate', MAVEN, '--data', MAVEN_DATA, '--format', 'csv', '--out', join(dir, 'js.csv')).status).toBe(0);
    expect(playbook('simulate', MAVEN, '--data', MAVEN_DATA, '--format', 'csv', '--engine', 'duckdb', '--out', join(dir, 'duckdb.csv')).status).toBe(0);
    const expected = readFileSync(join(dir, 'js.csv'), 'utf8');
    expect(expected.split('\n').length).toBeGreaterThan(100);
    expect(readFileSync(join(dir, 'duckdb.csv'), 'utf8')).toBe(expected);
  }, TIMEOUT);
  it('--engine with --coverage is refused (the detail it needs is the JavaScript engine\'s)', () => {
    const run = playbook('simulate', MAVEN, '--data', MAVEN_DATA, '--engine', 'duckdb', '--coverage');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--coverage needs the detail behind each line');
  }, TIMEOUT);
});
