/**
 * Limits that keep `check` from overflowing the stack (issue 8): the operator
 * limit of PB1007 counts every operand, whatever word it is (`amount`, `credited`,
 * `rep` are keywords as well as names), and nothing recursive in the checker
 * goes deeper than the limits allow on the longest playbook we read.
 */
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check/index.js';
import { MAX_OPERATORS, MAX_SOURCE_CHARS } from '../../src/language/parse.js';
import { diagnose, diagnosticCase, edit, marked, withRules } from './helpers.js';

const terms = (word: string, count: number) => Array(count).fill(word).join(' + ');

describe('PB1007 counts every operator, also between keyword operands', () => {
  diagnosticCase({
    name: '501 additions of `amount` (points at the 501st "+")',
    code: 'PB1007',
    bad: edit(['amount amount\n', `amount ${terms('amount', 501)} ⟦+⟧ amount\n`]),
    fixed: edit(['amount amount\n', `amount ${terms('amount', 501)}\n`]),
    message: 'this expression is too complex to read: more than 500 operators in one expression',
    hint: 'split it into derived fields (derive x = …) and combine those',
  });

  it('1,000 terms of a keyword operand give one PB1007, not a crash', () => {
    for (const word of ['amount', 'credited', 'rep', 'base', 'won']) {
      const where = word === 'won' ? `when ${Array(1000).fill('won').join(' and ')} pay 1` : `when won pay ${terms(word, 1000)}`;
      const all = diagnose(withRules(`bonus "b" per ${word === 'credited' ? 'rep' : 'deal'} ${where}\n`));
      expect(all.map((d) => d.code), word).toEqual(['PB1007']);
    }
  });

  it('operators in different rules and clauses are counted separately', () => {
    // 300 operators in each of three expressions: each is under the limit, together they are not.
    const text = withRules(
      `bonus "b" per deal when ${Array(101).fill('amount > 0').join(' and ')} pay ${terms('amount', 101)}\n` +
        `red line "r" on deals when ${Array(151).fill('amount > 1').join(' or ')} review\n`,
    );
    expect(diagnose(text)).toEqual([]);
  });

  it('the position reported is the operator that crosses the limit', () => {
    const { text, span } = marked(withRules(`bonus "b" per deal when won pay (${terms('amount', 250)}) + (${terms('amount', 251)} ⟦+⟧ 1)\n`));
    const [d] = diagnose(text);
    expect([d.code, d.span]).toEqual(['PB1007', span]);
  });
});

describe('the longest allowed input does not overflow the checker', () => {
  it(`an expression at the limits (${MAX_OPERATORS} operators, 50 parentheses deep) checks`, () => {
    const inner = terms('amount', MAX_OPERATORS - 1);
    const text = withRules(`bonus "b" per deal when won pay ${'('.repeat(50)}${inner}${')'.repeat(50)} * 1%\n`);
    expect(diagnose(text)).toEqual([]);
  });

  it('a chain of derived fields as long as the largest playbook allows checks without overflowing the stack', () => {
    // Each derived field uses the one before it: resolving the last one must not recurse once per field.
    const lines: string[] = [];
    for (let i = 1, size = 0; size < MAX_SOURCE_CHARS - 60_000; i++) {
      lines.push(`  derive d${i} = ${i === 1 ? 'amount' : `d${i - 1}`} + 1`);
      size += lines[lines.length - 1].length + 1;
    }
    const count = lines.length;
    expect(count).toBeGreaterThan(30_000);
    const text = edit(['  won  when', `${lines.join('\n')}\n  won  when`]) + `bonus "b" per deal when won pay d${count}\n`;
    expect(text.length).toBeLessThanOrEqual(MAX_SOURCE_CHARS);
    const result = checkSource(text);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const deals = result.checked!.tables.find((t) => t.name === 'deals')!;
    expect(deals.derived.map((d) => d.name).slice(0, 3)).toEqual(['d1', 'd2', 'd3']);
    expect(deals.derived).toHaveLength(count);
  });

  it('the same chain declared last-first is put in dependency order', () => {
    const lines: string[] = [];
    for (let i = 20_000; i >= 1; i--) lines.push(`  derive d${i} = ${i === 1 ? 'amount' : `d${i - 1}`} + 1`);
    const text = edit(['  won  when', `${lines.join('\n')}\n  won  when`]) + 'bonus "b" per deal when won pay d20000\n';
    const result = checkSource(text);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const names = result.checked!.tables.find((t) => t.name === 'deals')!.derived.map((d) => d.name);
    expect(names.slice(0, 2)).toEqual(['d1', 'd2']);
    expect(names[names.length - 1]).toBe('d20000');
  });

  it('a long circle of derived fields is reported once as PB4001, without overflowing', () => {
    const lines: string[] = [];
    const n = 20_000;
    for (let i = 1; i <= n; i++) lines.push(`  derive d${i} = ${i === 1 ? `d${n}` : `d${i - 1}`} + 1`);
    const text = edit(['  won  when', `${lines.join('\n')}\n  won  when`]);
    const all = diagnose(text);
    expect(all.map((d) => d.code)).toEqual(['PB4001']);
    // Checking starts at d1, goes round through d20000 … d2, and the circle closes where d2 uses d1.
    const line = text.split('\n').findIndex((l) => l.startsWith('  derive d2 =')) + 1;
    expect(all[0].span).toEqual({ line, column: 15, endLine: line, endColumn: 16 });
    expect(all[0].message).toBe('"d1" depends on itself');
  });
});
