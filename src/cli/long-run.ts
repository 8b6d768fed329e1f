/**
 * V8 tuning for the commands that read CRM data (simulate, backtest, audit, score, compare, curve,
 * explain, verify, test, generate): allocation-site pretenuring off.
 *
 * V8 watches where objects are made; when most of one place's objects outlive a young-generation
 * collection, it makes them in the old generation from then on ("pretenuring"), which only a full
 * collection frees. During a run's evaluation the exact amounts made in a few places (a Decimal
 * from minor units, say) live to the end, so those places are pretenured; when the report is
 * written the same places make an amount per deal and release that is dropped at once, yet it now
 * goes to the old generation, which grows by the garbage until the next full collection (none
 * comes before the end). Measured on 1,000,000 deals and 10,000,000 activities (bench/RESULTS.md):
 * the old generation grew ~190 MB while the JSON report was written, and the peak memory of
 * `simulate` was 2,237–2,283 MB with pretenuring and 2,095–2,097 MB without, its time no worse.
 *
 * The flag is set before the engine's modules load (bin/playbook.js); V8's flags are the process's,
 * so the worker threads that read large files run with it too.
 */
import { setFlagsFromString } from 'node:v8';

/** The commands that read data files and may run long. */
const DATA_COMMANDS: ReadonlySet<string> = new Set(['simulate', 'backtest', 'audit', 'score', 'compare', 'curve', 'explain', 'verify', 'test', 'generate']);

/** The V8 flags of a run over data, in the order set. */
export const LONG_RUN_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring'];

/** Whether `argv` (process.argv: node, script, command, arguments…) runs a command over data. */
export function isLongRun(argv: readonly string[]): boolean {
  return DATA_COMMANDS.has(argv[2] ?? '');
}

/** Sets {@link LONG_RUN_FLAGS} when `argv` runs a command over data; see the file's comment for why. */
export function tuneForLongRun(argv: readonly string[]): void {
  if (isLongRun(argv)) for (const flag of LONG_RUN_FLAGS) setFlagsFromString(flag);
}
