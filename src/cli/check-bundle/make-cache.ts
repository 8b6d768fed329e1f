/**
 * Makes V8's code cache for the plain check's bundle (run by build.ts in a process of its own, as
 * `node make-cache.js PLAYBOOK…`, with standard output thrown away): compiles the bundle with the
 * short-run V8 flags set as bin/playbook.js sets them (they are part of V8's flag hash: a cache made
 * under other flags is refused), checks each playbook given so that the functions a check runs are
 * compiled too (V8 compiles a function when it is first called), then writes what V8 compiled.
 * The cache holds compiled code only, never a result: a check with it prints what one without prints.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { applyShortRunFlags } from '../short-run.cjs';
import { CACHE_FILE } from './files.cjs';
import { loadCheckBundle, loadedBundleScript } from './load.cjs';

applyShortRunFlags();
const bundle = loadCheckBundle({ cache: false });
const script = loadedBundleScript();
if (!bundle || !script) throw new Error('make-cache: the plain check bundle is missing or older than dist/src/cli/plain-check.js; run `npm run build`');
for (const file of process.argv.slice(2)) await bundle.runPlainCheck({ file, flags: {} });
// Written whole, then renamed: a check started meanwhile finds the whole cache or none.
writeFileSync(`${CACHE_FILE}.tmp`, script.createCachedData());
renameSync(`${CACHE_FILE}.tmp`, CACHE_FILE);
