/**
 * Thousands written with a point in an `en` file. In `en` notation `12.500` is twelve and a
 * half; an export from a German or French spreadsheet means twelve thousand five hundred. Both
 * read without error, so the loader counts the amounts and numbers written with exactly three
 * digits after a single point (`12.500`, `450.000`, `1.234`) and warns: a payout a thousand times
 * too small must not pass without a word. Files declared `locale de` read them as thousands, and
 * there the mirror is counted: `4,514` (an English thousands comma) read as 4.514.
 */
import type { FieldReader } from './fields.js';
import { showValue } from './show-value.js';
import type { Value } from './types.js';

/** One to three digits, a point, exactly three digits: what a thousands point looks like. */
export const THOUSANDS_POINT = /^[-+]?\d{1,3}\.\d{3}$/;

/** One to three digits, a comma, exactly three digits: what a thousands comma looks like (`4,514` in an English export). */
export const THOUSANDS_COMMA = /^[-+]?\d{1,3},\d{3}$/;

/** The tally of one money or number column of an `en` table. */
export class GroupingTally {
  private count = 0;
  private values = 0;
  private example: { line: number; text: string; value: string } | null = null;

  /** `locale`: the table's; in `de` the tally looks for the English thousands comma instead (`4,514` read as 4.514). */
  constructor(
    private readonly reader: FieldReader,
    private readonly locale: 'en' | 'de' = 'en',
  ) {}

  /** Notes a value read as a plain number that does not look like a thousands point (see `plainDecimal`). */
  notePlain(): void {
    this.values++;
  }

  /** Notes one accepted value with its raw cell and line. */
  note(raw: string, line: number, value: Value): void {
    if (value === null) return;
    this.values++;
    const text = this.reader.text(raw);
    if (!(this.locale === 'en' ? THOUSANDS_POINT : THOUSANDS_COMMA).test(text)) return;
    this.count++;
    this.example ??= { line, text, value: String(value) };
  }

  /** The warning for this column, or null. */
  warning(file: string): string | null {
    if (this.example === null) return null;
    const ex = this.example;
    if (this.locale === 'de') {
      const whole = ex.text.replace(',', '');
      return (
        `${file}: column "${this.reader.column}": ${this.count} of ${this.values} values have a comma followed by exactly three digits (such as ${showValue(ex.text)} on line ${ex.line}, read as ${ex.value} because the table is declared locale de). ` +
        `If the comma groups thousands (${ex.text} meaning ${whole}), the file is written the English way: remove locale de from the table; if they really are amounts with three decimals, ignore this warning`
      );
    }
    const whole = ex.text.replace('.', '');
    return (
      `${file}: column "${this.reader.column}": ${this.count} of ${this.values} values have a point followed by exactly three digits (such as ${showValue(ex.text)} on line ${ex.line}, read as ${ex.value}). ` +
      `If the point groups thousands (${ex.text} meaning ${Number(whole).toLocaleString('en-US')}), declare the table with locale de; if they really are amounts with three decimals, ignore this warning`
    );
  }
}

/**
 * A tally for every money or number reader of a table: in `en` of thousands points (`12.500`), in
 * `de` of thousands commas (`4,514`, an English export declared `locale de` by mistake).
 */
export function groupingTallies(readers: FieldReader[], locale: 'en' | 'de'): Map<number, GroupingTally> {
  const tallies = new Map<number, GroupingTally>();
  readers.forEach((r, i) => {
    if (r.field.type === 'money' || r.field.type === 'number') tallies.set(i, new GroupingTally(r, locale));
  });
  return tallies;
}
