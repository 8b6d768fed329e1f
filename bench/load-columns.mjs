// Loading alone (issue 10, scale): `loadData` of the key-account playbook over one data folder,
// its CPU time (of every thread: the largest file is read in a worker) and wall time, the heap and array buffers kept after two full GCs, the peak RSS, and per table
// the bytes each column of its ColumnStore keeps (typed arrays; strings counted roughly).
// Run: node --expose-gc bench/load-columns.mjs DATA_DIR   (uses the built dist/ of this tree, or
// of ROOT=<another tree> to compare builds; reads the store's private fields: a measuring tool only).
import { fileURLToPath } from 'node:url';
const ROOT = process.env.ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const { compilePlaybookFile, loadData } = await import(`${ROOT}/dist/src/index.js`);
const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: node --expose-gc bench/load-columns.mjs DATA_DIR');
const mb = (b) => (b / 1048576).toFixed(1);
const kept = () => { global.gc(); global.gc(); const m = process.memoryUsage(); return [m.heapUsed, m.arrayBuffers]; };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const { graph } = compilePlaybookFile(`${ROOT}/playbooks/key-account.playbook`);
const [h0, a0] = kept();
const c = cpu();
const w = performance.now();
const { dataset } = loadData(graph, dir);
const loadCpu = cpu() - c;
const loadWall = (performance.now() - w) / 1000;
const [h1, a1] = kept();
console.log(`load ${loadCpu.toFixed(2)} s CPU (every thread), ${loadWall.toFixed(2)} s wall; heap +${mb(h1 - h0)} MB, arrayBuffers +${mb(a1 - a0)} MB, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
const seen = new Set();
function size(x) {
  if (typeof x === 'string') return x.length + 16;
  if (x === null || typeof x !== 'object' || seen.has(x)) return 0;
  seen.add(x);
  if (ArrayBuffer.isView(x)) return x.buffer.byteLength;
  if (Array.isArray(x)) { let s = 8 * x.length + 16; for (const v of x) s += size(v); return s; }
  if (x instanceof Map) { let s = 40 * x.size; for (const [k, v] of x) s += size(k) + size(v); return s; }
  let s = 16;
  for (const k of Object.keys(x)) s += 8 + size(x[k]);
  return s;
}
for (const [name, t] of dataset.tables) {
  const store = t.columns;
  if (!store) { console.log(`${name}: rows made (no columns)`); continue; }
  const parts = store.columns.map((col, i) => `${t.schema.fields[i].name} ${mb(size(col))}${col.strings ? ` (${col.strings.length} texts)` : ''}`);
  console.log(`${name} ${t.used} rows: lines ${mb(size(store.lines))} | ${parts.join(' | ')} (MB)`);
}
