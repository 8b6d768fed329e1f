/** `playbook verify FILE [--data DIR]`: property checks over generated histories. */
import { verify } from '../simulate/verify/index.js';
import { formatVerify } from '../simulate/verify/report.js';
import { sampleData } from '../simulate/verify/samples.js';
import { compileOrSay } from './compiled.js';
import { UsageError } from './errors.js';
import { emit } from './output.js';
import { requireDataFolder } from './simulate-command.js';

export function runVerify(file: string, flags: { data?: string; runs: string; seed: string; outDir: string; out?: string }): number {
  const runs = Number(flags.runs);
  const seed = Number(flags.seed);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a whole number of at least 1, not "${flags.runs}"`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${flags.seed}"`);
  if (flags.data) requireDataFolder(flags.data);
  const graph = compileOrSay(file, 'verify');
  if (!graph) return 1;
  const samples = flags.data ? sampleData(graph, flags.data) : null;
  const results = verify(graph, { seed, runs, samples });
  emit(formatVerify(graph, file, results, flags.outDir), flags.out);
  return results.some((r) => r.status === 'fails') ? 1 : 0;
}
