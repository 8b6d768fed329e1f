/** `playbook generate`: a history of any size in the key-account shape, deterministic, that the key-account playbook runs on. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_ACCOUNT, playbook, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const lines = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8').trimEnd().split('\n');

describe('playbook generate', () => {
  const a = tempDir();
  const b = tempDir();
  const args = ['--reps', '12', '--accounts', '40', '--deals', '600', '--activities', '3000', '--dirty', '0.02'];
  const first = playbook('generate', ...args, '--seed', '7', '--out', a);
  const second = playbook('generate', ...args, '--seed', '7', '--out', b, '--force');

  it('writes the requested number of rows, the same bytes for the same seed', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(lines(a, 'deals.csv')).toHaveLength(601);
    expect(lines(a, 'activities.csv')).toHaveLength(3001);
    expect(lines(a, 'reps.csv')).toHaveLength(13);
    for (const f of ['reps.csv', 'accounts.csv', 'deals.csv', 'activities.csv']) expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'));
  });

  it('the key-account playbook runs on it: every row accounted for, the dirty rows rejected', () => {
    const dirty = lines(a, 'deals.csv').filter((l) => l.includes(',12.5OO,')).length;
    expect(dirty).toBeGreaterThan(0);
    const r = playbook('simulate', KEY_ACCOUNT, '--data', a, '--skip-bad-rows', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.input.deals).toEqual({ file: 'deals.csv', read: 600, used: 600 - dirty, rejected: dirty });
    expect(doc.input.activities.read).toBe(3000);
  });

  it('refuses to replace files that are there, and a bad count', () => {
    const again = playbook('generate', '--out', a);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already has reps.csv, accounts.csv, products.csv, deals.csv, activities.csv, collections.csv, progress.csv: choose an empty folder, or add --force');
    const bad = playbook('generate', '--out', tempDir(), '--deals', '1e6');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--deals must be a whole number, not "1e6"');
    // A negative count is a whole number: the message names the sign (found by a trial user).
    const negative = playbook('generate', '--reps', '-3', '--out', tempDir());
    expect(negative.status).toBe(2);
    expect(negative.stderr).toContain('--reps cannot be negative: "-3"');
  });
});
