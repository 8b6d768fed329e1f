/** `playbook verify FILE [--data DIR]`: property checks over generated histories. */
import { MAX_RUNS, type PropertyResult, verify } from '../simulate/verify/index.js';
import { formatVerify } from '../simulate/verify/report.js';
import { sampleData } from '../simulate/verify/samples.js';
import { compileForRun } from './compiled.js';
import { UsageError } from './errors.js';
import { emit, sayLeftOut } from './output.js';
import { requireDataFolder } from './simulate-command.js';
import { verifyProgress } from './verify-progress.js';

export interface VerifyFlags {
  data?: string;
  runs: string;
  seed: string;
  outDir: string;
  out?: string;
  skipBadRows?: boolean;
}

/** Exit status 0 when every property held (or was not tested), 1 when one fails or the playbook has errors. */
export function runVerify(file: string, flags: VerifyFlags): number {
  if (!/^\d+$/.test(flags.runs) || Number(flags.runs) < 1) throw new UsageError(`--runs must be a whole number of at least 1, not "${flags.runs}"`);
  if (Number(flags.runs) > MAX_RUNS) {
    throw new UsageError(`--runs must be at most ${MAX_RUNS.toLocaleString('en-US')}, not ${flags.runs}: every property is checked on that many generated histories, and ${MAX_RUNS.toLocaleString('en-US')} already takes minutes. For more coverage, run again with another --seed.`);
  }
  if (!/^\d{1,9}$/.test(flags.seed)) throw new UsageError(`--seed must be a whole number from 0 to 999999999, not "${flags.seed}"`);
  const runs = Number(flags.runs);
  const seed = Number(flags.seed);
  if (flags.data) requireDataFolder(flags.data);
  const compiled = compileForRun(file, 'verify', flags);
  if (!compiled) return 1;
  const { graph, reads } = compiled;
  const sampled = flags.data ? sampleData(graph, flags.data, flags.skipBadRows ?? false) : null;
  if (sampled) sayLeftOut(sampled.rejected);
  const progress = verifyProgress(process.stderr);
  let results: PropertyResult[];
  try {
    results = verify(graph, { seed, runs, samples: sampled?.samples ?? null, onProgress: progress.update });
  } finally {
    progress.done();
  }
  let report: string;
  try {
    report = formatVerify(graph, file, results, flags.outDir, reads);
  } catch (e) {
    // Writes of the counterexample files fail with OutputFileError; this is creating the folders.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    throw new UsageError(`cannot write counterexamples under "${flags.outDir}" (${code === 'ENOTDIR' || code === 'EEXIST' ? 'it is a file, not a folder' : code})`);
  }
  emit(report, flags.out, reads);
  return results.some((r) => r.status === 'fails') ? 1 : 0;
}
