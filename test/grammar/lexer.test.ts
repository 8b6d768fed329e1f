/**
 * The hand-written lexer (grammar/lexer.ts) against chevrotain's lexer over the same patterns
 * (tokens.ts `referenceLexer`), the specification: every token (type, image, offsets, lines,
 * columns, key order), every comment and separator group and every error, equal on every playbook
 * of the repository, on those playbooks cut and spliced, and on text made of the language's
 * characters and words at random (fast-check, seeded).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lexPlaybook } from '../../grammar/lexer.js';
import { referenceLexer } from '../../grammar/tokens.js';

/** Every `.playbook` file under `dir` (node_modules and dist left out). */
function playbookFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...playbookFiles(path));
    else if (name.endsWith('.playbook')) out.push(path);
  }
  return out;
}

/** The result with each token's keys listed in order, so that a different shape fails too. */
function shaped(result: ReturnType<typeof lexPlaybook>): unknown {
  const token = (t: Record<string, unknown>) => Object.keys(t).map((k) => [k, k === 'tokenType' ? (t.tokenType as { name: string }).name : t[k]]);
  return {
    tokens: result.tokens.map((t) => token(t as unknown as Record<string, unknown>)),
    groups: Object.entries(result.groups).map(([name, list]) => [name, list.map((t) => token(t as unknown as Record<string, unknown>))]),
    errors: result.errors.map((e) => Object.entries(e)),
  };
}

function expectSame(text: string): void {
  expect(shaped(lexPlaybook(text))).toEqual(shaped(referenceLexer.tokenize(text)));
}

const files = playbookFiles('.');
const corpus = files.map((f) => readFileSync(f, 'utf8'));

describe('hand-written lexer', () => {
  it('reads every playbook of the repository exactly as chevrotain does', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const text of corpus) expectSame(text);
  });

  it('agrees on the edge cases of each pattern', () => {
    const cases = [
      '', ' ', '\n', '\r\n', '\r', 'a\rb\r\nc\n\rd', '\u00a0\u3000\ufeffx', '# c\r\n# d', '·;·', 'a·b;c',
      '"abc"', '"a\\"b"', '"a\\', '"a\\\nb"', '"a\\\u2028b"', '"a\u2028b"', '"unterminated\nnext', '"', '"\\"', '"\\\\"',
      '`count`', '``', '`a', '`a\nb`', 'x `', '5%', '5 %', '5\n%', '5\r\n%', '5\r%', '1,000%', '1,00%', '12,345.5 %', '7.5%x',
      '5th', '1st', '22nd', '3rd', '11th', '5thx', '123th', '2026-03', '1,000', '1,000,000.50', '1,0000', '1,000.', '0.01', '.5', '5.',
      'year-to-date', 'quarter-to-date', 'year-to-dates', 'year-to', 'year', 'quarter-', 'yearly-to-date', 'year-to-date_x',
      'half-up', 'half-even', 'half-down', 'up', 'down', 'update', 'downward', 'half', 'half-', 'half-upper', 'half-up1', 'uplift', 'd', 'h',
      '<= >= != <> < > = ≤ ≥ ≠ + - − * × / ÷ ( ) , .', '!', '!x', '<<=>', 'a ¤ b', '¤¤¤', '$%&', 'a@b', 'x ?', '\u2028', '\u0000',
      'Ünal _x ñandú Ørsted 销售额 Δάφνη 𝒜lpha', 'a销售', '销售a', 'x\u0301y', '\ud835', 'a\ud835b', '٣', 'a٣', 'amount amount_due when whenever',
      'playbook "x"\ncurrency EUR · time zone "Europe/Paris"\n', 'pay amount × 0.1%\n', '-5', '5-5', 'x.y.z', 'a\tb',
    ];
    for (const text of cases) expectSame(text);
  });

  it('agrees on every letter of the Basic Multilingual Plane', () => {
    const letters: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (/[\p{L}\p{N}_]/u.test(String.fromCharCode(c))) letters.push(String.fromCharCode(c));
    expectSame(letters.join(' '));
    expectSame(letters.join(''));
  });

  it('agrees on random text of the language\'s characters and words', () => {
    const pieces = [
      ' ', '  ', '\n', '\r\n', '\r', '\t', '\u00a0', '#', '·', ';', '"', '\\', '`', '%', ',', '.', '-', '−', '<', '>', '=', '!', '≤', '≥', '≠',
      '+', '*', '×', '/', '÷', '(', ')', '0', '1', '5', '12', '1,000', 'st', 'nd', 'th', 'x', 'a_b', '销售', '𝒜', 'é', '¤', '\u2028',
      'year', 'quarter', '-to-date', 'half', 'up', 'down', 'amount', 'when', 'pay', 'per', 'deal', 'table', 'field', 'bonus',
    ];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => expectSame(parts.join(''))), { numRuns: 3000, seed: 6 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => expectSame(text)), { numRuns: 2000, seed: 7 });
  });

  it('agrees on repository playbooks cut and spliced at random', () => {
    const spliced = fc.tuple(fc.nat({ max: corpus.length - 1 }), fc.nat(), fc.nat(), fc.nat({ max: corpus.length - 1 }), fc.nat()).map(([a, cut, len, b, at]) => {
      const x = corpus[a];
      const y = corpus[b];
      const start = cut % (x.length + 1);
      const p = at % (y.length + 1);
      return x.slice(0, start) + y.slice(p, p + (len % 300)) + x.slice(start + (len % 40));
    });
    fc.assert(fc.property(spliced, (text) => expectSame(text)), { numRuns: 500, seed: 8 });
  });
});
