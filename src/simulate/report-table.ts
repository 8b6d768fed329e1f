/**
 * `simulate --format table` (the default): a per-rep statement summary with
 * totals, the red lines tripped, review flags and the input accounting, in the
 * words a sales-ops analyst uses.
 */
import { Decimal } from '../runtime/decimal.js';
import { groupedText } from '../runtime/money.js';
import { costOfSales } from './report-json.js';
import type { Simulation } from './simulate.js';
import { type Column, renderTable } from './text-table.js';

export function formatTable(sim: Simulation): string {
  const p = sim.graph.playbook;
  const e = sim.evaluation;
  const money = (d: Decimal) => groupedText(d, p.minorDigits);
  const components = (sim.graph.nodes.find((n) => n.kind === 'payout') as { components: { name: string }[] } | undefined)?.components.map((c) => c.name) ?? [];
  const columns: Column[] = [
    { title: 'Rep', align: 'left' },
    { title: 'Deals', align: 'right' },
    { title: 'Credited', align: 'right' },
    ...components.map((c) => ({ title: c, align: 'right' as const })),
    { title: 'Forfeited', align: 'right' },
    { title: 'Payout', align: 'right' },
  ];
  const sums = components.map(() => new Decimal(0));
  const rows: (string[] | null)[] = e.reps.map((r) => {
    const amounts = components.map((c, i) => {
      const total = r.lines.filter((l) => l.component === c).reduce((s, l) => s.plus(l.amount), new Decimal(0));
      sums[i] = sums[i].plus(total);
      return money(total);
    });
    return [r.rep, String(r.dealsCredited), money(r.credited), ...amounts, r.forfeited.isZero() ? '' : `-${money(r.forfeited)}`, money(r.payout)];
  });
  const dealCount = e.reps.reduce((s, r) => s + r.dealsCredited, 0);
  rows.push(null, ['Total', String(dealCount), money(e.totals.credited), ...sums.map(money), e.totals.forfeited.isZero() ? '' : `-${money(e.totals.forfeited)}`, money(e.totals.payout)]);

  const out: string[] = [];
  out.push(`${p.name} — plan period ${p.planYear}, amounts in ${p.currency}`);
  out.push('');
  out.push(renderTable(columns, rows));
  out.push('');
  const cos = costOfSales(e.totals.payout, e.totals.credited);
  out.push(`Cost of sales: ${money(e.totals.payout)} paid on ${money(e.totals.credited)} credited = ${new Decimal(cos).mul(100).toFixed(2)}%`);

  if (e.redlines.length > 0) {
    out.push('', 'Red lines');
    for (const r of e.redlines) {
      const things = r.subject;
      const one = r.deals === 1;
      const noun = one ? things.replace(/ies$/, 'y').replace(/s$/, '') : things;
      const what = r.effect === 'block' ? `${noun} earned no credit` : r.effect === 'forfeit' ? `${noun} triggered a forfeit` : one ? 'case for review' : 'cases for review';
      out.push(`  ${r.id} (${r.effect}): ${r.deals} ${what}${r.amount.isZero() ? '' : `, ${money(r.amount)} involved`} — ${r.message}`);
    }
  }
  const forfeits = e.reps.flatMap((r) => r.forfeits.filter((f) => !f.amount.isZero()).map((f) => ({ rep: r.rep, ...f })));
  if (forfeits.length > 0) {
    out.push('', 'Forfeited');
    for (const f of forfeits) out.push(`  ${f.rep}: ${f.component} ${money(f.amount)} (${f.rule})`);
  }
  const reviews = e.reps.filter((r) => r.reviews.length > 0);
  if (reviews.length > 0) {
    out.push('', 'Flagged for review');
    for (const r of reviews) {
      const byRule = new Map<string, string[]>();
      for (const f of r.reviews) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f.period]);
      out.push(`  ${r.rep}: ${[...byRule].map(([rule, periods]) => `${rule} ${periods.join(', ')}`).join('; ')}`);
    }
  }
  if (e.relationship && e.forecast.length > 0) {
    out.push('', 'Pipeline forecast: open deals × their tier\'s win probability');
    const byRep = new Map<string, { deals: number; amount: Decimal; weighted: Decimal; unscored: number }>();
    for (const f of e.forecast) {
      const r = byRep.get(f.rep) ?? { deals: 0, amount: new Decimal(0), weighted: new Decimal(0), unscored: 0 };
      r.deals += f.deals;
      r.amount = r.amount.plus(f.amount);
      r.weighted = r.weighted.plus(f.weighted);
      r.unscored += f.unscored;
      byRep.set(f.rep, r);
    }
    const rows: (string[] | null)[] = [...byRep].map(([rep, r]) => [rep, String(r.deals), money(r.amount), money(r.weighted)]);
    const all = [...byRep.values()];
    rows.push(null, ['Total', String(all.reduce((s, r) => s + r.deals, 0)), money(all.reduce((s, r) => s.plus(r.amount), new Decimal(0))), money(all.reduce((s, r) => s.plus(r.weighted), new Decimal(0)))]);
    out.push(renderTable([{ title: 'Rep', align: 'left' }, { title: 'Open deals', align: 'right' }, { title: 'Amount', align: 'right' }, { title: 'Weighted', align: 'right' }], rows));
    const unscored = all.reduce((s, r) => s + r.unscored, 0);
    if (unscored > 0) out.push(`${unscored} open deal(s) have no tier and count 0 in the weighted amount`);
    out.push('(per month in --format json)');
  }
  out.push('', 'Input');
  for (const i of sim.input) out.push(`  ${i.table} (${i.file}): ${i.read} rows read, ${i.used} used, ${i.rejected} rejected`);
  if (sim.rejectedRows.length > 0) {
    out.push('', `Rejected rows (${sim.rejectedRows.length})`);
    for (const r of sim.rejectedRows.slice(0, 50)) for (const m of r.messages) out.push(`  ${m}`);
    if (sim.rejectedRows.length > 50) out.push(`  … and ${sim.rejectedRows.length - 50} more (see --format json)`);
  }
  if (e.warnings.length > 0) {
    out.push('', 'Warnings');
    for (const w of e.warnings) out.push(`  ${w}`);
  }
  return `${out.join('\n')}\n`;
}
