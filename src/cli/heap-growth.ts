/**
 * How far V8 lets the heap grow past what was live at the last full collection before it collects
 * again, for the commands that load a whole CRM history (simulate, audit, backtest; issue 10).
 *
 * Why: at a million deals the run keeps 1.3 GB alive to the end and V8's own factor lets the heap
 * grow to 1.75 GB of which ~400 MB are dead objects no full collection reclaims before the report is
 * written: that, not what is live, sets the peak. Growing by at most 25% (V8 picks a factor of up
 * to 4 on its own) collects them: at 1M, peak RSS 2,709–2,726 → 2,427–2,535 MB, user CPU within the
 * noise of a shared machine, the same bytes out (bench/RESULTS.md, branch memory). At 100k the heap
 * is too small for the setting to matter.
 *
 * The CLI owns its process, so it sets this for itself; the library (`simulate()` and co.) never
 * changes the process's V8 settings.
 */
import { setFlagsFromString } from 'node:v8';

/** The most V8 grows the heap by, in percent of what was live at the last full collection. */
export const HEAP_GROWING_PERCENT = 25;

/** Sets {@link HEAP_GROWING_PERCENT} for this process (takes effect from the next full collection). */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
