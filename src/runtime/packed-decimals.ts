/**
 * Many exact decimals kept as their fields in typed arrays, not as a Decimal object each (issue 10:
 * the relationship score of each account and as-of day — about 700,000 at 1,000,000 deals, each of
 * about 40 significant digits — kept as Decimals took ~110 MB of the heap to the end of the run).
 *
 * decimal.js holds a finite value as a sign `s`, the decimal exponent `e` of its leading digit and
 * its digits `d` in base-10^7 words; each word is below 10^7 and fits an Int32. {@link get} writes
 * those fields into a new Decimal, so the value read is the one pushed, field for field (the same
 * value, digits and text; a new object on each read). A value that is not finite (no words) is
 * kept as it is.
 */
import { Decimal } from './decimal.js';

/** The fields of a Decimal that decimal.js reads (its own representation). */
interface DecimalFields {
  s: number;
  e: number;
  d: number[] | null;
}

export class PackedDecimals {
  /** The words of every value, one after another. */
  private words: Int32Array;
  private used = 0;
  /** Per value: where its words start; its words end where the next one's start. */
  private readonly starts: Int32Array;
  private readonly exponents: Int32Array;
  private readonly signs: Int8Array;
  /** Values that are not finite (NaN, ±Infinity), by index. */
  private readonly aside = new Map<number, Decimal>();
  private count = 0;

  /**
   * @param capacity how many values will be pushed (no more may be)
   * @param wordsPerValue the expected number of words per value (the words' array grows past it as needed)
   */
  constructor(
    readonly capacity: number,
    wordsPerValue = 6,
  ) {
    this.words = new Int32Array(Math.max(16, capacity * wordsPerValue));
    this.starts = new Int32Array(capacity + 1);
    this.exponents = new Int32Array(capacity);
    this.signs = new Int8Array(capacity);
  }

  /** Number of values pushed. */
  get length(): number {
    return this.count;
  }

  /**
   * Keeps `x` as the next value and gives its index.
   * @throws Error when {@link capacity} values were pushed already (a caller's bug)
   */
  push(x: Decimal): number {
    const i = this.count;
    if (i >= this.capacity) throw new Error(`internal: more than ${this.capacity} decimals packed`);
    const f = x as unknown as DecimalFields;
    const d = f.d;
    if (d === null || d === undefined) this.aside.set(i, x);
    else {
      if (this.used + d.length > this.words.length) this.grow(this.used + d.length);
      for (let k = 0; k < d.length; k++) this.words[this.used++] = d[k];
      this.exponents[i] = f.e;
      this.signs[i] = f.s;
    }
    this.starts[i + 1] = this.used;
    this.count = i + 1;
    return i;
  }

  /** Value `i` (a new Decimal equal, field for field, to the one pushed; the same one when it is not finite). */
  get(i: number): Decimal {
    const from = this.starts[i];
    const to = this.starts[i + 1];
    if (from === to) return this.aside.get(i)!;
    const x = new Decimal(0) as unknown as DecimalFields;
    const d = new Array<number>(to - from);
    for (let k = from; k < to; k++) d[k - from] = this.words[k];
    x.d = d;
    x.e = this.exponents[i];
    x.s = this.signs[i];
    return x as unknown as Decimal;
  }

  /** Gives back the words' spare room once every value is pushed (when it is more than an eighth). */
  fit(): void {
    if ((this.words.length - this.used) * 8 > this.words.length) this.words = this.words.slice(0, this.used);
  }

  private grow(needed: number): void {
    const next = new Int32Array(Math.max(needed, this.words.length * 2));
    next.set(this.words.subarray(0, this.used));
    this.words = next;
  }
}
