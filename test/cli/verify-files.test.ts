/**
 * `playbook verify` writes only what it was asked for: counterexample CSV files
 * inside `--out-dir` (by plain base name, whatever path the playbook gives), never
 * over a file the run reads.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TIMEOUT, hasStackTrace, playbook, removeTempDirs, tempDir } from './helpers.js';
import { verifyPlaybook } from '../verify/playbook.js';

/** A scheme with a planted splitting flaw (a kicker for deals under 10,000), reading its deals from `dealsFrom`. */
const flawed = (dealsFrom: string) => verifyPlaybook('bonus "small deal kicker" per deal when amount < 10,000 pay amount × 10%\n', { dealsFrom });

/** Every file under `dir`, as paths relative to it, sorted. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n), base) : [relative(base, join(dir, n))]))
    .sort();
}

describe('verify writes counterexamples only under --out-dir', () => {
  afterAll(removeTempDirs);

  it(
    'a playbook reading "../../../victim.csv": the counterexample is written as victim.csv inside --out-dir; the real victim.csv is untouched',
    () => {
      const root = tempDir();
      writeFileSync(join(root, 'plan.playbook'), flawed('../../../victim.csv'));
      writeFileSync(join(root, 'victim.csv'), 'precious CRM export\n');
      const run = playbook('verify', join(root, 'plan.playbook'), '--runs', '100', '--out-dir', join(root, 'out'));
      // Either verify reports the flaw (exit 1) or check refuses the path outright (exit 1): never a write outside out/.
      expect(run.status).toBe(1);
      expect(readFileSync(join(root, 'victim.csv'), 'utf8')).toBe('precious CRM export\n');
      const outside = filesUnder(root).filter((f) => !f.startsWith('out/'));
      expect(outside).toEqual(['plan.playbook', 'victim.csv']);
      if (run.stdout !== '') {
        expect(filesUnder(join(root, 'out'))).toEqual(['split/split/reps.csv', 'split/split/victim.csv', 'split/whole/reps.csv', 'split/whole/victim.csv']);
        expect(run.stdout).toContain('victim.csv (the playbook reads "../../../victim.csv"; written under a plain file name inside the folder)');
      }
      expect(hasStackTrace(run.stderr)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'a counterexample folder that links to the --data folder: refused (exit 2), the data untouched',
    () => {
      const root = tempDir();
      const data = join(root, 'data');
      mkdirSync(data);
      writeFileSync(join(root, 'plan.playbook'), flawed('deals.csv'));
      writeFileSync(join(data, 'reps.csv'), 'name\nR1\n');
      writeFileSync(join(data, 'deals.csv'), 'id,rep,stage,close_date,amount\nD1,R1,Won,2017-03-01,10000\n');
      mkdirSync(join(root, 'out', 'split'), { recursive: true });
      symlinkSync(data, join(root, 'out', 'split', 'whole'));
      const run = playbook('verify', join(root, 'plan.playbook'), '--data', data, '--runs', '100', '--out-dir', join(root, 'out'));
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`error: the counterexample file "${join(root, 'out', 'split', 'whole', 'reps.csv')}" is reps.csv, the file this run reads for table reps: writing there would replace it; choose another --out-dir`);
      expect(readFileSync(join(data, 'reps.csv'), 'utf8')).toBe('name\nR1\n');
      expect(readFileSync(join(data, 'deals.csv'), 'utf8')).toBe('id,rep,stage,close_date,amount\nD1,R1,Won,2017-03-01,10000\n');
      expect(hasStackTrace(run.stderr)).toBe(false);
    },
    TIMEOUT,
  );
});
