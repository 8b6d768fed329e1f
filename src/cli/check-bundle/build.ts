/**
 * The build's second step (`npm run build`, after tsc): bundles the plain check (dist/src/cli/plain-check.js
 * and everything it imports, chevrotain included) into one script with esbuild, then makes V8's code
 * cache for it (make-cache.ts). Both are removed first, so a failed step never leaves an old bundle
 * beside new modules; load.cts also refuses a bundle older than the modules (a tsc run alone).
 * Run as `node dist/src/cli/check-bundle/build.js`; exit 1 when bundling or the cache fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { CHEVROTAIN_BLOCK_TABLE } from './block-table.js';
import { BUNDLE_EXPORTS, BUNDLE_FILE, BUNDLE_PARAMETERS, CACHE_FILE, ENTRY_FILE } from './files.cjs';

/** The repository's root: dist/src/cli/check-bundle is four folders below it. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Chevrotain's own single-file bundle, the file grammar/chevrotain.ts loads. */
const CHEVROTAIN_FILE = join(dirname(createRequire(import.meta.url).resolve('chevrotain')), '..', 'chevrotain.min.mjs');

/**
 * grammar/chevrotain.ts loads chevrotain's own single-file bundle with a top-level await, which a
 * script cannot hold: the bundle imports that file (same package, same version) directly instead.
 */
const chevrotainBundle: Plugin = {
  name: 'chevrotain-bundle',
  setup(b) {
    const wrapper = fileURLToPath(new URL('../../../grammar/chevrotain.js', import.meta.url));
    b.onResolve({ filter: /(^|\/)chevrotain\.js$/ }, (args) => (resolve(args.resolveDir, args.path) === wrapper ? { path: CHEVROTAIN_FILE } : undefined));
    b.onLoad({ filter: /chevrotain\.min\.mjs$/ }, (args) => ({ contents: readFileSync(args.path, 'utf8').replace(CHEVROTAIN_BLOCK_TABLE.from, CHEVROTAIN_BLOCK_TABLE.to), loader: 'js' }));
  },
};

/** The warm-up of the code cache: the repository's playbooks, when it has them (a packed copy has none). */
function warmUpPlaybooks(): string[] {
  const dir = join(ROOT, 'playbooks');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.playbook'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The bundle with every character beyond ASCII written as a `\\uXXXX` escape. esbuild escapes them in
 * strings but leaves them in regular expressions (the lexer's `≤`, `×`, `·`) and kept comments; one
 * such character makes the whole 0.5 MB source a two-byte string, which is read, hashed against the
 * code cache and scanned at twice the size on every check. An escape means the same character in a
 * regular expression, a string, a template or an identifier, and nothing in a comment; a character
 * beyond the BMP becomes its two surrogate escapes, which a `u` regular expression reads as one.
 */
function asciiOnly(code: string): string {
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes `file` whole or not at all (a check started meanwhile reads the old file, or none, never half of one). */
function writeWhole(file: string, data: string): void {
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
}

rmSync(BUNDLE_FILE, { force: true });
rmSync(CACHE_FILE, { force: true });
const result = await build({
  entryPoints: [ENTRY_FILE],
  bundle: true,
  platform: 'node',
  // A function's body, not a CommonJS module: with `exports` and `module` in scope, lodash (inside
  // chevrotain) would take the bundle for a CommonJS module and reach for process.binding('util'),
  // which the modules never do. Only `require` (for Node's own modules) and the bundle's URL are given.
  format: 'iife',
  globalName: BUNDLE_EXPORTS,
  target: 'node20',
  write: false,
  logLevel: 'warning',
  // iconv.ts finds iconv-lite from its own place: in the script, the bundle's place.
  define: { 'import.meta.url': '__bundleUrl' },
  plugins: [chevrotainBundle],
});
if (result.errors.length > 0 || result.outputFiles.length !== 1) process.exit(1);
writeWhole(BUNDLE_FILE, `(function (${BUNDLE_PARAMETERS.join(', ')}) {\n${asciiOnly(result.outputFiles[0].text)}\nreturn ${BUNDLE_EXPORTS};\n})\n`);
const cache = spawnSync(process.execPath, [fileURLToPath(new URL('make-cache.js', import.meta.url)), ...warmUpPlaybooks()], { stdio: ['ignore', 'ignore', 'inherit'] });
if (cache.status !== 0 || !existsSync(CACHE_FILE)) {
  rmSync(CACHE_FILE, { force: true });
  process.stderr.write('build: could not make the code cache of the plain check bundle\n');
  process.exit(1);
}
