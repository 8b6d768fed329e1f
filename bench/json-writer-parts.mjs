// The JSON report writer's main-thread CPU split into its parts (issue 10): the simulation is run
// once with the build in ROOT/dist, then, TIMES times each, the report's text is made and dropped
// (`text`), made and encoded into the sink's buffer, the chunks dropped (`encode`), and written to
// OUT_FILE as the command writes it (`file`, `emitStreamed`). The least main-thread CPU of the
// TIMES runs of each is printed (Linux /proc/thread-self/stat, ticks of 10 ms): the least is the
// run least disturbed by other processes on a shared machine.
//   node bench/json-writer-parts.mjs ROOT DATA_DIR [TIMES] [OUT_FILE]
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [rootArg, data, timesArg = '4', outArg] = process.argv.slice(2);
if (!rootArg || !data) throw new Error('usage: node bench/json-writer-parts.mjs ROOT DATA_DIR [TIMES] [OUT_FILE]');
const root = resolve(rootArg);
const dist = (p) => pathToFileURL(join(root, 'dist/src', p)).href;
const { compilePlaybookFile, simulate, writeSimulationJson } = await import(dist('index.js'));
const { emitStreamed } = await import(dist('cli/output.js'));
const { ChunkedSink } = await import(dist('simulate/text-sink.js'));
const out = outArg ?? join(tmpdir(), `json-writer-parts-${process.pid}.json`);

/** The main thread's user + system CPU seconds (fields 14 and 15 of /proc/thread-self/stat). */
function threadCpu() {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const { graph } = compilePlaybookFile(join(root, 'playbooks/key-account.playbook'));
const sim = simulate(graph, 'playbooks/key-account.playbook', data);
let chars = 0;
const ways = {
  text: () => writeSimulationJson(sim, { write: (t) => { chars += t.length; } }),
  encode: () => {
    const sink = new ChunkedSink(() => {});
    writeSimulationJson(sim, sink);
    sink.end();
  },
  file: () => emitStreamed((sink) => writeSimulationJson(sim, sink), out, []),
};
const least = {};
for (let i = 0; i < Number(timesArg); i++) {
  for (const [name, f] of Object.entries(ways)) {
    const c0 = threadCpu();
    f();
    const c = threadCpu() - c0;
    least[name] = Math.min(least[name] ?? Infinity, c);
  }
}
console.log(`${root}: least main-thread CPU s of ${timesArg}: ${Object.entries(least).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
