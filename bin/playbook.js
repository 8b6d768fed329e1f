#!/usr/bin/env node
// The `playbook` command. Runs the JavaScript that `npm install` built into
// dist/ (the `prepare` script runs `tsc -p tsconfig.build.json`): no
// TypeScript is transpiled at run time.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('playbook: the tool is not built yet. Run `npm install` (or `npm run build`) in its folder first.\n');
  process.exit(2);
}
// A command over a large data folder runs again in a child Node process with a larger young
// generation, which V8 sizes only at start-up (src/cli/large-run.ts says why and when).
const { largeRunFlags, NO_RESTART_VARIABLE } = await import(new URL('../dist/src/cli/large-run.js', import.meta.url).href);
const flags = largeRunFlags(process.argv, process.execArgv, process.env);
if (flags !== null) await runInChild(flags);
else await runHere();

async function runHere() {
  // A short command (check, fmt) on a playbook of normal size runs quicker without V8's
  // optimising compiler; the decision is made before the parser's modules load.
  const { tuneForShortRun } = await import(new URL('../dist/src/cli/short-run.js', import.meta.url).href);
  tuneForShortRun(process.argv);
  // main() handles a failed write to standard output itself: a closed pipe
  // (`playbook … | head`) exits 0 silently, a full disk is a plain message, exit 2.
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv);
}

async function runInChild(nodeFlags) {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const child = spawn(process.execPath, [...nodeFlags, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [NO_RESTART_VARIABLE]: '1' },
  });
  // A signal sent to this process alone (a job runner stopping it) reaches the command too.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const s of signals) process.on(s, forward);
  child.on('error', async () => {
    // Node could not be started again (out of memory or processes): run here, untuned.
    for (const s of signals) process.off(s, forward);
    await runHere();
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}
