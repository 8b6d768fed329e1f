/** `playbook verify FILE [--data DIR]`: property checks over generated histories. */
import { formatDiagnostic } from '../language/diagnostics.js';
import { compilePlaybookFile } from '../simulate/load-playbook.js';
import { verify } from '../simulate/verify/index.js';
import { formatVerify } from '../simulate/verify/report.js';
import { sampleData } from '../simulate/verify/samples.js';
import { UsageError } from './errors.js';
import { emit, say } from './output.js';
import { requireDataFolder } from './simulate-command.js';

export function runVerify(file: string, flags: { data?: string; runs: string; seed: string; outDir: string; out?: string }): number {
  const runs = Number(flags.runs);
  const seed = Number(flags.seed);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a whole number of at least 1, not "${flags.runs}"`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${flags.seed}"`);
  if (flags.data) requireDataFolder(flags.data);
  const compiled = compilePlaybookFile(file);
  if (!compiled.graph) {
    for (const d of compiled.diagnostics) say(formatDiagnostic(d, file, compiled.source));
    return 1;
  }
  const samples = flags.data ? sampleData(compiled.graph, flags.data) : null;
  const results = verify(compiled.graph, { seed, runs, samples });
  emit(formatVerify(compiled.graph, file, results, flags.outDir), flags.out);
  return results.some((r) => r.status === 'fails') ? 1 : 0;
}
