/**
 * DuckDB against the JavaScript engine (issue 16): `playbook simulate` of the Maven reference playbook
 * (playbooks/maven-crm-2017.playbook) over the Maven deals repeated to a given number of rows, once
 * with the JavaScript engine and once with `--engine duckdb`, each as its own process under
 * /usr/bin/time -v (wall, CPU, peak resident memory of the whole command: reading, evaluating, writing
 * the JSON report). The two reports are then compared byte for byte (as `cmp` does).
 *
 * The repeated data is written once into the system's temporary folder (never into the repository):
 * the reps, products and accounts files as they are, and sales_pipeline.csv with its rows repeated
 * until there are `deals` rows, each copy's opportunity_id suffixed `-k` so that keys stay unique.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseTime } from './scale.js';

export interface EngineRun {
  engine: 'javascript' | 'duckdb';
  wallS: number | null;
  cpuS: number | null;
  peakRssMb: number | null;
  failure: string | null;
  out: string;
}

export interface DuckDbComparison {
  deals: number;
  runs: EngineRun[];
  /** Whether both reports exist and are byte for byte the same. */
  same: boolean | null;
  reportMb: number | null;
}

const PLAYBOOK = 'playbooks/maven-crm-2017.playbook';

/** The Maven folder with its deals repeated to exactly `deals` rows (made on first use, in the temporary folder). */
export async function mavenRepeated(maven: string, deals: number): Promise<string> {
  const dir = join(tmpdir(), 'playbook-bench-data', `maven-${deals}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  mkdirSync(dir, { recursive: true });
  for (const f of ['sales_teams.csv', 'products.csv', 'accounts.csv']) copyFileSync(join(maven, f), join(dir, f));
  const [header, ...rows] = readFileSync(join(maven, 'sales_pipeline.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const out = createWriteStream(join(dir, 'sales_pipeline.csv'));
  out.write(`${header}\n`);
  for (let n = 0, k = 0; n < deals; k++) {
    const chunk: string[] = [];
    for (let i = 0; i < rows.length && n < deals; i++, n++) {
      const comma = rows[i].indexOf(',');
      chunk.push(k === 0 ? rows[i] : `${rows[i].slice(0, comma)}-${k}${rows[i].slice(comma)}`);
    }
    if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

function runEngine(root: string, data: string, engine: EngineRun['engine'], timeoutS: number): EngineRun {
  const out = join(tmpdir(), `playbook-bench-maven-${engine}.json`);
  rmSync(out, { force: true });
  const command = ['bin/playbook.js', 'simulate', PLAYBOOK, '--data', data, '--format', 'json', '--out', out, ...(engine === 'duckdb' ? ['--engine', 'duckdb'] : [])];
  const t = process.hrtime.bigint();
  const hasTime = existsSync('/usr/bin/time');
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...command], { cwd: root, encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(process.execPath, command, { cwd: root, encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 64 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  const measured = hasTime ? parseTime(r.stderr ?? '') : null;
  const base = { engine, cpuS: measured?.cpu ?? null, peakRssMb: measured?.rss ?? null, out };
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { ...base, wallS: null, failure: `stopped after ${timeoutS} s` };
  // Exit 1 is a finding in the report (a red line tripped, rows rejected), not a failure of the run.
  if (r.status !== 0 && r.status !== 1) {
    const why = (r.stderr ?? '').split('\n').find((l) => l.startsWith('error:')) ?? `exit ${r.status ?? r.signal}`;
    return { ...base, wallS: null, failure: why.replace(/\|/g, '/').slice(0, 240) };
  }
  return { ...base, wallS: measured?.wall ?? wall, failure: null };
}

/** Both engines over the Maven deals repeated to `deals` rows; the reports compared byte for byte. */
export async function compareEngines(root: string, maven: string, deals: number, timeoutS: number): Promise<DuckDbComparison> {
  const data = await mavenRepeated(maven, deals);
  const runs = [runEngine(root, data, 'javascript', timeoutS), runEngine(root, data, 'duckdb', timeoutS)];
  const [a, b] = runs.map((r) => (r.failure === null && existsSync(r.out) ? readFileSync(r.out) : null));
  return { deals, runs, same: a && b ? a.equals(b) : null, reportMb: existsSync(runs[0].out) ? statSync(runs[0].out).size / 1e6 : null };
}
