/**
 * A rep's draw in the reports (docs/language.md §9a): the JSON `draw` object of a rep's statement
 * and the CSV row that closes its year.
 * Money is text with the currency's minor digits; `recovery_cap` is a ratio (0.5 for 50%).
 */
import type { Decimal } from '../runtime/decimal.js';
import type { RepDraw } from '../runtime/nodes/draw.js';
import type { RepResult } from '../runtime/result.js';

/** The `draw` object of a rep in `simulate --format json`. */
export function drawJson(d: RepDraw, m: (d: Decimal) => string): Record<string, unknown> {
  return {
    kind: d.kind,
    amount: m(d.amount),
    per: d.every,
    recovery_cap: d.cap === null ? null : d.cap.toString(),
    year_end: d.yearEnd,
    periods: d.periods.map((p) => ({ period: p.period, earnings: m(p.earnings), draw_paid: m(p.drawPaid), recovered: m(p.recovered), balance: m(p.balance), paid: m(p.paid) })),
    written_off: m(d.writtenOff),
    carried_over: m(d.carriedOver),
  };
}

/**
 * The CSV row closing a recoverable draw's year (after its lines `draw` and `draw recovered`, one row
 * per statement line): kind `draw year end`, the balance as the basis and 0.00 as the amount, since
 * neither writing it off nor carrying it over pays anything. Null for a guaranteed draw.
 */
export function drawYearEndCsv(d: RepDraw, m: (d: Decimal) => string): { basis: string; amount: string; explain: string } | null {
  if (d.yearEnd === null) return null;
  const owed = d.yearEnd === 'write off' ? d.writtenOff : d.carriedOver;
  const explain = owed.isZero() ? 'nothing left to recover at year end' : d.yearEnd === 'write off' ? `balance of ${m(owed)} written off at year end` : `balance of ${m(owed)} carried over: still owed after the plan period`;
  return { basis: m(owed), amount: m(owed.mul(0)), explain };
}

/**
 * The draw's statement lines for `simulate --format csv --statements` (columns rep, month,
 * component, line, amount): per rep and draw period (a month, or `2026-Q1` for a quarterly draw),
 * component `draw`, lines `earnings`, `draw paid`, `recovered`, `balance` and `paid`; then, for a
 * recoverable draw, a `written off` or `carried over` line for the plan period. Reps in key order.
 */
export function drawStatementRows(reps: RepResult[], m: (d: Decimal) => string): string[][] {
  const rows: string[][] = [];
  for (const r of reps) {
    const d = r.draw;
    if (!d) continue;
    for (const p of d.periods) {
      for (const [line, amount] of [['earnings', p.earnings], ['draw paid', p.drawPaid], ['recovered', p.recovered], ['balance', p.balance], ['paid', p.paid]] as const) rows.push([r.rep, p.period, 'draw', line, m(amount)]);
    }
    if (d.yearEnd !== null) rows.push([r.rep, r.period, 'draw', d.yearEnd === 'write off' ? 'written off' : 'carried over', m(d.yearEnd === 'write off' ? d.writtenOff : d.carriedOver)]);
  }
  return rows;
}
