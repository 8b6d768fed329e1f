/**
 * `playbook check` places a finding's caret with language/diagnostic-text.ts's `asciiWidth` and loads
 * string-width only for a caret line that is not plain ASCII: the quick count must be string-width's
 * for every text it answers, and a wide character must still be measured as two columns.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { asciiWidth, renderDiagnostic } from '../../src/language/diagnostic-text.js';
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
  const d: Diagnostic = { code: 'PB2001', severity: 'error', message: 'no field "区域"', span: { line: 2, column: 13, endLine: 2, endColumn: 14 }, hint: 'did you mean "地区"?' };
  const source = 'table deals from "d.csv"\n  when 销售 = 区域 and x\n';

  it('puts the caret under a wide character by display width: two columns per Chinese character', () => {
    // "区域" is characters 13–14; the 12 before it take 14 columns (销 and 售 two each), "区域" takes 4.
    const text = renderDiagnostic(d, 'p.playbook', source, (t) => asciiWidth(t) ?? stringWidth(t));
    expect(text.split('\n')).toEqual(['p.playbook:2:13: error PB2001: no field "区域"', '  2 |   when 销售 = 区域 and x', `    | ${' '.repeat(14)}^^^^`, '  hint: did you mean "地区"?']);
    expect(formatDiagnostic(d, 'p.playbook', source)).toBe(text);
  });
});
