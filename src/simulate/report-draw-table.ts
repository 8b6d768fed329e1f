/**
 * The draw statement of `simulate --format table` (docs/language.md §9a): the draw's terms, then
 * one row per rep and draw period — earnings, draw paid, recovered, the balance still owed and
 * what the rep is paid — and, for a recoverable draw, what happened to each balance at year end.
 * Money in the playbook's currency with digit grouping.
 */
import type { Decimal } from '../runtime/decimal.js';
import { groupedText, percentText } from '../runtime/money.js';
import type { RepResult } from '../runtime/result.js';
import { type Column, renderTable } from './text-table.js';

/** The lines of the draw statement, or none when no rep has a draw. */
export function drawTable(reps: RepResult[], digits: number): string[] {
  const withDraw = reps.filter((r) => r.draw);
  if (withDraw.length === 0) return [];
  const money = (d: Decimal) => groupedText(d, digits);
  const d0 = withDraw[0].draw!;
  const cap = d0.cap === null ? '' : `, recover at most ${percentText(d0.cap)} of earnings per ${d0.every}`;
  const yearEnd = d0.yearEnd === null ? '' : `, at year end ${d0.yearEnd}`;
  const columns: Column[] = ['Rep', 'Period', 'Earnings', 'Draw paid', 'Recovered', 'Balance', 'Paid'].map((title, i) => ({ title, align: i < 2 ? 'left' : 'right' }));
  const rows: (string[] | null)[] = [];
  for (const r of withDraw) {
    if (rows.length > 0) rows.push(null);
    for (const p of r.draw!.periods) rows.push([r.rep, p.period, money(p.earnings), money(p.drawPaid), money(p.recovered), money(p.balance), money(p.paid)]);
  }
  const out = ['', `Draw: ${d0.kind}, ${money(d0.amount)} per ${d0.every}${cap}${yearEnd}`, renderTable(columns, rows)];
  // Joiners: the periods before a rep's start date are advanced nothing (docs/language.md §9a).
  for (const r of withDraw) if (r.draw!.notInPost.length > 0) out.push(`  ${r.rep}: no draw before the start date ${r.draw!.startDate} (${r.draw!.notInPost.join(', ')}).`);
  if (d0.yearEnd !== null) {
    const owed = withDraw.filter((r) => !r.draw!.writtenOff.plus(r.draw!.carriedOver).isZero());
    const verb = d0.yearEnd === 'write off' ? 'written off' : 'carried over (still owed)';
    out.push(owed.length === 0 ? '  At year end nothing is left to recover.' : `  At year end ${verb}: ${owed.map((r) => `${r.rep} ${money(r.draw!.writtenOff.plus(r.draw!.carriedOver))}`).join(', ')}.`);
  }
  return out;
}
