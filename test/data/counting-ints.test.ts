/**
 * CountingInts (issue 10, scale): a list of Int32 kept as its first value while it counts up by
 * one. Whatever is appended, reserved, compacted or fitted, it reads like a plain array.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountingInts } from '../../src/data/counting-ints.js';

describe('CountingInts against a plain array (property)', () => {
  it('reads back every value appended — counting runs, breaks, compaction and fitting', () => {
    // Each step appends the next value of a count (from any first value), a value breaking it, or compacts.
    const step = fc.oneof(
      fc.constant({ op: 'count' as const, value: 0, keep: [] as boolean[] }),
      fc.integer({ min: -5, max: 5 }).map((value) => ({ op: 'other' as const, value, keep: [] as boolean[] })),
      fc.array(fc.boolean(), { maxLength: 40 }).map((keep) => ({ op: 'compact' as const, value: 0, keep })),
      fc.constant({ op: 'fit' as const, value: 0, keep: [] as boolean[] }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 1000 }), fc.array(step, { maxLength: 120 }), (first, steps) => {
        const ints = new CountingInts();
        const model: number[] = [];
        let capacity = 0;
        const append = (v: number) => {
          if (model.length >= capacity) ints.reserve((capacity = Math.max(4, Math.ceil(capacity * 1.5))));
          ints.append(model.length, v);
          model.push(v);
        };
        for (const s of steps) {
          if (s.op === 'count') append(model.length === 0 ? first : model[model.length - 1] + 1);
          else if (s.op === 'other') append((model.length === 0 ? first : model[model.length - 1]) + s.value);
          else if (s.op === 'fit') {
            ints.fit(model.length);
            capacity = model.length;
          } else {
            const keep = Uint8Array.from(model, (_, i) => (s.keep[i] ?? true ? 1 : 0));
            expect(ints.compact(keep, model.length)).toBe(keep.reduce((a, b) => a + b, 0));
            const kept = model.filter((_, i) => keep[i] === 1);
            model.length = 0;
            model.push(...kept);
          }
          for (let i = 0; i < model.length; i++) expect(ints.get(i)).toBe(model[i]);
        }
        expect([...ints.values(model.length)]).toEqual(model);
        for (let i = 0; i < model.length; i++) expect(ints.get(i)).toBe(model[i]);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps no array while the values count, and reads them all from the first', () => {
    const ints = new CountingInts();
    ints.reserve(1_000_000);
    for (let i = 0; i < 1_000_000; i++) ints.append(i, i + 2);
    expect([ints.get(0), ints.get(999_999)]).toEqual([2, 1_000_001]);
    expect((ints as unknown as { array: Int32Array | null }).array).toBeNull();
    ints.append(1_000_000, 7); // a break: the array is made then
    expect([ints.get(999_999), ints.get(1_000_000)]).toEqual([1_000_001, 7]);
  });
});
