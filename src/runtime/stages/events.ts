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
import type { RowSource } from '../values.js';
import { minorOfUnits, toMinorUnits } from '../minor-units.js';
import { NUMBER_ASIDE, NUMBER_MISSING } from '../../graph/decimal-units.js';

/** One row of a lifecycle table: its day (date value), its measure and its line in the file. */
export interface StageEvent {
  date: number;
  measure: Decimal;
  line: number;
}

export interface StageEvents {
  /** Deal index → its rows, by date then line. */
  byDeal: DealEvents;
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
  // The kept rows as (position, deal, day), grouped by deal after the pass (no object per row:
  // at 1M deals the collections and progress rows made ~3.8 M events, +1 GB while stages ran).
  const source = rowSource(table);
  const kept = { position: new Int32Array(source.length), deal: new Int32Array(source.length), day: new Float64Array(source.length), units: new Float64Array(source.length), count: 0 };
  const unknown: string[] = [];
  let incomplete = 0;
  let firstIncomplete = 0;
  const outOfRange: { line: number; value: Decimal }[] = [];
  let lastDate: number | null = null;
  let lastLine = 0;
  // Read through the columns while the table is held as columns (no row object is made), the
  // measure from its units and scale while the loader holds it so (no Decimal per row, issue 10).
  const parts = source.numberParts?.(measure) ?? null;
  const digits = run.digits;
  for (let p = 0; p < source.length; p++) {
    const line = source.line(p);
    const d = source.value(p, date);
    const key = source.value(p, deal);
    const scale = parts === null ? NUMBER_ASIDE : parts.scales[p];
    // The measure's Decimal, read only when it is held as one (or asked for below).
    const m = typeof d === 'number' && key !== null && scale === NUMBER_ASIDE ? source.value(p, measure) : null;
    if (typeof d !== 'number' || key === null || (scale === NUMBER_ASIDE ? m === null || typeof m !== 'object' : scale === NUMBER_MISSING)) {
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
    if (percentComplete && (scale === NUMBER_ASIDE ? (m as Decimal).gt(1) || (m as Decimal).isNegative() : partsOutOfRange(parts!.units[p], scale))) outOfRange.push({ line, value: (m ?? source.value(p, measure)) as Decimal });
    if (wanted !== undefined && wanted[i] !== 1) continue;
    kept.position[kept.count] = p;
    kept.deal[kept.count] = i;
    kept.day[kept.count] = day;
    // The measure in whole minor units while it is read (NaN when it is not: see toMinorUnits),
    // so a cash or invoice stage reads no Decimal per row again (issue 10).
    kept.units[kept.count] = scale === NUMBER_ASIDE ? toMinorUnits(m as Decimal, digits) : minorOfUnits(parts!.units[p], scale, digits);
    kept.count++;
  }
  const byDeal = new DealEvents(source, measure, kept);
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

/** Whether `units × 10^-scale` (scale 0–39) is above 1 or below 0, as `gt(1) || isNegative()` says of its Decimal. */
function partsOutOfRange(units: number, scale: number): boolean {
  if (units < 0) return true;
  // 10^scale is exact up to 10^22; a larger scale makes any units below 2^53 less than 1.
  return scale <= 22 ? units > 10 ** scale : false;
}

/** Days after the plan period's end from which a collections, invoices or progress date is named as suspicious. */
export const FAR_AFTER_PLAN_DAYS = 366;

/**
 * A lifecycle table's kept rows by deal, read as {@link StageEvent} lists on demand: the rows'
 * positions grouped by deal (deals in the order their first row came, each deal's rows by date
 * then line), the measure read from the table when a deal's list is asked for. `get` and `keys`
 * answer as the `Map<number, StageEvent[]>` built row by row did; each `get` makes a new list.
 */
export class DealEvents {
  /**
   * Deal index → its group (groups numbered in the order of the deals' first rows), -1 for a deal
   * with no row: an array by deal index, not a map (issue 10, compute2: at a million deals the
   * map's lookups, one per credited part and one per kept row, cost a second).
   */
  private readonly span: Int32Array;
  /** Group → its deal index (the deals in the order of their first row). */
  private readonly dealOf: Int32Array;
  /** The kept rows' positions in the table, grouped by deal. */
  private readonly rows: Int32Array;
  /** The kept rows' days (date values) and measures in whole minor units (NaN: not whole minor units, or not given), grouped by deal as {@link rows}. */
  readonly days: Float64Array;
  readonly units: Float64Array;
  private readonly ends: Int32Array;

  /** @param kept the rows kept, with their measures in minor units (`units`; when absent, every one NaN). */
  constructor(
    private readonly source: RowSource,
    private readonly measure: number,
    kept: { position: Int32Array; deal: Int32Array; day: Float64Array; units?: Float64Array; count: number },
  ) {
    // Deals numbered in the order of their first row; a counting sort groups the rows by deal.
    let deals = 0;
    for (let k = 0; k < kept.count; k++) if (kept.deal[k] >= deals) deals = kept.deal[k] + 1;
    const slot = (this.span = new Int32Array(deals).fill(-1));
    const group = new Int32Array(kept.count);
    const counts: number[] = [];
    const dealOf: number[] = [];
    for (let k = 0; k < kept.count; k++) {
      const d = kept.deal[k];
      let s = slot[d];
      if (s < 0) {
        s = slot[d] = counts.length;
        counts.push(0);
        dealOf.push(d);
      }
      counts[s]++;
      group[k] = s;
    }
    this.dealOf = Int32Array.from(dealOf);
    const starts = new Int32Array(counts.length + 1);
    for (let s = 0; s < counts.length; s++) starts[s + 1] = starts[s] + counts[s];
    this.ends = starts.slice(1);
    const fill = starts.slice(0, counts.length);
    this.rows = new Int32Array(kept.count);
    this.days = new Float64Array(kept.count);
    this.units = new Float64Array(kept.count);
    for (let k = 0; k < kept.count; k++) {
      const at = fill[group[k]]++;
      this.rows[at] = kept.position[k];
      this.days[at] = kept.day[k];
      this.units[at] = kept.units ? kept.units[k] : NaN;
    }
    for (let s = 0; s < counts.length; s++) this.sortSpan(starts[s], starts[s + 1]);
  }

  /** The deal's rows by date then line, or undefined when it has none. */
  get(deal: number): StageEvent[] | undefined {
    const s = this.groupOf(deal);
    if (s < 0) return undefined;
    const out: StageEvent[] = [];
    for (let k = s === 0 ? 0 : this.ends[s - 1]; k < this.ends[s]; k++) {
      const p = this.rows[k];
      out.push({ date: this.days[k], measure: this.source.value(p, this.measure) as Decimal, line: this.source.line(p) });
    }
    return out;
  }

  /**
   * Where the deal's rows are in {@link days} and {@link units} (by date then line, as `get` gives
   * them): the group number to pass to {@link from} and {@link to}, or -1 when it has none.
   */
  groupOf(deal: number): number {
    return deal >= 0 && deal < this.span.length ? this.span[deal] : -1;
  }

  /** The first row of group `s` in {@link days} / {@link units}. */
  from(s: number): number {
    return s === 0 ? 0 : this.ends[s - 1];
  }

  /** One past the last row of group `s`. */
  to(s: number): number {
    return this.ends[s];
  }

  /** The deals that have rows, in the order of their first row in the table. */
  keys(): IterableIterator<number> {
    return this.dealOf.values();
  }

  /** Orders rows [from, to) by day, then line (insertion sort for the usual handful of rows a deal has). */
  private sortSpan(from: number, to: number): void {
    const { rows, days, units, source } = this;
    if (to - from > 32) {
      const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => days[a] - days[b] || source.line(rows[a]) - source.line(rows[b]));
      const r = order.map((k) => rows[k]);
      const d = order.map((k) => days[k]);
      const u = order.map((k) => units[k]);
      rows.set(r, from);
      days.set(d, from);
      units.set(u, from);
      return;
    }
    for (let k = from + 1; k < to; k++) {
      const p = rows[k];
      const day = days[k];
      const u = units[k];
      const line = source.line(p);
      let j = k - 1;
      while (j >= from && (days[j] > day || (days[j] === day && source.line(rows[j]) > line))) {
        rows[j + 1] = rows[j];
        days[j + 1] = days[j];
        units[j + 1] = units[j];
        j--;
      }
      rows[j + 1] = p;
      days[j + 1] = day;
      units[j + 1] = u;
    }
  }
}
