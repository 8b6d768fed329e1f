/**
 * `--out FILE` never replaces a file the run reads (the playbook, a CRM export in
 * `--data`), by any name: a plain path, a symbolic link, a hard link. The report
 * is written to a temporary file beside the target and renamed into place, so a
 * write that fails part-way leaves the old file as it was and no temporary file
 * behind. A full disk is a plain message, exit 2, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, linkSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_ACCOUNT, KEY_ACCOUNT_NOTE, ROOT, TIMEOUT, copyOfExampleData, hasStackTrace, playbook, removeTempDirs, tempDir } from './helpers.js';

/** Every file name in `dir`, sorted (a temporary file left behind would show here). */
const filesIn = (dir: string) => readdirSync(dir).sort();

describe('--out never overwrites an input', () => {
  afterAll(removeTempDirs);

  it(
    'simulate --out DATA/deals.csv: exit 2, the CRM export untouched, the message names the table and how to fix it',
    () => {
      const data = copyOfExampleData();
      const deals = join(data, 'deals.csv');
      const before = readFileSync(deals);
      const run = playbook('simulate', KEY_ACCOUNT, '--data', data, '--out', deals);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(readFileSync(deals).equals(before)).toBe(true);
      expect(run.stderr).toContain(`error: --out "${deals}" is deals.csv, the file this run reads for table deals`);
      expect(run.stderr).toContain('choose another file for the report');
      expect(hasStackTrace(run.stderr)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'the same file by another spelling, a symbolic link or a hard link to a data file: refused',
    () => {
      const data = copyOfExampleData();
      const accounts = join(data, 'accounts.csv');
      const before = readFileSync(accounts);
      const other = tempDir();
      symlinkSync(accounts, join(other, 'link.csv'));
      linkSync(accounts, join(other, 'hard.csv'));
      for (const out of [`${data}/./accounts.csv`, join(other, 'link.csv'), join(other, 'hard.csv')]) {
        const run = playbook('audit', KEY_ACCOUNT, '--data', data, '--out', out);
        expect(run.status, out).toBe(2);
        expect(run.stderr).toContain('the file this run reads for table accounts');
      }
      expect(readFileSync(accounts).equals(before)).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'a symbolic link or a hard link to the playbook: refused, the playbook untouched (every command with --out)',
    () => {
      const dir = tempDir();
      const plan = join(dir, 'plan.playbook');
      copyFileSync(join(ROOT, KEY_ACCOUNT), plan);
      const before = readFileSync(plan);
      symlinkSync(plan, join(dir, 'soft.json'));
      linkSync(plan, join(dir, 'hard.json'));
      const runs = [
        playbook('compile', plan, '--out', join(dir, 'soft.json')),
        playbook('compile', plan, '--out', join(dir, 'hard.json')),
        playbook('simulate', plan, '--data', 'examples/key-account', '--out', join(dir, 'hard.json')),
        playbook('backtest', plan, '--data', 'examples/key-account', '--out', join(dir, 'soft.json')),
        playbook('verify', plan, '--runs', '1', '--out', join(dir, 'hard.json')),
      ];
      for (const run of runs) {
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('is the playbook this run reads');
        expect(hasStackTrace(run.stderr)).toBe(false);
      }
      expect(readFileSync(plan).equals(before)).toBe(true);
    },
    3 * TIMEOUT,
  );

  it(
    '--out into a folder that does not exist: exit 2 before any work, a plain message',
    () => {
      const run = playbook('simulate', KEY_ACCOUNT, '--data', 'examples/key-account', '--out', join(tempDir(), 'no-such-folder', 'r.json'));
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/cannot write the report to ".*r\.json": its folder does not exist/);
    },
    TIMEOUT,
  );
});

describe('--out writes atomically', () => {
  afterAll(removeTempDirs);

  it(
    'a report replaces the old file whole; no temporary file is left beside it; the file mode is kept',
    () => {
      const dir = tempDir();
      const out = join(dir, 'report.json');
      writeFileSync(out, 'old report\n', { mode: 0o640 });
      const run = playbook('simulate', KEY_ACCOUNT, '--data', 'examples/key-account', '--format', 'json', '--out', out);
      expect(run.status).toBe(0);
      const doc = JSON.parse(readFileSync(out, 'utf8')) as { input: { deals: { read: number } } };
      expect(doc.input.deals.read).toBe(449);
      expect(filesIn(dir)).toEqual(['report.json']);
      expect(spawnSync('stat', ['-c', '%a', out], { encoding: 'utf8' }).stdout.trim()).toBe('640');
    },
    TIMEOUT,
  );

  it(
    'a write that fails part-way (a 4 KB file-size limit, EFBIG): exit 2, the old report intact, no temporary file',
    () => {
      const dir = tempDir();
      const out = join(dir, 'report.json');
      writeFileSync(out, 'old report\n');
      // `ulimit -f 8` (in 512-byte blocks): the kernel stops any write past 4,096 bytes; the JSON report is far larger.
      const run = spawnSync('sh', ['-c', `ulimit -f 8; exec "${process.execPath}" bin/playbook.js simulate ${KEY_ACCOUNT} --data examples/key-account --format json --out "${out}"`], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: TIMEOUT,
      });
      expect(run.status).toBe(2);
      expect(readFileSync(out, 'utf8')).toBe('old report\n');
      expect(filesIn(dir)).toEqual(['report.json']);
      expect(run.stderr).toContain(`could not write the report to "${out}": the file is larger than this system allows`);
      expect(hasStackTrace(run.stderr)).toBe(false);
    },
    TIMEOUT,
  );
});

describe('a full disk', () => {
  it(
    'an empty --out (an unset variable in a script): refused before anything runs, never the report on the screen instead',
    () => {
      for (const args of [['simulate', KEY_ACCOUNT, '--data', 'examples/key-account', '--out', ''], ['compile', KEY_ACCOUNT, '--out', ' '], ['verify', KEY_ACCOUNT, '--data', 'examples/key-account', '--out-dir', '']]) {
        const run = playbook(...args);
        expect(run.status, args.join(' ')).toBe(2);
        expect(run.stdout).toBe('');
        const flag = args.includes('--out-dir') ? '--out-dir' : '--out';
        expect(run.stderr).toBe(`error: ${flag} needs a file or folder name; it was given an empty one\n`);
      }
    },
    TIMEOUT,
  );

  it(
    '--out /dev/full: exit 2, "the disk is full", no stack trace',
    () => {
      const run = playbook('compile', KEY_ACCOUNT, '--out', '/dev/full');
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('error: the disk is full: could not write the report to "/dev/full". Free some space, or write it to another disk with --out.\n');
    },
    TIMEOUT,
  );

  it(
    'standard output redirected to /dev/full: exit 2, the same plain message, no stack trace',
    () => {
      const full = openSync('/dev/full', 'w');
      try {
        const run = spawnSync(process.execPath, ['bin/playbook.js', 'compile', KEY_ACCOUNT], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT, stdio: ['ignore', full, 'pipe'] });
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('error: the disk is full: could not write the report to standard output. Free some space, or write it to another disk with a redirect (> FILE), or --out where the command has it.\n');
      } finally {
        closeSync(full);
      }
    },
    TIMEOUT,
  );

  it(
    'a closed pipe (playbook … | head) stays silent with exit 0',
    () => {
      const run = spawnSync('bash', ['-c', `"${process.execPath}" bin/playbook.js simulate ${KEY_ACCOUNT} --data examples/key-account --format json | head -c 10 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT });
      expect(run.stdout.trim()).toBe('status=0');
      expect(run.stderr).toBe(KEY_ACCOUNT_NOTE);
    },
    TIMEOUT,
  );

  it(
    'check | head: a closed pipe keeps the verdict (1 with errors, 0 clean), so a CI step cannot pass a broken plan',
    () => {
      // 3,000 lines with an error each: far more output than a pipe holds, so the write fails once head has gone.
      {
        const bad = join(tempDir(), 'bad.playbook');
        writeFileSync(bad, `playbook "x"\n${'  currency: USD\n'.repeat(3000)}`);
        const piped = (file: string) => spawnSync('bash', ['-c', `"${process.execPath}" bin/playbook.js check "${file}" | head -1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT });
        const run = piped(bad);
        expect(run.stdout.trim()).toBe('status=1');
        expect(run.stderr).toBe('');
        expect(piped('playbooks/maven-crm-2017.playbook').stdout.trim()).toBe('status=0');
      }
    },
    TIMEOUT,
  );
});
