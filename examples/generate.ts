/**
 * Regenerates the example dataset in examples/key-account/ (`npm run examples`).
 * Deterministic: the same files, byte for byte, on every run.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyAccount } from './generator/index.js';

export { generateKeyAccount } from './generator/index.js';

const thisFile = fileURLToPath(import.meta.url);
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === thisFile) {
  const outDir = path.join(path.dirname(thisFile), 'key-account');
  generateKeyAccount(outDir);
  console.log(`wrote ${path.relative(process.cwd(), outDir) || '.'}`);
}
