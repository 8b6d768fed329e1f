/** `playbook compile FILE --target graph|json-rules-engine|json-schema`: the compiled playbook as JSON. */
import { basename } from 'node:path';
import { ruleGraphJsonSchema } from '../graph/json-schema.js';
import { exportJsonRulesEngine } from '../interop/jre/export.js';
import { tableJsonSchema } from '../interop/table-schema.js';
import { compileForRun } from './compiled.js';
import { UsageError } from './errors.js';
import { emit, say } from './output.js';

export const COMPILE_TARGETS = ['graph', 'json-rules-engine', 'json-schema', 'sql'] as const;
export const SQL_DIALECTS = ['duckdb', 'spark'] as const;

/** Prints (or writes with --out) the chosen export; 1 when the playbook has errors. */
export async function runCompile(file: string, flags: { target: string; out?: string; dialect?: string }): Promise<number> {
  if (!(COMPILE_TARGETS as readonly string[]).includes(flags.target)) throw new UsageError(`--target must be one of ${COMPILE_TARGETS.join(', ')}, not "${flags.target}"`);
  const dialect = flags.dialect ?? 'duckdb';
  if (!(SQL_DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(`--dialect must be one of ${SQL_DIALECTS.join(', ')}, not "${dialect}"`);
  if (flags.dialect !== undefined && flags.dialect !== 'duckdb' && flags.target !== 'sql') throw new UsageError('--dialect goes with --target sql');
  if (flags.target === 'sql') return (await import('./compile-sql-command.js')).runCompileSql(file, dialect as (typeof SQL_DIALECTS)[number], flags.out);
  const run = compileForRun(file, 'compile', flags);
  if (!run) return 1;
  // compile has no --data, so the data folder is unknown: an --out named like a table's file is refused
  // (it is most likely that export, next to the playbook or in the current folder).
  const outName = flags.out === undefined ? undefined : basename(flags.out);
  const table = run.graph.tables.find((t) => t.file === outName);
  if (table) throw new UsageError(`--out "${flags.out}" has the name of ${table.file}, the file this playbook reads for table ${table.name}: writing there could replace that export; choose another name`);
  let doc: unknown = run.graph;
  if (flags.target === 'json-rules-engine') {
    const jre = exportJsonRulesEngine(run.graph);
    // Said on standard error as well, so a rule left out is never missed when the JSON goes to a file.
    for (const n of jre.notExported) say(`note: ${n.id} is not exported: ${n.reason}`);
    doc = jre;
  } else if (flags.target === 'json-schema') {
    doc = { ruleGraph: ruleGraphJsonSchema(), tables: Object.fromEntries(run.graph.tables.map((t) => [t.name, tableJsonSchema(t)])) };
  }
  emit(`${JSON.stringify(doc, null, 2)}\n`, flags.out, run.reads);
  return 0;
}
