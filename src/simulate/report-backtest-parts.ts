/** Tables and lines shared by the backtest reports (whole sample, segments, comparisons). */
import type { Calibration } from './backtest/calibration.js';
import type { FeatureRow, Measured, TierRow } from './backtest/measure.js';
import type { ScoreGroupRow } from './stats/index.js';
import { type Column, renderTable } from './text-table.js';

/** A ratio as a percent with one decimal; "—" for none. */
export const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, digits = 4) => (x === null ? '—' : x.toFixed(digits));

const verdictWords: Record<string, string> = {
  consistent: 'consistent',
  overstated: 'OVERSTATED: stated above the interval',
  understated: 'understated: stated below the interval',
  'no deals': 'no closed deals in this tier',
};

/** Per-tier table: stated (or claimed) probability against the actual rate. */
export function tierTable(tiers: readonly TierRow[], statedTitle: string): string {
  const cols: Column[] = [
    { title: 'Tier', align: 'left' },
    { title: 'Deals', align: 'right' },
    { title: 'Won', align: 'right' },
    { title: statedTitle, align: 'right' },
    { title: 'Actual', align: 'right' },
    { title: '95% interval', align: 'right' },
    { title: 'Verdict', align: 'left' },
  ];
  return renderTable(
    cols,
    tiers.map((t) => [t.label ? `${t.tier} (${t.label})` : t.tier, String(t.deals), String(t.wins), pct(t.stated), pct(t.actual), t.deals === 0 ? '—' : `${pct(t.low)} – ${pct(t.high)}`, verdictWords[t.verdict]]),
  );
}

/**
 * The calibration section: Brier decomposition, ECE, intercept and slope, skill scores.
 * @param explain false for a segment: the figures without the explanations, which the main section gave
 */
export function calibrationLines(m: { calibration: Calibration | null }, explain = true): string[] {
  const c = m.calibration;
  if (!c) return ['Calibration: — (no deals)'];
  const lines = [
    'Calibration (bins: one per distinct stated probability, so the decomposition is exact)',
    `  Brier score ${fixed(c.brier)} = reliability ${fixed(c.reliability)} − resolution ${fixed(c.resolution)} + uncertainty ${fixed(c.uncertainty)}`,
    '    (0 is perfect; reliability: how far stated probabilities are from the win rates, lower is better;',
    '     resolution: how far the tiers\' win rates spread from the base rate, higher is better)',
    `  Brier skill score ${pct(c.skillVsBaseRate)} against always saying the base rate ${pct(c.baseRate)}; ${pct(c.skillVsHalf)} against always saying 50%`,
    `  Expected calibration error ${pct(c.ece)} (average gap between stated probability and win rate, weighted by deals)`,
    `  Calibration intercept ${c.intercept === null ? '— (every deal had the same outcome)' : fixed(c.intercept)} (0 is ideal; below 0 the stated probabilities are too high overall, above 0 too low)`,
    `  Calibration slope ${c.slope === null ? '— (one stated probability, or won and lost deals fully separated)' : fixed(c.slope)} (1 is ideal; below 1 the tiers are too far apart, above 1 too close together)`,
    '    (logistic recalibration: won/lost regressed on the log-odds of the stated probability, clipped to 0.1%–99.9%, by maximum likelihood;',
    '     the intercept with the slope held at 1)',
  ];
  return explain ? lines : lines.filter((l) => !/^ {4}/.test(l)).map((l) => l.replace(/ \(.*\)$/, ''));
}

/** Reliability table by score group. */
export function groupTable(groups: readonly ScoreGroupRow[]): string {
  return renderTable(
    [
      { title: 'Group', align: 'right' },
      { title: 'Scores', align: 'right' },
      { title: 'Deals', align: 'right' },
      { title: 'Won', align: 'right' },
      { title: 'Predicted', align: 'right' },
      { title: 'Win rate', align: 'right' },
    ],
    groups.map((r) => [String(r.group), `${r.from.toFixed(2)} – ${r.to.toFixed(2)}`, String(r.n), String(r.wins), pct(r.meanPredicted), pct(r.winRate)]),
  );
}

function featureRows(rows: readonly FeatureRow[]): string[][] {
  return rows.map((r) => [r.label ? `${r.name} (${r.label})` : r.name, String(r.with.n), pct(r.with.rate), String(r.without.n), pct(r.without.rate)]);
}

/** The win rate with and without each action and indicator. */
export function featureTables(m: Pick<Measured, 'actions' | 'indicators'>): string[] {
  const cols: Column[] = [
    { title: '', align: 'left' },
    { title: 'With', align: 'right' },
    { title: 'Win rate', align: 'right' },
    { title: 'Without', align: 'right' },
    { title: 'Win rate', align: 'right' },
  ];
  const out: string[] = [];
  if (m.actions.length > 0) {
    out.push('', 'Actions (done on the account within the look-back window before the close date)');
    out.push(renderTable([{ ...cols[0], title: 'Action' }, ...cols.slice(1)], featureRows(m.actions)));
  }
  if (m.indicators.length > 0) {
    out.push('', 'Indicators (as of the close date)');
    out.push(renderTable([{ ...cols[0], title: 'Indicator' }, ...cols.slice(1)], featureRows(m.indicators)));
  }
  return out;
}
