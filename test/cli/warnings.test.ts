/** Warnings reach the analyst in every format: CSV has no place for them, so they go to standard error. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playbook, removeTempDirs, tempDir } from './helpers.js';
import { smallScheme } from '../helpers/small-scheme.js';

afterAll(removeTempDirs);

const SCHEME = smallScheme({ name: 'W' });

describe('simulate --format csv', () => {
  it('prints the warnings on standard error (a stage spelt WON leaves a deal open)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.playbook'), SCHEME);
    writeFileSync(join(dir, 'reps.csv'), 'rep\nann\nbob\n');
    writeFileSync(join(dir, 'deals.csv'), 'id,rep,stage,close_date,amount\nD1,ann,Won,2017-01-31,100\nD2,bob,WON,2017-02-28,800\n');
    const r = playbook('simulate', join(dir, 's.playbook'), '--data', dir, '--format', 'csv');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning: deals.csv: column "stage": 1 deal has a stage that no "won when" or "lost when" names, so it stays open');
    expect(r.stderr).toContain('"WON" (1 row, like "Won")');
  });
});

describe('nothing credited', () => {
  const run = (deals: string) => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.playbook'), SCHEME);
    writeFileSync(join(dir, 'reps.csv'), 'rep\nann\nbob\n');
    writeFileSync(join(dir, 'deals.csv'), deals);
    return playbook('simulate', join(dir, 's.playbook'), '--data', dir, '--format', 'csv').stderr;
  };
  it('deals dated in the plan period but none won: points at the credit rule, not at the plan period', () => {
    const stderr = run('id,rep,stage,close_date,amount\nD1,ann,Closed Won,2017-03-01,100\nD2,bob,Closed Won,2017-05-01,800\n');
    expect(stderr).toContain(
      'warning: no deal was credited in plan period 2017 (2017-01-01 … 2017-12-31): 2 deals are dated in it, but none meets the credit rule (when won).',
    );
  });
  it('deals outside the plan period, or no deals at all', () => {
    expect(run('id,rep,stage,close_date,amount\nD1,ann,Won,2016-03-01,100\n')).toContain('the deals\' dates run 2016-03-01 … 2016-03-01. Is the plan period right?');
    expect(run('id,rep,stage,close_date,amount\n')).toContain('warning: no deal was credited in plan period 2017 (2017-01-01 … 2017-12-31); the deals file has no deals. Is the plan period right?');
  });
});

describe('bad rows and the data folder', () => {
  it('an empty required cell: the summary says how to allow it (optional or a default)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.playbook'), SCHEME);
    writeFileSync(join(dir, 'reps.csv'), 'rep\nann\n');
    writeFileSync(join(dir, 'deals.csv'), 'id,rep,stage,close_date,amount\nD1,ann,Won,2017-01-31,\n');
    const r = playbook('simulate', join(dir, 's.playbook'), '--data', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('deals.csv:2: amount: value is required but the cell is empty');
    expect(r.stderr).toContain('A column the playbook requires is empty in some rows: if the export may leave it empty, mark the field optional in the playbook');
  });
  it('--data naming a file says so', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.playbook'), SCHEME);
    writeFileSync(join(dir, 'deals.csv'), 'id\n');
    const r = playbook('simulate', join(dir, 's.playbook'), '--data', join(dir, 'deals.csv'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is a file, not a folder: give the folder that holds the CSV files the playbook names');
  });
});
