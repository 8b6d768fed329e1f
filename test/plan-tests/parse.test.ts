/** Reading test files: mistakes are reported with their line; cases fill placeholders. */
import { describe, expect, it } from 'vitest';
import { checkExpectation, ExpectationSyntaxError, parseNumber } from '../../src/simulate/tests/expect.js';
import { TestFileError } from '../../src/simulate/tests/model.js';
import { parseTestFile } from '../../src/simulate/tests/parse-tests.js';
import { fill } from '../../src/simulate/tests/tables.js';

describe('test files', () => {
  it('reads tables, expectations and cases, and finds the plan beside the file', () => {
    const f = parseTestFile('dir/plan.tests.playbook', ['test "t"  # a comment', '  table deals', '    deal_id | amount', '    D1      | {x}', '  expect deal D1 credited', '  cases', '    x', '    1,000'].join('\n'));
    expect(f.plan).toBe('dir/plan.playbook');
    expect(f.tests[0].tables[0]).toMatchObject({ table: 'deals', header: ['deal_id', 'amount'], rows: [{ line: 4, cells: ['D1', '{x}'] }] });
    expect(f.tests[0].expectations).toEqual([{ text: 'deal D1 credited', line: 5 }]);
    expect(f.tests[0].cases?.rows[0].cells).toEqual(['1,000']);
    expect(fill('{x} and {y}', new Map([['x', '1,000']]))).toBe('1,000 and {y}');
  });

  it('names the line of a mistake', () => {
    expect(() => parseTestFile('p.tests.playbook', 'test "t"\n  table deals\n    a | b\n    1\n  expect deal D1 credited')).toThrow(new TestFileError('p.tests.playbook:4: this row has 1 cells but the header has 2'));
    expect(() => parseTestFile('p.tests.playbook', 'test "t"\n  table deals\n')).toThrow(/p\.tests\.playbook:1: test "t" expects nothing/);
    expect(() => parseTestFile('p.tests.playbook', 'expect payout of R1 = 1')).toThrow(/:1: expected a test/);
  });

  it('reads amounts as the plan writes them', () => {
    expect(parseNumber('400,000')!.toString()).toBe('400000');
    expect(parseNumber('1,234.50')!.toString()).toBe('1234.5');
    expect(parseNumber('80%')!.toString()).toBe('0.8');
    expect(parseNumber('-500')!.toString()).toBe('-500');
    expect(parseNumber('four')).toBeNull();
  });

  it('refuses an expectation in none of the forms, listing them', () => {
    const empty = { reps: [], deals: [], ranking: [], redlines: [] } as never;
    expect(() => checkExpectation('the moon = 1', empty, 2)).toThrow(ExpectationSyntaxError);
    expect(() => checkExpectation('the moon = 1', empty, 2)).toThrow(/attainment of REP/);
  });
});
