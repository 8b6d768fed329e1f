/**
 * Seeded pseudo-random numbers for the example-data generator.
 *
 * Every output file draws from its own named stream, derived from one fixed
 * seed. Adding a new stream (say `activities`) therefore never changes the
 * numbers an existing stream produces, and so never changes existing files.
 *
 * Only integer and IEEE-exact arithmetic is used (no Math.log, Math.exp...),
 * so the same seed yields the same numbers on every platform and Node version.
 */

/** The one seed behind the whole key-account dataset. Change it and every file changes. */
export const SEED = 20260101;

/** A seeded random source with the few draws the generator needs. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A shuffled copy (Fisher-Yates). */
  shuffled<T>(items: readonly T[]): T[];
}

/** 32-bit FNV-1a hash of a string's UTF-8 bytes. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast 32-bit generator; returns uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream for one purpose (one file, usually), derived from the seed. */
export function stream(name: string, seed: number = SEED): Rng {
  const next = mulberry32(fnv1a(`${seed}/${name}`));
  const int = (lo: number, hi: number): number => {
    if (hi < lo) throw new Error(`rng.int: empty range [${lo}, ${hi}]`);
    return lo + Math.floor(next() * (hi - lo + 1));
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('rng.pick: no items');
      return items[int(0, items.length - 1)];
    },
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      if (!(total > 0)) throw new Error('rng.weighted: no positive weight');
      let u = next() * total;
      for (const [item, w] of items) {
        if (u < w) return item;
        u -= w;
      }
      return items[items.length - 1][0];
    },
    shuffled: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}
