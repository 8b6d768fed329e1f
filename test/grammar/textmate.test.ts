/**
 * The TextMate grammar (grammar/playbook.tmLanguage.json, for editor highlighting) against
 * the real lexer, over every playbook in the repository: each comment, quoted text, number,
 * reserved word, separator and rule-starting keyword the lexer finds gets the matching scope.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { IToken } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { parsePlaybookText } from '../../grammar/parser.js';
import { structureOf } from '../../src/language/format/structure.js';

const require = createRequire(import.meta.url);
const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm'));

async function loadGrammar(): Promise<textmate.IGrammar> {
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === 'source.playbook' ? textmate.parseRawGrammar(readFileSync('grammar/playbook.tmLanguage.json', 'utf8'), 'playbook.tmLanguage.json') : null),
  });
  return (await registry.loadGrammar('source.playbook'))!;
}

function playbooksIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.playbook') && !f.endsWith('.tests.playbook') && !f.includes('node_modules'))
    .map((f) => join(dir, f));
}

const files = [...playbooksIn('playbooks'), ...playbooksIn('docs/examples'), ...playbooksIn('test/conformance'), ...playbooksIn('examples')].sort();

const BY_TYPE: Record<string, string> = {
  Comment: 'comment.line.number-sign.playbook',
  StringLiteral: 'string.quoted.double.playbook',
  NumberLiteral: 'constant.numeric.playbook',
  PercentLiteral: 'constant.numeric.playbook',
  QuotedIdentifier: 'variable.other.quoted.playbook',
  And: 'keyword.operator.word.playbook',
  Or: 'keyword.operator.word.playbook',
  Not: 'keyword.operator.word.playbook',
  Is: 'keyword.operator.word.playbook',
  Missing: 'keyword.operator.word.playbook',
  In: 'keyword.operator.word.playbook',
  True: 'constant.language.boolean.playbook',
  False: 'constant.language.boolean.playbook',
  Separator: 'punctuation.separator.playbook',
};

/** The scope the grammar must give `t`, or null when the lexer's token has no fixed colour (a name). */
function expectedScope(t: IToken, sectionStarts: Set<number>): string | null {
  if (sectionStarts.has(t.startOffset)) return 'keyword.control.section.playbook';
  return BY_TYPE[t.tokenType.name] ?? null;
}

describe('TextMate grammar', () => {
  it('gives the expected scope to every token of every playbook in the repository', async () => {
    const grammar = await loadGrammar();
    expect(files.length).toBeGreaterThan(40);
    let checked = 0;
    const wrong: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
      const parsed = parsePlaybookText(text);
      const sections = new Set(parsed.parseErrors.length === 0 ? structureOf(parsed.cst).sections.keys() : []);
      const lines = text.split(/\r?\n/);
      const scopes: { startIndex: number; endIndex: number; scopes: string[] }[][] = [];
      let state = textmate.INITIAL;
      for (const line of lines) {
        const r = grammar.tokenizeLine(line, state);
        scopes.push(r.tokens);
        state = r.ruleStack;
      }
      for (const t of [...parsed.tokens, ...parsed.comments, ...parsed.separators]) {
        const want = expectedScope(t, sections);
        if (want === null) continue;
        const at = t.startColumn! - 1;
        const tm = scopes[t.startLine! - 1].find((s) => s.startIndex <= at && at < s.endIndex);
        checked++;
        if (!tm?.scopes.includes(want)) wrong.push(`${file}:${t.startLine}:${t.startColumn} ${t.image}: want ${want}, got ${tm?.scopes.join(' ')}`);
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('the VS Code extension', () => {
  it('ships the same grammar and names the language server', () => {
    expect(readFileSync('editors/vscode/syntaxes/playbook.tmLanguage.json', 'utf8')).toBe(readFileSync('grammar/playbook.tmLanguage.json', 'utf8'));
    const manifest = JSON.parse(readFileSync('editors/vscode/package.json', 'utf8')) as { contributes: { languages: { extensions: string[] }[]; configuration: { properties: Record<string, { default: string[] }> } } };
    expect(manifest.contributes.languages[0].extensions).toEqual(['.playbook']);
    expect(manifest.contributes.configuration.properties['playbook.command'].default).toEqual(['npx', 'playbook', 'lsp', '--stdio']);
  });
});
