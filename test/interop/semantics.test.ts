/**
 * Where json-rules-engine's own semantics differ from the engine's, and what the export does
 * about it (docs/interop.md, "Semantics"). Each case pins one difference.
 */
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { engineFor, exportJsonRulesEngine, operatorTable, registerOperators } from '../../src/interop/jre/index.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';

const doc = exportJsonRulesEngine(compilePlaybookFile('test/interop/fixtures/differential.playbook').graph!);
const tripped = async (facts: Record<string, unknown>) => (await engineFor(doc, 'deals').run(facts)).events.filter((e) => e.type === 'red-line').map((e) => e.params!.redline);

describe('json-rules-engine semantics vs the engine', () => {
  it("the library's own `not` over a missing value holds; the export pushes `not` into the comparison, so it does not", async () => {
    // Naive translation of `not (margin >= 10%)` with the library's operators: a missing margin trips it.
    const naive = new Engine([], { allowUndefinedFacts: true });
    naive.addRule({ conditions: { all: [{ not: { fact: 'margin', operator: 'greaterThanInclusive', value: 0.1 } }] }, event: { type: 'thin' } });
    expect((await naive.run({ margin: null })).events).toHaveLength(1);
    // The export: `thin margin` is `margin < 10% and amount > 0`; unknown when margin is missing.
    expect(await tripped({ margin: null, amount: '100' })).not.toContain('thin margin');
    expect(await tripped({ margin: '0.0999', amount: '100' })).toContain('thin margin');
  });

  it('a fact the caller leaves out reads as missing (allowUndefinedFacts), never as an error or a match', async () => {
    expect(await tripped({ won: true })).toEqual([]);
  });

  it('compares exact decimals: 0.20000000000000000001 is above 20% although the JS numbers are equal', async () => {
    expect(0.20000000000000000001 > 0.2).toBe(false);
    expect(await tripped({ won: true, discount: '0.20000000000000000001' })).toContain('deep-discount');
    expect(await tripped({ won: true, discount: '0.2' })).not.toContain('deep-discount');
  });

  it('refuses a JS fraction as a fact (it is not exact): the run fails instead of deciding on a rounded value', async () => {
    await expect(tripped({ won: true, discount: 0.25 })).rejects.toThrow('not an exact decimal: 0.25 (pass numbers as decimal text such as "0.2")');
    // Integers are exact, so they are accepted.
    expect(operatorTable().get('pb:decimal:>')!(1001, '1000')).toBe(true);
  });

  it('text compares exactly, as in the engine: "won" is not "Won"', async () => {
    const e = new Engine([], { allowUndefinedFacts: true });
    registerOperators(e);
    for (const r of doc.subjects[0].rules) e.addRule(r as never);
    const outcome = async (stage: string) => (await e.run({ stage })).events.filter((x) => x.type === 'outcome').map((x) => x.params!.outcome);
    expect(await outcome('Won')).toEqual(['won']);
    expect(await outcome('won')).toEqual([]);
  });

  it('dates compare as dates, a timestamp after midnight is later than its day, and a bad date is refused', () => {
    const ops = operatorTable();
    expect(ops.get('pb:date:<')!('2026-06-30', '2026-07-01')).toBe(true);
    expect(ops.get('pb:date:>')!('2026-06-30T00:00:00.001', '2026-06-30')).toBe(true);
    expect(() => ops.get('pb:date:<')!('30/06/2026', '2026-07-01')).toThrow('not a date');
  });
});
