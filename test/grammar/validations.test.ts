/** The shipped parser skips chevrotain's grammar validations for a quick start; they run here instead. */
import { describe, expect, it } from 'vitest';
import { PlaybookParser } from '../../grammar/parser.js';
import { createWordLexer, playbookLexer } from '../../grammar/tokens.js';

describe('grammar', () => {
  it('passes chevrotain grammar validations (no ambiguity, no left recursion)', () => {
    expect(() => new PlaybookParser(true)).not.toThrow();
  });

  it('passes chevrotain lexer validations (the shipped lexer skips them at start-up)', () => {
    expect(createWordLexer(true).lexerDefinitionErrors).toEqual([]);
  });

  it('gives a word that is exactly a keyword its keyword token, and keeps longer words as names', () => {
    const names = playbookLexer.tokenize('amount amount_due periods period when whenever 金额 `count` half-up').tokens.map((t) => `${t.image}:${t.tokenType.name}`);
    expect(names).toEqual(['amount:Amount', 'amount_due:Identifier', 'periods:Periods', 'period:Period', 'when:When', 'whenever:Identifier', '金额:Identifier', '`count`:QuotedIdentifier', 'half-up:RoundingMode']);
  });
});

describe('start-up', () => {
  it("loads chevrotain only through grammar/chevrotain.ts (the package's main entry costs 0.3 s more at every start)", async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../../', import.meta.url).pathname;
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const offenders = [...files('src'), ...files('grammar')].filter((f) => f !== 'grammar/chevrotain.ts' && /^import (?!type )[^;]*from 'chevrotain';/m.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
