/**
 * Prefix counts over the scorer's order (`Scorer.order`: every account's history one after the
 * other) as a bit per activity and a running count per 32 of them (a rank structure): how many of
 * order[0, k) are counted is the count before k's word plus the set bits of that word below k.
 *
 * At ten million activities that is 2.5 MB, where an Int32 prefix count per activity was 40 MB
 * (issue 10, ext: every 64 MB of new array buffers on the main thread starts a full collection of
 * the heap, and the three indicators of key-account.playbook made one such array each).
 */

/** Prefix counts over `length` positions: mark the counted ones with {@link set}, then {@link seal} once, then read. */
export class PrefixCounts {
  /** Bit k of word k >>> 5: position k is counted. One spare word, so that `rank(length)` reads no further. */
  private readonly bits: Int32Array;
  /** Entry w: how many positions are counted in words [0, w) (filled by `seal`). */
  private readonly before: Int32Array;

  /** No position counted yet; `length` ≥ 0 positions. */
  constructor(readonly length: number) {
    this.bits = new Int32Array((length >>> 5) + 1);
    this.before = new Int32Array((length >>> 5) + 1);
  }

  /** Counts position `k` (0 ≤ k < length; before {@link seal}). */
  set(k: number): void {
    this.bits[k >>> 5] |= 1 << (k & 31);
  }

  /** Works out the running counts: call once, after the last {@link set}. Returns this. */
  seal(): this {
    const { bits, before } = this;
    let n = 0;
    for (let w = 0; w < bits.length; w++) {
      before[w] = n;
      n += popcount(bits[w]);
    }
    return this;
  }

  /** How many of positions [0, k) are counted (0 ≤ k ≤ length). */
  rank(k: number): number {
    const w = k >>> 5;
    return this.before[w] + popcount(this.bits[w] & ((1 << (k & 31)) - 1));
  }

  /** How many of positions [lo, hi) are counted (0 ≤ lo ≤ hi ≤ length). */
  between(lo: number, hi: number): number {
    return this.rank(hi) - this.rank(lo);
  }
}

/** The number of set bits of a 32-bit integer (the classic SWAR sum: no table, no loop). */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
