/**
 * Loading alone (issue 10, scale): `loadData` of the key-account playbook over one data folder,
 * in-process, with the CPU time, wall time, peak resident memory and the heap after a full GC.
 * Usage: `node --expose-gc --import tsx bench/load-data.ts DIR` (the data made by bench/scale.ts,
 * e.g. $TMPDIR/playbook-bench-data/100k-seed1-<version>). Prints one line of JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePlaybookSource, loadData } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: bench/load-data.ts DATA_FOLDER');
const file = 'playbooks/key-account.playbook';
const graph = compilePlaybookSource(file, readFileSync(join(ROOT, file), 'utf8')).graph!;
const gc = (globalThis as { gc?: () => void }).gc;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
// With --trace: memory at the end of each table (heap, array buffers, resident), to see where the peak is.
const trace = process.argv.includes('--trace');
const mb = (n: number) => Math.round(n / 2 ** 20);
const onRows = (table: string, n: number) => {
  if (n % 1_000_000 !== 0 && n % 10_000 === 0) return;
  const m = process.memoryUsage();
  console.error(`${table} ${n}: heap ${mb(m.heapUsed)} MB, array buffers ${mb(m.arrayBuffers)} MB, rss ${mb(m.rss)} MB`);
};
const { dataset, rejectedRows } = loadData(graph, dir, { skipBadRows: true, ...(trace ? { progress: { onRows } } : {}) });
if (trace) onRows('after lookups', 1);
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
gc?.();
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
const tables = Object.fromEntries([...dataset.tables].map(([name, t]) => [name, { read: t.read, used: t.used, rejected: t.rejected.length }]));
console.log(
  JSON.stringify({
    wallS: +wallS.toFixed(2),
    cpuS: +((cpu.user + cpu.system) / 1e6).toFixed(2),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    heapAfterGcMb: gc === undefined ? null : Math.round(heapMb),
    rejectedRows: rejectedRows.length,
    warnings: dataset.warnings.length,
    tables,
  }),
);
