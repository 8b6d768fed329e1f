/**
 * Prefix counts as a bit per position and a running count per 32 (runtime/prefix-counts.ts):
 * every `rank` and `between` checked against a plain count of the marked positions, on random
 * marks of random lengths (word boundaries, empty, all marked), and `popcount` against a loop
 * over the bits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrefixCounts, popcount } from '../../src/runtime/prefix-counts.js';

/** The counts of `flags` made as the engine makes them (set, then seal). */
function countsOf(flags: boolean[]): PrefixCounts {
  const c = new PrefixCounts(flags.length);
  flags.forEach((f, k) => f && c.set(k));
  return c.seal();
}

describe('prefix counts: a bit per position', () => {
  it('popcount counts the set bits of any 32-bit integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (x) => {
        let plain = 0;
        for (let b = 0; b < 32; b++) plain += (x >>> b) & 1;
        expect(popcount(x)).toBe(plain);
      }),
    );
    expect(popcount(0)).toBe(0);
    expect(popcount(-1)).toBe(32);
  });

  it('rank(k) is the number of marked positions below k, for every k up to the length', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 300 }), (flags) => {
        const c = countsOf(flags);
        let plain = 0;
        for (let k = 0; k <= flags.length; k++) {
          expect(c.rank(k)).toBe(plain);
          if (k < flags.length && flags[k]) plain++;
        }
      }),
    );
  });

  it('between(lo, hi) is the number of marked positions in [lo, hi)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }), fc.nat(), fc.nat(), (flags, a, b) => {
        const c = countsOf(flags);
        const lo = Math.min(a, b) % (flags.length + 1);
        const hi = Math.max(lo, Math.max(a, b) % (flags.length + 1));
        expect(c.between(lo, hi)).toBe(flags.slice(lo, hi).filter(Boolean).length);
      }),
    );
  });

  it('counts past word boundaries and over every position marked (64 of 64, then 65)', () => {
    const all = countsOf(new Array<boolean>(64).fill(true));
    expect(all.rank(32)).toBe(32);
    expect(all.rank(64)).toBe(64);
    expect(all.between(31, 33)).toBe(2);
    const one = countsOf([...new Array<boolean>(64).fill(false), true]);
    expect(one.rank(64)).toBe(0);
    expect(one.rank(65)).toBe(1);
    expect(countsOf([]).rank(0)).toBe(0);
  });
});
