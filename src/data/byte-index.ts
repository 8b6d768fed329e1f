/**
 * A set of byte strings held compactly (issue 10, scale): every distinct value's UTF-8 bytes in
 * one growing Buffer, found again through an open-addressing hash table of Int32 slots, each
 * value numbered by arrival (0, 1, 2…). Values of ten bytes take about 27 bytes each here (bytes,
 * offset, slots), against some 80 bytes as strings in a `Map`; 10 bytes when all have one length
 * and nothing looks them up (no offsets, no slots); none while they count (`AC00000001`,
 * `AC00000002`…: see `counting`), which ten million activity ids do.
 * A value's string is made only when asked for ({@link ByteIndex.text}).
 *
 * Values arriving in increasing byte order (ids numbered in file order: `AC00000001`,
 * `AC00000002`…) are new without a lookup, each being greater than the last (and a value equal
 * to the last is the last: a file sorted by deal names each deal on consecutive rows); the hash table is
 * built only when a value breaks the order or one is looked up ({@link ByteIndex.find}). Ten
 * million activity ids, which nothing looks up, so never take a table of slots nor a random
 * memory access each (issue 10, scale).
 */

/** Digits a counted value may end in (see `ByteIndex.counting`): a number of 15 digits is exact in a double. */
const MAX_COUNTED_DIGITS = 15;
/** Longest value whose bytes are kept in its slot (see `ByteIndex.inline`): four words. */
const MAX_INLINE_BYTES = 16;
/** Slots per entry at most (a table fuller than 3/4 is doubled). */
const FULL_NUMERATOR = 3;
const FULL_DENOMINATOR = 4;

/**
 * MurmurHash3 (32-bit) of `[start, end)` of `bytes`: four bytes a step (twice as fast as FNV-1a's
 * byte a step on the cells of ten million activities, issue 10), with its finaliser, so that ids
 * differing in their last digit spread over the table.
 */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x9747b28c;
  let i = start;
  const whole = end - ((end - start) & 3);
  for (; i < whole; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = end - i;
  if (rest > 0) {
    let k = bytes[i];
    if (rest > 1) k |= bytes[i + 1] << 8;
    if (rest > 2) k |= bytes[i + 2] << 16;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  h ^= end - start;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class ByteIndex {
  /**
   * The hash of a value's bytes `[start, end)`: MurmurHash3 (`hashBytes`). A method, not a
   * function kept in a field, so that an index can be sent from the reading thread; tests
   * override it to make every value collide, so that each lookup compares the values themselves.
   */
  protected hash(bytes: Uint8Array, start: number, end: number): number {
    return hashBytes(bytes, start, end);
  }

  private bytes: Buffer = Buffer.allocUnsafe(1 << 12);
  private used = 0;
  /**
   * Entry k is `bytes[offsets[k], offsets[k + 1])`. Null while every value has one length
   * ({@link width}): then entry k is `bytes[k × width, (k + 1) × width)` and ten million ids of one
   * width keep no offset (40 MB at ten million activities, issue 10). Made when a value of
   * another length arrives.
   */
  private offsets: Uint32Array | null = null;
  /**
   * Pairs (entry + 1, hash) per slot, 0 for an empty slot: a probe reads the hash next to the
   * entry (one cache line), and the entry's bytes only when the hashes agree. Null while the
   * values are in increasing order (see {@link ordered}) and once {@link dropLookup} was called.
   */
  private slots: Int32Array | null = null;
  /**
   * Int32s per slot: 2 (entry + 1, hash), plus {@link inline} words holding the value's bytes
   * when every value has one length of at most {@link MAX_INLINE_BYTES} (reps, accounts,
   * contacts: `A034194`, `Contact 034194-4`). A value found then is compared with the words in its
   * slot, not with its bytes elsewhere: one random memory access per row instead of two (on ten
   * million activities the second was a third of the reading thread's time; issue 10, scale).
   */
  private stride = 2;
  /** Words of a value's bytes kept in its slot (little-endian, zero past the end), or 0. */
  private inline = 0;
  /** The words of the value being added or found (see {@link inline}). */
  private readonly words = new Int32Array(MAX_INLINE_BYTES / 4);
  /** Every value so far is greater (in byte order) than the one before it, and the slots are not built. */
  private ordered = true;
  /** {@link dropLookup} was called. */
  private dropped = false;
  private count = 0;
  /**
   * The length every value has had so far (ids are often of one width: `D0000001`), else -1:
   * then entry k starts at k × width, and a lookup reads no offset — one cache miss fewer per
   * value found among hundreds of thousands (issue 10, scale). -2 before the first value.
   */
  private width = -2;
  /** Whether the last {@link add} added its value (false: it was there already). */
  added = false;
  /**
   * True while the values count (see {@link counted}): each is the one before it with its number
   * plus one (`AC00000001`, `AC00000002`…), and no bytes are stored — entry k is {@link prefix}
   * followed by `firstNumber + k` written in {@link digits} digits. Ten million activity ids keep
   * 100 MB less so (issue 10, scale). The bytes are written out when a value breaks the count.
   */
  private counting = false;
  private prefix: Buffer = Buffer.alloc(0);
  private prefixText = '';
  /** How many digits end each value (at most {@link MAX_COUNTED_DIGITS}, so the number is exact in a double). */
  private digits = 0;
  private firstNumber = 0;
  /** The last value's bytes while counting. */
  private last: Buffer = Buffer.alloc(0);

  /** Number of distinct values. */
  get size(): number {
    return this.count;
  }

  /** The entry of bytes `[start, end)` of `bytes`, added when new (see {@link added}). @throws Error after {@link dropLookup}. */
  add(bytes: Uint8Array, start: number, end: number): number {
    if (this.dropped) throw new Error('this byte index no longer looks values up');
    if (this.counting) {
      if (this.next(bytes, start, end)) {
        this.added = true;
        this.count++;
        return this.count - 1;
      }
      if (end - start === this.width && this.last.equals(bytes.subarray(start, end))) {
        this.added = false;
        return this.count - 1;
      }
      this.writeOut();
    } else if (this.count === 0) {
      if (this.startCounting(bytes, start, end)) {
        this.added = true;
        return 0;
      }
    }
    if (this.ordered) {
      const order = this.toLast(bytes, start, end);
      if (order > 0) {
        this.added = true;
        return this.appendBytes(bytes, start, end);
      }
      if (order === 0) {
        // The last value again (a file sorted by it: the deal of each of its progress reports).
        this.added = false;
        return this.count - 1;
      }
      this.buildSlots();
    }
    const slots = this.slots!;
    const h = this.hash(bytes, start, end);
    const stride = this.stride;
    const mask = slots.length / stride - 1;
    const length = end - start;
    const width = this.width;
    if (this.inline > 0) {
      // Every entry has `width` bytes, kept in its slot: a value of another length is new.
      const inline = this.inline;
      const words = this.words;
      const same = length === width;
      if (same) this.wordsOf(bytes, start, end);
      for (let s = h & mask; ; s = (s + 1) & mask) {
        const b = s * stride;
        const e = slots[b];
        if (e === 0) {
          this.added = true;
          return this.append(bytes, start, end, h, s);
        }
        if (!same || slots[b + 1] !== h || slots[b + 2] !== words[0]) continue;
        let j = 1;
        while (j < inline && slots[b + 2 + j] === words[j]) j++;
        if (j === inline) {
          this.added = false;
          return e - 1;
        }
      }
    }
    const offsets = this.offsets;
    const own = this.bytes;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[2 * s];
      if (e === 0) {
        this.added = true;
        return this.append(bytes, start, end, h, s);
      }
      if (slots[2 * s + 1] !== h) continue;
      const k = e - 1;
      let from: number;
      if (width >= 0) {
        if (width !== length) continue;
        from = k * width;
      } else {
        from = offsets![k];
        if (offsets![k + 1] - from !== length) continue;
      }
      let i = 0;
      while (i < length && own[from + i] === bytes[start + i]) i++;
      if (i === length) {
        this.added = false;
        return k;
      }
    }
  }

  /** Sets {@link words} to bytes `[start, end)` (at most {@link MAX_INLINE_BYTES}), four a word, little-endian, zero past the end. */
  private wordsOf(bytes: Uint8Array, start: number, end: number): void {
    const words = this.words;
    for (let j = 0; j < this.inline; j++) {
      const at = start + 4 * j;
      let w = 0;
      for (let i = 3; i >= 0; i--) w = (w << 8) | (at + i < end ? bytes[at + i] : 0);
      words[j] = w;
    }
  }

  /** {@link add} for a string (its UTF-8 bytes). */
  addText(text: string): number {
    const bytes = Buffer.from(text, 'utf8');
    return this.add(bytes, 0, bytes.length);
  }

  /** The entry of `text`, or -1 when it is not there. */
  find(text: string): number {
    if (this.dropped) throw new Error('this byte index no longer looks values up');
    if (this.counting) return this.countedEntry(text);
    if (this.ordered) this.buildSlots();
    const slots = this.slots!;
    const bytes = Buffer.from(text, 'utf8');
    const h = this.hash(bytes, 0, bytes.length);
    const stride = this.stride;
    const mask = slots.length / stride - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[s * stride];
      if (e === 0) return -1;
      const k = e - 1;
      if (slots[s * stride + 1] === h && this.bytes.subarray(this.start(k), this.start(k + 1)).equals(bytes)) return k;
    }
  }

  /** The value of entry `k` as a string (a new one each call). */
  text(k: number): string {
    if (this.counting) return this.prefixText + String(this.firstNumber + k).padStart(this.digits, '0');
    return this.bytes.toString('utf8', this.start(k), this.start(k + 1));
  }

  /** While counting: the entry of `text` found from its number (the prefix, then exactly {@link digits} digits), or -1. */
  private countedEntry(text: string): number {
    const prefix = this.prefixText;
    if (text.length !== prefix.length + this.digits || !text.startsWith(prefix)) return -1;
    let n = 0;
    for (let i = prefix.length; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return -1;
      n = n * 10 + (c - 48);
    }
    const k = n - this.firstNumber;
    return k >= 0 && k < this.count ? k : -1;
  }

  /**
   * Takes the first value, bytes `[start, end)`, as the start of a count when it ends in a digit:
   * true then (the value is entry 0, no bytes stored).
   */
  private startCounting(bytes: Uint8Array, start: number, end: number): boolean {
    let from = end;
    while (from > start && end - from < MAX_COUNTED_DIGITS && bytes[from - 1] >= 48 && bytes[from - 1] <= 57) from--;
    if (from === end) return false;
    this.counting = true;
    this.prefix = Buffer.from(bytes.subarray(start, from));
    this.prefixText = this.prefix.toString('utf8');
    this.digits = end - from;
    let n = 0;
    for (let i = from; i < end; i++) n = n * 10 + (bytes[i] - 48);
    this.firstNumber = n;
    this.last = Buffer.from(bytes.subarray(start, end));
    this.width = end - start;
    this.count = 1;
    return true;
  }

  /** True when bytes `[start, end)` are the last value's number plus one (then they become the last value). */
  private next(bytes: Uint8Array, start: number, end: number): boolean {
    const width = this.width;
    if (end - start !== width) return false;
    const last = this.last;
    const first = width - this.digits;
    // The trailing nines become zeros and the digit before them goes up by one; the rest is the same.
    let j = width - 1;
    while (j >= first && last[j] === 57) {
      if (bytes[start + j] !== 48) return false;
      j--;
    }
    if (j < first || bytes[start + j] !== last[j] + 1) return false;
    for (let i = 0; i < j; i++) if (bytes[start + i] !== last[i]) return false;
    for (let i = j; i < width; i++) last[i] = bytes[start + i];
    return true;
  }

  /** Stores the bytes of the values counted so far (a value broke the count): from here on values are kept as bytes. */
  private writeOut(): void {
    this.counting = false;
    const width = this.width;
    const count = this.count;
    const own = Buffer.allocUnsafe(Math.max(1 << 12, Math.ceil(1.25 * count * width)));
    const value = Buffer.from(this.prefix.length === 0 ? [] : this.prefix);
    const digits = Buffer.from(String(this.firstNumber).padStart(this.digits, '0'), 'latin1');
    const entry = Buffer.concat([value, digits]);
    const first = width - this.digits;
    for (let k = 0; k < count; k++) {
      entry.copy(own, k * width);
      // The next value: plus one, from the last digit.
      let j = width - 1;
      while (j >= first && entry[j] === 57) entry[j--] = 48;
      if (j >= first) entry[j]++;
    }
    this.bytes = own;
    this.used = count * width;
    this.last = Buffer.alloc(0);
  }

  /** Where entry `k` starts in {@link bytes} (for k = {@link size}: where the bytes end). */
  private start(k: number): number {
    return this.offsets === null ? k * Math.max(this.width, 0) : this.offsets[k];
  }

  /** Frees what finding a value needs (the slots); the values stay readable by entry. */
  dropLookup(): void {
    this.dropped = true;
    this.slots = null;
    if (this.counting) return; // no bytes stored
    // The spare room of the growing arrays goes too.
    this.bytes = Buffer.from(this.bytes.subarray(0, this.used));
    if (this.offsets !== null) this.offsets = this.offsets.slice(0, this.count + 1);
  }

  /**
   * 1 when bytes `[start, end)` come after the last value in byte order (or there is none): then
   * they are new; 0 when they are the last value; -1 when they come before it.
   */
  private toLast(bytes: Uint8Array, start: number, end: number): number {
    const k = this.count - 1;
    if (k < 0) return 1;
    const own = this.bytes;
    const from = this.start(k);
    const length = this.start(k + 1) - from;
    const n = Math.min(length, end - start);
    for (let i = 0; i < n; i++) {
      const a = own[from + i];
      const b = bytes[start + i];
      if (a !== b) return b > a ? 1 : -1;
    }
    // One is the start of the other: the longer comes after.
    return end - start > length ? 1 : end - start === length ? 0 : -1;
  }

  /** The slots for the entries so far, built once the order is broken or a value is looked up. */
  private buildSlots(): void {
    if (this.counting) this.writeOut();
    this.ordered = false;
    this.placeAll();
  }

  /**
   * Builds the slots afresh for the entries so far: with their bytes kept in them (see
   * {@link inline}) while every value has one length of at most {@link MAX_INLINE_BYTES}.
   */
  private placeAll(): void {
    let size = 512;
    while (this.count * FULL_DENOMINATOR > size * FULL_NUMERATOR) size *= 2;
    this.inline = this.width > 0 && this.width <= MAX_INLINE_BYTES ? Math.ceil(this.width / 4) : 0;
    this.stride = 2 + this.inline;
    const stride = this.stride;
    const slots = new Int32Array(stride * size);
    const mask = size - 1;
    const own = this.bytes;
    for (let k = 0; k < this.count; k++) {
      const from = this.start(k);
      const to = this.start(k + 1);
      const h = this.hash(own, from, to);
      let t = h & mask;
      while (slots[t * stride] !== 0) t = (t + 1) & mask;
      slots[t * stride] = k + 1;
      slots[t * stride + 1] = h;
      if (this.inline > 0) {
        this.wordsOf(own, from, to);
        for (let j = 0; j < this.inline; j++) slots[t * stride + 2 + j] = this.words[j];
      }
    }
    this.slots = slots;
  }

  /** Adds bytes `[start, end)` (hash `h`) as a new entry in the empty slot `slot`. */
  private append(bytes: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const inline = this.inline;
    const k = this.appendBytes(bytes, start, end);
    if (inline > 0 && this.width !== end - start) {
      // A value of another length: the slots are built again without the bytes in them.
      this.placeAll();
      return k;
    }
    const slots = this.slots!;
    const stride = this.stride;
    slots[slot * stride] = k + 1;
    slots[slot * stride + 1] = h;
    // The words of this value were made by `add` (it has the entries' one length).
    for (let j = 0; j < inline; j++) slots[slot * stride + 2 + j] = this.words[j];
    if (this.count * FULL_DENOMINATOR > (slots.length / stride) * FULL_NUMERATOR) this.grow();
    return k;
  }

  /** Adds bytes `[start, end)` as a new entry (its bytes and offset; no slot). */
  private appendBytes(bytes: Uint8Array, start: number, end: number): number {
    const k = this.count;
    const length = end - start;
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.used + length, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    const own = this.bytes;
    for (let i = 0, o = this.used; i < length; i++, o++) own[o] = bytes[start + i];
    this.used += length;
    if (this.width === -2) this.width = length;
    else if (this.width >= 0 && this.width !== length) this.unevenFrom(k);
    const offsets = this.offsets;
    if (offsets !== null) {
      if (k + 2 > offsets.length) {
        const bigger = new Uint32Array(offsets.length * 2);
        bigger.set(offsets);
        this.offsets = bigger;
      }
      this.offsets![k + 1] = this.used;
    }
    this.count = k + 1;
    return k;
  }

  /** Entry `k` is the first of another length than those before it: the offsets of entries `[0, k]` are made. */
  private unevenFrom(k: number): void {
    const width = this.width;
    const offsets = new Uint32Array(Math.max(257, 2 * (k + 2)));
    for (let j = 0; j <= k; j++) offsets[j] = j * width;
    this.offsets = offsets;
    this.width = -1;
  }

  /** Twice the slots, every entry placed again by its hash. */
  private grow(): void {
    const old = this.slots!;
    const stride = this.stride;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / stride - 1;
    for (let s = 0; s < old.length; s += stride) {
      const e = old[s];
      if (e === 0) continue;
      const h = old[s + 1];
      let t = h & mask;
      while (slots[t * stride] !== 0) t = (t + 1) & mask;
      for (let j = 0; j < stride; j++) slots[t * stride + j] = old[s + j];
    }
    this.slots = slots;
  }
}
