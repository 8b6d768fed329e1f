/**
 * `audit --format html`: red-line violations as a self-contained page —
 * violations per month and per rep by red line, the per-rule summary, and
 * every offending record (sortable) with its source file and line.
 */
import type { Decimal } from '../../runtime/decimal.js';
import { groupedText } from '../../runtime/money.js';
import type { Audit } from '../audit.js';
import { renderChart } from './chart.js';
import { esc } from './escape.js';
import { type Cell, figure, htmlPage, htmlTable } from './page.js';

/** Records with a month, counted per month and red line. */
async function perMonthChart(a: Audit): Promise<string | null> {
  const values = a.records.filter((r) => r.month !== null).map((r) => ({ month: r.month, redline: r.redline }));
  if (values.length === 0) return null;
  return renderChart({
    title: 'Red-line violations per month',
    width: 560,
    height: 220,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'Month', axis: { labelAngle: -45 } },
      y: { aggregate: 'count', type: 'quantitative', title: 'Violations', axis: { tickMinStep: 1 } },
      color: { field: 'redline', type: 'nominal', title: 'Red line' },
    },
  });
}

/** Records with a rep, counted per rep and red line. */
async function perRepChart(a: Audit): Promise<string | null> {
  const values = a.records.filter((r) => r.rep !== null).map((r) => ({ rep: r.rep, redline: r.redline }));
  if (values.length === 0) return null;
  return renderChart({
    title: 'Violations per rep',
    width: 420,
    height: { step: 16 },
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'rep', type: 'nominal', title: null, sort: '-x' },
      x: { aggregate: 'count', type: 'quantitative', title: 'Violations', axis: { tickMinStep: 1 } },
      color: { field: 'redline', type: 'nominal', title: 'Red line' },
    },
  });
}

/** The audit as one self-contained HTML page (at most `maxRecords` records listed; all are counted). */
export async function formatAuditHtml(a: Audit, maxRecords = 2000): Promise<string> {
  const p = a.graph.playbook;
  const money = (d: Decimal): Cell => ({ text: groupedText(d, p.minorDigits), sort: d.toFixed(), num: true });
  const count = (n: number): Cell => ({ text: String(n), sort: String(n), num: true });
  const charts = [await perMonthChart(a), await perRepChart(a)].filter((x): x is string => x !== null);
  const parts = [
    `<div class="charts">${charts.map((svg) => figure(svg, 'Each offending record counts once per red line it trips.')).join('\n')}</div>`,
    '<h2>Red lines</h2>',
    htmlTable(
      [{ title: 'Red line' }, { title: 'Effect' }, { title: 'Violations', num: true }, { title: 'Reps', num: true }, { title: 'Amount', num: true }, { title: 'Credit blocked', num: true }, { title: 'Forfeited', num: true }, { title: 'Reviews', num: true }, { title: 'Message' }],
      a.rules.map((r) => [{ text: r.id }, { text: r.effect }, count(r.violations), count(r.reps), money(r.amount), money(r.creditBlocked), money(r.forfeited), count(r.reviews), { text: r.message }]),
    ),
    `<h2>Offending records (${a.records.length})</h2>`,
    htmlTable(
      [{ title: 'Red line' }, { title: 'Rep' }, { title: 'Deal or activity' }, { title: 'Account' }, { title: 'Date' }, { title: 'Amount', num: true }, { title: 'Source' }],
      a.records.slice(0, maxRecords).map((r) => [
        { text: r.redline },
        { text: r.rep ?? '' },
        { text: r.deal ?? r.activity ?? '' },
        { text: r.account ?? '' },
        { text: r.date ?? '' },
        r.amount === null ? { text: '', num: true } : money(r.amount),
        { text: `${r.file}:${r.line}` },
      ]),
    ),
    a.records.length > maxRecords ? `<p>… and ${a.records.length - maxRecords} more (see --format csv or json).</p>` : '',
  ];
  return htmlPage(`${p.name}: red-line audit`, `Audit of ${a.playbookFile}: forfeits assessed on plan period ${esc(a.planPeriod)}, amounts in ${p.currency}`, parts.join('\n'));
}
