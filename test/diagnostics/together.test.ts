/**
 * Diagnostics as the analyst meets them: several mistakes in one run, the
 * compiler-style rendering and robustness against broken text. The catalogue
 * of codes is tested in registry.test.ts.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playbookLexer } from '../../grammar/lexer.js';
import { checkSource } from '../../src/check/index.js';
import { formatDiagnostic } from '../../src/language/format-diagnostic.js';
import { BASE, diagnose, edit, expectDiagnostic, withRules } from './helpers.js';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

describe('three independent mistakes in one file', () => {
  // Line numbers are written out on purpose: this is what `playbook check` prints.
  const text =
    edit(
      ['per year marginal\n', 'per year\n'], // line 19: no marginal/retroactive
      ['  from 0 pay base\n', '  from 0 pay base\n  from 300,000 pay 2 × base\n'],
    ) +
    [
      '', //                                       line 23
      'red line "deep discount" on deals', //       line 24
      '  when won and amont > 100,000', //          line 25: misspelt field
      '  block credit',
      '',
      'must win "key accounts"', //                 line 28
      '  when lost and amount > 50,000',
      '  forfeit "comission"', //                   line 30: unknown component
      '',
    ].join('\n');

  it('reports all three, in source order, each at its own line and column', () => {
    const all = diagnose(text);
    expect(all.map((d) => [d.code, d.span.line, d.span.column])).toEqual([
      ['PB1004', 20, 3],
      ['PB2001', 25, 16],
      ['PB2005', 30, 11],
    ]);
    expectDiagnostic(all[0], { line: 20, column: 3, endLine: 20, endColumn: 6 }, {
      code: 'PB1004',
      message: 'say whether this commission table is marginal or retroactive',
      hint: /^marginal: each band pays its own rate/,
    });
    expectDiagnostic(all[1], { line: 25, column: 16, endLine: 25, endColumn: 20 }, {
      code: 'PB2001',
      message: '"amont" is not a field of deals',
      hint: 'did you mean "amount"?',
    });
    expectDiagnostic(all[2], { line: 30, column: 11, endLine: 30, endColumn: 21 }, {
      code: 'PB2005',
      message: 'there is no payout component "comission" to forfeit',
      hint: 'did you mean "commission"?',
    });
    expect(checkSource(text).checked).toBeNull();
  });

  it('fixing all three leaves a clean playbook', () => {
    const fixed = text.replace('per year\n', 'per year marginal\n').replace('amont', 'amount').replace('"comission"', '"commission"');
    expect(diagnose(fixed)).toEqual([]);
  });

  it('fixing one leaves exactly the other two', () => {
    const fixed = text.replace('amont', 'amount');
    expect(diagnose(fixed).map((d) => d.code)).toEqual(['PB1004', 'PB2005']);
  });
});

describe('formatDiagnostic: file:line:col, the source line, a caret, the hint', () => {
  const text = withRules('red line "deep discount" on deals\n  when won and amont > 100,000\n  block credit\n');

  it('renders like a compiler: header, gutter with the line number, carets under the name, hint', () => {
    const [d] = diagnose(text);
    expect(formatDiagnostic(d, 'plans/q1.playbook', text)).toBe(
      [
        'plans/q1.playbook:23:16: error PB2001: "amont" is not a field of deals',
        '  23 |   when won and amont > 100,000',
        '     |                ^^^^^',
        '  hint: did you mean "amount"?',
      ].join('\n'),
    );
  });

  it('the caret starts under the first character of the mistake and is as wide as it', () => {
    const [d] = diagnose(text);
    const [, source, caret] = formatDiagnostic(d, 'f', text).split('\n');
    const sourceText = source.slice(source.indexOf('| ') + 2);
    const caretText = caret.slice(caret.indexOf('| ') + 2);
    expect(sourceText.slice(caretText.indexOf('^'), caretText.lastIndexOf('^') + 1)).toBe('amont');
  });

  it('a diagnostic without a hint has no hint line', () => {
    const bad = edit(['credit deals when won to rep on', 'credit deals when won rep on']);
    const [d] = diagnose(bad);
    expect(d.code).toBe('PB1003');
    expect(formatDiagnostic(d, 'x.playbook', bad)).toBe(
      [
        `x.playbook:17:23: error PB1003: expected 'to' but found "rep"`,
        '  17 | credit deals when won rep on closed amount amount',
        '     |                       ^^^',
      ].join('\n'),
    );
  });

  it('a span over several lines is underlined to the end of its first line', () => {
    const bad = edit(['currency USD · ', '']);
    const [d] = diagnose(bad);
    expect(d.code).toBe('PB2101');
    expect(formatDiagnostic(d, 'x.playbook', bad).split('\n').slice(0, 3)).toEqual([
      'x.playbook:1:1: error PB2101: the playbook does not say its currency',
      '  1 | playbook "Base"',
      '    | ^^^^^^^^^^^^^^^',
    ]);
  });

  it('Windows line endings give the same positions and the same rendering', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const [a] = diagnose(text);
    const [b] = diagnose(crlf);
    expect(b).toEqual(a);
    expect(formatDiagnostic(b, 'f', crlf)).toBe(formatDiagnostic(a, 'f', text));
  });

  it('the caret is under the mistake on screen when the line has wide (CJK) characters before it', () => {
    const cjk = withRules('red line "大客户" on deals when amont > 0 review\n');
    const [d] = diagnose(cjk);
    const [, , caret] = formatDiagnostic(d, 'f', cjk).split('\n');
    // "red line " (9) + the quote (1) + "大客户" (6 columns) + "\" on deals when " (16) = 32 columns before "amont".
    expect(caret).toBe(`     | ${' '.repeat(32)}^^^^^`);
  });
});

describe('broken text never makes the checker throw', () => {
  const references = ['playbooks/maven-crm-2017.playbook', 'playbooks/key-account.playbook'];

  /**
   * Checks `text` and the invariants every result keeps: no exception, `checked` is
   * null exactly when there is an error, every finding has a code, a message and a
   * position inside the text, and renders. (Positions must be ≥ 1; see the it.fails
   * below for the one case where they are 0:0.)
   */
  function checkInvariants(text: string): void {
    const result = checkSource(text);
    const hasError = result.diagnostics.some((d) => d.severity === 'error');
    expect(result.checked === null).toBe(hasError);
    const lines = text.split(/\r?\n/).length;
    for (const d of result.diagnostics) {
      expect(d.code).toMatch(/^PB\d{4}$/);
      expect(d.message.length).toBeGreaterThan(0);
      expect(d.span.line).toBeLessThanOrEqual(lines);
      expect(d.span.endLine).toBeGreaterThanOrEqual(d.span.line);
      expect(() => formatDiagnostic(d, 'f.playbook', text)).not.toThrow();
    }
  }

  it('a file without its `playbook "name"` line: every finding has a real position (line and column ≥ 1)', () => {
    const text = BASE.replace('playbook "Base"\n', '');
    const all = diagnose(text);
    expect(all.length).toBeGreaterThan(0);
    for (const d of all) {
      expect(d.span.line, `${d.code} ${d.message}`).toBeGreaterThanOrEqual(1);
      expect(d.span.column, `${d.code} ${d.message}`).toBeGreaterThanOrEqual(1);
    }
  });

  /**
   * What `check` says about each reference, untouched: no errors; key-account's scoring
   * table rewards two actions its anti-bribery red line reviews (PB4301, on purpose:
   * the method does, and the playbook's comment says `check` flags it).
   */
  const expectedFindings: Record<string, [string, number, number][]> = {
    'playbooks/maven-crm-2017.playbook': [],
    'playbooks/key-account.playbook': [
      ['PB4301', 132, 10], // "family_trip"
      ['PB4301', 133, 10], // "gift"
    ],
  };

  for (const file of references) {
    it(`${file}: the reference itself has no errors, and only the warnings it is known for`, () => {
      const all = diagnose(read(file));
      expect(all.map((d) => [d.code, d.span.line, d.span.column])).toEqual(expectedFindings[file]);
      expect(all.every((d) => d.severity === 'warning')).toBe(true);
    });

    it(`${file}: deleting any one token (every one, in turn) gives findings, never an exception`, () => {
      const source = read(file);
      const { tokens } = playbookLexer.tokenize(source);
      expect(tokens.length).toBeGreaterThan(200);
      // A finding the reference itself does not have (its own warnings do not count).
      const own = diagnose(source).map((d) => d.code).sort().join();
      let withFindings = 0;
      for (const t of tokens) {
        const text = source.slice(0, t.startOffset) + source.slice(t.endOffset! + 1);
        expect(() => checkInvariants(text), `deleting ${JSON.stringify(t.image)} at ${t.startLine}:${t.startColumn}`).not.toThrow();
        if (diagnose(text).map((d) => d.code).sort().join() !== own) withFindings++;
      }
      // A few deletions leave a valid playbook (an `optional`, a `label`, a rule's own name).
      expect(withFindings).toBeGreaterThan(tokens.length * 0.9);
    });

    it(`${file}: random cuts of 1–12 characters never make checkSource throw (seeded)`, () => {
      const source = read(file);
      fc.assert(
        fc.property(fc.nat({ max: source.length - 1 }), fc.integer({ min: 1, max: 12 }), (start, length) => {
          checkInvariants(source.slice(0, start) + source.slice(start + length));
        }),
        { seed: 20170101, numRuns: 300 },
      );
    });
  }
});

describe('the minimal playbook', () => {
  it('BASE itself checks clean (every test edits a valid playbook)', () => {
    const result = checkSource(BASE);
    expect(result.diagnostics).toEqual([]);
    expect(result.checked).not.toBeNull();
  });
});
