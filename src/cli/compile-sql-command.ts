/** `playbook compile FILE --target sql --dialect duckdb|spark [--out FILE|DIR]`: the rule graph as SQL views (docs/sql.md). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SqlRefusal, compileToSql, formatSqlProgram } from '../interop/sql/index.js';
import { formatDiagnostic } from '../language/format-diagnostic.js';
import { compileForRun } from './compiled.js';
import { emit, say } from './output.js';

/** The playbook's text for diagnostics and line comments ('' when it cannot be read again). */
export function playbookText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Prints a refusal the way `check` prints an error, with what to do; returns the exit status 1. */
export function reportRefusal(e: SqlRefusal, file: string, source: string): number {
  say(formatDiagnostic(e.diagnostic, file, source));
  return 1;
}

/** Prints (or writes) the SQL script; 1 when the playbook has errors or uses what the dialect cannot express. */
export function runCompileSql(file: string, dialect: 'duckdb' | 'spark', out: string | undefined): number {
  // A folder given with --out receives NAME.DIALECT.sql (the playbook's name without .playbook).
  const target = out !== undefined && existsSync(out) && statSync(out).isDirectory() ? join(out, `${basename(file).replace(/\.playbook$/, '')}.${dialect}.sql`) : out;
  const run = compileForRun(file, 'compile', { out: target });
  if (!run) return 1;
  const source = playbookText(file);
  try {
    // DuckDB inlines a chain of views into every query that reads it: each step is a table instead.
    const program = compileToSql(run.graph, { dialect, source, materialize: dialect === 'duckdb' });
    emit(formatSqlProgram(program, run.graph), target, run.reads);
    return 0;
  } catch (e) {
    if (e instanceof SqlRefusal) return reportRefusal(e, file, source);
    throw e;
  }
}
