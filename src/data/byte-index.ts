/**
 * A set of byte strings held compactly (issue 10, scale): every distinct value's UTF-8 bytes in
 * one growing Buffer, found again through an open-addressing hash table of Int32 slots, each
 * value numbered by arrival (0, 1, 2…). Ten million activity ids of ten bytes take about 22 bytes
 * each here (bytes, offset, hash, slots), against some 80 bytes as strings in a `Map`.
 * A value's string is made only when asked for ({@link ByteIndex.text}).
 */

/** Slots per entry at most (a table fuller than 3/4 is doubled). */
const FULL_NUMERATOR = 3;
const FULL_DENOMINATOR = 4;

/** FNV-1a over `[start, end)` of `bytes`, then mixed (murmur3's finaliser) so that ids differing in their last digit spread over the table. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class ByteIndex {
  private bytes: Buffer = Buffer.allocUnsafe(1 << 12);
  private used = 0;
  /** Entry k is `bytes[offsets[k], offsets[k + 1])`; `hashes[k]` its hash (both arrays grow together, to the same length). */
  private offsets = new Uint32Array(257);
  private hashes: Int32Array | null = new Int32Array(257);
  /** Entry + 1 per slot; 0 for an empty slot. Null once {@link dropLookup} was called. */
  private slots: Int32Array | null = new Int32Array(512);
  private count = 0;
  /** Whether the last {@link add} added its value (false: it was there already). */
  added = false;

  /** Number of distinct values. */
  get size(): number {
    return this.count;
  }

  /** The entry of bytes `[start, end)` of `bytes`, added when new (see {@link added}). @throws Error after {@link dropLookup}. */
  add(bytes: Uint8Array, start: number, end: number): number {
    const slots = this.slots;
    if (slots === null) throw new Error('this byte index no longer looks values up');
    const h = hashBytes(bytes, start, end);
    const mask = slots.length - 1;
    const hashes = this.hashes!;
    const offsets = this.offsets;
    const own = this.bytes;
    const length = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[s];
      if (e === 0) break;
      const k = e - 1;
      if (hashes[k] !== h) continue;
      const from = offsets[k];
      if (offsets[k + 1] - from !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (own[from + i] !== bytes[start + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.added = false;
        return k;
      }
    }
    this.added = true;
    return this.append(bytes, start, end, h);
  }

  /** {@link add} for a string (its UTF-8 bytes). */
  addText(text: string): number {
    const bytes = Buffer.from(text, 'utf8');
    return this.add(bytes, 0, bytes.length);
  }

  /** The entry of `text`, or -1 when it is not there. */
  find(text: string): number {
    const slots = this.slots;
    if (slots === null) throw new Error('this byte index no longer looks values up');
    const bytes = Buffer.from(text, 'utf8');
    const h = hashBytes(bytes, 0, bytes.length);
    const mask = slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[s];
      if (e === 0) return -1;
      const k = e - 1;
      if (this.hashes![k] === h && this.bytes.subarray(this.offsets[k], this.offsets[k + 1]).equals(bytes)) return k;
    }
  }

  /** The value of entry `k` as a string (a new one each call). */
  text(k: number): string {
    return this.bytes.toString('utf8', this.offsets[k], this.offsets[k + 1]);
  }

  /** Frees what finding a value needs (hashes, slots); the values stay readable by entry. */
  dropLookup(): void {
    this.slots = null;
    this.hashes = null;
    // The spare room of the growing arrays goes too.
    this.bytes = Buffer.from(this.bytes.subarray(0, this.used));
    this.offsets = this.offsets.slice(0, this.count + 1);
  }

  private append(bytes: Uint8Array, start: number, end: number, h: number): number {
    const k = this.count;
    const length = end - start;
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.used + length, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.bytes.set(bytes.subarray(start, end), this.used);
    this.used += length;
    if (k + 2 > this.offsets.length) {
      const bigger = new Uint32Array(this.offsets.length * 2);
      bigger.set(this.offsets);
      this.offsets = bigger;
      const hashes = new Int32Array(this.hashes!.length * 2);
      hashes.set(this.hashes!);
      this.hashes = hashes;
    }
    this.offsets[k + 1] = this.used;
    this.hashes![k] = h;
    this.count = k + 1;
    if (this.count * FULL_DENOMINATOR > this.slots!.length * FULL_NUMERATOR) this.rehash(this.slots!.length * 2);
    else this.place(this.slots!, k, h);
    return k;
  }

  private place(slots: Int32Array, k: number, h: number): void {
    const mask = slots.length - 1;
    let s = h & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = k + 1;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const hashes = this.hashes!;
    for (let k = 0; k < this.count; k++) this.place(slots, k, hashes[k]);
    this.slots = slots;
  }
}
