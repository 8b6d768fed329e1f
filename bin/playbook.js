#!/usr/bin/env node
// The `playbook` command. Runs the JavaScript that `npm install` built into
// dist/ (the `prepare` script runs `tsc -p tsconfig.build.json`, then bundles the plain check):
// no TypeScript is transpiled at run time.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('playbook: the tool is not built yet. Run `npm install` (or `npm run build`) in its folder first.\n');
  process.exit(2);
}
// A short command (check, fmt) on a playbook of normal size runs quicker without V8's
// optimising compiler; the decision is made before the parser's modules load.
const { tuneForShortRun } = await import(new URL('../dist/src/cli/short-run.js', import.meta.url).href);
tuneForShortRun(process.argv);
// A command over data keeps what it makes in the report from V8's old generation (see long-run.ts).
// (`check` never reads data: it loads nothing more, its start-up is measured.)
if (process.argv[2] !== 'check') {
  const { tuneForLongRun } = await import(new URL('../dist/src/cli/long-run.js', import.meta.url).href);
  tuneForLongRun(process.argv);
}
// `playbook check FILE [--strict]` runs from one bundled script with V8's code cache when the build
// made them (dist/src/cli/check-bundle), else from the modules: the same code, the same output.
let bundle = null;
if (process.argv[2] === 'check') {
  const { loadCheckBundle } = await import(new URL('../dist/src/cli/check-bundle/load.js', import.meta.url).href);
  bundle = loadCheckBundle();
}
const plain = bundle?.plainCheck(process.argv);
if (plain) {
  process.exitCode = await bundle.runPlainCheck(plain);
} else {
  // main() handles a failed write to standard output itself: a closed pipe
  // (`playbook … | head`) exits 0 silently, a full disk is a plain message, exit 2.
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv);
}
