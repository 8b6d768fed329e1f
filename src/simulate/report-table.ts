/**
 * `simulate --format table` (the default): a per-rep statement summary with
 * totals, the red lines tripped, review flags and the input accounting, in the
 * words a sales-ops analyst uses.
 */
import { Decimal } from '../runtime/decimal.js';
import type { PayoutLine } from '../runtime/result.js';
import { isAdjustment } from '../runtime/stages/adjustments.js';
import { groupedText } from '../runtime/money.js';
import { costOfSales } from './report-json.js';
import { paymentsTable } from './report-payments.js';
import { drawTable } from './report-draw-table.js';
import type { Simulation } from './simulate.js';
import stringWidth from 'string-width';
import { inputText } from './input-text.js';
import { shownName } from '../language/shown-name.js';
import { type Column, renderTable, wrap } from './text-table.js';

/** Terminal width the table keeps to unless asked for everything (`--wide`). */
export const TABLE_WIDTH = 100;

/** The statement table's columns and rows, one amount column per entry of `groups` (each summing some components). */
function statementTable(sim: Simulation, groups: { title: string; components: string[]; kinds?: string[] }[]): { columns: Column[]; rows: (string[] | null)[] } {
  const p = sim.graph.playbook;
  const e = sim.evaluation;
  const money = (d: Decimal) => groupedText(d, p.minorDigits);
  const columns: Column[] = [
    { title: 'Rep', align: 'left' },
    { title: 'Deals', align: 'right' },
    { title: 'Credited', align: 'right' },
    ...groups.map((g) => ({ title: g.title, align: 'right' as const })),
    { title: 'Forfeited', align: 'right' },
    { title: 'Payout', align: 'right' },
  ];
  const sums = groups.map(() => new Decimal(0));
  const rows: (string[] | null)[] = e.reps.map((r) => {
    const amounts = groups.map((g, i) => {
      // A component's column holds its own lines; an adjustment column, that kind of adjustment of every component.
      const mine = (l: PayoutLine) => (g.kinds ? g.kinds.includes(l.kind) : g.components.includes(l.component) && !isAdjustment(l.kind));
      const total = r.lines.filter(mine).reduce((s, l) => s.plus(l.amount), new Decimal(0));
      sums[i] = sums[i].plus(total);
      return money(total);
    });
    return [r.rep, String(r.dealsCredited), money(r.credited), ...amounts, r.forfeited.isZero() ? '' : `-${money(r.forfeited)}`, money(r.payout)];
  });
  // Each credited deal once: a split deal counts in the Deals of every person with a part of it,
  // but adding those up would count it twice in the total.
  const dealCount = e.deals.filter((d) => d.credited).length;
  rows.push(null, ['Total', String(dealCount), money(e.totals.credited), ...sums.map(money), e.totals.forfeited.isZero() ? '' : `-${money(e.totals.forfeited)}`, money(e.totals.payout)]);
  return { columns, rows };
}

/** Display width of the widest line. */
function widthOf(text: string): number {
  return Math.max(...text.split('\n').map((l) => stringWidth(l)));
}

/**
 * The adjustment columns (stages/adjustments.ts), after the components: `Capped` and `Topped up`
 * when a `pay … in stages` section has a cap or a minimum, `Cancelled` and `Clawed back` when one
 * claws back. None without them, so such a playbook's table is as it always was.
 */
export function adjustmentColumns(sim: Simulation): { title: string; components: string[]; kinds: string[] }[] {
  const p = sim.evaluation.payments;
  return [
    ...(p?.limits ? [{ title: 'Capped', components: [], kinds: ['capped'] }, { title: 'Topped up', components: [], kinds: ['top-up'] }] : []),
    ...(p?.clawbacks ? [{ title: 'Cancelled', components: [], kinds: ['cancelled'] }, { title: 'Clawed back', components: [], kinds: ['clawback'] }] : []),
  ];
}

const KIND_TITLES: Record<string, string> = { commission: 'Commission', accelerator: 'Commission', bonus: 'Bonuses', ranking: 'Ranking', draw: 'Draws', recovery: 'Draws' };

/**
 * One column per payout component; when that is wider than {@link TABLE_WIDTH} columns and `wide`
 * is not set, the components are added up by kind (commission with its excess line, bonuses,
 * ranking) and a line under the table names what each column holds.
 */
function statement(sim: Simulation, wide: boolean): string[] {
  const declared = (sim.graph.nodes.find((n) => n.kind === 'payout') as { components: { name: string; kind: string }[] } | undefined)?.components ?? [];
  // A draw's top-ups and recoveries are lines too: their columns make the row add up to the payout.
  const hasDraw = sim.graph.nodes.some((n) => n.kind === 'draw');
  const components = hasDraw ? [...declared, { name: 'draw', kind: 'draw' }, { name: 'draw recovered', kind: 'recovery' }] : declared;
  const adjustments = adjustmentColumns(sim);
  const each = statementTable(sim, [...components.map((c) => ({ title: c.name, components: [c.name] })), ...adjustments]);
  const full = renderTable(each.columns, each.rows);
  if (wide || widthOf(full) <= TABLE_WIDTH) return [full];
  const byKind = new Map<string, string[]>();
  for (const c of components) byKind.set(KIND_TITLES[c.kind], [...(byKind.get(KIND_TITLES[c.kind]) ?? []), c.name]);
  const grouped = statementTable(sim, [...[...byKind].map(([title, names]) => ({ title, components: names })), ...adjustments]);
  // A long rule name is shortened as in findings (a pasted paragraph would fill the screen).
  const legend = [...byKind].map(([title, names]) => `${title} = ${names.map(shownName).join(' + ')}`).join('; ');
  let table = renderTable(grouped.columns, grouped.rows);
  let dropped = '';
  if (widthOf(table) > TABLE_WIDTH) {
    // Still too wide: the number of credited deals goes first (it is in --wide and in the JSON).
    table = renderTable(grouped.columns.filter((_, i) => i !== 1), grouped.rows.map((r) => (r ? r.filter((_, i) => i !== 1) : null)));
    dropped = ' and the number of deals';
  }
  return [table, wrap(`Columns: ${legend}. --wide shows one column per component${dropped}.`, TABLE_WIDTH, '  ')];
}

/**
 * The cost-of-sales sentence of the text and HTML reports: payout over credited, as a percent with
 * two decimals ("Cost of sales: 1,200.00 paid on 60,000.00 credited = 2.00%"). With nothing credited
 * there is no ratio to give, so it says so instead of "0.00 credited = 0.00%". When caps, minimums
 * or reversals changed the payout (`adjusted`), the sentence says the payout is after them and what
 * it was before ("5,000.00 payout after caps and minimums on 75,000.00 credited = 6.67% (7,500.00
 * before them)"): money a cap took off is never paid.
 * @param digits the currency's minor digits (amounts are printed grouped, in the playbook's currency).
 * @param adjusted what changed the payout, in words (`caps and minimums`), and the payout before it.
 */
export function costOfSalesLine(payout: Decimal, credited: Decimal, digits: number, adjusted?: { what: string; before: Decimal }): string {
  const amount = adjusted ? `${groupedText(payout, digits)} payout after ${adjusted.what}` : `${groupedText(payout, digits)} paid`;
  const before = adjusted ? ` (${groupedText(adjusted.before, digits)} before them)` : '';
  if (credited.isZero()) return `Cost of sales: ${amount}, nothing credited${before}`;
  return `Cost of sales: ${amount} on ${groupedText(credited, digits)} credited = ${new Decimal(costOfSales(payout, credited)).mul(100).toFixed(2)}%${before}`;
}

/** {@link costOfSalesLine} for a simulation: with the adjustments' wording when its payments have caps, minimums or clawbacks. */
export function simulationCostOfSales(sim: Simulation): string {
  const e = sim.evaluation;
  const digits = sim.graph.playbook.minorDigits;
  const what = [...(e.payments?.limits ? ['caps', 'minimums'] : []), ...(e.payments?.clawbacks ? ['reversals'] : [])];
  if (what.length === 0) return costOfSalesLine(e.totals.payout, e.totals.credited, digits);
  const change = e.reps.reduce((s, r) => r.lines.reduce((t, l) => (isAdjustment(l.kind) ? t.plus(l.amount) : t), s), new Decimal(0));
  return costOfSalesLine(e.totals.payout, e.totals.credited, digits, { what: `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]}`.replace(/^ and /, ''), before: e.totals.payout.minus(change) });
}

/**
 * The statement summary. Money in the playbook's currency with digit grouping.
 * @param wide one column per payout component, however wide the table (default: fit 100 columns).
 */
export function formatTable(sim: Simulation, options: { wide?: boolean } = {}): string {
  const p = sim.graph.playbook;
  const e = sim.evaluation;
  const money = (d: Decimal) => groupedText(d, p.minorDigits);
  const out: string[] = [];
  out.push(`${p.name} — plan period ${p.planYear}, amounts in ${p.currency}`);
  out.push('');
  out.push(...statement(sim, options.wide ?? false));
  out.push('');
  out.push(simulationCostOfSales(sim));

  out.push(...drawTable(e.reps, p.minorDigits));
  if (e.payments) out.push(...paymentsTable(e.payments, p.minorDigits, TABLE_WIDTH));
  if (e.redlines.length > 0) {
    out.push('', 'Red lines');
    for (const r of e.redlines) {
      const things = r.subject;
      const one = r.deals === 1;
      const noun = one ? things.replace(/ies$/, 'y').replace(/s$/, '') : things;
      const what = r.effect === 'block' ? `${noun} earned no credit` : r.effect === 'forfeit' ? `${noun} triggered a forfeit` : one ? 'case for review' : 'cases for review';
      out.push(wrap(`  ${r.id} (${r.effect}): ${r.deals} ${what}${r.amount.isZero() ? '' : `, ${money(r.amount)} involved`} — ${r.message}`, TABLE_WIDTH));
    }
  }
  const forfeits = e.reps.flatMap((r) => r.forfeits.filter((f) => !f.amount.isZero()).map((f) => ({ rep: r.rep, ...f })));
  if (forfeits.length > 0) {
    out.push('', 'Forfeited');
    for (const f of forfeits) out.push(`  ${f.rep}: ${shownName(f.component)} ${money(f.amount)} (${shownName(f.rule)})`);
  }
  const reviews = e.reps.filter((r) => r.reviews.length > 0);
  if (reviews.length > 0) {
    out.push('', 'Flagged for review');
    for (const r of reviews) {
      const byRule = new Map<string, string[]>();
      for (const f of r.reviews) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f.period]);
      out.push(wrap(`  ${r.rep}: ${[...byRule].map(([rule, periods]) => `${rule} ${periods.join(', ')}`).join('; ')}`, TABLE_WIDTH));
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
  for (const i of sim.input) out.push(inputText(i));
  if (e.outsidePlan !== null) out.push(wrap(`  ${e.outsidePlan}`, TABLE_WIDTH));
  if (sim.rejectedRows.length > 0) {
    out.push('', `Rejected rows (${sim.rejectedRows.length})`);
    for (const r of sim.rejectedRows.slice(0, 50)) for (const m of r.messages) out.push(`  ${m}`);
    if (sim.rejectedRows.length > 50) out.push(`  … and ${sim.rejectedRows.length - 50} more (see --format json)`);
  }
  if (e.warnings.length > 0) {
    out.push('', 'Warnings');
    for (const w of e.warnings) out.push(wrap(`  ${w}`, TABLE_WIDTH));
  }
  return `${out.join('\n')}\n`;
}
