/**
 * Amounts finer than the playbook's currency: `4514.5` in a JPY plan, `4514.005` in a USD one. They
 * read without error and are counted exactly, but every report shows money to the currency's minor
 * unit, so a rep's credited figure (4,565 for 4,564.5) and the file's no longer agree, without a word.
 * The loader counts them per money column and warns with an example, as it does for thousands points.
 */
import { Decimal } from '../graph/decimal.js';
import type { FieldReader } from './fields.js';
import { showValue } from './show-value.js';
import type { Value } from './types.js';

/** The tally of one money column against the currency's minor digits. */
export class MinorUnitTally {
  private count = 0;
  private values = 0;
  private example: { line: number; text: string } | null = null;

  /**
   * @param currency the playbook's ISO 4217 code (`JPY`)
   * @param digits its minor digits (JPY 0, USD 2)
   */
  constructor(
    private readonly reader: FieldReader,
    private readonly currency: string,
    readonly digits: number,
  ) {}

  /**
   * Notes a value read plainly with `scale` decimals. True when it is the first finer one: the
   * caller then gives it as the example ({@link exampleAt}; no text is made for the others).
   */
  notePlain(scale: number): boolean {
    this.values++;
    if (scale <= this.digits) return false;
    this.count++;
    return this.example === null;
  }

  /** The example of the warning: the cell as written and its line. */
  exampleAt(line: number, text: string): void {
    this.example ??= { line, text };
  }

  /** Notes one value read by the general reader. */
  note(raw: string, line: number, value: Value): void {
    if (!(value instanceof Decimal)) return;
    this.values++;
    if (value.decimalPlaces() <= this.digits) return;
    this.count++;
    this.example ??= { line, text: this.reader.text(raw) };
  }

  /** The warning for this column, or null. */
  warning(file: string): string | null {
    if (this.example === null) return null;
    const ex = this.example;
    const decimals = this.digits === 1 ? '1 decimal' : `${this.digits} decimals`;
    return (
      `${file}: column "${this.reader.column}": ${this.count} of ${this.values} amounts have more decimals than ${this.currency} has (${decimals}), such as ${showValue(ex.text)} on line ${ex.line}. ` +
      `They are counted exactly, but reports show money to ${decimals}, so their figures may not match the file's. If the column is in another unit (cents, thousands) or currency, convert it in the export`
    );
  }
}

/** A tally for every money reader, when the currency is known (`currency` and its `digits`). */
export function minorUnitTallies(readers: FieldReader[], currency: string | undefined, digits: number): Map<number, MinorUnitTally> {
  const tallies = new Map<number, MinorUnitTally>();
  if (currency === undefined) return tallies;
  readers.forEach((r, i) => {
    if (r.field.type === 'money') tallies.set(i, new MinorUnitTally(r, currency, digits));
  });
  return tallies;
}
