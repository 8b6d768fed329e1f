/**
 * A `percent` column written as fractions. A bare number in a percent column is in
 * percent points (`20` is 20%), so a column exported as `0.2` meaning 20% reads
 * as 0.2% — every value a hundred times too small, and every row valid. When all
 * of a column's values are bare numbers between 0 and 1 and some are not whole,
 * the loader says so (a warning: `0.5` may really mean half a percent). It says so too when such
 * values sit among others written with `%` or in points (`25%`, `0.25`, `30`): a spreadsheet whose
 * cells were formatted as percentages only in part.
 */
import { Decimal } from '../graph/decimal.js';
import type { FieldReader } from './fields.js';
import { showValue } from './show-value.js';
import type { Value } from './types.js';

const ONE_PERCENT = new Decimal('0.01');

/** The tally of one percent column. */
export class PercentTally {
  private values = 0;
  private bareUnit = 0;
  private fractions = 0;
  private example: { line: number; text: string; value: Decimal } | null = null;

  constructor(private readonly reader: FieldReader) {}

  /** Notes a value written with its `%` (read from its bytes: see `TableBuilder.readPercentBytes`). */
  noteWithSign(): void {
    this.values++;
  }

  /** Notes one accepted value with its raw cell and line. */
  note(raw: string, line: number, value: Value): void {
    if (!(value instanceof Decimal)) return;
    this.values++;
    const text = this.reader.text(raw);
    if (text.endsWith('%') || value.isNegative() || value.gt(ONE_PERCENT)) return;
    this.bareUnit++;
    if (!value.mul(100).isInteger()) {
      this.fractions++;
      this.example ??= { line, text, value };
    }
  }

  /** The warning for this column, or null. */
  warning(file: string): string | null {
    if (this.values === 0 || this.example === null) return null;
    const { column, field } = this.reader;
    const ex = this.example;
    if (this.bareUnit !== this.values) {
      // Mixed: some cells were formatted as percentages in the spreadsheet (25%, or 25 in points) and
      // some not (0.25 meaning 25%, read as 0.25%). Each reads without error; the bare ones are a
      // hundred times too small.
      const others = this.values - this.bareUnit;
      return (
        `${file}: column "${column}": ${this.fractions} of ${this.values} values are bare numbers between 0 and 1 with decimals (such as ${showValue(ex.text)} on line ${ex.line}, read as ${ex.value.mul(100).toString()}%), ` +
        `while ${others} ${others === 1 ? 'is' : 'are'} written with % or in percent points. ` +
        `If some cells were exported as fractions (${showValue(ex.text)} meaning ${ex.value.mul(10000).toString()}%), write them in percent points or with % (${ex.value.mul(10000).toString()}%) in the file; if they really are fractions of a percent, ignore this warning`
      );
    }
    return (
      `${file}: column "${column}": all ${this.values} values are bare numbers between 0 and 1 (${this.fractions} with decimals, such as ${showValue(ex.text)} on line ${ex.line}). ` +
      `A bare number in a percent column is in percent points, so ${showValue(ex.text)} is read as ${ex.value.mul(100).toString()}%, not ${ex.value.mul(10000).toString()}%. ` +
      `If the column holds fractions, declare it as a number and derive the percent: field ${field.name}_fraction number column "${column}", derive ${field.name} = ${field.name}_fraction × 100%`
    );
  }
}

/** A tally for every reader of a percent column. */
export function percentTallies(readers: FieldReader[]): Map<number, PercentTally> {
  const tallies = new Map<number, PercentTally>();
  readers.forEach((r, i) => {
    if (r.field.type === 'percent') tallies.set(i, new PercentTally(r));
  });
  return tallies;
}
