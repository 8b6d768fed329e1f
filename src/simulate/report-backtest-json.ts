/** The backtest as a JSON document: ratios as decimal strings with 4 digits, so two runs give identical text. */
import type { Backtest } from './backtest.js';
import type { Calibration } from './backtest/calibration.js';
import type { FeatureRow, Measured, TierRow } from './backtest/measure.js';
import { formatRatio } from './stats/index.js';

const ratio = (x: number | null) => (x === null ? null : formatRatio(x));

function featureJson(r: FeatureRow) {
  return {
    name: r.name,
    label: r.label,
    with: { deals: r.with.n, wins: r.with.wins, win_rate: ratio(r.with.rate) },
    without: { deals: r.without.n, wins: r.without.wins, win_rate: ratio(r.without.rate) },
  };
}

/** A tier row as JSON. */
export function tierJson(t: TierRow) {
  return { tier: t.tier, label: t.label, deals: t.deals, wins: t.wins, stated: formatRatio(t.stated), actual: ratio(t.actual), wilson_low: formatRatio(t.low), wilson_high: formatRatio(t.high), verdict: t.verdict };
}

function calibrationJson(c: Calibration | null) {
  if (!c) return null;
  return {
    brier: ratio(c.brier),
    reliability: ratio(c.reliability),
    resolution: ratio(c.resolution),
    uncertainty: ratio(c.uncertainty),
    base_rate: ratio(c.baseRate),
    expected_calibration_error: ratio(c.ece),
    intercept: ratio(c.intercept),
    slope: ratio(c.slope),
    skill_vs_base_rate: ratio(c.skillVsBaseRate),
    skill_vs_half: ratio(c.skillVsHalf),
  };
}

/** The measured figures of one sample as JSON. */
export function measuredJson(m: Measured) {
  return {
    deals: m.deals,
    wins: m.wins,
    tiers: m.tiers.map(tierJson),
    brier: ratio(m.brier),
    log_loss: ratio(m.logLoss),
    auc: ratio(m.auc),
    calibration: calibrationJson(m.calibration),
    reliability: m.groups.map((r) => ({ group: r.group, score_from: formatRatio(r.from), score_to: formatRatio(r.to), deals: r.n, wins: r.wins, predicted: formatRatio(r.meanPredicted), win_rate: formatRatio(r.winRate) })),
    actions: m.actions.map(featureJson),
    indicators: m.indicators.map(featureJson),
  };
}

/** JSON text of a backtest. */
export function formatBacktestJson(b: Backtest): string {
  const doc = {
    playbook: b.playbook,
    in_sample: b.split === null,
    split: b.split && { train_until: b.split.trainUntil, train_deals: b.split.trainDeals, train_wins: b.split.trainWins, training: b.split.training.map(tierJson) },
    unscored: b.unscored,
    left_out: b.leftOut.map((d) => ({ id: d.id, won: d.won, reason: d.reason })),
    bins: b.bins,
    findings: b.findings.map((f) => ({ kind: f.kind, warning: f.warning, segment: f.segment ?? null, message: f.message })),
    suggested: b.suggestions.map((s) => ({ tier: s.tier, probability: ratio(s.probability), prior: formatRatio(s.prior) })),
    ...measuredJson(b),
    segments: b.segments && {
      field: b.segments.field,
      segments: b.segments.segments.map((s) => ({ name: s.name, values: s.values, merged: s.merged, small: s.small, ...measuredJson(s.measured) })),
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
