/** `playbook compile FILE --target graph`: the compiled rule graph as JSON. */
import { compileOrSay } from './compiled.js';
import { UsageError } from './errors.js';
import { emit } from './output.js';

export function runCompile(file: string, flags: { target: string; out?: string }): number {
  if (flags.target !== 'graph') throw new UsageError(`--target must be graph, not "${flags.target}" (other export targets are not available yet)`);
  const graph = compileOrSay(file, 'compile');
  if (!graph) return 1;
  emit(`${JSON.stringify(graph, null, 2)}\n`, flags.out);
  return 0;
}
