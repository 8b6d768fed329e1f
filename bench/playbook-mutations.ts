/**
 * Broken (and a few unusual but valid) playbooks made from real ones, for differential tests of the
 * parser: every text is a small edit of a playbook at the level of its tokens — a token deleted,
 * doubled, swapped with the next, or an expression word inserted before it; the text cut at the end
 * of a line; and expression shapes the grammar rejects or reads in a particular way (`a < b < c`,
 * `not not x`, `- -x`, `x in (`, `x is missing + 1` …) put in place of a condition. Deterministic:
 * the same files give the same texts, in the same order.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { playbookLexer } from '../grammar/lexer.js';

/** Every `.playbook` under `dirs` (recursively, skipping node_modules and dist), sorted. */
export function playbookFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.playbook')) out.push(path);
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out;
}

/** Playbook texts written inline in test files (template literals holding `playbook "…"`, without `${…}`). */
export function inlinePlaybooks(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/`([^`]*playbook "[^`]*)`/g)) if (!m[1].includes('${')) out.push(m[1].replace(/\\\\/g, '\\'));
      }
    }
  };
  walk(join(root, 'test'));
  return out;
}

/** A small seeded generator (mulberry32), so the texts are the same at every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words and pieces inserted before a token: operators, prefixes, parentheses, list and missing tests, keywords. */
const INSERTS = ['not', '-', '(', ')', 'and', 'or', '<', '=', '+', '×', '/', 'in (', 'in', 'is missing', 'is not', 'missing', ',', '.', 'pay', 'when', 'sum(', 'count(', 'x', '"t"', '5', '10%', 'true', 'per', 'of', 'where'];

/** Conditions the nested grammar rejects or reads in a particular way. */
export const ODD_CONDITIONS = [
  'a < b < c', 'not not won', '- -amount > 0', '- - - amount', 'amount in (', 'amount in ()', 'amount in (1, 2', 'amount in (1,, 2)',
  'amount is missing + 1', 'amount + not won', '- not won', 'not -amount', 'not amount is missing', 'amount is not missing and won',
  'amount not in (1, 2)', 'not amount not in (1)', 'amount = (1 < 2)', '(a < b) < c', 'a = b = c', 'a < b is missing', 'a is missing is missing',
  'a is missing = b', 'a in (1) in (2)', 'a in (1) = b', 'f()', 'f(,)', 'f(a,)', 'f(a b)', 'a.', 'a.b.', '(a', 'a)', '((a)', 'a + + b', 'a × - b',
  'a - - b', 'a not b', 'not', '-', 'a and', 'or a', 'a and not', 'sum(amount of deals where won) > 1', 'count(deals) > count(deals where not won)',
  'distinct(rep of deals) >= 2', 'first credited per account by close_date, id', 'first credited per account by', '`odd name` > 1', 'a.`b c` > 1',
  'not (a or b) and c', '-(a + b) × c / d - e', 'a or b and c or not d = e', 'true = false', '"x" in ("x", "y")', '10% < 5', '1,000 + 2',
];

/** The broken texts made from one playbook `text`, at most about `budget` of them, picked evenly over its tokens. */
export function mutations(text: string, budget: number, seed = 1): string[] {
  const tokens = playbookLexer.tokenize(text).tokens;
  const out: string[] = [];
  if (tokens.length === 0) return out;
  const rnd = random(seed);
  const pick = () => tokens[Math.floor(rnd() * tokens.length)];
  const per = Math.max(1, Math.floor(budget / 5));
  for (let k = 0; k < per; k++) {
    const t = pick();
    out.push(text.slice(0, t.startOffset) + text.slice(t.endOffset! + 1)); // delete
    const d = pick();
    out.push(text.slice(0, d.endOffset! + 1) + ' ' + d.image + text.slice(d.endOffset! + 1)); // duplicate
    const i = Math.floor(rnd() * (tokens.length - 1));
    if (tokens.length > 1) {
      const [a, b] = [tokens[i], tokens[i + 1]];
      out.push(text.slice(0, a.startOffset) + b.image + text.slice(a.endOffset! + 1, b.startOffset) + a.image + text.slice(b.endOffset! + 1)); // swap
    }
    const s = pick();
    out.push(text.slice(0, s.startOffset) + INSERTS[Math.floor(rnd() * INSERTS.length)] + ' ' + text.slice(s.startOffset)); // insert
  }
  // Cut at the end of some lines (every line for a short file).
  const ends = [...text.matchAll(/\n/g)].map((m) => m.index!);
  const step = Math.max(1, Math.ceil(ends.length / per));
  for (let k = 0; k < ends.length; k += step) out.push(text.slice(0, ends[k]));
  // Odd conditions in place of the first `when …` condition's line.
  const when = /\bwhen\b[^\n]*/.exec(text);
  if (when) for (const c of ODD_CONDITIONS) out.push(text.slice(0, when.index) + 'when ' + c + text.slice(when.index + when[0].length));
  return out;
}
