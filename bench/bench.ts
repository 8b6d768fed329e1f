/**
 * `npm run bench`: speed measured as ratios against baselines run in the same
 * process or on the same machine, never as timed assertions in tests. Prints a
 * Markdown report (paste into bench/RESULTS.md with the machine and date).
 *
 *   npm run bench            # full
 *   npm run bench -- --quick # fewer repetitions
 *
 * 1. Start-up: `playbook --version` and `playbook check` of a small and of a
 *    generated 2,000-line playbook, against `node -e 0` (Node's own start-up).
 * 2. Traces: evaluating both reference playbooks with traces on against off.
 * 3. Per-record decisions: the engine's red line against hand-written code and json-rules-engine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePlaybookSource, evaluate, loadData } from '../src/index.js';
import { decisions } from './decisions.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const QUICK = process.argv.includes('--quick');
const REPEAT = QUICK ? 3 : 9;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

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
  const t = await decisions(graph, loadData(graph, data).dataset.tables, REPEAT * 3);
  const per = (ms: number) => ((ms * 1e6) / t.deals).toFixed(0);
  return [
    `## Per-record decisions: the Maven \`deep-discount\` red line over ${t.deals} deals (${t.flagged} flagged by all four)`,
    '',
    '| method | ns per deal | × hand-written plain numbers |',
    '|---|---:|---:|',
    `| hand-written, plain numbers | ${per(t.plain)} | 1.0 |`,
    `| hand-written, decimal.js | ${per(t.decimal)} | ${(t.decimal / t.plain).toFixed(1)} |`,
    `| the engine (red-line evaluator) | ${per(t.engine)} | ${(t.engine / t.plain).toFixed(1)} |`,
    `| json-rules-engine, hand-written rule | ${per(t.jsonRulesEngine)} | ${(t.jsonRulesEngine / t.plain).toFixed(1)} |`,
    '',
    `The engine is ${(t.jsonRulesEngine / t.engine).toFixed(0)}× faster than json-rules-engine on the same decisions.`,
    '',
  ];
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
console.log([`# Benchmark — ${new Date().toISOString().slice(0, 10)}`, '', `Machine: ${machine}. Command: \`npm run bench${QUICK ? ' -- --quick' : ''}\`.`, '', ...startup(), ...traces(), ...(await perRecord())].join('\n'));
