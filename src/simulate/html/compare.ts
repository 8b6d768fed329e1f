/**
 * `compare --format html`: plan A against plan B as a self-contained page —
 * the rule changes, A-vs-B payout per rep, each rep's change split by component,
 * the distribution, winners and losers, and the deals whose fate differs.
 * With a minimum group size, no rep is named and no per-rep chart is drawn.
 * Chart positions are floats (drawing only); every number shown is exact text.
 */
import type { Decimal } from '../../runtime/decimal.js';
import { groupedText } from '../../runtime/money.js';
import type { Comparison } from '../compare/compare.js';
import { fateText, percent1, signedMoney, thresholdText } from '../compare/report-table.js';
import { renderChart } from './chart.js';
import { esc } from './escape.js';
import { type Cell, figure, htmlPage, htmlTable } from './page.js';

/** Each rep's payout under A and under B, joined by a line. */
async function abChart(c: Comparison): Promise<string> {
  const values = c.reps.flatMap((r) => [
    { rep: r.rep, plan: 'A', payout: r.a.payout.toNumber() },
    { rep: r.rep, plan: 'B', payout: r.b.payout.toNumber() },
  ]);
  const y = { field: 'rep', type: 'nominal' as const, title: null, sort: { field: 'payout', op: 'max' as const, order: 'descending' as const } };
  return renderChart({
    title: 'Payout per rep: A and B',
    width: 520,
    height: { step: 16 },
    data: { values },
    layer: [
      { mark: { type: 'line', color: '#8c959f' }, encoding: { y, x: { field: 'payout', type: 'quantitative' }, detail: { field: 'rep', type: 'nominal' } } },
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { y, x: { field: 'payout', type: 'quantitative', title: `Payout (${c.currency})`, axis: { format: ',.0f' } }, color: { field: 'plan', type: 'nominal', title: 'Plan', scale: { range: ['#0969da', '#bf8700'] } } },
      },
    ],
  });
}

/** Each moving rep's change, stacked by the component it came from. */
async function attributionChart(c: Comparison): Promise<string | null> {
  const values = c.reps.flatMap((r) => r.attribution.map((p) => ({ rep: r.rep, component: p.component, change: p.amount.toNumber() })));
  if (values.length === 0) return null;
  return renderChart({
    title: 'Change per rep (B − A), by component',
    width: 520,
    height: { step: 16 },
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'rep', type: 'nominal', title: null, sort: '-x' },
      x: { field: 'change', type: 'quantitative', aggregate: 'sum', title: `Change (${c.currency})`, axis: { format: ',.0f' } },
      color: { field: 'component', type: 'nominal', title: 'Component' },
    },
  });
}

/** Total paid per group (losers, unchanged, winners, merged when small) under A and B. */
async function groupChart(c: Comparison): Promise<string> {
  const values = c.groups.flatMap((g) => [
    { group: `${g.label} (${g.reps.length})`, plan: 'A', paid: g.a.toNumber() },
    { group: `${g.label} (${g.reps.length})`, plan: 'B', paid: g.b.toNumber() },
  ]);
  return renderChart({
    title: 'Paid per group',
    width: 360,
    height: { step: 18 },
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'group', type: 'nominal', title: null },
      yOffset: { field: 'plan', type: 'nominal' },
      x: { field: 'paid', type: 'quantitative', title: `Paid (${c.currency})`, axis: { format: ',.0f' } },
      color: { field: 'plan', type: 'nominal', title: 'Plan', scale: { range: ['#0969da', '#bf8700'] } },
    },
  });
}

/** The comparison as one self-contained HTML page. */
export async function formatCompareHtml(c: Comparison): Promise<string> {
  const d = c.minorDigits;
  const money = (x: Decimal): Cell => ({ text: groupedText(x, d), sort: x.toFixed(), num: true });
  const signed = (x: Decimal): Cell => ({ text: signedMoney(x, d), sort: x.toFixed(), num: true });
  const ratio = (x: Decimal | null, sign = false): Cell => ({ text: percent1(x, sign), sort: x === null ? '' : x.toFixed(), num: true });
  // A change of a share in percentage points, as the text report writes it (+0.5 pts).
  const points = (x: Decimal, y: Decimal): Cell => ({ text: `${percent1(y.minus(x), true).replace('%', '')} pts`, sort: y.minus(x).toFixed(), num: true });
  const hide = c.minGroup !== null;
  const parts: string[] = [];
  parts.push('<h2>What changed in the rules</h2>');
  parts.push(c.changes.length === 0 ? '<p>Nothing: the two plans have the same rules.</p>' : `<ul class="facts">${c.changes.map((ch) => `<li><strong>${esc(ch.rule)}</strong>: ${esc(ch.what)}</li>`).join('')}</ul>`);
  const charts = [figure(await groupChart(c), `Winners and losers by ${thresholdText(c.threshold, d)}.`)];
  if (!hide) {
    charts.unshift(figure(await abChart(c), 'Blue: plan A; gold: plan B.'));
    const why = await attributionChart(c);
    if (why) charts.push(figure(why, 'The parts of each bar add up exactly to the rep’s change.'));
  }
  parts.push(`<div class="charts">${charts.join('\n')}</div>`);
  const t = c.totals;
  parts.push('<h2>Totals and distribution</h2>');
  parts.push(
    htmlTable(
      [{ title: '' }, { title: 'A', num: true }, { title: 'B', num: true }, { title: 'Change', num: true }],
      [
        [{ text: 'Total cost' }, money(t.a.total), money(t.b.total), signed(t.difference)],
        [{ text: 'Credited' }, money(t.a.credited), money(t.b.credited), signed(t.b.credited.minus(t.a.credited))],
        [{ text: 'Cost of sales' }, ratio(t.a.costOfSales), ratio(t.b.costOfSales), t.a.costOfSales && t.b.costOfSales ? points(t.a.costOfSales, t.b.costOfSales) : { text: '', num: true }],
        // The median and quartiles are each one rep's pay: withheld when no rep may be identified.
        ...(hide
          ? []
          : [
              [{ text: 'Lower quartile payout' }, money(t.a.q1), money(t.b.q1), signed(t.b.q1.minus(t.a.q1))],
              [{ text: 'Median payout' }, money(t.a.median), money(t.b.median), signed(t.b.median.minus(t.a.median))],
              [{ text: 'Upper quartile payout' }, money(t.a.q3), money(t.b.q3), signed(t.b.q3.minus(t.a.q3))],
            ]),
        [{ text: `Share of the top 10% (${t.b.topCount} reps)` }, ratio(t.a.topShare), ratio(t.b.topShare), t.a.topShare && t.b.topShare ? points(t.a.topShare, t.b.topShare) : { text: '', num: true }],
      ],
    ),
  );
  parts.push(`<h2>Winners and losers (${esc(thresholdText(c.threshold, d))})</h2>`);
  parts.push(htmlTable([{ title: 'Group' }, { title: 'Reps', num: true }, { title: 'Paid under A', num: true }, { title: 'Paid under B', num: true }, { title: 'Change', num: true }], c.groups.map((g) => [{ text: g.label }, { text: String(g.reps.length), sort: String(g.reps.length), num: true }, money(g.a), money(g.b), signed(g.difference)])));
  if (hide) parts.push(`<p>Groups of fewer than ${c.minGroup} reps are merged; no rep is named in this report.</p>`);
  else {
    const components = [...new Set(c.reps.flatMap((r) => r.attribution.map((p) => p.component)))];
    parts.push('<h2>Per rep</h2>');
    parts.push(
      htmlTable(
        [{ title: 'Rep' }, { title: 'Payout A', num: true }, { title: 'Payout B', num: true }, { title: 'Change', num: true }, { title: 'Change %', num: true }, { title: 'Credited A', num: true }, { title: 'Credited B', num: true }, { title: 'Cost of sales A', num: true }, { title: 'Cost of sales B', num: true }, ...components.map((x) => ({ title: `from ${x}`, num: true }))],
        c.reps.map((r) => [
          { text: r.rep },
          money(r.a.payout),
          money(r.b.payout),
          signed(r.difference),
          ratio(r.percent, true),
          money(r.a.credited),
          money(r.b.credited),
          ratio(r.a.costOfSales),
          ratio(r.b.costOfSales),
          ...components.map((x) => {
            const p = r.attribution.find((y) => y.component === x);
            return p ? signed(p.amount) : { text: '', sort: '0', num: true };
          }),
        ]),
      ),
    );
  }
  if (c.deals.length > 0) {
    parts.push(`<h2>Deals whose fate differs (${c.deals.length})</h2>`);
    parts.push(htmlTable([{ title: 'Deal' }, ...(hide ? [] : [{ title: 'Rep' }]), { title: 'Amount', num: true }, { title: 'Under A' }, { title: 'Under B' }], c.deals.map((x) => [{ text: x.id }, ...(hide ? [] : [{ text: x.rep ?? '' }]), x.amount === null ? { text: '' } : money(x.amount), { text: fateText(x.a) }, { text: fateText(x.b) }])));
  }
  if (c.warnings.length > 0) parts.push(`<h2>Warnings</h2><ul class="facts">${c.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`);
  return htmlPage(`${c.a.name} → ${c.b.name}`, `A: ${c.a.file} · B: ${c.b.file} · amounts in ${c.currency}`, parts.join('\n'));
}
