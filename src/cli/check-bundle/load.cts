/**
 * Runs the plain check from its single-file bundle (build.ts) instead of ~55 ES modules: one file
 * to read and compile, and with V8's code cache (make-cache.ts) almost nothing left to compile.
 * bin/playbook.js asks for it only for `playbook check …`; when the bundle is missing or older
 * than the modules it was made from (a tsc run without the bundling step), null: the caller runs
 * the modules. The code cache only saves compiling: when V8 refuses it (another Node version,
 * other V8 flags — the short-run flags of short-run.cts are part of V8's flag hash, so the cache is
 * made with them set the same way) V8 compiles the bundle as if there were no cache, and every
 * output is the same.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { BUNDLE_FILE, CACHE_FILE, ENTRY_FILE } from './files.cjs';
import type * as PlainCheck from '../plain-check.js';

/** What the bundle exports (plain-check.ts), and whether V8 refused the code cache (undefined: there was none). */
export interface CheckBundle {
  plainCheck: typeof PlainCheck.plainCheck;
  runPlainCheck: typeof PlainCheck.runPlainCheck;
  cacheRejected: boolean | undefined;
}

/** Last modification time in ms, or null when the file is missing. */
function modified(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * The bundle, compiled and run (its top level only: nothing is checked yet), or null when it is
 * missing or stale. `options.cache: false` compiles it without the code cache (for making one).
 * Set PLAYBOOK_CHECK_BUNDLE=0 to always run the modules (a test compares the two).
 */
export function loadCheckBundle(options: { cache?: boolean } = {}): CheckBundle | null {
  if (process.env.PLAYBOOK_CHECK_BUNDLE === '0') return null;
  const bundleTime = modified(BUNDLE_FILE);
  const entryTime = modified(ENTRY_FILE);
  if (bundleTime === null || entryTime === null || bundleTime < entryTime) return null;
  // A cache older than the bundle was made for another bundle: V8 checks only the source's length.
  const cacheTime = options.cache === false ? null : modified(CACHE_FILE);
  let source: string;
  let cachedData: Buffer | undefined;
  try {
    // The build writes the bundle in ASCII only (build.ts): read as Latin-1 it is the same text, without
    // the UTF-8 decoding pass over half a megabyte.
    source = readFileSync(BUNDLE_FILE, 'latin1');
    cachedData = cacheTime !== null && cacheTime >= bundleTime ? readFileSync(CACHE_FILE) : undefined;
  } catch {
    return null; // removed since (a build running now): the modules
  }
  const script = new Script(source, { filename: BUNDLE_FILE, cachedData });
  const wrapper = script.runInThisContext() as (require: NodeJS.Require, url: string) => Omit<CheckBundle, 'cacheRejected'>;
  const exported = wrapper(createRequire(BUNDLE_FILE), pathToFileURL(BUNDLE_FILE).href);
  lastScript = script;
  return { plainCheck: exported.plainCheck, runPlainCheck: exported.runPlainCheck, cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected };
}

let lastScript: Script | null = null;

/** The compiled bundle of the last {@link loadCheckBundle}, for make-cache.ts to take V8's code cache from after a warm-up. */
export function loadedBundleScript(): Script | null {
  return lastScript;
}
