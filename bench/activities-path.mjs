// The activities path alone (issue 10): loads a data set and runs only the graph nodes the
// relationship scoring, indicators, tiers and the red lines on activities need, reporting each
// node's CPU, the heap its result holds (after a full GC) and the peak RSS.
// Run: node --expose-gc bench/activities-path.mjs DATA_DIR   (uses the built dist/)
import { compilePlaybookFile, loadData } from '../dist/src/index.js';
import { runGraph } from '../dist/src/runtime/engine.js';

const dir = process.argv[2];
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
const peak = () => process.resourceUsage().maxRSS * 1024;
const heap = () => { global.gc(); global.gc(); return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers; };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const { graph } = compilePlaybookFile(process.argv.slice(3).find((a) => !a.startsWith('--')) ?? 'playbooks/key-account.playbook');
let c = cpu();
const { dataset } = loadData(graph, dir);
const h0 = heap();
console.log(`load: ${(cpu() - c).toFixed(1)} s CPU, heap ${mb(h0)}, peak RSS ${mb(peak())}`);
const wanted = (n) => ['scoring', 'indicator', 'tiers'].includes(n.kind) || (n.kind === 'redline' && n.subject === 'activities');
const byId = new Map(graph.nodes.map((n) => [n.id, n]));
const keep = new Set();
const visit = (id) => { if (keep.has(id) || !byId.has(id)) return; keep.add(id); for (const i of byId.get(id).inputs) visit(i); };
for (const n of graph.nodes) if (wanted(n)) visit(n.id);
const sub = { ...graph, nodes: graph.nodes.filter((n) => keep.has(n.id)) };
let last = cpu();
let lastHeap = h0;
const rows = [];
const measureHeap = !process.argv.includes('--no-heap');
const g = runGraph(sub, dataset.tables, false, () => {
  const t = cpu() - last;
  const h = measureHeap ? heap() : 0;
  rows.push([t, h - lastHeap, peak()]);
  lastHeap = h;
  last = cpu();
});
g.order.forEach((n, i) => console.log(`  ${n.id.padEnd(34)} ${rows[i][0].toFixed(2).padStart(6)} s CPU  ${measureHeap ? `${mb(rows[i][1]).padStart(7)} kept` : ''}  peak RSS ${mb(rows[i][2])}`));
console.log(`total ${(cpu() - c).toFixed(1)} s CPU, peak RSS ${mb(peak())}`);
