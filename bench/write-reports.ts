/**
 * Writing the long reports (issue 10): the simulation is run once in this process, then its JSON
 * and CSV reports are written several times to files, exactly as `playbook simulate --format json
 * --out FILE` writes them (`emitStreamed`), so that the time measured is the writers' alone; and
 * the backtest and the audit of that simulation are computed and written as their commands do.
 * Prints, per step: wall and CPU time, the time spent collecting garbage, and the heap after.
 *
 *   npx tsx bench/write-reports.ts --data DIR [--times 3] [--out DIR] [--only json,csv,table,backtest,audit]
 *     [--against DIR]   # also write the JSON and CSV with the writers built in DIR/dist (a copy of an
 *                       # earlier commit), alternating with this one's: the same load for both
 *
 * `--cpu-prof` of node (`node --cpu-prof --import tsx bench/write-reports.ts …`) shows where it goes.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit, emitStreamed } from '../src/cli/output.js';
import { auditSimulation } from '../src/simulate/audit.js';
import { backtest } from '../src/simulate/backtest.js';
import { formatAuditTable, writeAuditCsv, writeAuditJson } from '../src/simulate/report-audit.js';
import { formatBacktestJson, formatBacktestTable } from '../src/simulate/report-backtest.js';
import { compilePlaybookFile } from '../src/simulate/load-playbook.js';
import { writeCsv } from '../src/simulate/report-csv.js';
import { writeSimulationJson } from '../src/simulate/report-json.js';
import { formatTable } from '../src/simulate/report-table.js';
import { simulate } from '../src/simulate/simulate.js';

const option = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const data = option('--data', '');
if (data === '') throw new Error('--data DIR is needed (a folder made by `playbook generate`)');
let times = Number(option('--times', '3'));
const outDir = option('--out', tmpdir());
const only = option('--only', 'json,csv,table,backtest,audit').split(',');

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const compiled = compilePlaybookFile('playbooks/key-account.playbook');
if (!compiled.graph) throw new Error('the key-account playbook does not compile');
const graph = compiled.graph;
let t = performance.now();
const sim = simulate(graph, 'playbooks/key-account.playbook', data);
console.log(`simulate (read + evaluate): ${((performance.now() - t) / 1000).toFixed(1)} s, heap ${mb(process.memoryUsage().heapUsed)} MB`);

/** Runs `step` `times` times, printing what each run took. */
async function measure(name: string, out: string | null, step: () => void): Promise<void> {
  for (let i = 0; i < times; i++) {
    gcMs = 0;
    const cpu = process.cpuUsage();
    t = performance.now();
    step();
    const wall = performance.now() - t;
    const used = process.cpuUsage(cpu);
    await new Promise((r) => setTimeout(r, 0)); // lets the GC entries arrive
    const memory = process.memoryUsage();
    const size = out === null ? '' : `, ${mb(statSync(out).size)} MB written`;
    console.log(`${name} #${i + 1}: ${(wall / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, GC ${(gcMs / 1000).toFixed(2)} s, heap after ${mb(memory.heapUsed)} MB, rss ${mb(memory.rss)} MB${size}`);
  }
}

const writers = { json: writeSimulationJson, csv: writeCsv };
const against = option('--against', '');
/** The earlier writers, each given the same simulation and a sink of theirs to the same kind of file. */
const earlier: Partial<Record<'json' | 'csv', (out: string) => void>> = {};
if (against !== '') {
  const dist = join(against, 'dist/src');
  const json = (await import(join(dist, 'simulate/report-json.js'))) as { writeSimulationJson: typeof writeSimulationJson };
  const csv = (await import(join(dist, 'simulate/report-csv.js'))) as { writeCsv: typeof writeCsv };
  const output = (await import(join(dist, 'cli/output.js'))) as { emitStreamed: typeof emitStreamed };
  earlier.json = (out) => output.emitStreamed((sink) => json.writeSimulationJson(sim, sink), out, []);
  earlier.csv = (out) => output.emitStreamed((sink) => csv.writeCsv(sim, sink), out, []);
}
const file = (name: string) => join(outDir, `write-reports.${name}`);
for (const format of only) {
  if ((format === 'json' || format === 'csv') && earlier[format]) {
    const before = earlier[format];
    const rounds = times;
    times = 1;
    for (let i = 0; i < rounds; i++) {
      await measure(`simulate --format ${format} (earlier writers)`, file(`before.${format}`), () => before(file(`before.${format}`)));
      await measure(`simulate --format ${format}`, file(format), () => emitStreamed((sink) => writers[format](sim, sink), file(format), []));
    }
    times = rounds;
  } else if (format === 'json' || format === 'csv') {
    await measure(`simulate --format ${format}`, file(format), () => emitStreamed((sink) => writers[format](sim, sink), file(format), []));
  } else if (format === 'table') {
    await measure('simulate --format table', file('txt'), () => emit(formatTable(sim), file('txt'), []));
  } else if (format === 'backtest') {
    await measure('backtest (computed)', null, () => void backtest(sim));
    const report = backtest(sim);
    await measure('backtest --format json', file('backtest.json'), () => emit(formatBacktestJson(report), file('backtest.json'), []));
    await measure('backtest --format table', file('backtest.txt'), () => emit(formatBacktestTable(report), file('backtest.txt'), []));
  } else if (format === 'audit') {
    await measure('audit (computed)', null, () => void auditSimulation(sim));
    const report = auditSimulation(sim);
    await measure('audit --format json', file('audit.json'), () => emitStreamed((sink) => writeAuditJson(report, sink), file('audit.json'), []));
    await measure('audit --format csv', file('audit.csv'), () => emitStreamed((sink) => writeAuditCsv(report, sink), file('audit.csv'), []));
    await measure('audit --format table', file('audit.txt'), () => emit(formatAuditTable(report), file('audit.txt'), []));
  } else throw new Error(`--only: ${format} is not json, csv, table, backtest or audit`);
}
