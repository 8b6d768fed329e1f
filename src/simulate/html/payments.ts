/**
 * The payments section of `simulate --format html` (domain.md §4, pay in stages and pay fast),
 * present only when the playbook pays something in stages: per rep what was earned, paid and held
 * to the end of the data with the days from trigger to payment (median, p90, max); the pay-fast
 * figures per component; what is held and why; a chart of what was paid each month against what
 * was held at each month's end; and the monthly statements of one rep at a time, chosen in a list
 * (one table per rep, the others hidden; names are escaped). Money is in the playbook currency.
 */
import { Decimal } from '../../runtime/decimal.js';
import { groupedText } from '../../runtime/money.js';
import type { StatementsResult } from '../../runtime/nodes/statements.js';
import { dateText } from '../../runtime/periods.js';
import { renderChart } from './chart.js';
import { esc } from './escape.js';
import { type Cell, figure, htmlTable } from './page.js';

const zero = new Decimal(0);
const days = (n: number | null): Cell => (n === null ? { text: '—', num: true } : { text: String(n), sort: String(n), num: true });

/** What was paid in each month and what was held at each month's end, all reps together (chart data, in the currency's units). */
export function paidAndHeldByMonth(p: StatementsResult): { month: string; paid: Decimal; held: Decimal }[] {
  const byMonth = new Map<string, { paid: Decimal; held: Decimal }>();
  for (const l of p.lines) {
    const m = byMonth.get(l.month) ?? { paid: zero, held: zero };
    byMonth.set(l.month, { paid: m.paid.plus(l.paid), held: m.held.plus(l.held) });
  }
  return [...byMonth].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, m]) => ({ month, ...m }));
}

/** Held at the end of the data, by reason (the reason's first words: "cash not yet collected"), with the deals behind it. */
export function heldByReason(p: StatementsResult): { reason: string; amount: Decimal; deals: number }[] {
  const byReason = new Map<string, { amount: Decimal; deals: Set<string> }>();
  for (const x of p.releases) {
    // A capped or cancelled part is never paid, not held: the same parts as the table report (found by a trial user).
    if (x.paidOn !== null || x.line === 'cancelled' || x.line === 'capped') continue;
    const why = (x.reason ?? 'not paid by the end of the data').split(':')[0];
    const r = byReason.get(why) ?? { amount: zero, deals: new Set<string>() };
    r.amount = r.amount.plus(x.amount);
    if (x.deal) r.deals.add(x.deal);
    byReason.set(why, r);
  }
  return [...byReason].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([reason, r]) => ({ reason, amount: r.amount, deals: r.deals.size }));
}

async function paidHeldChart(p: StatementsResult, currency: string): Promise<string | null> {
  const months = paidAndHeldByMonth(p);
  if (months.length === 0) return null;
  const values = months.flatMap((m) => [
    { month: m.month, kind: 'paid', amount: m.paid.toNumber() },
    { month: m.month, kind: 'held at month end', amount: m.held.toNumber() },
  ]);
  return renderChart({
    title: 'Paid vs held, per month',
    width: 560,
    height: 220,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'Month', axis: { labelAngle: -45 } },
      y: { field: 'amount', type: 'quantitative', title: `Amount (${currency})`, axis: { format: ',.0f' } },
      color: { field: 'kind', type: 'nominal', title: null, sort: ['paid', 'held at month end'] },
      xOffset: { field: 'kind', type: 'nominal', sort: ['paid', 'held at month end'] },
    },
  });
}

/**
 * The section's HTML (trusted: built from escaped parts), or '' when nothing is paid in stages.
 * @param digits the currency's minor digits; `currency` its code.
 */
export async function paymentsSection(p: StatementsResult | undefined, digits: number, currency: string): Promise<string> {
  if (!p) return '';
  const money = (d: Decimal): Cell => ({ text: groupedText(d, digits), sort: d.toFixed(), num: true });
  const byRep = new Map<string, { earned: Decimal; paid: Decimal; held: Decimal }>();
  for (const t of p.totals) {
    const r = byRep.get(t.rep) ?? { earned: zero, paid: zero, held: zero };
    byRep.set(t.rep, { earned: r.earned.plus(t.earned), paid: r.paid.plus(t.paid), held: r.held.plus(t.held) });
  }
  const fast = new Map(p.payFast.filter((f) => f.scope === 'rep').map((f) => [f.name, f]));
  const all = p.payFast.find((f) => f.scope === 'all');
  const rows = [...byRep].map(([rep, t]) => [{ text: rep }, money(t.earned), money(t.paid), money(t.held), days(fast.get(rep)?.median ?? null), days(fast.get(rep)?.p90 ?? null), days(fast.get(rep)?.max ?? null)]);
  const sum = (pick: (t: { earned: Decimal; paid: Decimal; held: Decimal }) => Decimal) => [...byRep.values()].reduce((s, t) => s.plus(pick(t)), zero);
  const footer = [{ text: 'Total' }, money(sum((t) => t.earned)), money(sum((t) => t.paid)), money(sum((t) => t.held)), days(all?.median ?? null), days(all?.p90 ?? null), days(all?.max ?? null)];
  const headers = [{ title: 'Rep' }, { title: 'Earned', num: true }, { title: 'Paid', num: true }, { title: 'Held', num: true }, { title: 'Days to pay: median', num: true }, { title: 'p90', num: true }, { title: 'max', num: true }];
  const asOf = p.asOf === null ? '—' : dateText(p.asOf);
  const facts = [
    `To the end of the data (${asOf}): ${groupedText(sum((t) => t.earned), digits)} earned, ${groupedText(sum((t) => t.paid), digits)} paid, ${groupedText(sum((t) => t.held), digits)} held.`,
    ...p.payFast.filter((f) => f.scope === 'component').map((f) => `Pay fast, ${f.name}: ${f.payments} payment${f.payments === 1 ? '' : 's'}, days from trigger to payment: median ${f.median ?? '—'}, p90 ${f.p90 ?? '—'}, max ${f.max ?? '—'}.`),
  ];
  const held = heldByReason(p);
  const heldTable = held.length === 0 ? '<p>Nothing is held at the end of the data.</p>' : htmlTable([{ title: 'Held because' }, { title: 'Amount', num: true }, { title: 'Deals', num: true }], held.map((h) => [{ text: h.reason }, money(h.amount), { text: String(h.deals), sort: String(h.deals), num: true }]));
  const chart = await paidHeldChart(p, currency);
  const reps = [...new Set(p.lines.map((l) => l.rep))].sort((a, b) => p.repKeys.indexOf(a) - p.repKeys.indexOf(b));
  // One statement table per rep, shown one at a time: panels are named by index, so a rep's name only appears as escaped text.
  const options = reps.map((rep, k) => `<option value="${k}">${esc(rep)}</option>`).join('');
  const panels = reps.map((rep, k) => {
    const lines = p.lines.filter((l) => l.rep === rep);
    // With clawbacks, minimums or caps the statement shows them too, as the CSV statements do (docs/language.md §12c).
    const table = htmlTable(
      [
        { title: 'Month' },
        { title: 'Component' },
        { title: 'Earned', num: true },
        { title: 'Payable', num: true },
        { title: 'Paid', num: true },
        ...(p.clawbacks ? [{ title: 'Clawed back', num: true }] : []),
        ...(p.limits ? [{ title: 'Topped up', num: true }, { title: 'Capped', num: true }] : []),
        { title: 'Held at the month\'s end', num: true },
      ],
      lines.map((l) => [{ text: l.month }, { text: l.component }, money(l.earned), money(l.payable), money(l.paid), ...(p.clawbacks ? [money(l.clawedBack)] : []), ...(p.limits ? [money(l.toppedUp), money(l.capped)] : []), money(l.held)]),
    );
    return `<section class="panel" data-panel-of="statements" data-panel="${k}"${k === 0 ? '' : ' hidden'}><h3>Statements of ${esc(rep)}</h3>${table}</section>`;
  });
  return [
    '<section class="payments">',
    '<h2>Paying in stages</h2>',
    `<ul class="facts">${facts.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`,
    chart ? `<div class="charts">${figure(chart, `What was paid in each month, and what was earned but not yet paid at each month's end, all reps, in ${currency}.`)}</div>` : '',
    '<h3>Per rep</h3>',
    htmlTable(headers, rows, footer),
    '<h3>Held at the end of the data, by reason</h3>',
    heldTable,
    reps.length === 0 ? '' : `<h3>Monthly statements</h3><p><label>Rep: <select data-panels="statements">${options}</select></label></p>${panels.join('\n')}`,
    '</section>',
  ].join('\n');
}
