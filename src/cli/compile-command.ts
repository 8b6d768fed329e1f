/** `playbook compile FILE --target graph`: the compiled rule graph as JSON. */
import { compileForRun } from './compiled.js';
import { UsageError } from './errors.js';
import { emit } from './output.js';

/** Prints (or writes with --out) the rule graph; 1 when the playbook has errors. */
export function runCompile(file: string, flags: { target: string; out?: string }): number {
  if (flags.target !== 'graph') throw new UsageError(`--target must be graph, not "${flags.target}" (other export targets are not available yet)`);
  const run = compileForRun(file, 'compile', flags);
  if (!run) return 1;
  emit(`${JSON.stringify(run.graph, null, 2)}\n`, flags.out, run.reads);
  return 0;
}
