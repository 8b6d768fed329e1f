/** The shipped parser skips chevrotain's grammar validations for a quick start; they run here instead. */
import { describe, expect, it } from 'vitest';
import { PlaybookParser } from '../../grammar/parser.js';
import { playbookLexer } from '../../grammar/lexer.js';
import { createWordLexer, Identifier } from '../../grammar/tokens.js';

describe('grammar', () => {
  it('passes chevrotain grammar validations (no ambiguity, no left recursion)', () => {
    expect(() => new PlaybookParser(true)).not.toThrow();
  });

  it('passes chevrotain lexer validations (the shipped lexer skips them at start-up)', () => {
    expect(createWordLexer(true).lexerDefinitionErrors).toEqual([]);
  });

  it("keeps the lexer's first-character optimisation on (a pattern it cannot analyse would switch it off for every token)", async () => {
    const { Lexer } = await import('../../grammar/chevrotain.js');
    const { allTokens } = await import('../../grammar/tokens.js');
    expect(() => new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: true })).not.toThrow();
  });

  it('reads names in any script, and year-to-date only as a whole word, with the optimisation on', () => {
    const read = (text: string) => playbookLexer.tokenize(text).tokens.map((t) => `${t.image}:${t.tokenType.name}`);
    expect(read('Ünal _x ñandú Ørsted 销售额 Δάφνη 𝒜lpha')).toEqual(['Ünal:Identifier', '_x:Identifier', 'ñandú:Identifier', 'Ørsted:Identifier', '销售额:Identifier', 'Δάφνη:Identifier', '𝒜lpha:Identifier']);
    expect(read('year-to-date quarter-to-date year-to-dates year')).toEqual(['year-to-date:ToDateBasis', 'quarter-to-date:ToDateBasis', 'year:Year', '-:Minus', 'to:To', '-:Minus', 'dates:Identifier', 'year:Year']);
    // Every letter of the Basic Multilingual Plane starts a name: the first-character table covers them all.
    const letters: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (/[\p{L}_]/u.test(String.fromCharCode(c))) letters.push(String.fromCharCode(c));
    const lexed = playbookLexer.tokenize(letters.join(' '));
    expect(lexed.errors).toEqual([]);
    expect(lexed.tokens.filter((t) => !t.tokenType.CATEGORIES?.includes(Identifier) && t.tokenType !== Identifier).map((t) => t.image)).toEqual([]);
    expect(lexed.tokens.length).toBe(letters.length);
    const unexpected = playbookLexer.tokenize('a ¤ b');
    expect(unexpected.errors.map((e) => [e.offset, e.column])).toEqual([[2, 3]]);
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
