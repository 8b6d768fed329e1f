/**
 * An exact running sum of money amounts that adds whole minor units (cents) as plain integers
 * while they stay exact, and Decimals otherwise (issue 10: the statements add up millions of
 * releases; a Decimal made and added per release was most of their time).
 *
 * A double holds every integer up to 2^53 − 1 exactly, and the sum of two of them whose result
 * stays within that bound is exact: before an addition could pass it, the integer sum is moved
 * into the Decimal part. The value is the exact sum either way (Decimal addition of amounts of a
 * few dozen digits is exact at the engine's 40 significant digits), so it equals the sum of the
 * Decimals added one by one.
 */
import { Decimal } from './decimal.js';
import { fromMinorUnits } from './minor-units.js';

const SAFE = Number.MAX_SAFE_INTEGER;

export class MoneySum {
  private units = 0;
  private exact: Decimal | null = null;

  /** @param digits the currency's minor digits (the scale of the units added). */
  constructor(private readonly digits: number) {}

  /**
   * Adds an amount given as whole minor units (a safe integer), or, when `units` is NaN, as the
   * Decimal `source.amount` (read only then).
   */
  add(units: number, source: { readonly amount: Decimal }): void {
    if (Number.isNaN(units)) this.addDecimal(source.amount);
    else this.addUnits(units);
  }

  /** Adds an amount given as whole minor units (a safe integer). */
  addUnits(units: number): void {
    if (Math.abs(this.units) > SAFE - Math.abs(units)) this.flush();
    this.units += units;
  }

  /** Adds an amount given as a Decimal. */
  addDecimal(amount: Decimal): void {
    this.exact = (this.exact ?? new Decimal(0)).plus(amount);
  }

  private flush(): void {
    this.exact = (this.exact ?? new Decimal(0)).plus(fromMinorUnits(this.units, this.digits));
    this.units = 0;
  }

  /** The sum (currency): zero when nothing was added. */
  value(): Decimal {
    const units = fromMinorUnits(this.units, this.digits);
    return this.exact === null ? units : this.exact.plus(units);
  }
}
