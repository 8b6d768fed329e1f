/** Paired bootstrap: cases whose interval follows by reasoning, and reproducibility. */
import { describe, expect, it } from 'vitest';
import { pairedBootstrap } from '../../src/simulate/stats/index.js';

describe('pairedBootstrap', () => {
  it('a constant difference has a zero-width interval at that difference', () => {
    // every aᵢ − bᵢ = 0.03, so every resample's mean is 0.03 (up to rounding)
    const r = pairedBootstrap([0.04, 0.25, 0.09], [0.01, 0.22, 0.06], 7);
    expect(r.mean).toBeCloseTo(0.03, 15);
    expect(r.low).toBeCloseTo(0.03, 15);
    expect(r.high).toBeCloseTo(0.03, 15);
  });

  it('differences 0 and 1: resampled means are 0, ½ or 1 (¼, ½, ¼), so the 95% interval is 0 – 1', () => {
    // With 2000 resamples, about 500 are 0 and 500 are 1: positions 50 and 1949 of the sorted means fall in them.
    const r = pairedBootstrap([0, 1], [0, 0], 1);
    expect(r).toEqual({ mean: 0.5, low: 0, high: 1 });
  });

  it('same seed, same interval; the interval brackets the mean', () => {
    const a = Array.from({ length: 50 }, (_, i) => ((i * 37) % 11) / 10);
    const b = Array.from({ length: 50 }, (_, i) => ((i * 17) % 7) / 10);
    const r = pairedBootstrap(a, b, 42);
    expect(pairedBootstrap(a, b, 42)).toEqual(r);
    expect(r.low).toBeLessThanOrEqual(r.mean);
    expect(r.high).toBeGreaterThanOrEqual(r.mean);
    expect(r.mean).toBeCloseTo(a.reduce((s, x) => s + x, 0) / 50 - b.reduce((s, x) => s + x, 0) / 50, 12);
  });

  it('rejects mismatched inputs', () => {
    expect(() => pairedBootstrap([1], [1, 2], 1)).toThrow(RangeError);
    expect(() => pairedBootstrap([1], [1], 1, 0)).toThrow('resamples must be a whole number');
  });
});
