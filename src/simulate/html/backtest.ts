/**
 * `backtest --format html`: the calibration plot — each tier's stated win
 * probability against its actual win rate, with the 95% Wilson interval as a
 * bar and the diagonal where an honest tier sits — and the tier table.
 */
import type { Backtest } from '../backtest.js';
import { leftOutLine } from '../report-backtest.js';
import { renderChart } from './chart.js';
import { esc } from './escape.js';
import { type Cell, figure, htmlPage, htmlTable } from './page.js';

const pct = (x: number | null): string => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

async function calibrationChart(b: Backtest): Promise<string | null> {
  const tiers = b.tiers.filter((t) => t.actual !== null).map((t) => ({ tier: t.label ?? t.tier, stated: t.stated, actual: t.actual, low: t.low, high: t.high, deals: t.deals }));
  if (tiers.length === 0) return null;
  const x = { field: 'stated', type: 'quantitative' as const, title: 'Stated win probability', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  const y = { type: 'quantitative' as const, title: 'Actual win rate (95% interval)', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  return renderChart({
    title: 'Calibration: stated vs actual, per tier',
    width: 360,
    height: 360,
    layer: [
      { data: { values: [{ stated: 0, actual: 0 }, { stated: 1, actual: 1 }] }, mark: { type: 'line', strokeDash: [4, 4], color: '#8c959f' }, encoding: { x, y: { ...y, field: 'actual' } } },
      { data: { values: tiers }, mark: { type: 'rule', strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color: { field: 'tier', type: 'nominal', title: 'Tier' } } },
      { data: { values: tiers }, mark: { type: 'point', filled: true }, encoding: { x, y: { ...y, field: 'actual' }, size: { field: 'deals', type: 'quantitative', title: 'Deals', scale: { zero: false, rangeMin: 40 }, legend: { tickMinStep: 1, format: 'd' } }, color: { field: 'tier', type: 'nominal', title: 'Tier' } } },
    ],
  });
}

/** The backtest as one self-contained HTML page. */
export async function formatBacktestHtml(b: Backtest): Promise<string> {
  const ratio = (x: number | null): Cell => ({ text: pct(x), sort: x === null ? '' : String(x), num: true });
  const chart = await calibrationChart(b);
  const facts = [
    `${b.deals} closed deals with a tier (${b.wins} won)${b.unscored > 0 ? `; ${leftOutLine(b)}` : ''}`,
    `Brier score ${b.brier === null ? '—' : b.brier.toFixed(4)}, log loss ${b.logLoss === null ? '—' : b.logLoss.toFixed(4)}, AUC of the score ${b.auc === null ? '—' : b.auc.toFixed(3)}`,
  ];
  const body = [
    `<ul class="facts">${facts.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`,
    chart ? `<div class="charts">${figure(chart, 'An honest tier sits on the dashed diagonal; the bar is its 95% Wilson interval.')}</div>` : '<p>No tier has closed deals: nothing to plot.</p>',
    '<h2>Tiers</h2>',
    htmlTable(
      [{ title: 'Tier' }, { title: 'Deals', num: true }, { title: 'Won', num: true }, { title: 'Stated', num: true }, { title: 'Actual', num: true }, { title: '95% low', num: true }, { title: '95% high', num: true }, { title: 'Verdict' }],
      b.tiers.map((t) => [{ text: t.label ?? t.tier }, { text: String(t.deals), sort: String(t.deals), num: true }, { text: String(t.wins), sort: String(t.wins), num: true }, ratio(t.stated), ratio(t.actual), ratio(t.low), ratio(t.high), { text: String(t.verdict) }]),
    ),
  ].join('\n');
  return htmlPage(`${b.playbook}: relationship backtest`, 'Were the relationship tiers honest? Stated win probability against the actual win rate of closed deals.', body);
}
