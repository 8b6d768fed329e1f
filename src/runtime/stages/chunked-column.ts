/**
 * A column of numbers held as fixed-size chunks of a typed array, for a table that grows one row
 * at a time to millions of rows (the stage releases: about 2.2 million at 1,000,000 deals).
 *
 * Why chunks rather than one array doubled as it fills: doubling copies every row on each growth
 * and leaves up to half the last array empty (or makes one more copy to trim it), so a column of
 * 2.2 million rows allocated about five times its size. V8 starts a full collection of the whole
 * heap each time the memory held in typed arrays grows by 64 MB, and at that scale each such
 * collection pauses the run for about half a second (issue 10, scale; bench/RESULTS.md). Chunks
 * allocate each row's bytes once.
 */

/** Rows per chunk (a power of two: a row's chunk and place are a shift and a mask). */
export const CHUNK_BITS = 16;
export const CHUNK_ROWS = 1 << CHUNK_BITS;
/** A row's place in its chunk: `row & CHUNK_MASK`. */
export const CHUNK_MASK = CHUNK_ROWS - 1;

/** The typed arrays a {@link Column} can hold. */
export type ColumnArray = Int32Array | Uint8Array | Float64Array;

/**
 * The column: row `r` is `chunks[r >>> CHUNK_BITS][r & CHUNK_MASK]`. Its owner counts the rows;
 * it calls {@link addChunk} before writing the first row of a chunk (row `r` with
 * `(r & CHUNK_MASK) === 0`) and writes into {@link last}.
 */
export class Column<T extends ColumnArray> {
  readonly chunks: T[] = [];
  /** The chunk rows are being written to (empty until the first {@link addChunk}). */
  last: T;

  constructor(private readonly make: new (length: number) => T) {
    this.last = new make(0);
  }

  /** Starts a new chunk, which becomes {@link last}. */
  addChunk(): void {
    this.last = new this.make(CHUNK_ROWS);
    this.chunks.push(this.last);
  }

  /** The value of row `row` (a row written before; anything else is not checked). */
  at(row: number): number {
    return this.chunks[row >>> CHUNK_BITS][row & CHUNK_MASK];
  }

  /** Shortens the last chunk to the rows written, `length` in all (once no more rows come). */
  trim(length: number): void {
    const used = length & CHUNK_MASK;
    if (used === 0 || this.chunks.length === 0) return;
    const n = this.chunks.length - 1;
    this.chunks[n] = this.last = this.chunks[n].slice(0, used) as T;
  }
}
