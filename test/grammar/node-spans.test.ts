/**
 * The parser keeps only offsets in each CST node's location (`nodeLocationTracking: 'onlyOffset'`,
 * cheaper at start-up); the AST builder takes line and column from the tokens at those offsets. This
 * compares those spans with the ones chevrotain's 'full' tracking records, node by node, over every
 * playbook in the repository and over broken copies of two of them (a token deleted, a word replaced,
 * a stray token inserted, the text cut short), so that error recovery's partial nodes are covered too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CstElement, CstNode, IToken } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { PlaybookParser } from '../../grammar/parser.js';
import { playbookLexer } from '../../grammar/lexer.js';
import { spanOfLocation } from '../../src/language/cst-to-ast.js';

const root = new URL('../../', import.meta.url).pathname;
const fast = new PlaybookParser(false, 'onlyOffset');
const full = new PlaybookParser(false, 'full');

function playbooksUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'node_modules' ? [] : playbooksUnder(join(dir, e.name))) : e.name.endsWith('.playbook') ? [join(dir, e.name)] : [],
  );
}

const isNode = (e: CstElement): e is CstNode => (e as IToken).image === undefined;

/** The span 'full' tracking gives a node, as the AST builder read it before (no span without a real first token). */
function fullSpan(node: CstNode) {
  const at = node.location;
  if (!at || Number.isNaN(at.startOffset) || at.startLine === undefined) return { line: 0, column: 0, endLine: 0, endColumn: 0 };
  return { line: at.startLine, column: at.startColumn ?? 0, endLine: at.endLine ?? at.startLine, endColumn: at.endColumn ?? at.startColumn ?? 0 };
}

const same = (p: { line: number; column: number; endLine: number; endColumn: number }, q: typeof p) =>
  Object.is(p.line, q.line) && Object.is(p.column, q.column) && Object.is(p.endLine, q.endLine) && Object.is(p.endColumn, q.endColumn);

/** Nodes compared, syntax errors found, and the first node whose spans (or shapes) differ. */
function compare(text: string): { nodes: number; errors: number; mismatch: string | null } {
  const tokens = playbookLexer.tokenize(text).tokens;
  fast.input = tokens;
  const a = fast.playbook();
  const errors = fast.errors.length;
  full.input = tokens;
  const b = full.playbook();
  let nodes = 0;
  let mismatch: string | null = full.errors.length === errors ? null : `${errors} errors against ${full.errors.length}`;
  const walk = (x: CstNode, y: CstNode, path: string) => {
    nodes++;
    if (mismatch) return;
    const mine = spanOfLocation(x.location, tokens);
    if (x.name !== y.name || !same(mine, fullSpan(y))) mismatch = `${path}: ${JSON.stringify(mine)} against ${JSON.stringify(fullSpan(y))}`;
    for (const key of Object.keys(y.children)) {
      const xs = x.children[key] ?? [];
      const ys = y.children[key];
      if (xs.length !== ys.length) mismatch ??= `${path}.${key}: ${xs.length} children against ${ys.length}`;
      for (let i = 0; i < ys.length && !mismatch; i++) if (isNode(ys[i])) walk(xs[i] as CstNode, ys[i] as CstNode, `${path}.${key}[${i}]`);
    }
  };
  walk(a, b, 'playbook');
  return { nodes, errors, mismatch };
}

describe('node spans from offsets', () => {
  const files = playbooksUnder('.').filter((f) => !f.includes('node_modules'));

  it('equal the spans of full location tracking in every playbook of the repository', () => {
    expect(files.length).toBeGreaterThan(50);
    let nodes = 0;
    for (const f of files) {
      const r = compare(readFileSync(join(root, f), 'utf8'));
      expect(r.mismatch, f).toBeNull();
      nodes += r.nodes;
    }
    expect(nodes).toBeGreaterThan(10_000);
  });

  it('equal them in broken playbooks, where error recovery leaves partial nodes', () => {
    let broken = 0;
    const text = readFileSync(join(root, 'playbooks/maven-crm-2017.playbook'), 'utf8');
    const tokens = playbookLexer.tokenize(text).tokens;
    for (let i = 0; i < tokens.length; i += 2) {
      const t = tokens[i];
      const before = text.slice(0, t.startOffset);
      const after = text.slice(t.endOffset! + 1);
      for (const v of [before + after, `${before}zzz${after}`, `${before}) ${t.image}${after}`, before]) {
        const r = compare(v);
        expect(r.mismatch, `token ${t.image} at ${t.startLine}:${t.startColumn}`).toBeNull();
        if (r.errors > 0) broken++;
      }
    }
    expect(broken).toBeGreaterThan(300);
  });
});
