// node --expose-gc bench/node-cpu.mjs DIST_ROOT DATA_DIR NODE_REGEX [reps]: least CPU per graph node (and the nodes it needs) over reps runs of that part of the key-account graph; DIST_ROOT is a built checkout (e.g. . or /work/main), to pair two builds.
import { resolve } from 'node:path';
const [rootArg, dir, pat, reps = '5'] = process.argv.slice(2);
const root = resolve(rootArg);
const { compilePlaybookFile, loadData } = await import(`${root}/dist/src/index.js`);
const { runGraph } = await import(`${root}/dist/src/runtime/engine.js`);
const { graph } = compilePlaybookFile(`${root}/playbooks/key-account.playbook`);
const { dataset } = loadData(graph, dir);
const re = new RegExp(pat);
const byId = new Map(graph.nodes.map((n) => [n.id, n]));
const keep = new Set();
const visit = (id) => { if (keep.has(id) || !byId.has(id)) return; keep.add(id); for (const i of byId.get(id).inputs) visit(i); };
for (const n of graph.nodes) if (re.test(n.id)) visit(n.id);
const sub = { ...graph, nodes: graph.nodes.filter((n) => keep.has(n.id)) };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const best = new Map();
for (let r = 0; r < +reps; r++) {
  global.gc();
  let last = cpu(); const t = [];
  const g = runGraph(sub, dataset.tables, false, () => { const now = cpu(); t.push(now - last); last = now; });
  g.order.forEach((n, i) => best.set(n.id, Math.min(best.get(n.id) ?? Infinity, t[i])));
}
console.log([...best].filter(([id]) => re.test(id)).map(([id, s]) => `${id} ${s.toFixed(2)}`).join(', '));
