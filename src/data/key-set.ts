/**
 * The key values seen while a table is read, each with the first line it was on (for the
 * duplicate-key message, and for a lookup naming a key whose row was rejected). Held as bytes
 * ({@link ByteIndex}), not as a `Map` of strings: ten million activity ids took over a gigabyte so.
 * The key is `keyString` of the value (the text itself for a text key).
 */
import { ByteIndex } from './byte-index.js';
import { CountingInts } from './counting-ints.js';

export class KeySet {
  readonly keys = new ByteIndex();
  /** Entry k's first line: a count while keys come one a line (see `CountingInts`). */
  private lines = new CountingInts();
  private room = 0;

  /**
   * Notes key bytes `[start, end)` of `bytes` seen on `line`: its entry. `keys.added` tells
   * whether it is new; when not, {@link firstLine} of the entry is where it was first seen.
   */
  addBytes(bytes: Uint8Array, start: number, end: number, line: number): number {
    return this.noted(this.keys.add(bytes, start, end), line);
  }

  /** {@link addBytes} for a key string. */
  add(key: string, line: number): number {
    return this.noted(this.keys.addText(key), line);
  }

  /** Whether the last {@link add} / {@link addBytes} saw its key for the first time. */
  get added(): boolean {
    return this.keys.added;
  }

  /** The first line on which entry `k` was seen. */
  firstLine(k: number): number {
    return this.lines.get(k);
  }

  /** The first line on which `key` was seen, or undefined. */
  get(key: string): number | undefined {
    const k = this.keys.find(key);
    return k < 0 ? undefined : this.lines.get(k);
  }

  /** Drops the lookup by key and the lines once nothing will ask (the keys stay readable by entry). */
  release(): void {
    this.keys.dropLookup();
    this.lines = new CountingInts();
  }

  private noted(k: number, line: number): number {
    if (!this.keys.added) return k;
    if (k >= this.room) {
      this.room = Math.max(256, this.room * 2);
      this.lines.reserve(this.room);
    }
    this.lines.append(k, line);
    return k;
  }
}
