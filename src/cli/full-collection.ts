/**
 * One full garbage collection, run by the commands that compute more from a finished simulation
 * (`backtest`, `score`, `audit`) before they start.
 *
 * V8 runs no full collection of its own between the end of the evaluation and the end of such a
 * command: the evaluation's temporary objects stay in the old generation as garbage, and what the
 * command then keeps (a scored deal for each closed deal, a record for each red-line finding) is
 * added on top of them. Collected first, their room is used again. Measured on 1,000,000 deals and
 * 10,000,000 activities (bench/RESULTS.md): `backtest`'s peak memory 2,226 → 1,939 MB (KiB/1024), its time
 * 43.4 → 46.5 s. `simulate` does not run it: its report adds little to the old generation, and
 * the collection's ~3 s there would not pay.
 *
 * Node exposes no collection to programs (only the `--expose-gc` flag, for the main context): the
 * flag is set and `gc` taken from a fresh context, a fixed expression of ours (no user text).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Runs one full garbage collection of this thread's heap (a few hundred milliseconds at 1 GB). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}
