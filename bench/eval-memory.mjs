// In-process memory of the evaluation: heap after a full GC after loading, after evaluating,
// and what each graph node result holds (dropped one by one, largest first reported).
// Run: node --expose-gc bench/eval-memory.mjs DATA_DIR [--nodes]   (uses the built dist/)
// Also the CPU time of each graph node (seconds, those of 0.1 s or more).
import { compilePlaybookFile, loadData } from '../dist/src/index.js';
import { runGraph } from '../dist/src/runtime/engine.js';
import { assemble } from '../dist/src/runtime/assemble.js';

const dir = process.argv[2];
const perNode = process.argv.includes('--nodes');
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
const peak = () => `peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}`;
const heap = () => { global.gc(); global.gc(); return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers; };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const { graph } = compilePlaybookFile('playbooks/key-account.playbook');
const h0 = heap();
let c = cpu();
const { dataset } = loadData(graph, dir);
console.log(`load: ${(cpu() - c).toFixed(1)} s CPU, heap ${mb(heap() - h0)}, ${peak()}`);
const h1 = heap();
c = cpu();
const steps = [];
let last = cpu();
const rss = [];
const g = runGraph(graph, dataset.tables, false, () => { const now = cpu(); steps.push(now - last); last = now; rss.push(process.resourceUsage().maxRSS * 1024); });
console.log(`graph run: ${(cpu() - c).toFixed(1)} s CPU, node results ${mb(heap() - h1)}, ${peak()}`);
console.log(`  peak RSS after each node: ${g.order.map((n, i) => `${n.id} ${mb(rss[i])}`).join(', ')}`);
console.log(`  CPU by node: ${g.order.map((n, i) => [n.id, steps[i]]).filter(([, t]) => t >= 0.1).sort((a, b) => b[1] - a[1]).map(([id, t]) => `${id} ${t.toFixed(1)} s`).join(', ')}`);
c = cpu();
let ev = assemble(g);
console.log(`assemble: ${(cpu() - c).toFixed(1)} s CPU, heap after evaluating ${mb(heap() - h0)} (above loading ${mb(heap() - h1)}), rss ${mb(process.memoryUsage().rss)}`);
if (perNode) {
  const sizes = [];
  const hd = heap();
  ev.deals = null;
  sizes.push(['evaluation.deals (without relationship)', hd - heap()]);
  const hr = heap();
  ev.relationshipAt = null; ev.relationship = null; ev.payments = null; ev.reps = null; ev.redlines = null; ev.forecast = null;
  sizes.push(['evaluation rest (reps, redlines, …)', hr - heap()]);
  for (const n of g.order) {
    const before = heap();
    g.results.set(n.id, null);
    sizes.push([n.id, before - heap()]);
  }
  for (const [k, v] of sizes.sort((a, b) => b[1] - a[1])) if (v > 1048576) console.log(`  ${k}: ${mb(v)}`);
}
console.log(`peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`);
