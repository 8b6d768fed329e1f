/**
 * The stage releases' chunked columns (stages/chunked-column.ts): rows written one at a time
 * across chunk boundaries read back as written, before and after the last chunk is trimmed; and a
 * release table refuses a row after it is closed.
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_MASK, CHUNK_ROWS, Column } from '../../src/runtime/stages/chunked-column.js';
import { ReleaseTable } from '../../src/runtime/stages/release-table.js';

/** Writes rows 0…n-1 as the release table does: a chunk added before each chunk's first row. */
function filled<T extends Int32Array | Float64Array | Uint8Array>(make: new (n: number) => T, n: number, value: (row: number) => number): Column<T> {
  const c = new Column(make);
  for (let row = 0; row < n; row++) {
    if ((row & CHUNK_MASK) === 0) c.addChunk();
    c.last[row & CHUNK_MASK] = value(row);
  }
  return c;
}

describe('chunked columns', () => {
  it('hold 65,536 rows a chunk', () => {
    expect(CHUNK_ROWS).toBe(65536);
  });

  it('read back every row across chunk boundaries, before and after trimming', () => {
    const n = 2 * CHUNK_ROWS + 17;
    const value = (row: number) => row * 3 - 100_000 + 0.25;
    const c = filled(Float64Array, n, value);
    expect(c.chunks.length).toBe(3);
    for (const row of [0, 1, CHUNK_ROWS - 1, CHUNK_ROWS, CHUNK_ROWS + 1, 2 * CHUNK_ROWS - 1, 2 * CHUNK_ROWS, n - 1]) expect(c.at(row)).toBe(value(row));
    c.trim(n);
    expect(c.chunks.map((k) => k.length)).toEqual([CHUNK_ROWS, CHUNK_ROWS, 17]);
    for (let row = 0; row < n; row++) if (c.at(row) !== value(row)) throw new Error(`row ${row}: ${c.at(row)} ≠ ${value(row)}`);
  });

  it('keep a full last chunk whole, and an empty column empty', () => {
    const c = filled(Int32Array, CHUNK_ROWS, (row) => -row);
    c.trim(CHUNK_ROWS);
    expect(c.chunks.map((k) => k.length)).toEqual([CHUNK_ROWS]);
    expect(c.at(CHUNK_ROWS - 1)).toBe(-(CHUNK_ROWS - 1));
    const empty = new Column(Uint8Array);
    empty.trim(0);
    expect(empty.chunks).toEqual([]);
  });

  it('store what the element type holds (a stage number in a byte)', () => {
    const c = filled(Uint8Array, 300, (row) => row);
    expect(c.at(255)).toBe(255);
    expect(c.at(256)).toBe(0);
  });
});

describe('a release table', () => {
  it('numbers rows across chunks and refuses a row once closed', () => {
    const table = new ReleaseTable(2, ['on booking'], ['booking'], ['100% on booking'], 'paid on the trigger day');
    const n = CHUNK_ROWS + 5;
    for (let i = 0; i < n; i++) expect(table.addUnits(0, 0, i * 7, 20_000 + i, null, null, 'booked')).toBe(i);
    table.trim();
    expect(table.length).toBe(n);
    expect(table.minor.at(CHUNK_ROWS + 4)).toBe((CHUNK_ROWS + 4) * 7);
    expect(table.triggered.at(CHUNK_ROWS)).toBe(20_000 + CHUNK_ROWS);
    expect(Number.isNaN(table.payable.at(3))).toBe(true);
    expect(() => table.addUnits(0, 0, 1, 1, null, null, 'booked')).toThrow('internal error: a release was added to a stage table after it was closed');
  });
});
