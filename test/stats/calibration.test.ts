/** Brier decomposition, expected calibration error and logistic recalibration on small cases worked by hand. */
import { describe, expect, it } from 'vitest';
import { brierDecomposition, brierScore, recalibration } from '../../src/simulate/stats/index.js';

type Outcome = 0 | 1;
// 8 deals: four stated 20% (1 won), four stated 80% (3 won).
const p = [0.2, 0.2, 0.2, 0.2, 0.8, 0.8, 0.8, 0.8];
const y: Outcome[] = [1, 0, 0, 0, 1, 1, 1, 0];

describe('brierDecomposition', () => {
  it('reliability − resolution + uncertainty = Brier, by hand', () => {
    const d = brierDecomposition(p, y);
    // base rate 4/8 = 0.5 → uncertainty 0.25
    expect(d.baseRate).toBe(0.5);
    expect(d.uncertainty).toBe(0.25);
    // reliability: (4·(0.2 − 0.25)² + 4·(0.8 − 0.75)²) / 8 = 0.0025
    expect(d.reliability).toBeCloseTo(0.0025, 15);
    // resolution: (4·(0.25 − 0.5)² + 4·(0.75 − 0.5)²) / 8 = 0.0625
    expect(d.resolution).toBeCloseTo(0.0625, 15);
    // Brier directly: per bin 0.8² + 3·0.2² = 0.76, twice → 1.52 / 8 = 0.19 = 0.0025 − 0.0625 + 0.25
    expect(brierScore(p, y)).toBeCloseTo(0.19, 15);
    expect(d.reliability - d.resolution + d.uncertainty).toBeCloseTo(0.19, 15);
    // ECE: (4·0.05 + 4·0.05) / 8 = 0.05
    expect(d.ece).toBeCloseTo(0.05, 15);
    expect(d.bins).toEqual([{ stated: 0.2, n: 4, wins: 1 }, { stated: 0.8, n: 4, wins: 3 }]);
  });

  it('the identity holds for three uneven bins', () => {
    // 0.1 ×3 (0 won), 0.5 ×2 (2 won), 0.9 ×5 (3 won); base 5/10.
    const q = [0.1, 0.1, 0.1, 0.5, 0.5, 0.9, 0.9, 0.9, 0.9, 0.9];
    const o: Outcome[] = [0, 0, 0, 1, 1, 1, 1, 1, 0, 0];
    const d = brierDecomposition(q, o);
    // rel = (3·0.1² + 2·0.5² + 5·0.3²) / 10 = (0.03 + 0.5 + 0.45) / 10 = 0.098
    expect(d.reliability).toBeCloseTo(0.098, 15);
    // res = (3·0.25 + 2·0.25 + 5·0.01) / 10 = 0.13
    expect(d.resolution).toBeCloseTo(0.13, 15);
    // Brier = 0.098 − 0.13 + 0.25 = 0.218; directly: 3·0.01 + 2·0.25 + 3·0.01 + 2·0.81 = 2.18 / 10
    expect(brierScore(q, o)).toBeCloseTo(0.218, 15);
    // ECE = (3·0.1 + 2·0.5 + 5·0.3) / 10 = 0.28
    expect(d.ece).toBeCloseTo(0.28, 15);
  });
});

describe('recalibration', () => {
  it('two bins: the fit is saturated, so slope = logit(0.75) / logit(0.8) = ln 3 / ln 4 and intercept 0', () => {
    // logit P = a + b·logit(p) must hit the observed 25% and 75% exactly:
    // logit(0.25) = a − b·ln 4, logit(0.75) = a + b·ln 4 → a = 0, b = ln 3 / ln 4.
    const r = recalibration(p, y);
    expect(r.slope).toBeCloseTo(Math.log(3) / Math.log(4), 9);
    // slope held at 1: Σσ(a ± ln 4)·4 = 4 wins ⇔ a = 0 (σ(ln 4) + σ(−ln 4) = 1)
    expect(r.intercept).toBeCloseTo(0, 9);
  });

  it('tiers stated at 0% and 100% that each won one deal of two: slope 0 (the tiers tell nothing), not "no fit"', () => {
    // Saturated: logit(1/2) = 0 = a ± b·logit(0.999) → a = 0, b = 0. From a start at b = 1 the first
    // Newton step (logits ±6.9) ran past the limit and the fit was reported as separated.
    const r = recalibration([0, 0, 1, 1], [1, 0, 1, 0]);
    expect(r.slope).toBeCloseTo(0, 9);
    // slope held at 1: σ(a − 6.9) + σ(a + 6.9) = 1 win of each pair ⇔ a = 0
    expect(r.intercept).toBeCloseTo(0, 9);
    // Uneven: won 1 of 3 at 20%, 2 of 3 at 80%: logit(1/3) = −ln 2 = a − b·ln 4, ln 2 = a + b·ln 4 → b = 1/2.
    expect(recalibration([0.2, 0.2, 0.2, 0.8, 0.8, 0.8], [1, 0, 0, 1, 1, 0]).slope).toBeCloseTo(0.5, 9);
  });

  it('one stated probability: intercept is the log-odds gap, the slope does not exist', () => {
    // all said 50%, 3 of 4 won: logit(3/4) = ln 3 = a + logit(0.5) = a
    const r = recalibration([0.5, 0.5, 0.5, 0.5], [1, 1, 1, 0]);
    expect(r.intercept).toBeCloseTo(Math.log(3), 9);
    expect(r.slope).toBeNull();
  });

  it('overstated probabilities give a negative intercept', () => {
    // said 80% everywhere, won 1 of 2: a = logit(0.5) − logit(0.8) = −ln 4
    expect(recalibration([0.8, 0.8], [1, 0]).intercept).toBeCloseTo(-Math.log(4), 9);
  });

  it('stated probabilities near 0% or 100% still get an intercept (found by a trial user: it was "—")', () => {
    // said 99% everywhere, won 1 of 2: a = logit(0.5) − logit(0.99) = −ln 99
    expect(recalibration([0.99, 0.99], [1, 0]).intercept).toBeCloseTo(-Math.log(99), 9);
    // said 100% (clipped to 99.9%), won 2 of 4: a = −logit(0.999) = −ln 999
    expect(recalibration([1, 1, 1, 1], [1, 0, 1, 0]).intercept).toBeCloseTo(-Math.log(999), 9);
    // said 1%, won 3 of 4: a = logit(0.75) − logit(0.01) = ln 3 + ln 99
    expect(recalibration([0.01, 0.01, 0.01, 0.01], [1, 1, 1, 0]).intercept).toBeCloseTo(Math.log(3) + Math.log(99), 9);
  });

  it('no fit when every deal had the same outcome, or the outcomes are separated', () => {
    expect(recalibration([0.2, 0.8], [1, 1])).toEqual({ intercept: null, slope: null });
    // lost at 20%, won at 80%: the slope runs off to infinity
    expect(recalibration([0.2, 0.2, 0.8, 0.8], [0, 0, 1, 1]).slope).toBeNull();
  });
});
