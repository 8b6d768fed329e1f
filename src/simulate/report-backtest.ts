/**
 * Backtest reports: a readable table for the terminal and a JSON document.
 * Ratios are printed with fixed digits so two runs give identical text.
 */
import type { Backtest, FeatureRow } from './backtest.js';
import { formatRatio } from './stats/index.js';
import { type Column, renderTable } from './text-table.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

const verdictWords: Record<string, string> = {
  consistent: 'consistent',
  overstated: 'OVERSTATED: stated above the interval',
  understated: 'understated: stated below the interval',
  'no deals': 'no closed deals in this tier',
};

function featureRows(rows: FeatureRow[]): string[][] {
  return rows.map((r) => [r.label ? `${r.name} (${r.label})` : r.name, String(r.with.n), pct(r.with.rate), String(r.without.n), pct(r.without.rate)]);
}

export function formatBacktestTable(b: Backtest): string {
  const out: string[] = [];
  out.push(`${b.playbook} — backtest of relationship tiers on ${b.deals} closed deals (${b.wins} won)`);
  if (b.unscored > 0) out.push(`${b.unscored} closed deal(s) left out: no account, no close date or no tier matched`);
  out.push('', 'Tiers: stated win probability against the actual win rate, with its 95% Wilson interval');
  const tierCols: Column[] = [
    { title: 'Tier', align: 'left' },
    { title: 'Deals', align: 'right' },
    { title: 'Won', align: 'right' },
    { title: 'Stated', align: 'right' },
    { title: 'Actual', align: 'right' },
    { title: '95% interval', align: 'right' },
    { title: 'Verdict', align: 'left' },
  ];
  out.push(
    renderTable(
      tierCols,
      b.tiers.map((t) => [t.label ? `${t.tier} (${t.label})` : t.tier, String(t.deals), String(t.wins), pct(t.stated), pct(t.actual), t.deals === 0 ? '—' : `${pct(t.low)} – ${pct(t.high)}`, verdictWords[t.verdict]]),
    ),
  );
  out.push('');
  out.push(`Brier score ${b.brier === null ? '—' : b.brier.toFixed(4)} (0 is perfect; always saying 50% scores 0.25)`);
  out.push(`Log loss    ${b.logLoss === null ? '—' : b.logLoss.toFixed(4)} (lower is better; always saying 50% scores 0.6931)`);
  out.push(`AUC of the raw score ${b.auc === null ? '— (all deals had the same outcome)' : b.auc.toFixed(4)} (0.5 is a coin toss, 1 separates won from lost perfectly)`);
  if (b.reliability.length > 0) {
    out.push('', 'Reliability by score decile');
    out.push(
      renderTable(
        [
          { title: 'Decile', align: 'right' },
          { title: 'Scores', align: 'right' },
          { title: 'Deals', align: 'right' },
          { title: 'Predicted', align: 'right' },
          { title: 'Won', align: 'right' },
        ],
        b.reliability.map((r) => [String(r.decile), `${r.from.toFixed(1)} – ${r.to.toFixed(1)}`, String(r.n), pct(r.meanPredicted), pct(r.winRate)]),
      ),
    );
  }
  const featureCols: Column[] = [
    { title: '', align: 'left' },
    { title: 'With', align: 'right' },
    { title: 'Win rate', align: 'right' },
    { title: 'Without', align: 'right' },
    { title: 'Win rate', align: 'right' },
  ];
  if (b.actions.length > 0) {
    out.push('', 'Actions (done on the account within the look-back window before the close date)');
    out.push(renderTable([{ ...featureCols[0], title: 'Action' }, ...featureCols.slice(1)], featureRows(b.actions)));
  }
  if (b.indicators.length > 0) {
    out.push('', 'Indicators (as of the close date)');
    out.push(renderTable([{ ...featureCols[0], title: 'Indicator' }, ...featureCols.slice(1)], featureRows(b.indicators)));
  }
  return `${out.join('\n')}\n`;
}

const ratio = (x: number | null) => (x === null ? null : formatRatio(x));

function featureJson(r: FeatureRow) {
  return {
    name: r.name,
    label: r.label,
    with: { deals: r.with.n, wins: r.with.wins, win_rate: ratio(r.with.rate) },
    without: { deals: r.without.n, wins: r.without.wins, win_rate: ratio(r.without.rate) },
  };
}

/** JSON text: ratios as decimal strings with 4 digits. */
export function formatBacktestJson(b: Backtest): string {
  const doc = {
    playbook: b.playbook,
    deals: b.deals,
    wins: b.wins,
    unscored: b.unscored,
    tiers: b.tiers.map((t) => ({
      tier: t.tier,
      label: t.label,
      deals: t.deals,
      wins: t.wins,
      stated: formatRatio(t.stated),
      actual: ratio(t.actual),
      wilson_low: formatRatio(t.low),
      wilson_high: formatRatio(t.high),
      verdict: t.verdict,
    })),
    brier: ratio(b.brier),
    log_loss: ratio(b.logLoss),
    auc: ratio(b.auc),
    reliability: b.reliability.map((r) => ({ decile: r.decile, score_from: formatRatio(r.from), score_to: formatRatio(r.to), deals: r.n, predicted: formatRatio(r.meanPredicted), win_rate: formatRatio(r.winRate) })),
    actions: b.actions.map(featureJson),
    indicators: b.indicators.map(featureJson),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
