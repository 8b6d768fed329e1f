/**
 * PB1xxx: syntax. Each mistake is one small edit of the minimal playbook
 * (helpers.ts); the span the caret must cover is marked ⟦like this⟧.
 */
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check/index.js';
import { MAX_SOURCE_CHARS } from '../../src/language/parse.js';
import { BASE, diagnose, diagnosticCase, edit, expectDiagnostic, marked, withRules } from './helpers.js';

const SECTION_HINT = 'each section starts with table, credit, quota, commission, bonus, red line, must win or ranking';

describe('PB1001 unexpected character', () => {
  it('PB1001 a curly quote (text copied from a word processor) names itself and says which quote to type', () => {
    const all = diagnose(edit(['commission "commission"', 'commission \u201ccommission\u201d']));
    expect(all[0]).toMatchObject({
      code: 'PB1001',
      message: 'unexpected character "\u201c", a typographic quote',
      hint: 'write names and texts between straight double quotes ("orders commission"), as a word processor copy replaces them with curly ones',
    });
  });
  diagnosticCase({
    name: 'a stray $ after a field declaration',
    code: 'PB1001',
    bad: edit(['  field amount  money\n', '  field amount  money ⟦$⟧\n']),
    fixed: BASE,
    message: 'unexpected character "$"',
    hint: 'remove it, or put text in double quotes',
  });
  diagnosticCase({
    name: 'an emoji after a field declaration: named whole (not "\ufffd"), the caret under both of its UTF-16 units',
    code: 'PB1001',
    bad: edit(['  field amount  money\n', '  field amount  money ⟦\u{1F600}⟧\n']),
    fixed: BASE,
    message: 'unexpected character "\u{1F600}"',
    hint: 'remove it, or put text in double quotes',
  });
  it('PB1001 a percent with a point and no decimals (2.%, 2. %): one error at the point, nothing after it', () => {
    // Before, `base rate 2.%` gave six errors: the 2, the %, and a "expected a quoted text" for each line under it.
    for (const written of ['2.%', '2. %']) {
      const { text, span } = marked(edit(['  base rate 2%', `  base rate 2⟦.⟧${written.slice(2)}`]));
      const all = diagnose(text);
      expect(all).toHaveLength(1);
      expectDiagnostic(all[0], span, { code: 'PB1001', message: `unexpected character "." in ${written}: a decimal point needs digits after it`, hint: 'write 2%, or the percent with its decimals (2.5%)' });
    }
    // Inside a text it is the text's own business.
    expect(diagnose(edit(['credit deals when won', 'credit "at 2.% off" deals when won']))).toEqual([]);
  });
  it('PB1003 a percent with a decimal comma (2,5%): one error at the comma, nothing after it', () => {
    // Before, `base rate 2,5%` gave "expected a percent such as 20% but found "2"" and one error per line under it.
    const { text, span } = marked(edit(['  base rate 2%', '  base rate 2⟦,⟧5%']));
    const all = diagnose(text);
    expect(all).toHaveLength(1);
    expectDiagnostic(all[0], span, { code: 'PB1003', message: "2,5% is written with a decimal comma; a percent's decimals follow a point", hint: 'write 2.5%' });
    // A comma before three digits groups thousands, and a comma between list items has a space after it: both read as before.
    expect(diagnose(edit(['  base rate 2%', '  base rate 2,500%'])).map((d) => d.code)).not.toContain('PB1003');
  });
  diagnosticCase({
    name: 'a colon after a setting\'s name (currency: USD), as a form or a YAML file writes it',
    code: 'PB1001',
    bad: edit(['  currency USD ·', '  currency⟦:⟧ USD ·']),
    fixed: BASE,
    message: 'unexpected character ":"',
    hint: 'remove it: a playbook writes a setting and its value with no colon between them (currency USD, plan period 2017, base rate 2%)',
  });
  diagnosticCase({
    name: 'a full-width colon (an input method in full-width mode), named as such',
    code: 'PB1001',
    bad: edit(['  base rate 2%', '  base rate⟦\uff1a⟧2%']),
    fixed: BASE,
    message: 'unexpected character "\uff1a", a full-width colon',
    hint: 'remove it: a playbook writes a setting and its value with no colon between them (currency USD, plan period 2017, base rate 2%)',
  });
  diagnosticCase({
    name: 'a character that is no operator, in a condition',
    code: 'PB1001',
    bad: edit(['won  when stage = "Won"', 'won  when stage = "Won" ⟦&⟧']),
    fixed: BASE,
    message: 'unexpected character "&"',
    hint: 'remove it, or put text in double quotes',
  });
});

describe('PB1001 full-width signs and curly quotes are read as the plain character, one error each', () => {
  const FULL_WIDTH_HINT = (plain: string, typed: string) => `type the plain "${plain}": an input method in full-width mode types "${typed}" instead (a rule's name or a message that holds it goes between double quotes)`;
  it('PB1001 a name between curly single quotes (‘orders commission’): the two quotes, and nothing about the words between', () => {
    // Before, the words between gave "expected a quoted text" and the next section "expected 'deals'".
    const text = edit(['commission "commission" on', 'commission \u2018commission\u2019 on']);
    const all = diagnose(text);
    const line = text.split('\n').findIndex((l) => l.includes('\u2018')) + 1;
    expect(all.map((d) => [d.code, d.span.line, d.span.column, d.message])).toEqual([
      ['PB1001', line, 12, 'unexpected character "\u2018", a typographic quote'],
      ['PB1001', line, 23, 'unexpected character "\u2019", a typographic quote'],
    ]);
    // An apostrophe inside a text is the text's own.
    expect(diagnose(edit(['credit deals when won', 'credit "the client\u2019s deals" deals when won']))).toEqual([]);
  });
  diagnosticCase({
    name: 'a full-width percent sign in the base rate (no error on the table lines below it)',
    code: 'PB1001',
    bad: edit(['  base rate 2%', '  base rate 2⟦％⟧']),
    fixed: BASE,
    message: 'unexpected character "％", a full-width "%"',
    hint: FULL_WIDTH_HINT('%', '％'),
  });
  diagnosticCase({
    name: 'a full-width digit starting a number',
    code: 'PB1001',
    bad: edit(['  base rate 2%', '  base rate ⟦２⟧%']),
    fixed: BASE,
    message: 'unexpected character "２", a full-width "2"',
    hint: FULL_WIDTH_HINT('2', '２'),
  });
  diagnosticCase({
    name: 'two full-width signs in a row are one error',
    code: 'PB1001',
    bad: edit(['won  when stage = "Won"', 'won  when amount ⟦＞＝⟧ 0']),
    fixed: edit(['won  when stage = "Won"', 'won  when amount >= 0']),
    message: 'unexpected characters "＞＝", full-width ">="',
    hint: FULL_WIDTH_HINT('>=', '＞＝'),
    alone: false,
  });
  it('PB1001 full-width parentheses and comma in an expression: one error at each, nothing else', () => {
    const text = edit(['credit deals when won to rep on closed amount amount', 'credit deals when won to rep on closed amount （min(amount， 100)）']);
    const found = diagnose(text);
    expect(found.map((d) => [d.code, d.span.line, d.span.column, d.span.endColumn, d.message])).toEqual([
      ['PB1001', 17, 47, 47, 'unexpected character "（", a full-width "("'],
      ['PB1001', 17, 58, 58, 'unexpected character "，", a full-width ","'],
      ['PB1001', 17, 64, 64, 'unexpected character "）", a full-width ")"'],
    ]);
  });
  it('PB1001 curly quotes around a text that holds a full-width sign: the two quotes only (the sign is part of the text)', () => {
    const text = withRules('red line "r" on deals when won review\n  message \u201cDeals under 20\uff05 margin\u201d\n');
    const found = diagnose(text);
    expect(found.map((d) => [d.code, d.span.line, d.span.column, d.message])).toEqual([
      ['PB1001', 23, 11, 'unexpected character "\u201c", a typographic quote'],
      ['PB1001', 23, 34, 'unexpected character "\u201d", a typographic quote'],
    ]);
  });
  it('PB1001 a curly-quoted text ending in a full-width sign, or holding a #, is read whole: the two quotes only', () => {
    const QUOTE = 'unexpected character "\u201d", a typographic quote';
    for (const [message, closing] of [['\u201c毛利分成（试行）\u201d', 20], ['\u201ca\uff05\u201d', 14], ['\u201c30% # of target\u201d', 27]] as const) {
      const found = diagnose(withRules(`red line "r" on deals when won review\n  message ${message}\n`));
      expect(found.map((d) => [d.code, d.span.line, d.span.column, d.message])).toEqual([
        ['PB1001', 23, 11, 'unexpected character "\u201c", a typographic quote'],
        ['PB1001', 23, closing, QUOTE],
      ]);
    }
  });
  it('PB1001 a curly quote inside a straight-quoted text is part of the text', () => {
    expect(diagnose(withRules('red line "r" on deals when won review\n  message "a \\" \u201d b"\n'))).toEqual([]);
  });
  it('PB1001 Chinese title marks around a name, and an ideographic full stop in a number', () => {
    const found = diagnose(withRules('red line \u300ar\u300b on deals when amount > 1\u30025 review\n  message "ok"\n'));
    expect(found.map((d) => [d.code, d.span.line, d.span.column, d.message])).toEqual([
      ['PB1001', 22, 10, 'unexpected character "\u300a", a typographic quote'],
      ['PB1001', 22, 12, 'unexpected character "\u300b", a typographic quote'],
      ['PB1001', 22, 38, 'unexpected character "\u3002", an ideographic "."'],
    ]);
  });
  it('PB1001 a full-width sign whose plain form is no better (＄) is reported once, as typed', () => {
    const found = diagnose(withRules('red line "r" on deals when won review\n  message "ok" \uff04\n'));
    expect(found.map((d) => [d.code, d.span.line, d.span.column, d.message, d.hint])).toEqual([
      ['PB1001', 23, 16, 'unexpected character "\uff04"', 'remove it, or put text in double quotes'],
    ]);
  });
  it('full-width signs inside a quoted text or a comment are read as written', () => {
    const text = withRules('# 折扣（超过２０％）需要审批\nred line "折扣（一）" on deals when won review\n  message "毛利低于２０％，需要审批"\n');
    expect(diagnose(text)).toEqual([]);
  });
});

describe('PB1002 text without its closing quote', () => {
  const bad = withRules('red line "r" on deals when won review\n  message ⟦"Deals need a review⟧\n');
  it('PB1002 is reported at the unterminated text, with its hint', () => {
    const { text, span } = marked(bad);
    const found = diagnose(text).filter((d) => d.code === 'PB1002');
    expect(found).toHaveLength(1);
    expectDiagnostic(found[0], span, {
      code: 'PB1002',
      message: 'this text has no closing double quote',
      hint: 'end the text with " on the same line',
    });
  });
  it('PB1002 gone once the quote is closed', () => {
    const fixed = withRules('red line "r" on deals when won review\n  message "Deals need a review"\n');
    expect(diagnose(fixed)).toEqual([]);
  });
  it('PB1002 an unterminated text is reported once, not also as PB1003', () => {
    const { text } = marked(bad);
    expect(diagnose(text).map((d) => d.code)).toEqual(['PB1002']);
  });
});

describe('PB1003 expected something else', () => {
  diagnosticCase({
    name: 'a missing keyword in the credit rule',
    code: 'PB1003',
    bad: edit(['credit deals when won to rep on', 'credit deals when won ⟦rep⟧ on']),
    fixed: BASE,
    message: `expected 'to' but found "rep"`,
    hint: null,
  });
  diagnosticCase({
    name: 'a band cut short at the end of the file (points just after the last token)',
    code: 'PB1003',
    bad: edit(['  from 0 pay base\n', '  from 0 pay⟦⟧\n']),
    fixed: BASE,
    message: `expected a percent such as 20%, a number or 'base' but found the end of the file`,
    hint: null,
  });
  diagnosticCase({
    name: 'a period unit misspelt',
    code: 'PB1003',
    bad: edit(['on credited per year marginal', 'on credited per ⟦yaer⟧ marginal']),
    fixed: BASE,
    message: `expected 'year', 'quarter' or 'month' but found "yaer"`,
    hint: null,
  });
});

describe('PB1004 commission table without marginal/retroactive', () => {
  diagnosticCase({
    name: 'the method is left out',
    code: 'PB1004',
    bad: edit(['per year marginal\n  base rate', 'per year\n  ⟦base⟧ rate']),
    fixed: BASE,
    message: 'say whether this commission table is marginal or retroactive',
    hint: 'marginal: each band pays its own rate on the part that falls in it; retroactive: the band reached pays its rate on the whole amount',
  });
  diagnosticCase({
    name: 'a misspelt method',
    code: 'PB1004',
    bad: edit(['per year marginal', 'per year ⟦marginally⟧']),
    fixed: edit(['per year marginal', 'per year retroactive']),
    message: 'say whether this commission table is marginal or retroactive',
    hint: /^did you mean "marginal"\? marginal: each band pays its own rate/,
  });
  it('PB1004 the rest of the commission table survives, so forfeiting its excess component is not an error', () => {
    const text = withRules('must win "key accounts" when lost forfeit "accelerator"\n').replace(
      'per year marginal\n  base rate 2%\n  from 0 pay base\n',
      'per year\n  base rate 2%\n  from 0 pay base\n  from 300,000 pay 2 × base\n  report excess over base as "accelerator"\n',
    );
    expect(diagnose(text).map((d) => d.code)).toEqual(['PB1004']);
  });
});

describe('PB1005 text that does not start a section', () => {
  diagnosticCase({
    name: 'a stray word at the end of the file',
    code: 'PB1005',
    bad: withRules('⟦xyzzy⟧\n'),
    fixed: BASE,
    message: '"xyzzy" does not start a section',
    hint: SECTION_HINT,
  });
  diagnosticCase({
    name: 'a stray parenthesis at the end of the file',
    code: 'PB1005',
    bad: withRules('⟦)⟧\n'),
    fixed: BASE,
    message: '")" does not start a section',
    hint: SECTION_HINT,
  });
  it('PB1005 a stray word between two sections is PB1005, not "expected EOF"', () => {
    const { text, span } = marked(edit(['\ncommission "commission"', '\n⟦xyzzy⟧\ncommission "commission"']));
    const all = diagnose(text);
    expect(all.map((d) => d.code)).toEqual(['PB1005']);
    expectDiagnostic(all[0], span, { code: 'PB1005', message: '"xyzzy" does not start a section', hint: SECTION_HINT });
  });
  it('(the recovery itself works: sections after the stray word are still checked)', () => {
    const text = edit(['\ncommission "commission"', '\nbogus\ncommission "commission"']) + 'bonus "b" per deal when amont > 0 pay 5\n';
    const codes = diagnose(text).map((d) => d.code);
    expect(codes).toContain('PB2001');
    expect(codes).toHaveLength(2);
  });
  diagnosticCase({
    name: 'a plan period written as a month (plan period 2017-03): the plan period is a fiscal year',
    code: 'PB1005',
    bad: edit(['plan period 2017', 'plan period ⟦2017-⟧03']),
    fixed: BASE,
    message: 'the plan period is one fiscal year, written as the calendar year it starts in: plan period 2017, not a month or a quarter',
    hint: 'write plan period 2017; rules are paid per month or per quarter inside the year (commission … per month, bonus … per rep per quarter), and a rule in force for part of the year takes effective from "…" until "…"',
  });
  it('PB1005 a plan period written as a quarter (2017-Q1) gets the same message, once', () => {
    const all = diagnose(edit(['plan period 2017', 'plan period 2017-Q1']));
    expect(all.map((d) => d.code)).toEqual(['PB1005']);
    expect(all[0].message).toContain('the plan period is one fiscal year');
  });
  it('PB1005 a misspelt section word: "did you mean", and one report, not one per line under it', () => {
    // Before, `comission` also gave "expected a quoted text but found "base"" for `from 0 pay base` (read as `pay "…" in stages`).
    const { text, span } = marked(
      edit([
        'commission "commission" on credited per year marginal\n  base rate 2%\n  from 0 pay base\n',
        '⟦comission⟧ "commission" on credited per year marginal\n  base rate 2%\n  from 0 pay base\n  from 100,000 pay 2 × base\n',
      ]),
    );
    const all = diagnose(text);
    expect(all.map((d) => d.code)).toEqual(['PB1005']);
    expectDiagnostic(all[0], span, {
      code: 'PB1005',
      message: '"comission" does not start a section',
      hint: `did you mean "commission"? (${SECTION_HINT}); the lines under it, to line ${span.line + 3}, are read once this line starts a section, so their errors are not listed yet`,
    });
    // Fixing the word leaves nothing to fix.
    expect(diagnose(text.replace('comission', 'commission'))).toEqual([]);
  });
  it('PB1003 a section line that breaks off (red lin): one report, not one more for a line under it read out of step', () => {
    // Before, `red lin "floor" on deals` also gave "expected 'deals' but found "message"" on the message line.
    const { text, span } = marked(`${BASE}\nred ⟦lin⟧ "floor" on deals\n  when won and amount < 100\n  block credit\n  message "Deals under 100 earn no credit"\n`);
    const all = diagnose(text);
    expect(all.map((d) => d.code)).toEqual(['PB1003']);
    expectDiagnostic(all[0], span, {
      code: 'PB1003',
      message: 'expected \'line\' but found "lin"',
      hint: `did you mean "line"?; the lines under it, to line ${span.line + 3}, are read once this line is corrected, so their errors are not listed yet`,
    });
    expect(diagnose(text.replace('red lin ', 'red line '))).toEqual([]);
  });
  it('PB1005 a misspelt section written without indentation: one report for it, to the next line that starts a section', () => {
    // Before, each unindented line under `comission` counted as a section line: "expected a quoted text but found "base"" for `from 0 pay base`, and more.
    const commission = [
      'commission "commission" on credited per year marginal\n  base rate 2%\n  from 0 pay base\n',
      '⟦comission⟧ "commission" on credited per year marginal\nbase rate 2%\nfrom 0 pay base\nfrom 100,000 pay 2 × base\nreport excess over base as "kicker"\n',
    ] as [string, string];
    // A misspelt bonus after it is a mistake of its own, reported at its first word wherever it stands: before the stages
    // (chevrotain's recovery skipped it to `pay` and said "expected a quoted text but found "5"") or after them (it was read
    // into the last stage's trigger: ""booking bonsu" is not a stage trigger").
    const bonus = 'bonsu "b" per deal when won pay 5\n';
    const stages = 'pay "kicker" in stages\n  100% at booking\n';
    for (const [rest, bonusLine] of [[bonus + stages, 5], [stages + bonus, 7]] as const) {
      const { text, span } = marked(edit(commission) + rest);
      const all = diagnose(text);
      expect(all.map((d) => [d.code, d.span.line, d.span.column])).toEqual([['PB1005', span.line, 1], ['PB1005', span.line + bonusLine, 1]]);
      expectDiagnostic(all[0], span, {
        code: 'PB1005',
        message: '"comission" does not start a section',
        hint: `did you mean "commission"? (${SECTION_HINT}); the lines under it, to line ${span.line + 3}, are read once this line starts a section, so their errors are not listed yet; 1 error elsewhere, about a name this line defines, is not shown either: it goes away once this line is corrected`,
      });
      expect([all[1].message, all[1].hint]).toEqual(['"bonsu" does not start a section', `did you mean "bonus"? (${SECTION_HINT})`]);
      expect(diagnose(text.replace('comission', 'commission').replace('bonsu', 'bonus'))).toEqual([]);
    }
  });
  it('PB1003 a mistake inside a section: its band lines are not read as `pay … in stages`, and the names it defines are not reported missing', () => {
    // Before, `base rat 2%` also gave "expected a quoted text but found "base"" (and "2") for the band lines,
    // and "there is no commission called "kicker" to pay in stages" for the stages that name its excess.
    const { text, span } = marked(
      edit(['  base rate 2%\n  from 0 pay base\n', '  base ⟦rat⟧ 2%\n  from 0 pay base\n  from 100,000 pay 2 × base\n  report excess over base as "kicker"\n']) +
        'pay "commission", "kicker" in stages\n  100% at booking\n',
    );
    const all = diagnose(text);
    expect(all.map((d) => [d.code, d.span.line])).toEqual([['PB1003', span.line]]);
    expectDiagnostic(all[0], span, {
      code: 'PB1003',
      message: 'expected \'rate\' but found "rat"',
      hint: `did you mean "rate"?; the lines after it, to line ${span.line + 2}, are read once it is corrected, so their errors are not listed yet; 1 error elsewhere, about a name this line defines, is not shown either: it goes away once this line is corrected`,
    });
    expect(diagnose(text.replace('base rat ', 'base rate '))).toEqual([]);
  });
  it('a comma between header items (currency USD, time zone "UTC") separates them as · does: no error', () => {
    // Before, it gave "the playbook does not say its plan period" (false) and "\",\" does not start a section".
    expect(diagnose(edit(['currency USD · time zone "UTC" · fiscal year starts January', 'currency USD, time zone "UTC", fiscal year starts January']))).toEqual([]);
  });
  it('PB1005 a misspelt commission: the uses of its name elsewhere (pay … in stages) are left out, and the hint counts them', () => {
    const { text, span } = marked(
      edit(['commission "commission" on credited per year marginal\n', '⟦comission⟧ "commission" on credited per year marginal\n']) + 'pay "commission" in stages\n  100% at booking\n\nbonus "b" per deal when won and regoin = "East" pay 5\n',
    );
    const all = diagnose(text);
    // "regoin" is written nowhere under the unread line: its error stays.
    expect(all.map((d) => [d.code, d.message])).toEqual([['PB1005', '"comission" does not start a section'], ['PB2001', '"regoin" is not a field of deals']]);
    expectDiagnostic(all[0], span, {
      code: 'PB1005',
      message: '"comission" does not start a section',
      hint: `did you mean "commission"? (${SECTION_HINT}); the lines under it, to line ${span.line + 2}, are read once this line starts a section, so their errors are not listed yet; 1 error elsewhere, about a name this line defines, is not shown either: it goes away once this line is corrected`,
    });
    expect(diagnose(text.replace('comission', 'commission')).map((d) => [d.code, d.message])).toEqual([['PB2001', '"regoin" is not a field of deals']]);
  });
  it('PB1005 a misspelt deals table: "no deals table", its unknown fields and conditions are left out', () => {
    const { text, span } = marked(edit(['table deals from "deals.csv"', '⟦tabel⟧ deals from "deals.csv"']) + 'bonus "b" per deal when won and regoin = "East" pay 5\n');
    const all = diagnose(text);
    // "won" and the table itself are defined under the unread line; without a deals table the rules over deals are not checked further.
    expect(all.map((d) => [d.code, d.message])).toEqual([['PB1005', '"tabel" does not start a section']]);
    expect(all[0].span).toEqual(span);
    expect(all[0].hint).toMatch(/^did you mean "table"\? \(each section starts with [^)]*\); \d+ errors elsewhere, about names this line defines, are not shown: they go away once this line is corrected$/);
    expect(diagnose(text.replace('tabel', 'table')).map((d) => [d.code, d.message])).toEqual([['PB2001', '"regoin" is not a field of deals']]);
  });
  it('PB1005 a misspelt deals table or credit rule: a mistake in a quota, which reads the reps table only, is still reported', () => {
    // Before, nothing named the rep table without the credit rule, so the quotas went unchecked until the typo was fixed.
    const withQuota = (first: [string, string]) =>
      marked(edit(first, ['  field name text key\n', '  field name text key\n  field target money\n']) + 'quota q = ⟦targte⟧ per year split evenly by month\n');
    for (const [first, word] of [[['table deals from "deals.csv"', 'tabel deals from "deals.csv"'], 'tabel'], [['credit deals when won to rep on', 'credti deals when won to rep on'], 'credti']] as const) {
      const { text, span } = withQuota([...first]);
      const all = diagnose(text);
      expect(all.map((d) => [d.code, d.message])).toEqual([['PB1005', `"${word}" does not start a section`], ['PB2001', '"targte" is not a field of reps']]);
      expectDiagnostic(all[1], span, { code: 'PB2001', message: '"targte" is not a field of reps', hint: 'did you mean "target"?' });
    }
  });
  it('PB1005 "red lin" suggests "red line"; a word far from every section word gets no suggestion', () => {
    expect(diagnose(withRules('redd line "r" on deals when amount > 5 review\n'))[0].hint).toBe(`did you mean "red line"? (${SECTION_HINT})`);
    expect(diagnose(withRules('bonsu "b" per deal when won pay 5\n'))[0].hint).toBe(`did you mean "bonus"? (${SECTION_HINT})`);
    expect(diagnose(withRules('xyzzy\n'))[0].hint).toBe(SECTION_HINT);
    expect(diagnose(withRules('day "d"\n'))[0].hint).toBe(SECTION_HINT); // one letter from "pay": a word of three letters or fewer is too short to guess from
    expect(diagnose(withRules('bogus\n'))[0].hint).toBe(`did you mean "bonus"? (${SECTION_HINT})`);
  });
  it('PB1005 "redline" and "mustwin" written as one word suggest the two-word sections', () => {
    expect(diagnose(withRules('redline "r" on deals when amount > 5 review\n'))[0].hint).toBe(`did you mean "red line"? (${SECTION_HINT})`);
    expect(diagnose(withRules('mustwin "m"\n'))[0].hint).toBe(`did you mean "must win"? (${SECTION_HINT})`);
  });
  it('PB1005 a misspelt credit rule: "the playbook has no credit rule" is left out and counted in the hint', () => {
    const { text, span } = marked(edit(['credit deals when won to rep on', '⟦credti⟧ deals when won to rep on']));
    const all = diagnose(text);
    expect(all.map((d) => d.code)).toEqual(['PB1005']);
    expect(all[0].span).toEqual(span);
    expect(all[0].hint).toBe(`did you mean "credit"? (${SECTION_HINT}); 1 error elsewhere, about a name this line defines, is not shown: it goes away once this line is corrected`);
    // A section far from credit does not hide the missing credit rule.
    const other = diagnose(edit(['credit deals when won to rep on', 'bonsu deals when won to rep on']));
    expect(other.map((d) => d.code)).toEqual(['PB2202', 'PB1005']);
  });
  it('PB1005 no message ever names the internal token EOF', () => {
    const text = withRules('bogus here\n');
    for (const d of diagnose(text)) expect(d.message).not.toMatch(/\bEOF\b/);
  });
});

describe('PB1006 playbook too long', () => {
  it('PB1006 a text over the limit is refused with one diagnostic at 1:1', () => {
    const text = BASE + '#'.repeat(MAX_SOURCE_CHARS - BASE.length) + '\n';
    expect(text.length).toBe(MAX_SOURCE_CHARS + 1);
    const result = checkSource(text);
    expect(result.checked).toBeNull();
    const found = result.diagnostics.filter((d) => d.code === 'PB1006');
    expect(found).toHaveLength(1);
    expectDiagnostic(found[0], { line: 1, column: 1, endLine: 1, endColumn: 1 }, {
      code: 'PB1006',
      message: `the playbook is ${MAX_SOURCE_CHARS + 1} characters long; the limit is ${MAX_SOURCE_CHARS}`,
      hint: 'split it, or check that this is the right file',
    });
  });
  it('PB1006 is the only finding for a text over the limit', () => {
    const text = BASE + '#'.repeat(MAX_SOURCE_CHARS - BASE.length) + '\n';
    expect(checkSource(text).diagnostics.map((d) => d.code)).toEqual(['PB1006']);
  });
  it('PB1006 gone at exactly the limit', () => {
    const text = BASE + '#'.repeat(MAX_SOURCE_CHARS - BASE.length);
    expect(text.length).toBe(MAX_SOURCE_CHARS);
    const result = checkSource(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.checked).not.toBeNull();
  });
});

describe('PB1007 an expression too deeply nested or too long', () => {
  diagnosticCase({
    name: 'parentheses nested 51 deep (points at the 51st)',
    code: 'PB1007',
    bad: withRules(`bonus "b" per deal when won pay ${'('.repeat(50)}⟦(⟧1${')'.repeat(51)}\n`),
    fixed: withRules(`bonus "b" per deal when won pay ${'('.repeat(50)}1${')'.repeat(50)}\n`),
    message: 'this expression is too complex to read: parentheses nested more than 50 deep',
    hint: 'split it into derived fields (derive x = …) and combine those',
  });
  it('PB1007 thousands of "not" or of terms never overflow the stack: one clear finding', () => {
    for (const expr of [`${'not '.repeat(5000)}won`, Array(3000).fill('1').join(' + ')]) {
      const all = diagnose(withRules(`bonus "b" per deal when won pay ${expr.startsWith('not') ? '1' : expr}\n`.replace('when won', expr.startsWith('not') ? `when ${expr}` : 'when won')));
      expect(all.map((d) => d.code)).toEqual(['PB1007']);
    }
  });
});
