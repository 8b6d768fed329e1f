/**
 * Periods: assigning dates to months, quarters and fiscal years.
 *
 * Dates are numbers: ms of the local wall-clock time in the playbook's time
 * zone, encoded as if UTC (the data loader converts timestamps into the zone
 * first), so the calendar fields are read with the UTC getters. A fiscal year
 * is named by the calendar year it starts in: with `fiscal year starts April`,
 * plan period 2017 runs 2017-04-01 … 2018-03-31. Quarters are fiscal quarters.
 */
export type PeriodUnit = 'year' | 'quarter' | 'month';

export interface Period {
  /** `"2017"`, `"2017-Q1"` (fiscal), `"2017-03"`. */
  key: string;
  /** Inclusive start, ms local-as-UTC. */
  start: number;
  /** Exclusive end. */
  end: number;
  /** Fiscal month indexes (0 = first month of the fiscal year) this period covers. */
  months: number[];
}

const DAY_MS = 86_400_000;
export { DAY_MS };

function monthKey(year: number, month0: number): string {
  return `${year}-${String(month0 + 1).padStart(2, '0')}`;
}

/** The twelve months of a fiscal year, in order. */
export function fiscalMonths(planYear: number, startMonth: number): Period[] {
  const out: Period[] = [];
  for (let i = 0; i < 12; i++) {
    const m = startMonth - 1 + i;
    const year = planYear + Math.floor(m / 12);
    const month0 = m % 12;
    out.push({ key: monthKey(year, month0), start: Date.UTC(year, month0, 1), end: Date.UTC(year, month0 + 1, 1), months: [i] });
  }
  return out;
}

/** The periods of one unit that make up the plan year. */
export function planPeriods(unit: PeriodUnit, planYear: number, startMonth: number): Period[] {
  const months = fiscalMonths(planYear, startMonth);
  if (unit === 'month') return months;
  if (unit === 'year') return [{ key: String(planYear), start: months[0].start, end: months[11].end, months: months.map((_, i) => i) }];
  const quarters: Period[] = [];
  for (let q = 0; q < 4; q++) {
    const part = months.slice(q * 3, q * 3 + 3);
    quarters.push({ key: `${planYear}-Q${q + 1}`, start: part[0].start, end: part[2].end, months: [q * 3, q * 3 + 1, q * 3 + 2] });
  }
  return quarters;
}

/**
 * Key of the period a date falls in: `2017-03` (month), `2017-Q1` (fiscal quarter),
 * `2017` (fiscal year, named by the calendar year it starts in).
 */
export function periodKeyOf(value: number, unit: PeriodUnit, fiscalStartMonth: number): string {
  const d = new Date(value);
  if (unit === 'month') return monthKey(d.getUTCFullYear(), d.getUTCMonth());
  const offset = (d.getUTCMonth() - (fiscalStartMonth - 1) + 12) % 12; // months since the fiscal year started
  const fiscalYear = d.getUTCMonth() >= fiscalStartMonth - 1 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return unit === 'year' ? String(fiscalYear) : `${fiscalYear}-Q${Math.floor(offset / 3) + 1}`;
}

/**
 * Texts of the date values seen so far (a few thousand distinct days in any run): each day's text
 * is written once and shared, instead of a `toISOString` and a new string for each of the million
 * deals and releases that name it. Bounded, so odd values (times of day) cannot grow it for ever.
 */
const DATE_TEXTS = new Map<number, string>();
const MONTH_TEXTS = new Map<number, string>();
const MAX_TEXTS = 1 << 16;

/** `YYYY-MM-DD` of a date value. @throws RangeError for a value that is not a date (NaN). */
export function dateText(value: number): string {
  let text = DATE_TEXTS.get(value);
  if (text === undefined) {
    text = new Date(value).toISOString().slice(0, 10);
    if (DATE_TEXTS.size < MAX_TEXTS) DATE_TEXTS.set(value, text);
  }
  return text;
}

/** `YYYY-MM` of a date value. */
export function monthOf(value: number): string {
  let text = MONTH_TEXTS.get(value);
  if (text === undefined) {
    const d = new Date(value);
    text = monthKey(d.getUTCFullYear(), d.getUTCMonth());
    if (MONTH_TEXTS.size < MAX_TEXTS) MONTH_TEXTS.set(value, text);
  }
  return text;
}

/** Date value of a `YYYY-MM-DD` text (midnight). */
export function parseDateText(text: string): number {
  const [y, m, d] = text.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}
