/**
 * Telling day-first from month-first dates. With `D/M/YYYY` declared over
 * `M/D/YYYY` data, rows with a day above 12 fail, and every other row is read
 * with day and month swapped — without a word. A column's values show its order
 * (a "month" above 12 exists in one order only), so the loader tallies, for every
 * date column with a day/month format, which cells only the declared order reads
 * and which only the other order reads, and stops when the data speaks for the
 * other order.
 */
import { DataError } from './errors.js';
import type { FieldReader } from './fields.js';
import { INVALID } from './sentinels.js';
import { showValue } from './show-value.js';

interface Example {
  line: number;
  text: string;
}

/** The tally of one date column (see the module doc). */
export class DateOrderTally {
  private onlyDeclared = 0;
  private onlyOther = 0;
  private ambiguous = 0;
  private firstDeclared: Example | null = null;
  private firstOther: Example | null = null;
  private firstAmbiguous: Example | null = null;

  constructor(
    private readonly reader: FieldReader & { otherOrder: NonNullable<FieldReader['otherOrder']> },
    private readonly declared: string,
  ) {}

  /** Notes one cell: its raw text, its line, and what the declared format read (`INVALID` when nothing). */
  note(raw: string, line: number, value: unknown): void {
    const text = this.reader.text(raw);
    if (text === '') return;
    const declaredOk = value !== INVALID;
    const other = this.reader.otherOrder.parse(text);
    if (declaredOk && other === INVALID) {
      this.onlyDeclared++;
      this.firstDeclared ??= { line, text };
    } else if (!declaredOk && other !== INVALID) {
      this.onlyOther++;
      this.firstOther ??= { line, text };
    } else if (declaredOk && other !== value) {
      this.ambiguous++;
      this.firstAmbiguous ??= { line, text };
    }
  }

  /**
   * The error when the column's values speak for the other order at least as much
   * as for the declared one (see the README, "Dates"), else null; rows the declared
   * order cannot read are then rejected one by one as usual.
   */
  verdict(file: string): DataError | null {
    if (this.onlyOther === 0 || this.onlyOther < this.onlyDeclared) return null;
    const { column } = this.reader;
    const other = this.reader.otherOrder.format;
    const ex = (e: Example) => `${showValue(e.text)} on line ${e.line}`;
    const n = (k: number) => k.toLocaleString('en-US');
    const ambiguous = this.firstAmbiguous === null
      ? ''
      : ` The other ${n(this.ambiguous)} (such as ${ex(this.firstAmbiguous)}) would be read with day and month swapped.`;
    if (this.onlyDeclared === 0) {
      return new DataError(
        `${file}: column "${column}": the dates are written ${other}, but the playbook declares "${this.declared}": ` +
          `${n(this.onlyOther)} of them, such as ${ex(this.firstOther!)}, can only be read as ${other}, and none only as ${this.declared}.${ambiguous} ` +
          `Declare the field's format "${other}"`,
        { file, column },
      );
    }
    return new DataError(
      `${file}: column "${column}": the dates mix two orders: ${n(this.onlyOther)} can only be read as ${other} (such as ${ex(this.firstOther!)}) ` +
        `and ${n(this.onlyDeclared)} only as ${this.declared} (such as ${ex(this.firstDeclared!)}), so dates such as ` +
        `${this.firstAmbiguous === null ? '"3/4"' : ex(this.firstAmbiguous)} cannot be told apart. ` +
        `Correct the export so that the column uses one order, then declare that format`,
      { file, column },
    );
  }
}

/** A tally for every reader of a date column with a day/month format. */
export function dateOrderTallies(readers: FieldReader[]): Map<number, DateOrderTally> {
  const tallies = new Map<number, DateOrderTally>();
  readers.forEach((r, i) => {
    if (r.otherOrder !== undefined && r.field.format !== undefined) {
      tallies.set(i, new DateOrderTally(r as FieldReader & { otherOrder: NonNullable<FieldReader['otherOrder']> }, r.field.format.trim()));
    }
  });
  return tallies;
}
