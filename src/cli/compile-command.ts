/** `playbook compile FILE --target graph`: the compiled rule graph as JSON. */
import { formatDiagnostic } from '../language/diagnostics.js';
import { compilePlaybookFile } from '../simulate/load-playbook.js';
import { UsageError } from './errors.js';
import { emit, say } from './output.js';

export function runCompile(file: string, flags: { target: string; out?: string }): number {
  if (flags.target !== 'graph') throw new UsageError(`--target must be graph, not "${flags.target}" (other export targets are not available yet)`);
  const compiled = compilePlaybookFile(file);
  if (!compiled.graph) {
    for (const d of compiled.diagnostics) say(formatDiagnostic(d, file, compiled.source));
    return 1;
  }
  emit(`${JSON.stringify(compiled.graph, null, 2)}\n`, flags.out);
  return 0;
}
