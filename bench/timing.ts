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
