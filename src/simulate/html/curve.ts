/**
 * `curve --format html`: a rep's commission against the credited amount as a
 * chart — the curve (straight between points, with the vertical jump drawn at
 * each cliff), every band edge as a dashed rule, the rep today as a point —
 * and the table of points with attainment and the marginal rate.
 */
import type { Decimal } from '../../runtime/decimal.js';
import { groupedText, percentText } from '../../runtime/money.js';
import { type Curve, attainmentText, plain } from '../curve/curve.js';
import { limitNotes } from '../curve/report.js';
import { renderChart } from './chart.js';
import { esc } from './escape.js';
import { type Cell, figure, htmlPage, htmlTable } from './page.js';

async function curveChart(c: Curve): Promise<string> {
  // Chart positions are floats (drawing only); the table below has the exact amounts.
  const points = c.points.map((p) => ({ credited: p.credited.toNumber(), payout: p.payout.toNumber() }));
  const edges = c.tables.flatMap((t) => t.bands.filter((b) => b.from.gt(0)).map((b) => ({ credited: b.from.toNumber(), label: `from ${plain(b.from)}: ${percentText(b.rate)}` })));
  const today = c.points.filter((p) => p.marks.includes('the rep today')).map((p) => ({ credited: p.credited.toNumber(), payout: p.payout.toNumber() }));
  const x = { field: 'credited', type: 'quantitative' as const, title: `Credited (${c.currency})`, axis: { format: ',.0f' } };
  return renderChart({
    title: `Payout curve of ${c.rep}`,
    width: 560,
    height: 300,
    layer: [
      { data: { values: edges }, mark: { type: 'rule', strokeDash: [4, 4], color: '#8c959f' }, encoding: { x } },
      { data: { values: edges }, mark: { type: 'text', align: 'left', dx: 3, dy: -140, fontSize: 10, color: '#59636e' }, encoding: { x, text: { field: 'label' } } },
      { data: { values: points }, mark: { type: 'line', color: '#0969da', point: true }, encoding: { x, y: { field: 'payout', type: 'quantitative', title: `Commission (${c.currency})`, axis: { format: ',.0f' } } } },
      { data: { values: today }, mark: { type: 'point', filled: true, size: 120, color: '#bf8700' }, encoding: { x, y: { field: 'payout', type: 'quantitative' } } },
    ],
  });
}

/** The curve as one self-contained HTML page. */
export async function formatCurveHtml(c: Curve): Promise<string> {
  const money = (d: Decimal): Cell => ({ text: groupedText(d, c.minorDigits), sort: d.toFixed(), num: true });
  const quotas = c.quotas.filter((q) => !q.amount.isZero()).map((q) => q.quota);
  const facts = [
    `Credited in the plan period: ${groupedText(c.credited, c.minorDigits)}`,
    ...c.quotas.map((q) => `Quota ${q.quota}: ${groupedText(q.amount, c.minorDigits)}`),
    ...c.tables.map((t) => `${t.name} (${t.method}): ${t.bands.map((b) => `from ${plain(b.from)} pays ${percentText(b.rate)}`).join(', ')}`),
    'Bonuses and rankings do not depend on the credited total and are not in the curve.',
    ...c.notDrawn.map((n) => `Not drawn: ${n}`),
    ...limitNotes(c, (d) => groupedText(d, c.minorDigits)),
  ];
  const body = [
    `<ul class="facts">${facts.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`,
    `<div class="charts">${figure(await curveChart(c), 'Dashed lines: band edges. Gold: the rep today. A vertical step is a cliff.')}</div>`,
    '<h2>Points</h2>',
    htmlTable(
      [{ title: 'Credited', num: true }, ...quotas.map((q) => ({ title: `${q} attainment`, num: true })), { title: 'Commission', num: true }, { title: 'Next unit pays', num: true }, { title: 'Note' }],
      c.points.map((p) => [
        money(p.credited),
        ...quotas.map((q) => {
          const a = p.attainment.find((x) => x.quota === q);
          return a ? { text: attainmentText(a.ratio), sort: a.ratio.toFixed(), num: true } : { text: '', num: true };
        }),
        money(p.payout),
        { text: percentText(p.marginalRate), sort: p.marginalRate.toFixed(), num: true },
        { text: p.marks.join('; ') },
      ]),
    ),
  ].join('\n');
  return htmlPage(`${c.playbook}: payout curve of ${c.rep}`, `Amounts in ${c.currency}`, body);
}
