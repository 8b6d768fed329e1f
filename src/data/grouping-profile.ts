/**
 * Thousands written with a point in an `en` file. In `en` notation `12.500` is twelve and a
 * half; an export from a German or French spreadsheet means twelve thousand five hundred. Both
 * read without error, so the loader counts the amounts and numbers written with exactly three
 * digits after a single point (`12.500`, `450.000`, `1.234`) and warns: a payout a thousand times
 * too small must not pass without a word. Files declared `locale de` read them as thousands.
 */
import type { FieldReader } from './fields.js';
import { showValue } from './show-value.js';
import type { Value } from './types.js';

/** One to three digits, a point, exactly three digits: what a thousands point looks like. */
export const THOUSANDS_POINT = /^[-+]?\d{1,3}\.\d{3}$/;

/** The tally of one money or number column of an `en` table. */
export class GroupingTally {
  private count = 0;
  private values = 0;
  private example: { line: number; text: string; value: string } | null = null;

  constructor(private readonly reader: FieldReader) {}

  /** Notes a value read as a plain number that does not look like a thousands point (see `plainDecimal`). */
  notePlain(): void {
    this.values++;
  }

  /** Notes one accepted value with its raw cell and line. */
  note(raw: string, line: number, value: Value): void {
    if (value === null) return;
    this.values++;
    const text = this.reader.text(raw);
    if (!THOUSANDS_POINT.test(text)) return;
    this.count++;
    this.example ??= { line, text, value: String(value) };
  }

  /** The warning for this column, or null. */
  warning(file: string): string | null {
    if (this.example === null) return null;
    const ex = this.example;
    const whole = ex.text.replace('.', '');
    return (
      `${file}: column "${this.reader.column}": ${this.count} of ${this.values} values have a point followed by exactly three digits (such as ${showValue(ex.text)} on line ${ex.line}, read as ${ex.value}). ` +
      `If the point groups thousands (${ex.text} meaning ${Number(whole).toLocaleString('en-US')}), declare the table with locale de; if they really are amounts with three decimals, ignore this warning`
    );
  }
}

/** A tally for every money or number reader of an `en` table (none for `de`, where the point groups thousands). */
export function groupingTallies(readers: FieldReader[], locale: 'en' | 'de'): Map<number, GroupingTally> {
  const tallies = new Map<number, GroupingTally>();
  if (locale !== 'en') return tallies;
  readers.forEach((r, i) => {
    if (r.field.type === 'money' || r.field.type === 'number') tallies.set(i, new GroupingTally(r));
  });
  return tallies;
}
