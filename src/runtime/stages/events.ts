/**
 * The lifecycle tables a stage trigger reads — collections (cash received), invoices and progress
 * (percent complete) — indexed by deal: each deal's rows in date order (then file order), with the
 * measure (an amount, or percent complete as a ratio). Rows naming a deal the deals table does not
 * have, or missing their date or measure, release nothing and are counted for a warning.
 */
import type { Decimal } from '../decimal.js';
import { type RunContext, EvaluationError, listIds } from '../context.js';
import { DAY_MS, dateText } from '../periods.js';
import { rowSource } from '../row-source.js';

/** One row of a lifecycle table: its day (date value), its measure and its line in the file. */
export interface StageEvent {
  date: number;
  measure: Decimal;
  line: number;
}

export interface StageEvents {
  /** Deal index → its rows, by date then line. */
  byDeal: Map<number, StageEvent[]>;
  /** The latest day of any row of the table, or null when it has none. */
  lastDate: number | null;
  warnings: string[];
}

/** The day a date value falls on (a timestamp's time of day dropped). */
export function dayOf(value: number): number {
  return Math.floor(value / DAY_MS) * DAY_MS;
}

/**
 * Reads one lifecycle table by its role fields.
 * @param wanted when given, only the rows of deals marked 1 in it are kept in `byDeal` (a stage
 * trigger reads the credited deals' rows only); every row still counts for the warnings and the
 * last date, so those are the same with or without it.
 * @throws EvaluationError when the table was not loaded.
 */
export function stageEvents(run: RunContext, role: { table: string; deal: string; date: string; measure: string }, dealIndex: ReadonlyMap<string, number>, percentComplete = false, wanted?: Uint8Array): StageEvents {
  const table = run.tables.get(role.table);
  if (!table) throw new EvaluationError(`the data has no ${role.table} table`);
  const fields = run.layout.get(role.table)!;
  const [deal, date, measure] = [fields.get(role.deal)!, fields.get(role.date)!, fields.get(role.measure)!];
  const byDeal = new Map<number, StageEvent[]>();
  const unknown: string[] = [];
  let incomplete = 0;
  let firstIncomplete = 0;
  const outOfRange: { line: number; value: Decimal }[] = [];
  let lastDate: number | null = null;
  let lastLine = 0;
  // Read through the columns while the table is held as columns (no row object is made).
  const source = rowSource(table);
  for (let p = 0; p < source.length; p++) {
    const line = source.line(p);
    const d = source.value(p, date);
    const key = source.value(p, deal);
    const m = typeof d === 'number' && key !== null ? source.value(p, measure) : null;
    if (typeof d !== 'number' || m === null || typeof m !== 'object' || key === null) {
      if (incomplete++ === 0) firstIncomplete = line;
      continue;
    }
    const day = dayOf(d);
    if (lastDate === null || day > lastDate) {
      lastDate = day;
      lastLine = line;
    }
    const i = dealIndex.get(String(key));
    if (i === undefined) {
      if (!unknown.includes(String(key))) unknown.push(String(key));
      continue;
    }
    // A percent complete outside 0%–100% is most often an export error: it is read capped (above
    // 100%) or releases nothing (below 0%), and said so.
    if (percentComplete && ((m as Decimal).gt(1) || (m as Decimal).isNegative())) outOfRange.push({ line, value: m as Decimal });
    if (wanted !== undefined && wanted[i] !== 1) continue;
    const list = byDeal.get(i) ?? [];
    list.push({ date: day, measure: m as Decimal, line });
    byDeal.set(i, list);
  }
  for (const list of byDeal.values()) list.sort((a, b) => a.date - b.date || a.line - b.line);
  const warnings: string[] = [];
  const file = table.schema.file;
  if (unknown.length > 0) warnings.push(`${file}: ${unknown.length} deal${unknown.length === 1 ? '' : 's'} named in ${role.table} ${unknown.length === 1 ? 'is' : 'are'} not in the deals table (${listIds(unknown)}); ${unknown.length === 1 ? 'its rows release' : 'their rows release'} nothing`);
  if (incomplete > 0) warnings.push(`${file}: ${incomplete} row${incomplete === 1 ? ' has' : 's have'} no deal, date or ${role.measure}, and release${incomplete === 1 ? 's' : ''} nothing (${incomplete === 1 ? 'line' : 'the first on line'} ${firstIncomplete})`);
  if (outOfRange.length > 0) {
    const first = outOfRange[0];
    warnings.push(`${file}: ${outOfRange.length} row${outOfRange.length === 1 ? '' : 's'} report${outOfRange.length === 1 ? 's' : ''} a ${role.measure} outside 0% to 100% (line ${first.line}: ${first.value.mul(100).toString()}%); above 100% counts as 100%, below 0% releases nothing`);
  }
  // The latest date read is the end of the data: everything payable by then counts as paid. A
  // date far beyond the plan period (2062 typed for 2026) would do that silently, so it is named.
  if (lastDate !== null && lastDate >= run.plan.end + FAR_AFTER_PLAN_DAYS * DAY_MS) {
    warnings.push(`${file}: line ${lastLine} is dated ${dateText(lastDate)}, more than a year after the plan period ends (${dateText(run.plan.end - DAY_MS)}), and that day becomes the end of the data: every stage payable by then counts as paid. If the date is a typing error, correct it`);
  }
  return { byDeal, lastDate, warnings };
}

/** Days after the plan period's end from which a collections, invoices or progress date is named as suspicious. */
export const FAR_AFTER_PLAN_DAYS = 366;
