/**
 * Where the plain check's single-file bundle and its V8 code cache live: next to this module in the
 * built dist/ (dist/src/cli/check-bundle/), made by `npm run build` right after tsc (build.ts).
 * CommonJS (.cts) like load.cts: bin/playbook.js reaches the plain check without Node's ES module loader.
 */
import { join } from 'node:path';

/** The bundle: the whole plain check (src/cli/plain-check.ts and all it imports) in one script, a function of {@link BUNDLE_PARAMETERS} returning plain-check.ts's exports. */
export const BUNDLE_FILE = join(__dirname, 'plain-check.bundle.js');
/** V8's code cache for the bundle, made after a warm-up check (make-cache.ts): a compile artefact like a .pyc, never a result. */
export const CACHE_FILE = join(__dirname, 'plain-check.bundle.cache');
/** The module the bundle is made from: a tsc run rewrites it, so a bundle older than it is stale. */
export const ENTRY_FILE = join(__dirname, '..', 'plain-check.js');
/** The wrapping function's parameters: `require` for Node's own modules, and the bundle's URL for `import.meta.url`. */
export const BUNDLE_PARAMETERS = ['require', '__bundleUrl'] as const;
/** The variable the bundle's code puts its exports in; the wrapping function returns it. */
export const BUNDLE_EXPORTS = 'plainCheckBundle';
