/**
 * `simulate --format html`: the statement summary as a self-contained page —
 * payout per rep stacked by component, the attainment distribution (when the
 * playbook has quotas), red-line trips per month, the sortable table, and
 * (when the playbook pays in stages) the payments section (`payments.ts`).
 */
import { Decimal } from '../../runtime/decimal.js';
import { groupedText } from '../../runtime/money.js';
import { adjustmentColumns, simulationCostOfSales } from '../report-table.js';
import type { PayoutLine } from '../../runtime/result.js';
import { isAdjustment } from '../../runtime/stages/adjustments.js';
import type { Simulation } from '../simulate.js';
import { renderChart } from './chart.js';
import { esc } from './escape.js';
import { type Cell, figure, htmlPage, htmlTable } from './page.js';
import { paymentsSection } from './payments.js';

const zero = new Decimal(0);

/** Payout per rep, one stacked segment per component (net of what was forfeited of it). */
async function payoutChart(sim: Simulation, components: string[]): Promise<string> {
  const values = sim.evaluation.reps.flatMap((r) =>
    components.map((c) => {
      const lines = r.lines.filter((l) => l.component === c).reduce((s, l) => s.plus(l.amount), zero);
      const lost = r.forfeits.filter((f) => f.component === c).reduce((s, f) => s.plus(f.amount), zero);
      return { rep: r.rep, component: c, amount: lines.minus(lost).toNumber() };
    }),
  );
  const currency = sim.graph.playbook.currency;
  return renderChart({
    title: 'Payout per rep, by component',
    width: 560,
    height: { step: 16 },
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'rep', type: 'nominal', sort: '-x', title: null },
      x: { field: 'amount', type: 'quantitative', aggregate: 'sum', title: `Payout (${currency})`, axis: { format: ',.0f' } },
      color: { field: 'component', type: 'nominal', sort: components, title: 'Component' },
    },
  });
}

/** How many reps reached each attainment band (25 percentage points wide, computed exactly), per quota. */
async function attainmentChart(sim: Simulation): Promise<string | null> {
  const counts = new Map<string, { band: string; from: number; quota: string; reps: number }>();
  for (const r of sim.evaluation.reps) {
    for (const [quota, q] of r.quotas) {
      if (q.isZero()) continue;
      const from = r.credited.div(q).mul(4).floor().mul(25).toNumber();
      const key = `${quota} ${from}`;
      const entry = counts.get(key) ?? { band: `${from}–${from + 25}%`, from, quota, reps: 0 };
      entry.reps += 1;
      counts.set(key, entry);
    }
  }
  if (counts.size === 0) return null;
  const values = [...counts.values()].sort((x, y) => x.from - y.from);
  return renderChart({
    title: 'Attainment distribution',
    width: 420,
    height: 220,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'band', type: 'ordinal', sort: values.map((v) => v.band).filter((b, i, all) => all.indexOf(b) === i), title: 'Attainment (credited ÷ quota)', axis: { labelAngle: -45 } },
      y: { field: 'reps', type: 'quantitative', title: 'Reps', axis: { tickMinStep: 1 } },
      color: { field: 'quota', type: 'nominal', title: 'Quota' },
      xOffset: { field: 'quota', type: 'nominal' },
    },
  });
}

/** Deals that tripped a red line, per month of their date in the plan period. */
async function redlineChart(sim: Simulation): Promise<string | null> {
  const year = String(sim.graph.playbook.planYear);
  const values = sim.evaluation.deals.flatMap((d) => (d.date && d.date.startsWith(year) ? d.redlines.map((r) => ({ month: d.date!.slice(0, 7), redline: r })) : []));
  if (values.length === 0) return null;
  return renderChart({
    title: 'Red-line trips per month (deals)',
    width: 420,
    height: 220,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'Month' },
      y: { aggregate: 'count', type: 'quantitative', title: 'Deals', axis: { tickMinStep: 1 } },
      color: { field: 'redline', type: 'nominal', title: 'Red line' },
    },
  });
}

/** The simulation as one self-contained HTML page. */
export async function formatSimulateHtml(sim: Simulation): Promise<string> {
  const p = sim.graph.playbook;
  const e = sim.evaluation;
  const money = (d: Decimal): Cell => ({ text: groupedText(d, p.minorDigits), sort: d.toFixed(), num: true });
  const declared = (sim.graph.nodes.find((n) => n.kind === 'payout') as { components: { name: string }[] } | undefined)?.components.map((c) => c.name) ?? [];
  // A draw's top-ups and recoveries are payout lines too: without their columns (and bars) the row
  // does not add up to the payout it ends with, as in the text report.
  const components = sim.graph.nodes.some((n) => n.kind === 'draw') ? [...declared, 'draw', 'draw recovered'] : declared;
  // The chart's bars add up each component's lines, its adjustments (caps, top-ups, reversals) included.
  const adjusted = adjustmentColumns(sim).length > 0 ? ' Caps, minimum top-ups and reversals are counted in their component.' : '';
  const charts = [figure(await payoutChart(sim, components), `Each bar is one rep's payout in ${p.currency}; forfeited amounts are taken off their component.${adjusted}`)];
  const att = await attainmentChart(sim);
  if (att) charts.push(figure(att, 'Reps by credited ÷ annual quota, in bands of 25 percentage points.'));
  const red = await redlineChart(sim);
  if (red) charts.push(figure(red, 'Deals dated in the plan period that tripped each red line.'));
  // A component's own lines, then one column per kind of adjustment (caps, top-ups, reversals), as in the text table.
  const columns = [
    ...components.map((c) => ({ title: c, pick: (l: PayoutLine) => l.component === c && !isAdjustment(l.kind) })),
    ...adjustmentColumns(sim).map((a) => ({ title: a.title, pick: (l: PayoutLine) => a.kinds.includes(l.kind) })),
  ];
  const rows = e.reps.map((r) => [
    { text: r.rep },
    { text: String(r.dealsCredited), sort: String(r.dealsCredited), num: true },
    money(r.credited),
    ...columns.map((c) => money(r.lines.filter(c.pick).reduce((s, l) => s.plus(l.amount), zero))),
    money(r.forfeited.neg()),
    money(r.payout),
  ]);
  const sums = columns.map((c) => e.reps.reduce((s, r) => s.plus(r.lines.filter(c.pick).reduce((x, l) => x.plus(l.amount), zero)), zero));
  const footer = [{ text: 'Total' }, { text: String(e.reps.reduce((s, r) => s + r.dealsCredited, 0)), num: true }, money(e.totals.credited), ...sums.map(money), money(e.totals.forfeited.neg()), money(e.totals.payout)];
  const headers = [{ title: 'Rep' }, { title: 'Deals', num: true }, { title: 'Credited', num: true }, ...columns.map((c) => ({ title: c.title, num: true })), { title: 'Forfeited', num: true }, { title: 'Payout', num: true }];
  const facts = [simulationCostOfSales(sim), ...e.redlines.map((r) => `Red line ${r.id} (${r.effect}): ${r.deals} ${r.subject} — ${r.message}`)];
  const body = [
    `<ul class="facts">${facts.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`,
    `<div class="charts">${charts.join('\n')}</div>`,
    '<h2>Per rep</h2>',
    htmlTable(headers, rows, footer),
    await paymentsSection(e.payments, p.minorDigits, p.currency),
    e.warnings.length > 0 ? `<h2>Warnings</h2><ul class="facts">${e.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '',
  ].join('\n');
  return htmlPage(p.name, `Simulation of ${sim.playbookFile}: plan period ${p.planYear}, amounts in ${p.currency}`, body);
}
