/**
 * The ```playbook fragments of one section of docs/language.md (from the heading starting with
 * `from` to the next heading starting with `to`), for tests that check the docs' examples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `page` is the whole file and `start` the section's offset in it. */
export function docsFragments(from: string, to: string): { page: string; start: number; section: string; fragments: string[] } {
  const page = readFileSync(join(ROOT, 'docs/language.md'), 'utf8');
  const start = page.indexOf(`## ${from}`);
  const section = page.slice(start, page.indexOf(`\n## ${to}`, start));
  return { page, start, section, fragments: [...section.matchAll(/```playbook\n([\s\S]*?)```/g)].map((m) => m[1]) };
}
