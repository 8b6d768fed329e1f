/**
 * `simulate --format csv`: a commission statement, one row per payout line
 * (forfeits as negative rows). Cells that a spreadsheet would run as a formula
 * (starting with = + - @ and coming from data) are prefixed with a quote mark.
 */
import { moneyText } from '../runtime/money.js';
import { drawYearEndCsv } from './report-draws.js';
import type { Simulation } from './simulate.js';
import { countRow, StringSink, type TextSink } from './text-sink.js';

const header = ['rep', 'period', 'component', 'kind', 'basis', 'amount', 'explain'];

/** Quotes a cell per RFC 4180 and neutralises spreadsheet formulas in text. */
export function csvCell(value: string, isNumber = false): string {
  let text = value;
  if (!isNumber && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The statement as CSV text: a header, then one row per payout line and per forfeit, each ending with a newline. */
export function formatCsv(sim: Simulation): string {
  const sink = new StringSink();
  writeCsv(sim, sink);
  return sink.text();
}

/** {@link formatCsv}'s text, written to `sink` one row at a time. */
export function writeCsv(sim: Simulation, sink: TextSink): void {
  const digits = sim.graph.playbook.minorDigits;
  sink.write(`${header.join(',')}\n`);
  for (const rep of sim.evaluation.reps) {
    for (const line of rep.lines) {
      sink.write(`${[csvCell(rep.rep), csvCell(line.period), csvCell(line.component), line.kind, moneyText(line.basis, digits), moneyText(line.amount, digits), csvCell(line.explain)].join(',')}\n`);
      countRow(sink);
    }
    const yearEnd = rep.draw ? drawYearEndCsv(rep.draw, (d) => moneyText(d, digits)) : null;
    if (yearEnd) {
      sink.write(`${[csvCell(rep.rep), csvCell(rep.period), 'draw', 'draw year end', yearEnd.basis, yearEnd.amount, csvCell(yearEnd.explain)].join(',')}\n`);
      countRow(sink);
    }
    for (const f of rep.forfeits) {
      sink.write(`${[csvCell(rep.rep), csvCell(rep.period), csvCell(f.component), 'forfeit', '', moneyText(f.amount.neg(), digits), csvCell(`${f.rule}: ${f.reason}`)].join(',')}\n`);
      countRow(sink);
    }
  }
}
