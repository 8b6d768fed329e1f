/**
 * PB3024 (warning): `and` inside `or` without parentheses. `and` is read first, so a red line
 * `stage = "Lost" or stage = "Won" and amount > 0`... trips on every lost deal, whatever its amount.
 */
import { describe, expect, it } from 'vitest';
import { diagnose, diagnosticCase, withRules } from './helpers.js';

describe('PB3024 (warning) "and" and "or" mixed without parentheses', () => {
  diagnosticCase({
    name: 'a or b and won: the "and" on the right',
    code: 'PB3024',
    severity: 'warning',
    bad: withRules('red line "big" on deals when amount > 100 or ⟦amount < 0 and won⟧ review\n'),
    fixed: withRules('red line "big" on deals when (amount > 100 or amount < 0) and won review\n'),
    message: '"and" and "or" without parentheses: "and" is read first, so this reads as "… or (the underlined part)"',
    hint: 'if the last condition should apply to all, write "(… or …) and …"; to keep this meaning, put the underlined part in parentheses',
  });
  diagnosticCase({
    name: 'won and a or b: the "and" on the left',
    code: 'PB3024',
    severity: 'warning',
    bad: withRules('red line "big" on deals when ⟦won and amount > 100⟧ or amount < 0 review\n'),
    fixed: withRules('red line "big" on deals when won and (amount > 100 or amount < 0) review\n'),
    message: '"and" and "or" without parentheses: "and" is read first, so this reads as "(the underlined part) or …"',
    hint: 'if the first condition should apply to all, write "… and (… or …)"; to keep this meaning, put the underlined part in parentheses',
  });
  diagnosticCase({
    name: 'inside a bonus condition, the whole condition itself in parentheses',
    code: 'PB3024',
    severity: 'warning',
    bad: withRules('bonus "b" per deal when (stage = "A" or ⟦stage = "B" and won⟧) pay 10\n'),
    fixed: withRules('bonus "b" per deal when (stage = "A" or stage = "B") and won pay 10\n'),
    message: '"and" and "or" without parentheses: "and" is read first, so this reads as "… or (the underlined part)"',
    hint: 'if the last condition should apply to all, write "(… or …) and …"; to keep this meaning, put the underlined part in parentheses',
  });

  it('parentheses around the "and" part keep the meaning and silence it, on either side', () => {
    expect(diagnose(withRules('red line "big" on deals when amount > 100 or (amount < 0 and won) review\n'))).toEqual([]);
    expect(diagnose(withRules('red line "big" on deals when (won and amount > 100) or amount < 0 review\n'))).toEqual([]);
  });

  it('only "and" or only "or" needs no parentheses', () => {
    expect(diagnose(withRules('red line "big" on deals when amount > 100 or amount < 0 or stage = "X" review\n'))).toEqual([]);
    expect(diagnose(withRules('red line "big" on deals when won and amount > 100 and stage = "X" review\n'))).toEqual([]);
  });

  it('an "and" spread over two lines is underlined from its first line to its last', () => {
    const found = diagnose(withRules('red line "big" on deals\n  when amount > 100 or amount < 0\n    and won\n  review\n'));
    expect(found.map((d) => [d.code, d.span.line, d.span.column, d.span.endLine, d.span.endColumn])).toEqual([['PB3024', 23, 24, 24, 11]]);
    // Only a span's first line is shown underlined: the message names the lines.
    expect(found[0].message).toBe('"and" and "or" without parentheses: "and" is read first, so this reads as "… or (the part on lines 23–24)"');
    expect(found[0].hint).toBe('if the last condition should apply to all, write "(… or …) and …"; to keep this meaning, put the part on lines 23–24 in parentheses');
  });
});
