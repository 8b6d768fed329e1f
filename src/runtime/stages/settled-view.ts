/**
 * A stage release of the release columns with its fate at the end of the data: the `statements`
 * node's settled release of a {@link ReleaseView}, in one object. A {@link SettledRecord} pointing
 * at the view made two objects per release; at 1,000,000 deals there are about 2.2 million
 * releases, and the view kept alive only for its record was ~90 MB (issue 10).
 *
 * It reads every field of the release from the columns as the view does (it is one: `instanceof
 * ReleaseView` holds, so readers that take the minor units or the plain words of a view take them
 * here too), and adds `paidOn` and `reason` as a `SettledRecord` does, with the same values.
 */
import type { SettledRelease } from '../nodes/statements.js';
import { type ReleaseTable, ReleaseView } from './release-table.js';

export class SettledView extends ReleaseView implements SettledRelease {
  /** The day paid: true for the release's payable day, false for none, or another day (see `SettledRecord`). */
  private readonly paid: boolean | number;

  constructor(
    table: ReleaseTable,
    row: number,
    paidOn: number | null,
    /** Why it is unpaid at the end of the data, or null when paid. */
    readonly reason: string | null,
  ) {
    super(table, row);
    this.paid = paidOn === null ? false : paidOn === this.payableOn ? true : paidOn;
  }

  /** The day it was paid (a date value), or null. */
  get paidOn(): number | null {
    const paid = this.paid;
    return paid === false ? null : paid === true ? this.payableOn : paid;
  }

  /** The plain object of the settled release, in a `SettledRecord`'s order (`JSON.stringify`, test comparisons). */
  override toJSON(): SettledRelease {
    return { ...super.toJSON(), paidOn: this.paidOn, reason: this.reason };
  }
}
