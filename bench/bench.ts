/**
 * `npm run bench`: speed measured as ratios against baselines run in the same
 * process or on the same machine, never as timed assertions in tests. Prints a
 * Markdown report (paste into bench/RESULTS.md with the machine and date).
 *
 *   npm run bench                       # full: sizes 10k, 100k and 1m
 *   npm run bench -- --sizes 10k,100k   # choose the simulate sizes (2k, 10k, 100k, 300k, 1m,
 *                                       # one-account-1k, one-account-5k)
 *   npm run bench -- --timeout 900      # seconds allowed to one simulate run (default 1200)
 *   npm run bench -- --only scale --commands simulate,backtest,audit   # which commands the scale section runs (default all three; --quick: simulate)
 *   npm run bench -- --only decisions,tiers  # some sections: decisions, tiers, startup, traces, scale, duckdb
 *   npm run bench -- --only duckdb --duckdb-sizes 100k   # the DuckDB section's sizes (default 100k,1m)
 *   npm run bench -- --quick            # CI: small sizes, one repetition; checks that every
 *                                       # method agrees on every decision and tier (exit 1 if
 *                                       # not); prints timings, asserts none
 *
 * 1. Scale: `playbook simulate` of the key-account playbook over generated data, each size
 *    in its own process: wall, CPU, rows per second, peak RSS.
 * 2. Per-record decisions: the engine's red line against hand-written code and json-rules-engine.
 * 3. Relationship tier per deal, the same four ways.
 * 4. Start-up: `playbook --version` and `playbook check` of a small and of a
 *    generated 2,000-line playbook, against `node -e 0` (Node's own start-up); in a full run
 *    also in instructions under valgrind (bench/instructions.ts), which the load does not move.
 * 5. Traces: evaluating both reference playbooks with traces on against off.
 * 6. DuckDB (issue 16): the Maven playbook over its deals repeated to 100k and 1M rows, through the
 *    JavaScript engine and `--engine duckdb`: wall, CPU, peak RSS, and the two reports compared
 *    byte for byte. Not in --quick (a full run takes minutes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePlaybookSource, evaluate, loadData } from '../src/index.js';
import { decisions, repeatDeals } from './decisions.js';
import { instructionsSection } from './instructions.js';
import { compareEngines } from './duckdb.js';
import { SCALE_COMMANDS, type ScaleCommand, SIZES, dataFor, simulateAt } from './scale.js';
import { median } from './timing.js';
import { tiers } from './tiers.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const QUICK = process.argv.includes('--quick');
const REPEAT = QUICK ? 1 : 9;
const option = (name: string): string | null => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
};
const SIZE_NAMES = (option('--sizes') ?? (QUICK ? '2k' : 'one-account-1k,one-account-5k,10k,100k,300k,1m')).split(',');
const TIMEOUT_S = Number(option('--timeout') ?? 1200);

/** Median wall time (ms) of a command over REPEAT runs. */
function timeCommand(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  return median(times);
}

/** A playbook of about `lines` lines: the Maven header and tables, then many bonus rules. */
function bigPlaybook(lines: number): string {
  const head = readFileSync(join(ROOT, 'playbooks/maven-crm-2017.playbook'), 'utf8');
  const out = [head];
  let n = head.split('\n').length;
  for (let i = 0; n < lines; i++) {
    out.push(`\nbonus "kicker ${i}" per deal\n  when won and amount >= ${1000 + i} and product.list_price > ${i}\n  pay amount × 0.1%\n`);
    n += 4;
  }
  return out.join('');
}

function startup(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'playbook-bench-'));
  const big = join(dir, 'big.playbook');
  writeFileSync(big, bigPlaybook(2000));
  const bigLines = readFileSync(big, 'utf8').split('\n').length;
  const node = timeCommand(['-e', '0']);
  const version = timeCommand(['bin/playbook.js', '--version']);
  const small = timeCommand(['bin/playbook.js', 'check', 'playbooks/maven-crm-2017.playbook']);
  const large = timeCommand(['bin/playbook.js', 'check', big]);
  // Instructions only in a full run (valgrind takes about a minute per command on a loaded machine).
  const counted = QUICK ? [] : instructionsSection(ROOT, [
    { label: '`playbook --version`', args: ['bin/playbook.js', '--version'] },
    { label: `\`playbook check\` generated playbook (${bigLines} lines)`, args: ['bin/playbook.js', 'check', big] },
  ]);
  return [
    '## Start-up (median wall time of a whole command)',
    '',
    '| command | ms | × node -e 0 |',
    '|---|---:|---:|',
    `| \`node -e 0\` (Node's own start-up) | ${node.toFixed(0)} | 1.0 |`,
    `| \`playbook --version\` | ${version.toFixed(0)} | ${(version / node).toFixed(1)} |`,
    `| \`playbook check\` maven-crm-2017.playbook (${readFileSync(join(ROOT, 'playbooks/maven-crm-2017.playbook'), 'utf8').split('\n').length} lines) | ${small.toFixed(0)} | ${(small / node).toFixed(1)} |`,
    `| \`playbook check\` generated playbook (${bigLines} lines) | ${large.toFixed(0)} | ${(large / node).toFixed(1)} |`,
    '',
    ...counted,
  ];
}

function traces(): string[] {
  const rows: string[] = ['## Traces (in-process evaluation, median of runs)', '', '| playbook | deals | trace off ms | trace on ms | on ÷ off |', '|---|---:|---:|---:|---:|'];
  const refs = [
    { file: 'playbooks/maven-crm-2017.playbook', data: join(ROOT, '../shared/data/maven-crm') },
    { file: 'playbooks/key-account.playbook', data: join(ROOT, 'examples/key-account') },
  ];
  for (const r of refs) {
    if (!existsSync(r.data)) continue;
    const graph = compilePlaybookSource(r.file, readFileSync(join(ROOT, r.file), 'utf8')).graph!;
    const time = (trace: boolean) => {
      const ts: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        const tables = loadData(graph, r.data).dataset.tables;
        const t = process.hrtime.bigint();
        evaluate(graph, tables, { trace });
        ts.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      return median(ts);
    };
    time(false); // warm up
    const off = time(false);
    const on = time(true);
    const deals = loadData(graph, r.data).dataset.tables.get('deals')!.rows.length;
    rows.push(`| ${r.file} | ${deals} | ${off.toFixed(0)} | ${on.toFixed(0)} | ${(on / off).toFixed(2)} |`);
  }
  return [...rows, ''];
}

async function perRecord(): Promise<string[]> {
  const data = join(ROOT, '../shared/data/maven-crm');
  if (!existsSync(data)) return ['## Per-record decisions', '', '(skipped: ../shared/data/maven-crm is absent)', ''];
  const file = 'playbooks/maven-crm-2017.playbook';
  const graph = compilePlaybookSource(file, readFileSync(join(ROOT, file), 'utf8')).graph!;
  const times = QUICK ? 1 : 10;
  const t = await decisions(graph, repeatDeals(loadData(graph, data).dataset.tables, times), QUICK ? 1 : REPEAT * 3);
  const per = (ms: number) => ((ms * 1e6) / t.deals).toFixed(0);
  return [
    `## Per-record decisions: the Maven \`deep-discount\` red line over the 8,800 Maven deals ×${times} = ${t.deals} deals (${t.flagged} flagged by all four)`,
    '',
    '| method | ns per deal | × hand-written plain numbers |',
    '|---|---:|---:|',
    `| hand-written, plain numbers | ${per(t.plain)} | 1.0 |`,
    `| hand-written, decimal.js | ${per(t.decimal)} | ${(t.decimal / t.plain).toFixed(1)} |`,
    `| the engine: red-line evaluator, as simulate runs it (compiled decision over columns, the discount inlined; ${t.fallbacks} deals left to the decimals) | ${per(t.engine)} | ${(t.engine / t.plain).toFixed(1)} |`,
    `| the engine: the same, first pass over unseen rows (columns extracted, decision compiled) | ${per(t.engineFirst)} | ${(t.engineFirst / t.plain).toFixed(1)} |`,
    `| the engine: derived discount as an exact Decimal per deal (kept for outputs) + red line | ${per(t.engineWithDerived)} | ${(t.engineWithDerived / t.plain).toFixed(1)} |`,
    `| json-rules-engine, hand-written rule | ${per(t.jsonRulesEngine)} | ${(t.jsonRulesEngine / t.plain).toFixed(1)} |`,
    '',
    `Target (issue 10): the engine ≤ 1.5× hand-written plain numbers, ≥ 200× faster than json-rules-engine. Measured: the red line ${(t.engine / t.plain).toFixed(1)}× plain numbers, ${(t.jsonRulesEngine / t.engine).toFixed(0)}× faster than json-rules-engine; with the derived Decimal discount ${(t.engineWithDerived / t.plain).toFixed(1)}× plain (${(t.jsonRulesEngine / t.engineWithDerived).toFixed(0)}× faster than json-rules-engine). Times are the fastest of repeated passes.`,
    '',
  ];
}

async function tierSection(): Promise<string[]> {
  const size = QUICK ? SIZES['2k'] : SIZES['10k'];
  const file = 'playbooks/key-account.playbook';
  const graph = compilePlaybookSource(file, readFileSync(join(ROOT, file), 'utf8')).graph!;
  const dir = dataFor(ROOT, size);
  const t = await tiers(graph, loadData(graph, dir).dataset.tables, QUICK ? 1 : 5);
  const per = (ms: number) => ((ms * 1e6) / t.deals).toFixed(0);
  return [
    `## Relationship tier per deal: the key-account scoring, 3 indicators and 4 tiers over generated data (${t.deals} deals, ${t.activities} activities; ${Object.entries(t.counts).map(([k, v]) => `${k} ${v}`).join(', ')} — the same for all four)`,
    '',
    '| method | ns per deal | × hand-written plain numbers |',
    '|---|---:|---:|',
    `| hand-written, plain numbers | ${per(t.plain)} | 1.0 |`,
    `| hand-written, decimal.js | ${per(t.decimal)} | ${(t.decimal / t.plain).toFixed(1)} |`,
    `| the engine (scoring, indicator and tiers evaluators) | ${per(t.engine)} | ${(t.engine / t.plain).toFixed(1)} |`,
    `| json-rules-engine: hand-written rules over plain-number facts | ${per(t.jsonRulesEngine)} | ${(t.jsonRulesEngine / t.plain).toFixed(1)} |`,
    '',
    `Target (issue 10): the engine ≤ 2× hand-written plain numbers. Measured: ${(t.engine / t.plain).toFixed(1)}×; ${(t.decimal / t.engine).toFixed(1)}× faster than hand-written decimal.js. Times are the fastest of repeated passes.`,
    '',
  ];
}

function scale(): string[] {
  const commands = (option('--commands') ?? (QUICK ? 'simulate' : SCALE_COMMANDS.join(','))).split(',') as ScaleCommand[];
  for (const c of commands) if (!SCALE_COMMANDS.includes(c)) throw new Error(`unknown command ${c} for --commands: one of ${SCALE_COMMANDS.join(', ')}`);
  const rows = [
    `## Scale: \`playbook ${commands.join('|')} playbooks/key-account.playbook --format json --out FILE\` over \`playbook generate … --seed 1\``,
    '',
    '| command | size | reps | accounts | deals | activities | wall s | CPU s | rows/s (deals + activities) | peak RSS MB | report MB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const name of SIZE_NAMES) for (const command of commands) {
    const size = SIZES[name];
    if (!size) throw new Error(`unknown size ${name}: one of ${Object.keys(SIZES).join(', ')}`);
    const r = simulateAt(ROOT, size, TIMEOUT_S, command);
    const n = (x: number) => x.toLocaleString('en-US');
    const head = `| ${command} | ${name} | ${n(size.reps)} | ${n(size.accounts)} | ${n(size.deals)} | ${n(size.activities)}`;
    if (r.failure !== null) rows.push(`${head} | did not finish: ${r.failure} | ${r.cpuS?.toFixed(1) ?? '—'} | — | ${r.peakRssMb?.toFixed(0) ?? '—'} | — |`);
    else rows.push(`${head} | ${r.wallS!.toFixed(1)} | ${r.cpuS?.toFixed(1) ?? '—'} | ${n(Math.round((size.deals + size.activities) / r.wallS!))} | ${r.peakRssMb?.toFixed(0) ?? '—'} | ${r.reportMb?.toFixed(0) ?? '—'} |`);
    process.stderr.write(`scale ${command} ${name}: ${r.failure ?? `${r.wallS!.toFixed(1)} s`}\n`);
  }
  return [...rows, '', 'Target (issue 10): 1M deals + 10M activities ≤ 60 s wall and ≤ 2 GB peak RSS for simulate; backtest and audit in the same range.', ''];
}

/** Number of rows from `100k`, `1m`, `250000`. */
const count = (text: string) => Math.round(Number(text.replace(/k$/i, '').replace(/m$/i, '')) * (/k$/i.test(text) ? 1e3 : /m$/i.test(text) ? 1e6 : 1));

async function duckdbSection(): Promise<string[]> {
  const maven = join(ROOT, '../shared/data/maven-crm');
  if (!existsSync(maven)) return ['## DuckDB vs JavaScript', '', '(skipped: ../shared/data/maven-crm is absent)', ''];
  const rows = [
    '## DuckDB vs JavaScript: `playbook simulate playbooks/maven-crm-2017.playbook --format json` over the Maven deals repeated, `--engine duckdb` against the JavaScript engine',
    '',
    '| deals | engine | wall s | CPU s | peak RSS MB | report MB | reports equal (cmp) |',
    '|---:|---|---:|---:|---:|---:|---|',
  ];
  for (const size of (option('--duckdb-sizes') ?? '100k,1m').split(',')) {
    const c = await compareEngines(ROOT, maven, count(size), TIMEOUT_S);
    for (const r of c.runs) {
      const time = r.failure === null ? r.wallS!.toFixed(1) : `did not finish: ${r.failure}`;
      rows.push(`| ${c.deals.toLocaleString('en-US')} | ${r.engine} | ${time} | ${r.cpuS?.toFixed(1) ?? '—'} | ${r.peakRssMb?.toFixed(0) ?? '—'} | ${c.reportMb?.toFixed(1) ?? '—'} | ${c.same === null ? '—' : c.same ? 'yes' : 'NO'} |`);
    }
    process.stderr.write(`duckdb ${size}: ${c.runs.map((r) => `${r.engine} ${r.failure ?? `${r.wallS!.toFixed(1)} s`}`).join(', ')}; equal: ${c.same}\n`);
    if (c.same === false) process.exitCode = 1;
  }
  return [...rows, ''];
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at the start`;
const started = Date.now();
try {
  // Agreement first (cheap, and what --quick is for), then the long scale runs.
  const only = option('--only')?.split(',') ?? null;
  const wanted = (name: string) => only === null || only.includes(name);
  const sections = [
    ...(wanted('decisions') ? await perRecord() : []),
    ...(wanted('tiers') ? await tierSection() : []),
    ...(wanted('startup') ? startup() : []),
    ...(wanted('traces') ? traces() : []),
    ...(wanted('scale') ? scale() : []),
    ...(wanted('duckdb') && !QUICK ? await duckdbSection() : []),
  ];
  console.log([`# Benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, '', `Machine: ${machine}. Command: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (${((Date.now() - started) / 1000).toFixed(0)} s).`, '', ...sections].join('\n'));
} catch (e) {
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
}
