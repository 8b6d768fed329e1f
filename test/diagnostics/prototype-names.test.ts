/**
 * Names that are also properties of every JavaScript object (`toString`,
 * `constructor`, `valueOf`, `__proto__`, …) are ordinary names in a playbook:
 * they must never crash `check` nor be silently dropped (issue 8). Names are
 * looked up in maps without a prototype.
 */
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check/index.js';
import { diagnose, diagnosticCase, edit, withRules } from './helpers.js';

const FUNCTIONS = 'known functions: abs, clamp, date, day, days_between, max, min, month, year';

describe('PB2006 a function named like a JavaScript object property', () => {
  diagnosticCase({
    name: 'toString(amount) is not a function',
    code: 'PB2006',
    bad: withRules('bonus "b" per deal when won pay ⟦toString⟧(amount)\n'),
    fixed: withRules('bonus "b" per deal when won pay abs(amount)\n'),
    message: 'there is no function "toString"',
    hint: FUNCTIONS,
  });
  diagnosticCase({
    name: 'constructor(…) is not a function',
    code: 'PB2006',
    bad: withRules('bonus "b" per deal when won pay ⟦constructor⟧(amount, 1)\n'),
    fixed: withRules('bonus "b" per deal when won pay max(amount, 1)\n'),
    message: 'there is no function "constructor"',
    hint: FUNCTIONS,
  });
  diagnosticCase({
    name: 'valueOf(…) is not a function',
    code: 'PB2006',
    bad: withRules('red line "r" on deals when ⟦valueOf⟧(amount) > 5 review\n'),
    fixed: withRules('red line "r" on deals when abs(amount) > 5 review\n'),
    message: 'there is no function "valueOf"',
    hint: FUNCTIONS,
  });

  it('no property of Object.prototype is taken for a function', () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      if (!/^[A-Za-z_]\w*$/.test(name)) continue;
      const all = diagnose(withRules(`bonus "b" per deal when won pay ${name}(amount)\n`));
      expect(all.map((d) => [d.code, d.message]), name).toEqual([['PB2006', `there is no function "${name}"`]]);
    }
  });

  it('a near miss of a real function still gets "did you mean"', () => {
    const [d] = diagnose(withRules('bonus "b" per deal when won pay Max(amount, 1)\n'));
    expect([d.code, d.hint]).toEqual(['PB2006', 'did you mean "max"?']);
  });
});

describe('other names shaped like object properties', () => {
  it('alias "__proto__" = "bob" is kept as an alias, not dropped', () => {
    const text = edit(['field rep     text lookup reps', 'field rep     text lookup reps alias "__proto__" = "bob" alias "constructor" = "ann"']);
    const result = checkSource(text);
    expect(result.diagnostics).toEqual([]);
    const rep = result.checked!.tables.find((t) => t.name === 'deals')!.fields.find((f) => f.name === 'rep')!;
    expect(Object.entries(rep.aliases)).toEqual([['__proto__', 'bob'], ['constructor', 'ann']]);
    expect(JSON.parse(JSON.stringify(rep.aliases))).toEqual(JSON.parse('{"__proto__":"bob","constructor":"ann"}'));
  });

  it('a field called __proto__ or constructor is an ordinary field', () => {
    const text = edit(['  field amount  money\n', '  field amount  money\n  field __proto__ money\n  field constructor text\n']) +
      'red line "r" on deals when __proto__ > 5 and constructor = "x" review\n';
    expect(diagnose(text)).toEqual([]);
  });

  it('an unknown name that is an object property is reported as unknown, not found on a prototype', () => {
    const all = diagnose(withRules('red line "r" on deals when toString > 5 or hasOwnProperty.x = 1 review\n'));
    expect(all.map((d) => [d.code, d.message])).toEqual([
      ['PB2001', '"toString" is not a field of deals'],
      ['PB2001', '"hasOwnProperty" is not a field of deals'],
    ]);
  });

  it('a quota, component or table named like a property resolves normally', () => {
    const text = withRules('quota constructor = 100,000 per year\nbonus "valueOf" per rep when credited > constructor pay 500\nred line "toString" on reps when credited < 1 forfeit "valueOf"\n');
    expect(diagnose(text)).toEqual([]);
  });
});
