/**
 * Narrow prefix counts (runtime/prefix-counts.ts): counts held modulo 2^8 or 2^16 give every
 * difference within one stretch exactly, checked against a plain count of the flags between the
 * two entries, on random flags laid out in stretches (accounts) of random lengths — including
 * totals far beyond 2^16, so the stored entries wrap many times.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countBetween, emptyPrefixCounts } from '../../src/runtime/prefix-counts.js';

/** Prefix counts of `flags` made as the engine makes them (a running count stored per entry). */
function countsOf(flags: Uint8Array, longest: number) {
  const c = emptyPrefixCounts(flags.length + 1, longest);
  let n = 0;
  for (let k = 0; k < flags.length; k++) {
    n += flags[k];
    c.counts[k + 1] = n;
  }
  return c;
}

describe('prefix counts: narrow element types', () => {
  it('picks 1, 2 or 4 bytes an entry by the longest stretch', () => {
    expect(emptyPrefixCounts(3, 255).counts).toBeInstanceOf(Uint8Array);
    expect(emptyPrefixCounts(3, 256).counts).toBeInstanceOf(Uint16Array);
    expect(emptyPrefixCounts(3, 65535).counts).toBeInstanceOf(Uint16Array);
    expect(emptyPrefixCounts(3, 65536).counts).toBeInstanceOf(Int32Array);
  });

  it('gives the plain count of any range inside one stretch, after the entries wrap', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 70000 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 3 }), fc.integer(), (lengths, density, seed) => {
        const total = lengths.reduce((a, b) => a + b, 0);
        const flags = new Uint8Array(total);
        let s = seed >>> 0;
        for (let k = 0; k < total; k++) {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          flags[k] = (s >>> 16) % 4 < density ? 1 : 0; // density 3 of 4: counts run past 2^16
        }
        const longest = Math.max(...lengths);
        const c = countsOf(flags, longest);
        let start = 0;
        for (const len of lengths) {
          // A few ranges of each stretch, including the whole of it.
          const ranges: [number, number][] = [[0, len], [0, len >>> 1], [len >>> 2, len], [len >>> 1, len >>> 1]];
          for (const [a, b] of ranges) {
            let plain = 0;
            for (let k = start + a; k < start + b; k++) plain += flags[k];
            expect(countBetween(c, start + a, start + b)).toBe(plain);
          }
          start += len;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('wraps the stored entries (a Uint8Array over 1,000 flags, stretches of 200)', () => {
    const flags = new Uint8Array(1000).fill(1);
    const c = countsOf(flags, 200);
    expect(c.counts).toBeInstanceOf(Uint8Array);
    expect(c.counts[1000]).toBe(1000 % 256);
    expect(countBetween(c, 800, 1000)).toBe(200);
    expect(countBetween(c, 250, 260)).toBe(10);
  });
});
