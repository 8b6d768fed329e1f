/**
 * Scale (issue 10, benchmark 1): `playbook simulate` (and `backtest`, `audit`: the issue asks them
 * in the same range) of the key-account playbook over generated histories of growing size, each
 * run as its own process under /usr/bin/time -v so that the wall time, CPU time and peak resident
 * memory are those of the whole command (reading, evaluating and writing the JSON report). The data are made once by `playbook generate`
 * (seed 1) and kept in the system's temporary folder between runs; making them is not timed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Size {
  name: string;
  reps: number;
  accounts: number;
  deals: number;
  activities: number;
}

/** The sizes the issue names (deals : activities = 1 : 10, 200 activities per account). */
export const SIZES: Record<string, Size> = {
  '2k': { name: '2k', reps: 20, accounts: 200, deals: 2_000, activities: 20_000 },
  '10k': { name: '10k', reps: 50, accounts: 500, deals: 10_000, activities: 100_000 },
  '100k': { name: '100k', reps: 500, accounts: 5_000, deals: 100_000, activities: 1_000_000 },
  '300k': { name: '300k', reps: 1_500, accounts: 15_000, deals: 300_000, activities: 3_000_000 },
  '1m': { name: '1m', reps: 5_000, accounts: 50_000, deals: 1_000_000, activities: 10_000_000 },
  // One account carrying every deal and activity: the relationship scoring's worst case (issue 13).
  'one-account-1k': { name: 'one-account-1k', reps: 5, accounts: 1, deals: 1_000, activities: 1_000 },
  'one-account-5k': { name: 'one-account-5k', reps: 5, accounts: 1, deals: 5_000, activities: 20_000 },
};

/** The commands the scale benchmark can run, each writing its JSON report. */
export const SCALE_COMMANDS = ['simulate', 'backtest', 'audit'] as const;
export type ScaleCommand = (typeof SCALE_COMMANDS)[number];

export interface ScaleResult {
  size: Size;
  command: ScaleCommand;
  /** null when the command did not finish (see `failure`). */
  wallS: number | null;
  cpuS: number | null;
  peakRssMb: number | null;
  failure: string | null;
  reportMb: number | null;
}

/** A short fingerprint of the generator's built code: data made by an older generator is not reused. */
function generatorVersion(root: string): string {
  const folder = join(root, 'dist/src/simulate/generate');
  const hash = createHash('sha256');
  for (const f of readdirSync(folder).sort()) if (f.endsWith('.js')) hash.update(f).update(readFileSync(join(folder, f)));
  return hash.digest('hex').slice(0, 10);
}

/** The generated data folder for a size, made on first use (and again whenever the generator changes). */
export function dataFor(root: string, size: Size): string {
  const dir = join(tmpdir(), 'playbook-bench-data', `${size.name}-seed1-${generatorVersion(root)}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  mkdirSync(dir, { recursive: true });
  const args = ['bin/playbook.js', 'generate', '--reps', String(size.reps), '--accounts', String(size.accounts), '--deals', String(size.deals), '--activities', String(size.activities), '--seed', '1', '--out', dir, '--force'];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`playbook generate failed for ${size.name}: ${r.stderr}`);
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

/** Reads `/usr/bin/time -v` output: wall (s), user+system (s), peak RSS (MB). */
export function parseTime(stderr: string): { wall: number; cpu: number; rss: number } | null {
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  if (!wall || !user || !sys || !rss) return null;
  return { wall: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]), cpu: Number(user[1]) + Number(sys[1]), rss: Number(rss[1]) / 1024 };
}

/** Runs `command` (default simulate) over one size; never throws for a run that fails or times out (that is a result). */
export function simulateAt(root: string, size: Size, timeoutS: number, verb: ScaleCommand = 'simulate'): ScaleResult {
  const data = dataFor(root, size);
  const out = join(tmpdir(), `playbook-bench-${size.name}${verb === 'simulate' ? '' : `-${verb}`}.json`);
  rmSync(out, { force: true });
  const hasTime = existsSync('/usr/bin/time');
  const command = ['bin/playbook.js', verb, 'playbooks/key-account.playbook', '--data', data, '--format', 'json', '--out', out];
  const t = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...command], { cwd: root, encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(process.execPath, command, { cwd: root, encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 64 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  const measured = hasTime ? parseTime(r.stderr ?? '') : null;
  const base = { size, command: verb, cpuS: measured?.cpu ?? null, peakRssMb: measured?.rss ?? null };
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { ...base, wallS: null, failure: `stopped after ${timeoutS} s`, reportMb: null };
  if (r.status !== 0 && r.status !== 1) {
    const lines = (r.stderr ?? '').split('\n').filter((l) => l.trim() && !/^\s+\S.*:\s/.test(l) && !l.startsWith('Command exited'));
    const why = lines.find((l) => l.startsWith('error:')) ?? lines.slice(-1)[0] ?? '';
    return { ...base, wallS: null, failure: `exit ${r.status ?? r.signal}: ${why.replace(/\|/g, '/').slice(0, 240)}`, reportMb: null };
  }
  return { ...base, wallS: measured?.wall ?? wall, failure: null, reportMb: existsSync(out) ? statSync(out).size / 1e6 : null };
}
