/**
 * `playbook fmt` properties, over every playbook in the repository (reference playbooks,
 * docs examples, conformance corpus) and over generated variants of them (random spacing,
 * indentation, blank lines, separators and comments; PLAYBOOK_FMT_RUNS cases, default 300,
 * 10,000 in the long run, see README "Testing"):
 * formatting twice changes nothing; formatting never changes the compiled rule graph
 * (compared without source positions) nor the diagnostics' codes; no comment is lost.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlaybookText } from '../../grammar/parser.js';
import { compilePlaybookSource } from '../../src/graph/driver.js';
import { formatPlaybook } from '../../src/language/format/format.js';

const RUNS = Number(process.env.PLAYBOOK_FMT_RUNS ?? 300);

function playbooksIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.playbook') && !f.endsWith('.tests.playbook'))
    .map((f) => join(dir, f));
}

const files = [...playbooksIn('playbooks'), ...playbooksIn('docs/examples'), ...playbooksIn('test/conformance')].sort();
const sources = files.map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));

/** The compiled graph with every source position dropped (rule names kept), or the diagnostic codes. */
function meaning(text: string): string {
  const compiled = compilePlaybookSource('x.playbook', text);
  const codes = compiled.diagnostics.map((d) => d.code).join(',');
  if (!compiled.graph) return `diagnostics ${codes}`;
  return JSON.stringify(compiled.graph, (key, value: unknown) => (key === 'source' && value && typeof value === 'object' ? (value as { name: string }).name : value)) + codes;
}

function comments(text: string): string[] {
  return parsePlaybookText(text).comments.map((c) => c.image.trimEnd());
}

function holds(text: string): void {
  const once = formatPlaybook(text);
  expect(formatPlaybook(once)).toBe(once);
  expect(meaning(once)).toBe(meaning(text));
  expect(comments(once)).toEqual(comments(text));
}

describe('fmt on every playbook in the repository', () => {
  it('found the playbooks', () => {
    expect(files).toContain('playbooks/key-account.playbook');
    expect(files.filter((f) => f.startsWith('test/conformance')).length).toBeGreaterThan(30);
  });
  it.each(sources.map((s) => [s.file, s.text]))('%s: idempotent, same graph, comments kept', (_file, text) => holds(text));
});

/**
 * A layout variant of `text`: the same tokens, comments and separators, rebuilt with random
 * spacing between tokens, random indentation, extra blank lines, `;` for `·`, and new comments.
 */
function variant(text: string, choices: number[]): string {
  const parsed = parsePlaybookText(text);
  const all = [...parsed.tokens, ...parsed.comments, ...parsed.separators].sort((a, b) => a.startOffset - b.startOffset);
  let k = 0;
  const pick = (n: number) => choices[k++ % choices.length] % n;
  const out: string[] = [];
  let line = 0;
  let added = 0;
  all.forEach((t, i) => {
    if (t.startLine !== line) {
      if (i > 0) {
        if (pick(5) === 0 && all[i - 1].tokenType.name !== 'Comment') out.push(`   # added ${added++}`);
        out.push('\n'.repeat(1 + (t.startLine! - line > 1 ? pick(3) : pick(6) === 0 ? 1 : 0)));
      }
      // A section's first token stays at the margin; others get any indentation.
      out.push(t.startColumn === 1 ? '' : ' '.repeat(1 + pick(6)));
      line = t.startLine!;
    } else {
      const prev = all[i - 1];
      const touching = prev.endOffset! + 1 === t.startOffset;
      out.push(touching && pick(2) === 0 ? '' : [' ', '  ', '\t', '    '][pick(4)]);
    }
    out.push(t.tokenType.name === 'Separator' ? ['·', ';'][pick(2)] : t.image);
  });
  return `${out.join('')}\n`;
}

describe('fmt on generated layouts', () => {
  it(
    'idempotent, same graph, comments kept',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: sources.length - 1 }), fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), (i, choices) => {
          const text = variant(sources[i].text, choices);
          holds(text);
        }),
        { numRuns: RUNS, seed: 14 },
      );
    },
    Math.max(60_000, RUNS * 50),
  );
});
