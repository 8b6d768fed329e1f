#!/usr/bin/env node
// The `playbook` command. Runs the JavaScript that `npm install` built into
// dist/ (the `prepare` script runs `tsc -p tsconfig.build.json`, then bundles the plain check):
// no TypeScript is transpiled at run time.
//
// This file is CommonJS (bin/package.json), like the two modules it loads for `playbook check`
// (short-run.cjs, check-bundle/load.cjs): a plain check then runs without Node's ES module loader,
// which costs a few milliseconds of start-up (bench/RESULTS.md). Every other command loads the
// ES modules of dist/ with import().
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const dist = join(__dirname, '..', 'dist', 'src', 'cli');
const entry = join(dist, 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('playbook: the tool is not built yet. Run `npm install` (or `npm run build`) in its folder first.\n');
  process.exit(2);
}

async function run() {
  // A short command (check, fmt) on a playbook of normal size runs quicker without V8's
  // optimising compiler; the decision is made before the parser's modules load.
  require(join(dist, 'short-run.cjs')).tuneForShortRun(process.argv);
  // `playbook check FILE [--strict]` runs from one bundled script with V8's code cache when the build
  // made them (dist/src/cli/check-bundle), else from the modules: the same code, the same output.
  // (`check` never reads data: it loads nothing more, its start-up is measured.)
  if (process.argv[2] === 'check') {
    const bundle = require(join(dist, 'check-bundle', 'load.cjs')).loadCheckBundle();
    const plain = bundle?.plainCheck(process.argv);
    if (plain) return bundle.runPlainCheck(plain);
  } else {
    // A command over data keeps what it makes in the report from V8's old generation (see long-run.ts).
    const { tuneForLongRun } = await import(pathToFileURL(join(dist, 'long-run.js')).href);
    tuneForLongRun(process.argv);
  }
  // main() handles a failed write to standard output itself: a closed pipe
  // (`playbook … | head`) exits 0 silently, a full disk is a plain message, exit 2.
  const { main } = await import(pathToFileURL(entry).href);
  return main(process.argv);
}

run().then((code) => {
  process.exitCode = code;
});
