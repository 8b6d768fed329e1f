/**
 * Prefix counts over the scorer's order (`Scorer.order`: every account's history one after the
 * other), held in the narrowest element type that still gives every difference that is read.
 *
 * Entry k counts the chosen activities among order[0, k). The readers only ever subtract two
 * entries of one account's stretch, so the difference is at most that account's number of
 * activities (`longest`, the longest history). Stored modulo 2^8 or 2^16 (a typed array keeps the
 * low bits of what it is given), such a difference is still exact once taken modulo the same
 * power of two, as long as it is below it (issue 10, ext: at ten million activities each count
 * array was 40 MB of array-buffer memory, and every 64 MB of it starts a full collection of the
 * main heap; with histories under 65,536 activities it is 20 MB).
 */

/** Prefix counts and how to read a difference of two of them (see {@link countBetween}). */
export interface PrefixCounts {
  /** Entry k: the count over order[0, k), modulo 2^8 or 2^16 for the narrow types (length order.length + 1). */
  counts: Uint8Array | Uint16Array | Int32Array;
  /** The low bits a difference keeps: 0xff, 0xffff, or -1 (all 32) for Int32Array. */
  mask: number;
}

/**
 * An empty (all zero) prefix count array of `length` entries for differences of at most
 * `longest` (a whole number ≥ 0): 1 byte an entry below 256, 2 below 65,536, else 4.
 */
export function emptyPrefixCounts(length: number, longest: number): PrefixCounts {
  if (longest < 0x100) return { counts: new Uint8Array(length), mask: 0xff };
  if (longest < 0x10000) return { counts: new Uint16Array(length), mask: 0xffff };
  return { counts: new Int32Array(length), mask: -1 };
}

/**
 * How many were counted among order[lo, hi) (lo ≤ hi, both inside one account's stretch, so
 * hi − lo ≤ the `longest` the counts were made for).
 */
export function countBetween(c: PrefixCounts, lo: number, hi: number): number {
  return (c.counts[hi] - c.counts[lo]) & c.mask;
}
