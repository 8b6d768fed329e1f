/** `playbook compile FILE --target graph|json-rules-engine|json-schema`: the compiled playbook as JSON. */
import { ruleGraphJsonSchema } from '../graph/json-schema.js';
import { exportJsonRulesEngine } from '../interop/jre/export.js';
import { tableJsonSchema } from '../interop/table-schema.js';
import { compileForRun } from './compiled.js';
import { UsageError } from './errors.js';
import { emit, say } from './output.js';

export const COMPILE_TARGETS = ['graph', 'json-rules-engine', 'json-schema'] as const;

/** Prints (or writes with --out) the chosen export; 1 when the playbook has errors. */
export function runCompile(file: string, flags: { target: string; out?: string }): number {
  if (!(COMPILE_TARGETS as readonly string[]).includes(flags.target)) throw new UsageError(`--target must be one of ${COMPILE_TARGETS.join(', ')}, not "${flags.target}"`);
  const run = compileForRun(file, 'compile', flags);
  if (!run) return 1;
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
