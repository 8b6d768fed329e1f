/**
 * iconv-lite, loaded the first time a file needs a legacy encoding (GB18030, Windows-1252, …)
 * rather than at start-up: most files are UTF-8, and loading it cost every command, `check`
 * included, a few percent of its instructions (bench/RESULTS.md, "Start-up").
 */
import { createRequire } from 'node:module';
import type * as Iconv from 'iconv-lite';

let loaded: typeof Iconv | null = null;

/** The iconv-lite module (a CommonJS package, so it can be required on demand). */
export function iconvLite(): typeof Iconv {
  loaded ??= createRequire(import.meta.url)('iconv-lite') as typeof Iconv;
  return loaded;
}
