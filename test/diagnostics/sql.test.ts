/**
 * PB6001–PB6002: what the SQL back end (compile --target sql, simulate --engine duckdb) refuses,
 * with the rule named, the position of the rule's first line and the message an analyst acts on.
 * The playbooks check clean; the refusal comes from compiling them to SQL.
 */
import { describe, expect, it } from 'vitest';
import { SqlRefusal, compileToSql } from '../../src/interop/sql/index.js';
import type { DialectName } from '../../src/interop/sql/index.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { BASE, editText, marked, withRules } from './helpers.js';

interface SqlCase {
  name: string;
  code: 'PB6001' | 'PB6002';
  dialect: DialectName;
  /** The playbook with the refused rule's first line marked ⟦…⟧. */
  bad: string;
  /** The same playbook without the construct: it compiles. */
  fixed: string;
  message: string;
  hint: string;
}

function refusalOf(text: string, dialect: DialectName): SqlRefusal | null {
  const compiled = compilePlaybookSource('plan.playbook', text);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  try {
    compileToSql(compiled.graph!, { dialect, source: text });
    return null;
  } catch (e) {
    if (e instanceof SqlRefusal) return e;
    throw e;
  }
}

function sqlCase(c: SqlCase): void {
  it(`${c.code} ${c.name}`, () => {
    const { text, span } = marked(c.bad);
    const refusal = refusalOf(text, c.dialect);
    expect(refusal?.diagnostic).toEqual({ code: c.code, severity: 'error', message: c.message, span, hint: c.hint });
    expect(refusalOf(c.fixed, c.dialect)).toBeNull();
  });
}

describe('rules the SQL back end refuses, named with their line and column', () => {
  sqlCase({
    name: 'a quota prorated for reps who join during the year',
    code: 'PB6001',
    dialect: 'duckdb',
    bad: editText(withRules('\n⟦quota target = 100,000 per year split evenly by month prorated by months from start⟧\n'), ['  field name text key', '  field name text key\n  field start date "YYYY-MM-DD" optional']),
    fixed: editText(withRules('\nquota target = 100,000 per year split evenly by month\n'), ['  field name text key', '  field name text key\n  field start date "YYYY-MM-DD" optional']),
    message: '"target" cannot be compiled to DuckDB SQL: it uses a quota prorated for reps who join during the year, which the SQL back end does not support yet',
    hint: 'run it with the JavaScript engine (without --engine duckdb); docs/sql.md lists what each dialect supports',
  });
  sqlCase({
    name: 'a year-to-date basis',
    code: 'PB6001',
    dialect: 'spark',
    bad: withRules('\n⟦commission "ytd" on year-to-date credited paid per quarter marginal⟧\n  from 0 pay 1%\n'),
    fixed: withRules('\ncommission "ytd" on credited per quarter marginal\n  from 0 pay 1%\n'),
    message: '"ytd" cannot be compiled to Spark SQL: it uses a year-to-date basis, which the SQL back end does not support yet',
    hint: 'run it with the JavaScript engine (without --engine duckdb); docs/sql.md lists what each dialect supports',
  });
  sqlCase({
    name: 'a rounding step Spark cannot apply exactly',
    code: 'PB6002',
    dialect: 'spark',
    bad: editText(BASE, ['  plan period 2017', '  plan period 2017\n  rounding half-down to 0.01 per payout line'], ['commission "commission" on credited per year marginal', '⟦commission "commission" on credited per year marginal⟧']),
    fixed: editText(BASE, ['  plan period 2017', '  plan period 2017\n  rounding half-even to 0.01 per payout line']),
    message: '"commission" pays lines rounded half-down to 0.01, which Spark SQL cannot round exactly',
    hint: 'Spark SQL rounds exactly half-up (round), half-even (bround), up and down; use one of those, or the DuckDB dialect',
  });
  it('DuckDB rounds half-down exactly, so the same playbook compiles for DuckDB', () => {
    expect(refusalOf(editText(BASE, ['  plan period 2017', '  plan period 2017\n  rounding half-down to 0.01 per payout line']), 'duckdb')).toBeNull();
  });
});
