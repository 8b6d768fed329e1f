/**
 * A growing list of Int32 values that, while they count up by one (`first, first + 1, …`), is
 * kept as its first value alone (issue 10, scale): the source line of each row (2, 3, 4… in a
 * file without blank lines, rejected or multi-line records) and the key entry of each row of a
 * text key column (0, 1, 2… while no row is rejected). Ten million activities keep 80 MB less so.
 * The first value that breaks the count makes the Int32Array (of the capacity asked so far), and
 * from then on every value is stored.
 */
export class CountingInts {
  /** The values, once one broke the count; null while `value[i] = first + i`. */
  private array: Int32Array | null = null;
  private first = 0;
  /** Number of values appended. */
  private count = 0;
  /** The room asked for by {@link reserve} (the array's length when it is made). */
  private capacity = 0;

  /** Makes room for values `[0, capacity)` (the values kept; only an array made grows). */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.capacity = capacity;
    if (this.array !== null && this.array.length < capacity) {
      const bigger = new Int32Array(capacity);
      bigger.set(this.array);
      this.array = bigger;
    }
  }

  /** Sets value `i`, which must be the next one (`i` = the number appended so far), to `value`. */
  append(i: number, value: number): void {
    if (this.array !== null) this.array[i] = value;
    else if (i === 0) this.first = value;
    else if (value !== this.first + i) {
      this.made(i);
      this.array![i] = value;
    }
    this.count = i + 1;
  }

  /** Value `i` (`i` below the number appended). */
  get(i: number): number {
    return this.array === null ? this.first + i : this.array[i];
  }

  /** The values `[0, n)` as an Int32Array (made once from the count when it holds; a view of the stored values otherwise). */
  values(n: number): Int32Array {
    if (this.array === null) this.made(this.count);
    return this.array!.subarray(0, n);
  }

  /** Keeps only values `i < n` with `keep[i] !== 0`, in order, at the front; returns how many were kept. */
  compact(keep: Uint8Array, n: number): number {
    let k = 0;
    if (this.array === null) {
      while (k < n && keep[k]) k++;
      if (k === n) return n; // nothing dropped: still counting
      this.made(this.count);
    }
    const array = this.array!;
    k = 0;
    for (let i = 0; i < n; i++) if (keep[i]) array[k++] = array[i];
    this.count = k;
    return k;
  }

  /** Gives back the spare room past value `n` (a copy, so that the room is freed). */
  fit(n: number): void {
    this.capacity = n;
    if (this.array !== null && this.array.length !== n) this.array = this.array.slice(0, n);
  }

  /** Stores values `[0, upTo)` from the count, in an array of the capacity asked for. */
  private made(upTo: number): void {
    const array = new Int32Array(Math.max(this.capacity, upTo + 1));
    for (let j = 0; j < upTo; j++) array[j] = this.first + j;
    this.array = array;
  }
}
