/**
 * The calibration section of a backtest: Murphy's decomposition of the Brier
 * score, the expected calibration error, the calibration intercept and slope,
 * and Brier skill scores against two naive forecasts.
 */
import { brierDecomposition, brierScore, recalibration } from '../stats/index.js';

export interface Calibration {
  brier: number;
  /** Brier = reliability − resolution + uncertainty (bins: one per distinct stated probability). */
  reliability: number;
  resolution: number;
  uncertainty: number;
  /** Expected calibration error over the same bins. */
  ece: number;
  /** Share of deals won. */
  baseRate: number;
  /** Calibration intercept (slope fixed at 1); null when every deal had the same outcome. */
  intercept: number | null;
  /** Calibration slope; null when the deals share one stated probability or the fit diverges. */
  slope: number | null;
  /** 1 − Brier / (base rate · (1 − base rate)): improvement over always saying the base rate; null when that is 0. */
  skillVsBaseRate: number | null;
  /** 1 − Brier / 0.25: improvement over always saying 50%. */
  skillVsHalf: number;
}

/** The calibration of stated probabilities `p` against outcomes `y` (non-empty, same length). */
export function calibration(p: readonly number[], y: readonly (0 | 1)[]): Calibration {
  const brier = brierScore(p, y);
  const d = brierDecomposition(p, y);
  const fit = recalibration(p, y);
  return {
    brier,
    reliability: d.reliability,
    resolution: d.resolution,
    uncertainty: d.uncertainty,
    ece: d.ece,
    baseRate: d.baseRate,
    intercept: fit.intercept,
    slope: fit.slope,
    skillVsBaseRate: d.uncertainty === 0 ? null : 1 - brier / d.uncertainty,
    skillVsHalf: 1 - brier / 0.25,
  };
}
