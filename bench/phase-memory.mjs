// Memory by phase of `simulate --format json --out FILE`, the way the CLI runs it: after loading,
// after the graph run, after assembling, during and after writing the JSON report.
// For each point: the V8 heap as it is (used / committed), the heap after a full GC (what is live),
// array buffers and RSS; and peak RSS so far. Also GC time per phase (PerformanceObserver).
// Run: node --expose-gc bench/phase-memory.mjs DATA_DIR [OUT_FILE] [--no-gc]   (uses the built dist/)
// --no-gc: no forced GC at phase ends (the RSS and peak are then the CLI's; live heap not shown).
import { PerformanceObserver } from 'node:perf_hooks';
import { compilePlaybookFile, loadData } from '../dist/src/index.js';
import { runGraph } from '../dist/src/runtime/engine.js';
import * as assembleModule from '../dist/src/runtime/assemble.js';
const { assemble } = assembleModule;
const readAfterRun = assembleModule.readAfterRun; // absent before the liveness analysis
import { stageValueWarnings } from '../dist/src/simulate/stage-values.js';
import { writeSimulationJson } from '../dist/src/simulate/report-json.js';
import { emitStreamed } from '../dist/src/cli/output.js';

const dir = process.argv[2];
const out = process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : '/tmp/phase-memory.json';
const forceGc = !process.argv.includes('--no-gc') && typeof global.gc === 'function';
const mb = (b) => `${(b / 1048576).toFixed(0)}`;
let gcMs = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ['gc'] });
const cpu = () => { const u = process.cpuUsage(); return [u.user / 1e6, u.system / 1e6]; };
let lastCpu = cpu();
let lastGc = 0;
const rows = [];
const point = (label) => {
  const m = process.memoryUsage();
  const [u, s] = cpu();
  const row = { label, heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), arrayBuffers: mb(m.arrayBuffers), rss: mb(m.rss), peak: mb(process.resourceUsage().maxRSS * 1024), user: (u - lastCpu[0]).toFixed(1), sys: (s - lastCpu[1]).toFixed(1), gc: ((gcMs - lastGc) / 1000).toFixed(1), faults: process.resourceUsage().minorPageFault };
  if (forceGc) { global.gc(); global.gc(); row.live = mb(process.memoryUsage().heapUsed); row.rssAfterGc = mb(process.memoryUsage().rss); }
  lastCpu = cpu(); lastGc = gcMs;
  rows.push(row);
  console.log(JSON.stringify(row));
};
const { graph } = compilePlaybookFile('playbooks/key-account.playbook');
point('compiled');
const { dataset, input, rejectedRows } = loadData(graph, dir, {});
point('loaded');
const g = runGraph(graph, dataset.tables, false, undefined, undefined, readAfterRun ? readAfterRun(graph) : undefined);
g.run.deals.forgetIndex?.();
point('graph run');
const evaluation = assemble(g);
evaluation.warnings = [...dataset.warnings, ...stageValueWarnings(graph, dataset.tables.get('deals')), ...evaluation.warnings];
const sim = { graph, playbookFile: 'playbooks/key-account.playbook', input: input, rejectedRows, evaluation, tables: dataset.tables };
point('assembled');
let chunks = 0;
const EVERY = Number(process.env.EVERY ?? 100);
emitStreamed((sink) => writeSimulationJson(sim, sink), out, [], (n) => { if (++chunks % EVERY === 0) point(`writing (rows ${n})`); });
point('written');
