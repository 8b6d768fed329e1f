/** The report of `backtest A B`: two tier designs side by side, and whether one is better beyond chance. */
import type { Backtest } from './backtest.js';
import type { Comparison } from './backtest/compare.js';
import { measuredJson, tierJson } from './report-backtest-json.js';
import { pct, tierTable } from './report-backtest-parts.js';
import { formatRatio } from './stats/index.js';
import { renderTable } from './text-table.js';

const fixed = (x: number | null) => (x === null ? '—' : x.toFixed(4));

function verdict(c: Comparison): string {
  const d = c.difference;
  if (d.low > 0) return 'B states better probabilities than A: its Brier score is lower, and the whole interval is above 0.';
  if (d.high < 0) return 'A states better probabilities than B: its Brier score is lower, and the whole interval is below 0.';
  return 'No clear difference: the interval includes 0, so chance alone could explain the gap on these deals.';
}

function sideBySide(a: Backtest, b: Backtest): string {
  const row = (name: string, f: (x: Backtest) => string) => [name, f(a), f(b)];
  const cal = (k: 'reliability' | 'resolution' | 'uncertainty' | 'intercept' | 'slope') => (x: Backtest) => fixed(x.calibration?.[k] ?? null);
  return renderTable(
    [{ title: '', align: 'left' }, { title: 'A', align: 'right' }, { title: 'B', align: 'right' }],
    [
      row('Brier score (lower is better)', (x) => fixed(x.brier)),
      row('  reliability (lower is better)', cal('reliability')),
      row('  resolution (higher is better)', cal('resolution')),
      row('  uncertainty', cal('uncertainty')),
      row('Brier skill score vs base rate', (x) => pct(x.calibration?.skillVsBaseRate ?? null)),
      row('Expected calibration error', (x) => pct(x.calibration?.ece ?? null)),
      row('Calibration intercept (0 ideal)', cal('intercept')),
      row('Calibration slope (1 ideal)', cal('slope')),
      row('Log loss', (x) => fixed(x.logLoss)),
      row('AUC of the raw score', (x) => fixed(x.auc)),
    ],
  );
}

/** The comparison for the terminal; `fileA` and `fileB` name the playbooks as given. */
export function formatComparisonTable(c: Comparison, fileA: string, fileB: string): string {
  const out: string[] = [];
  out.push(`Two tier designs on the same ${c.a.deals} closed deals (${c.a.wins} won)`);
  out.push(`  A: ${c.a.playbook} (${fileA})`, `  B: ${c.b.playbook} (${fileB})`);
  if (c.onlyA + c.onlyB > 0) out.push(`Left out because only one design scores them (or they disagree on the outcome): ${c.onlyA} of A's deals, ${c.onlyB} of B's.`);
  out.push(c.a.split ? `Out-of-sample: each design's tier probabilities estimated from the deals decided up to ${c.a.split.trainUntil}, tested on those decided after it.` : 'In-sample: each design is tested on the deals it may have been tuned on. For an honest test, use --train-until DATE.');
  const d = c.difference;
  out.push('', `Brier score A ${fixed(c.a.brier)}, B ${fixed(c.b.brier)}: A − B = ${fixed(d.mean)}, 95% interval ${fixed(d.low)} to ${fixed(d.high)}`);
  out.push(`(paired bootstrap: the same deals resampled for both designs, ${c.resamples} times, seed ${c.seed})`);
  out.push(verdict(c));
  out.push('', sideBySide(c.a, c.b));
  for (const [name, b] of [['A', c.a], ['B', c.b]] as const) {
    out.push('', `${name}: ${b.playbook}`);
    out.push(tierTable(b.tiers, b.split ? 'Claimed' : 'Stated'));
    for (const f of b.findings.filter((x) => x.warning)) out.push(`  ! ${f.message}`);
  }
  return `${out.join('\n')}\n`;
}

/** The comparison as JSON: ratios as decimal strings with 4 digits. */
export function formatComparisonJson(c: Comparison, fileA: string, fileB: string): string {
  const side = (b: Backtest, file: string) => ({ playbook: b.playbook, file, findings: b.findings, suggested: b.suggestions.map((s) => ({ tier: s.tier, probability: s.probability === null ? null : formatRatio(s.probability) })), training: b.split?.training.map(tierJson) ?? null, ...measuredJson(b) });
  const doc = {
    in_sample: c.a.split === null,
    train_until: c.a.split?.trainUntil ?? null,
    left_out: { a: c.onlyA, b: c.onlyB },
    brier_difference: { a_minus_b: formatRatio(c.difference.mean), low: formatRatio(c.difference.low), high: formatRatio(c.difference.high), resamples: c.resamples, seed: c.seed },
    a: side(c.a, fileA),
    b: side(c.b, fileB),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
