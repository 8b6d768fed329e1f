/** Small timing helpers shared by the benchmark sections. */

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time (ms) of `fn` over `repeat` runs. */
export function time(repeat: number, fn: () => void): number {
  const ts: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = process.hrtime.bigint();
    fn();
    ts.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(ts);
}

/**
 * Fastest wall time (ms) of `fn` over `repeat` runs: the per-record sections compare methods
 * whose passes take from 0.2 ms to 50 ms on a machine shared with other jobs; the longer passes
 * are interrupted more often, so medians favour the short ones. The fastest pass of each is the
 * fair measure of the work itself (every method is measured the same way).
 */
export function best(repeat: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return min;
}
