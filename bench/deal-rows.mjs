// Where the deals become row objects, and the heap after a full GC after each graph node.
// Run: node --expose-gc bench/deal-rows.mjs DATA_DIR [PLAYBOOK]   (uses the built dist/)
// Prints the stack of the first read of the deals table's `rows` (null: never made), the heap
// (used + array buffers, after GC) after loading and after each node, and after simulate's
// report JSON is made.
import { compilePlaybookFile, loadData, simulationJson } from '../dist/src/index.js';
import { runGraph } from '../dist/src/runtime/engine.js';
import { assemble } from '../dist/src/runtime/assemble.js';
import { stageValueWarnings } from '../dist/src/simulate/stage-values.js';

const dir = process.argv[2];
const playbook = process.argv[3] ?? 'playbooks/key-account.playbook';
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
const heap = () => { global.gc(); global.gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
const { graph } = compilePlaybookFile(playbook);
const h0 = heap();
const { dataset, input, rejectedRows } = loadData(graph, dir, {});
const h1 = heap();
console.log(`load: heap ${mb(h1 - h0)}`);
const deals = dataset.tables.get(graph.roles.deals.table);
let first = null;
const readers = new Set();
const traced = new Proxy(deals, {
  get(target, key) {
    if (key === 'rows') {
      const stack = new Error('deals rows read here').stack;
      if (first === null) first = stack;
      readers.add(stack.split('\n').slice(2, 5).join('\n'));
    }
    return Reflect.get(target, key);
  },
});
dataset.tables.set(graph.roles.deals.table, traced);
let last = heap();
const after = [];
const madeAt = [];
const g = runGraph(graph, dataset.tables, false, () => { const h = heap(); after.push([h - h0, h - last]); madeAt.push(first !== null); last = h; });
console.log(g.order.map((n, i) => `  ${n.id}: heap ${mb(after[i][0])} (${after[i][1] >= 0 ? '+' : ''}${mb(after[i][1])})${madeAt[i] && !madeAt[i - 1] ? '  <- deals rows made' : ''}`).join('\n'));
const evaluation = assemble(g);
console.log(`after assemble: heap ${mb(heap() - h0)}${first !== null && !madeAt[madeAt.length - 1] ? ' <- deals rows made in assemble' : ''}`);
evaluation.warnings = [...dataset.warnings, ...stageValueWarnings(graph, traced), ...evaluation.warnings];
const json = simulationJson({ graph, playbookFile: playbook, input, rejectedRows, evaluation, tables: dataset.tables });
console.log(`after evaluate + json: heap ${mb(heap() - h0)}, json ${typeof json === 'string' ? json.length : 'object'}; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
console.log(first === null ? 'deals rows never made' : `deals rows made; read by:\n${[...readers].join('\n--\n')}`);
