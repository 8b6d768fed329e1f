import { requireOutcomes, requireRatios, requireSameNonEmpty } from './validate.js';

/** Logistic recalibration of stated probabilities; null where the fit does not exist. */
export interface Recalibration {
  /**
   * Calibration intercept (calibration-in-the-large): a in logit P(won) = a + logit(p).
   * 0 is ideal; below 0 the stated probabilities are too high overall, above 0 too low.
   * Null when every deal had the same outcome (the fit runs off to ±infinity).
   */
  intercept: number | null;
  /**
   * Calibration slope: b in logit P(won) = a + b·logit(p). 1 is ideal; below 1 the
   * stated probabilities are too far apart (too sure), above 1 too close together.
   * Null when all deals were given the same probability, or the outcomes are
   * perfectly separated by it (the fit does not converge).
   */
  slope: number | null;
}

/** Stated probabilities are clipped to this distance from 0 and 1 before taking logits. */
export const LOGIT_CLIP = 0.001;

const logit = (q: number) => {
  const c = Math.min(1 - LOGIT_CLIP, Math.max(LOGIT_CLIP, q));
  return Math.log(c / (1 - c));
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const MAX_STEPS = 100;
const TOLERANCE = 1e-12;
/** Beyond this the fit is running off to infinity (separated outcomes), not converging. */
const RUNAWAY = 30;

/**
 * Calibration intercept and slope by logistic recalibration (Cox, D. R. 1958,
 * "Two further applications of a model for binary regression", Biometrika
 * 45:562–565): the outcome is regressed on the logit of the stated probability
 * (clipped to [0.001, 0.999]) by maximum likelihood, solved with Newton–Raphson.
 * The intercept is fitted with the slope held at 1 (calibration-in-the-large),
 * the slope together with its own intercept — the usual convention.
 *
 * @param p stated win probabilities, ratios in [0, 1]
 * @param y outcomes, 1 = won, 0 = lost, same length
 * @throws RangeError on empty or mismatched inputs, a p outside [0, 1] or a y not 0 or 1.
 */
export function recalibration(p: readonly number[], y: readonly (0 | 1)[]): Recalibration {
  const fn = 'recalibration';
  requireSameNonEmpty(fn, { p, y });
  requireRatios(fn, 'p', p);
  requireOutcomes(fn, y);
  const x = p.map(logit);
  const wins = y.reduce<number>((s, v) => s + v, 0);
  if (wins === 0 || wins === y.length) return { intercept: null, slope: null };
  return { intercept: fitIntercept(x, y), slope: fitSlope(x, y) };
}

/**
 * Newton–Raphson for a in Σ (yᵢ − σ(a + xᵢ)) = 0, halving a step that lowers the likelihood: with
 * stated probabilities near 0% or 100% the curvature at a = 0 is tiny and the first full step ran
 * off past ±30 (99% stated and half won gave no intercept instead of −ln 99). With both outcomes
 * present the likelihood is strictly concave in a with a finite maximum, so the fit converges.
 */
function fitIntercept(x: readonly number[], y: readonly (0 | 1)[]): number | null {
  let a = 0;
  let ll = logLikelihood(x, y, a, 1);
  for (let step = 0; step < MAX_STEPS; step++) {
    let g = 0;
    let h = 0;
    for (let i = 0; i < x.length; i++) {
      const m = sigmoid(a + x[i]);
      g += y[i] - m;
      h += m * (1 - m);
    }
    let delta = g / h;
    const floor = ll - 1e-12 * Math.max(1, Math.abs(ll));
    let next = logLikelihood(x, y, a + delta, 1);
    for (let halvings = 0; next < floor && halvings < 50; halvings++) {
      delta /= 2;
      next = logLikelihood(x, y, a + delta, 1);
    }
    a += delta;
    ll = next;
    if (!Number.isFinite(a) || Math.abs(a) > RUNAWAY) return null;
    if (Math.abs(delta) < TOLERANCE) return a;
  }
  return null;
}

/** Log-likelihood of y under σ(a + b·x). */
function logLikelihood(x: readonly number[], y: readonly (0 | 1)[], a: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const z = a + b * x[i];
    // log σ(z) = −log(1 + e^−z), log(1 − σ(z)) = −log(1 + e^z), written so neither overflows.
    sum -= y[i] === 1 ? Math.max(0, -z) + Math.log1p(Math.exp(-Math.abs(z))) : Math.max(0, z) + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return sum;
}

/**
 * Newton–Raphson for (a, b) maximising the likelihood of y under σ(a + b·x); returns b. It starts at
 * a = b = 0 (the usual start of a logistic fit) and halves a step that lowers the likelihood: from
 * b = 1, stated probabilities of 0% and 100% (logits ±6.9) gave a first step so long that the fit
 * was taken for separated outcomes although each tier had one win and one loss (slope 0).
 */
function fitSlope(x: readonly number[], y: readonly (0 | 1)[]): number | null {
  if (x.every((v) => v === x[0])) return null;
  let a = 0;
  let b = 0;
  let ll = logLikelihood(x, y, a, b);
  for (let step = 0; step < MAX_STEPS; step++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = 0; i < x.length; i++) {
      const m = sigmoid(a + b * x[i]);
      const w = m * (1 - m);
      g0 += y[i] - m;
      g1 += (y[i] - m) * x[i];
      h00 += w;
      h01 += w * x[i];
      h11 += w * x[i] * x[i];
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) return null;
    let da = (h11 * g0 - h01 * g1) / det;
    let db = (h00 * g1 - h01 * g0) / det;
    // Step halving: the likelihood of a logistic fit is concave, so a short enough Newton step never lowers it.
    // (Near the optimum a full step may lower it by rounding alone: that is no reason to shorten it.)
    const floor = ll - 1e-12 * Math.max(1, Math.abs(ll));
    let next = logLikelihood(x, y, a + da, b + db);
    for (let halvings = 0; next < floor && halvings < 50; halvings++) {
      da /= 2;
      db /= 2;
      next = logLikelihood(x, y, a + da, b + db);
    }
    a += da;
    b += db;
    ll = next;
    if (!Number.isFinite(b) || Math.abs(b) > RUNAWAY || Math.abs(a) > RUNAWAY * 10) return null;
    if (Math.abs(da) < TOLERANCE && Math.abs(db) < TOLERANCE) return b;
  }
  return null;
}
