// The JSON report writer's CPU on the main thread (issue 10): the simulation is run once with the
// build in ROOT/dist, then `simulate --format json --out FILE` is written TIMES times exactly as the
// command writes it (`emitStreamed`), each timed by wall clock, process CPU (all threads: the
// write-behind thread's system calls included) and the main thread's own CPU (Linux
// /proc/thread-self/stat, in clock ticks of 10 ms). Run it for two builds one after the other
// (e.g. /work/main and this worktree) to compare them under the same load.
//   node bench/json-writer-cpu.mjs ROOT DATA_DIR [TIMES] [OUT_FILE]
import { readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [rootArg, data, timesArg = '3', outArg] = process.argv.slice(2);
if (!rootArg || !data) throw new Error('usage: node bench/json-writer-cpu.mjs ROOT DATA_DIR [TIMES] [OUT_FILE]');
const root = resolve(rootArg);
const dist = (p) => pathToFileURL(join(root, 'dist/src', p)).href;
const { compilePlaybookFile, simulate, writeSimulationJson } = await import(dist('index.js'));
const { emitStreamed } = await import(dist('cli/output.js'));
const out = outArg ?? join(tmpdir(), `json-writer-cpu-${process.pid}.json`);

/** The main thread's user + system CPU seconds (fields 14 and 15 of /proc/thread-self/stat, in ticks of 1/100 s). */
function threadCpu() {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const processCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const playbook = join(root, 'playbooks/key-account.playbook');
const { graph } = compilePlaybookFile(playbook);
let t = performance.now();
const sim = simulate(graph, 'playbooks/key-account.playbook', data);
console.log(`${root}: simulate ${((performance.now() - t) / 1000).toFixed(1)} s wall`);
for (let i = 0; i < Number(timesArg); i++) {
  const c0 = processCpu();
  const m0 = threadCpu();
  t = performance.now();
  emitStreamed((sink) => writeSimulationJson(sim, sink), out, []);
  const wall = (performance.now() - t) / 1000;
  console.log(`  json #${i + 1}: ${wall.toFixed(2)} s wall, ${(processCpu() - c0).toFixed(2)} s CPU (all threads), ${(threadCpu() - m0).toFixed(2)} s CPU on the main thread, ${(statSync(out).size / 1e6).toFixed(0)} MB`);
}
