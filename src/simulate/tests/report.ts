/**
 * Test results as text (like `opa test`: one line per test), JSON, or JUnit XML
 * for CI dashboards.
 */
import type { TestOutcome } from './model.js';

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => (l ? `${by}${l}` : l)).join('\n');
}

/** One line per test, PASS or FAIL; each failure with expected, actual, the expectation's line and the trace. */
export function formatTestText(outcomes: TestOutcome[]): string {
  const out: string[] = [];
  for (const o of outcomes) {
    out.push(`${o.passed ? 'PASS' : 'FAIL'}: ${o.name}   ${o.file}:${o.line}`);
    for (const f of o.failures) {
      out.push(`  ${f.at}: ${f.expectation}`, `    expected: ${f.expected}`, `    actual:   ${f.actual}`);
      if (f.trace) out.push('    how the actual value was computed:', indent(f.trace.trimEnd(), '      '));
    }
  }
  const failed = outcomes.filter((o) => !o.passed).length;
  out.push('─'.repeat(40), `PASS: ${outcomes.length - failed}/${outcomes.length}${failed ? `   FAIL: ${failed}/${outcomes.length}` : ''}`);
  return `${out.join('\n')}\n`;
}

/** The outcomes as JSON: `{ passed, failed, tests: [...] }`. */
export function formatTestJson(outcomes: TestOutcome[]): string {
  const failed = outcomes.filter((o) => !o.passed).length;
  return `${JSON.stringify({ passed: outcomes.length - failed, failed, tests: outcomes }, null, 2)}\n`;
}

const xml = (s: string): string => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** JUnit XML: one `testsuite` per test file, one `testcase` per test, a `failure` per failing test. */
export function formatTestJunit(outcomes: TestOutcome[]): string {
  const files = [...new Set(outcomes.map((o) => o.file))];
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites tests="${outcomes.length}" failures="${outcomes.filter((o) => !o.passed).length}">`];
  for (const file of files) {
    const mine = outcomes.filter((o) => o.file === file);
    out.push(`  <testsuite name="${xml(file)}" tests="${mine.length}" failures="${mine.filter((o) => !o.passed).length}">`);
    for (const o of mine) {
      if (o.passed) {
        out.push(`    <testcase name="${xml(o.name)}" classname="${xml(file)}"/>`);
        continue;
      }
      const body = o.failures.map((f) => `${f.at}: ${f.expectation}\nexpected: ${f.expected}\nactual:   ${f.actual}\n${f.trace}`).join('\n');
      out.push(`    <testcase name="${xml(o.name)}" classname="${xml(file)}">`, `      <failure message="${xml(o.failures[0].expectation)}">${xml(body)}</failure>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
