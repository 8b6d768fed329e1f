// Memory by phase of `simulate --format json --out FILE`, the way the CLI runs it: after the
// simulation (loading overlapped with the graph run, then assembling), during and after writing the JSON report.
// For each point: the V8 heap as it is (used / committed), the heap after a full GC (what is live),
// array buffers and RSS; and peak RSS so far. Also GC time per phase (PerformanceObserver).
// Run: node --expose-gc bench/phase-memory.mjs DATA_DIR [OUT_FILE] [--no-gc] [--release]   (uses the built dist/)
// --no-gc: no forced GC at phase ends (the RSS and peak are then the CLI's; live heap not shown).
import { PerformanceObserver } from 'node:perf_hooks';
import { compilePlaybookFile } from '../dist/src/index.js';
import { simulate } from '../dist/src/simulate/simulate.js';
import { writeSimulationJson } from '../dist/src/simulate/report-json.js';
import { emitStreamed } from '../dist/src/cli/output.js';

const dir = process.argv[2];
const out = process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : '/tmp/phase-memory.json';
// --release: the writer lets each long list go once written, as the CLI's simulate does.
const release = process.argv.includes('--release');
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
// As the CLI runs it: the largest table read in a worker thread while the nodes that do not need it run.
const sim = simulate(graph, 'playbooks/key-account.playbook', dir, {});
point('simulated (loaded, run, assembled)');
let chunks = 0;
const EVERY = Number(process.env.EVERY ?? 100);
emitStreamed((sink) => writeSimulationJson(sim, sink, { release }), out, [], (n) => { if (++chunks % EVERY === 0) point(`writing (rows ${n})`); });
point('written');
