/**
 * `playbook check` places a finding's caret with language/diagnostic-text.ts's `asciiWidth` and loads
 * string-width only for a caret line that is not plain ASCII: the quick count must be string-width's
 * for every text it answers, and a wide character must still be measured as two columns.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { asciiWidth, lineWindow, renderDiagnostic } from '../../src/language/diagnostic-text.js';
import { shownName, withShortQuotes } from '../../src/language/shown-name.js';
import { BASE_LINES, diagnose, withRules } from './helpers.js';
import { formatDiagnostic } from '../../src/language/format-diagnostic.js';
import type { Diagnostic } from '../../src/language/diagnostics.js';

const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

describe('asciiWidth', () => {
  it('counts one column per printable ASCII character, as string-width does', () => {
    for (const c of printable) expect([c, asciiWidth(c)]).toEqual([c, stringWidth(c)]);
    const line = '  when won and amount >= 1,000 and `count` != "x" # (a) [b] {c} ~^|\\';
    expect(asciiWidth(line)).toBe(line.length);
    expect(asciiWidth(line)).toBe(stringWidth(line));
    expect(asciiWidth('')).toBe(0);
  });

  it('gives no answer for a tab, a control character, DEL, or anything above U+007E', () => {
    for (const text of ['a\tb', 'a\u0000', '\u007f', 'é', '×', '·', '中文', '😀', 'a\u200bb']) expect(asciiWidth(text)).toBeNull();
  });
});

describe('renderDiagnostic', () => {
  it('shows the first line of a file saved with a byte-order mark without it, the caret under the word', () => {
    const d: Diagnostic = { code: 'PB1003', severity: 'error', message: 'expected \'playbook\' but found "playbok"', span: { line: 1, column: 1, endLine: 1, endColumn: 7 } };
    const lines = renderDiagnostic(d, 'plan.playbook', '\ufeffplaybok "Plan"\n', stringWidth).split('\n');
    expect(lines.slice(1, 3)).toEqual(['  1 | playbok "Plan"', '    | ^^^^^^^']);
  });
  it('shows the line of a file whose lines end with a lone CR (as the lexer counts them), not no excerpt at all', () => {
    // "~" is on line 3, column 20 of a file saved with CR line ends.
    const d: Diagnostic = { code: 'PB1001', severity: 'error', message: 'unexpected character "~"', span: { line: 3, column: 20, endLine: 3, endColumn: 20 } };
    const lines = renderDiagnostic(d, 'plan.playbook', 'playbook "x"\r  currency USD\r  plan period 2026 ~\r', stringWidth).split('\n');
    expect(lines.slice(1, 3)).toEqual(['  3 |   plan period 2026 ~', '    |                    ^']);
  });
  it('repeats the tabs before the word in the caret line, so a tab-indented line keeps its caret under the word', () => {
    // "amont" starts at character 8 of "\twhen \tamont > 1": a tab, "when " (5), a tab, then the word.
    const d: Diagnostic = { code: 'PB2001', severity: 'error', message: '"amont" is not a field of deals', span: { line: 2, column: 8, endLine: 2, endColumn: 12 } };
    for (const width of [stringWidth, (t: string) => asciiWidth(t) ?? stringWidth(t)]) {
      const lines = renderDiagnostic(d, 'plan.playbook', 'table deals from "d.csv"\n\twhen \tamont > 1\n', width).split('\n');
      expect(lines.slice(1, 3)).toEqual(['  2 | \twhen \tamont > 1', '    | \t     \t^^^^^']);
    }
  });
  const d: Diagnostic = { code: 'PB2001', severity: 'error', message: 'no field "区域"', span: { line: 2, column: 13, endLine: 2, endColumn: 14 }, hint: 'did you mean "地区"?' };
  const source = 'table deals from "d.csv"\n  when 销售 = 区域 and x\n';

  it('puts the caret under a wide character by display width: two columns per Chinese character', () => {
    // "区域" is characters 13–14; the 12 before it take 14 columns (销 and 售 two each), "区域" takes 4.
    const text = renderDiagnostic(d, 'p.playbook', source, (t) => asciiWidth(t) ?? stringWidth(t));
    expect(text.split('\n')).toEqual(['p.playbook:2:13: error PB2001: no field "区域"', '  2 |   when 销售 = 区域 and x', `    | ${' '.repeat(14)}^^^^`, '  hint: did you mean "地区"?']);
    expect(formatDiagnostic(d, 'p.playbook', source)).toBe(text);
  });
});

describe('long names and long lines', () => {
  const long = 'x'.repeat(40) + 'y'.repeat(3000) + 'z'.repeat(12);

  it('a quoted name over 60 characters is shown by its first 40 and last 12 characters, in the message and in the list of known names', () => {
    // A component paid in stages that does not exist, next to a commission with a 2,000-character name.
    const name2 = 'c'.repeat(2000);
    const text = withRules(`commission "${name2}" on credited per year marginal\n  base rate 1%\n  from 0 pay base\n\npay "${long}" in stages\n  100% at booking\n`);
    const found = diagnose(text).filter((d) => d.code === 'PB2502');
    expect(found).toHaveLength(1);
    expect(found[0].message).toBe(`there is no commission called "${'x'.repeat(40)}…${'z'.repeat(12)}" to pay in stages`);
    expect(found[0].hint).toBe(`known commissions: ${'c'.repeat(40)}…${'c'.repeat(12)}, commission`);
    expect(found[0].span).toEqual({ line: BASE_LINES + 5, column: 5, endLine: BASE_LINES + 5, endColumn: 5 + long.length + 1 });
  });

  it('a name of 60 characters is shown whole; a Chinese name is cut by characters, never inside one', () => {
    expect(shownName('n'.repeat(60))).toBe('n'.repeat(60));
    const chinese = '销'.repeat(30) + '😀'.repeat(31) + '区'.repeat(12);
    expect(shownName(chinese)).toBe('销'.repeat(30) + '😀'.repeat(10) + '…' + '区'.repeat(12));
  });

  it('quotes pair from the left: the words between two short names are never shortened as if quoted', () => {
    const message = `tier "hot" can never match: every deal it would take is taken first by tier "warm"`;
    expect(withShortQuotes(message)).toBe(message);
    expect(withShortQuotes(`a "${'q'.repeat(61)}" and "b"`)).toBe(`a "${'q'.repeat(40)}…${'q'.repeat(12)}" and "b"`);
  });

  it('a source line over 160 characters is cut around the caret, with … where it was cut', () => {
    const line = `  pay "orders commission", "${long}" in stages`;
    const d: Diagnostic = { code: 'PB2502', severity: 'error', message: 'm', span: { line: 1, column: 1000, endLine: 1, endColumn: 1004 } };
    const out = renderDiagnostic(d, 'p.playbook', `${line}\n`, (t) => asciiWidth(t) ?? stringWidth(t)).split('\n');
    // The window starts 40 characters before the span (character 960 of the line) and holds 160.
    expect(out[1]).toBe(`  1 | …${line.slice(959, 959 + 160)}…`);
    expect(out[2]).toBe(`    | ${' '.repeat(41)}^^^^^`);
    expect(lineWindow('short', 1, 3)).toEqual({ text: 'short', start: 1, end: 3 });
  });

  it('a span running past the window is underlined to the window edge; the end of a long line is shown without a trailing …', () => {
    const line = 'a'.repeat(300);
    expect(lineWindow(line, 0, 300)).toEqual({ text: `${'a'.repeat(160)}…`, start: 0, end: 160 });
    expect(lineWindow(line, 290, 295)).toEqual({ text: `…${'a'.repeat(160)}`, start: 291 - 140, end: 296 - 140 });
  });
});
