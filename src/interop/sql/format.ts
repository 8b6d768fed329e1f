/** The SQL program as one script: the input tables it expects (as CREATE TABLE), then every view in order. */
import type { RuleGraph } from '../../graph/nodes.js';
import type { SqlProgram } from './compile-sql.js';
import { DIALECTS } from './dialect.js';

/** The whole script of `program` for `graph`, ready for `playbook compile --target sql`. */
export function formatSqlProgram(program: SqlProgram, graph: RuleGraph): string {
  const d = DIALECTS[program.dialect];
  const p = graph.playbook;
  const head = [
    `-- Playbook "${p.name}" compiled to ${program.dialect === 'duckdb' ? 'DuckDB' : 'Spark'} SQL (docs/sql.md).`,
    `-- Money in ${p.currency} as exact decimals; dates are wall-clock timestamps in time zone ${p.timeZone}; plan period ${p.planYear}.`,
    `-- Payout lines rounded ${p.rounding.mode} to ${p.rounding.step}. Results: ${program.results.payout.replace(/["`]/g, '')} (per rep), payout_lines, forfeits, and every deal's decisions in ${program.results.deals.replace(/["`]/g, '')}.`,
    '-- Input tables: _pb_row is the row\'s position in its file (0-based), _pb_line its line in the file.',
  ];
  const tables = program.inputs.map((t) => `-- CREATE TABLE ${d.ident(t.table)} (${t.columns.map((c) => `${d.ident(c.name)} ${c.sqlType}`).join(', ')});`);
  return `${[...head, ...tables].join('\n')}\n\n${program.prelude.map((m) => `${m}\n`).join('')}${program.prelude.length > 0 ? '\n' : ''}${program.views.map((v) => v.sql).join('\n\n')}\n`;
}
