/**
 * Differential check of the parser against an older build: every playbook of the repository (and the
 * playbooks written inline in tests), then thousands of broken texts made from them
 * (bench/playbook-mutations.ts), are checked by this tree's `checkSource` and by the old build's; the
 * AST (as JSON) and every diagnostic (code, message, hint, line, column) must be the same.
 *
 *   git worktree add /tmp/old-parser <commit> && (cd /tmp/old-parser && ln -s …/node_modules && npm run build)
 *   npm run build && npx tsx bench/parser-diff.ts /tmp/old-parser [mutations per file, default 200]
 *
 * Prints the counts, and the first differences found; exit status 1 when there is any.
 */
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { inlinePlaybooks, mutations, playbookFiles } from './playbook-mutations.js';

type Check = (text: string) => { ast: unknown; diagnostics: unknown[] };

const ROOT = resolve(import.meta.dirname, '..');
const oldRoot = process.argv[2];
if (!oldRoot) {
  process.stderr.write('usage: tsx bench/parser-diff.ts <folder of the old build (with dist/)> [mutations per file]\n');
  process.exit(2);
}
const budget = Number(process.argv[3] ?? 200);
const load = async (root: string): Promise<Check> => ((await import(pathToFileURL(join(root, 'dist/src/check/index.js')).href)) as { checkSource: Check }).checkSource;
const [mine, theirs] = [await load(ROOT), await load(resolve(oldRoot))];

const sources = [...playbookFiles(ROOT, ['playbooks', 'docs', 'examples', 'test', 'bench']).map((f) => readFileSync(f, 'utf8').replace(/^\ufeff/, '')), ...inlinePlaybooks(ROOT)];
let texts = 0;
let broken = 0;
let diagnostics = 0;
const differences: string[] = [];
function compare(text: string): void {
  texts++;
  const a = mine(text);
  const b = theirs(text);
  const ja = JSON.stringify({ ast: a.ast, d: a.diagnostics });
  const jb = JSON.stringify({ ast: b.ast, d: b.diagnostics });
  if (b.diagnostics.some((d) => (d as { severity: string }).severity === 'error')) broken++;
  diagnostics += b.diagnostics.length;
  if (ja !== jb && differences.length < 20) differences.push(`--- text:\n${text.slice(0, 2000)}\n--- this tree: ${JSON.stringify(a.diagnostics).slice(0, 1500)}\n--- old: ${JSON.stringify(b.diagnostics).slice(0, 1500)}\n--- ASTs ${JSON.stringify(a.ast) === JSON.stringify(b.ast) ? 'equal' : 'differ'}`);
  else if (ja !== jb) differences.push('');
}
const started = Date.now();
for (const s of sources) compare(s);
const originals = texts;
sources.forEach((s, i) => { for (const m of mutations(s, budget, i + 1)) compare(m); });
process.stdout.write(`${sources.length} playbooks (${originals} texts as written) and ${texts - originals} mutated texts; ${broken} with errors, ${diagnostics} diagnostics in all; ${differences.length} differ (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
for (const d of differences.filter((x) => x !== '').slice(0, 5)) process.stdout.write(`${d}\n`);
process.exit(differences.length > 0 ? 1 : 0);
