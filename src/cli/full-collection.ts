/**
 * One full garbage collection, run by the commands over data once the simulation is done and
 * before they compute or write anything from it (`simulate`, `backtest`, `score`, `audit`).
 *
 * V8 runs no full collection of its own between the end of the evaluation and the end of such a
 * command: the evaluation's temporary objects stay in the old generation as garbage, and what the
 * command then keeps (a scored deal for each closed deal, a record for each red-line finding, the
 * report's pieces) is added on top of them. Collected first, their room is used again. Measured on
 * 1,000,000 deals and 10,000,000 activities (bench/RESULTS.md; peak RSS in MiB):
 * - `backtest` 2,174 → 1,894, 43.4 s → 43.5 s and 46.5 s;
 * - `audit` 2,187 → 1,895, 44.7 s → 43.2 s;
 * - `simulate` 1,962 → 1,883 and 1,886, 54.6 s → 55.1 and 58.3 s (0.3 s more CPU).
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
