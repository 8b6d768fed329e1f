// Sending values between threads (src/data/transfer.ts): classes, Decimals and Buffers come back
// as what they were, shared references stay shared, large arrays are moved, and what cannot be
// sent is refused by name. The message goes through structuredClone, as postMessage does.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/graph/decimal.js';
import { packForTransfer, reviveTransfer } from '../../src/data/transfer.js';

class Counter {
  constructor(public n: number, public tags: Uint8Array) {}
  twice(): number {
    return 2 * this.n;
  }
}
class Holder {
  constructor(public counter: Counter, public again: Counter) {}
}
class Unknown {
  x = 1;
}

/** `value` packed, sent through structuredClone (moving the listed buffers) and revived. */
function roundTrip(value: unknown, classes = [Counter, Holder]): { back: unknown; moved: number } {
  const packed = packForTransfer(value, classes);
  const sent = structuredClone(packed.message, { transfer: packed.transfer });
  return { back: reviveTransfer(sent, classes), moved: packed.transfer.length };
}

describe('packForTransfer / reviveTransfer', () => {
  it('gives back instances of the listed classes (methods work), shared references once', () => {
    const c = new Counter(21, new Uint8Array([1, 2, 3]));
    const { back } = roundTrip({ h: new Holder(c, c) });
    const h = (back as { h: Holder }).h;
    expect(h).toBeInstanceOf(Holder);
    expect(h.counter).toBeInstanceOf(Counter);
    expect(h.counter.twice()).toBe(42);
    expect(h.again).toBe(h.counter);
    expect(Array.from(h.counter.tags)).toEqual([1, 2, 3]);
  });

  it('gives back Decimals exactly (more digits than a double holds, in arrays and Map values) and Buffers as Buffers', () => {
    const big = new Decimal('123456789012345678901234567890.0000000001');
    const row = { line: 7 };
    const values = new Map<object, unknown[]>([[row, [big, 'text', null, new Decimal('-0.5')]]]);
    const { back } = roundTrip({ rows: [row], values, bytes: Buffer.from('Zürich', 'utf8') });
    const b = back as { rows: { line: number }[]; values: Map<object, unknown[]>; bytes: Buffer };
    const kept = b.values.get(b.rows[0])!;
    expect(kept[0]).toBeInstanceOf(Decimal);
    expect((kept[0] as Decimal).toFixed()).toBe('123456789012345678901234567890.0000000001');
    expect((kept[3] as Decimal).toFixed()).toBe('-0.5');
    expect(kept.slice(1, 3)).toEqual(['text', null]);
    expect(Buffer.isBuffer(b.bytes)).toBe(true);
    expect(b.bytes.toString('utf8')).toBe('Zürich');
  });

  it('moves an array of 64 KiB or more (the sender\'s copy is emptied) and copies a small one', () => {
    const large = new Int32Array(16 * 1024).fill(9);
    const small = new Int32Array(8).fill(3);
    const { back, moved } = roundTrip({ large, small });
    expect(moved).toBe(1);
    expect(large.length).toBe(0); // detached: moved, not copied
    expect(small.length).toBe(8);
    const b = back as { large: Int32Array; small: Int32Array };
    expect(b.large.length).toBe(16 * 1024);
    expect(b.large[16 * 1024 - 1]).toBe(9);
    expect(Array.from(b.small)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('moves a fitted column (a view from the start over at least 7/8 of its buffer) and copies a view over less', () => {
    const whole = new Int32Array(32 * 1024);
    for (let i = 0; i < whole.length; i++) whole[i] = i;
    const fitted = whole.subarray(0, 30 * 1024); // 15/16 of the buffer
    const half = new Int32Array(32 * 1024).fill(5).subarray(0, 16 * 1024);
    const { back, moved } = roundTrip({ fitted, half });
    expect(moved).toBe(1);
    expect(fitted.length).toBe(0); // detached: moved
    expect(half.length).toBe(16 * 1024); // copied: the sender keeps it
    const b = back as { fitted: Int32Array; half: Int32Array };
    expect(b.fitted.length).toBe(30 * 1024);
    expect(b.fitted[30 * 1024 - 1]).toBe(30 * 1024 - 1);
    expect(b.half.length).toBe(16 * 1024);
    expect(b.half[0]).toBe(5);
  });

  it('refuses a function or an instance of a class it was not given, by name', () => {
    expect(() => packForTransfer({ f: () => 1 }, [])).toThrow('internal: a function cannot be sent to another thread');
    expect(() => packForTransfer([new Unknown()], [Counter])).toThrow('internal: an instance of Unknown cannot be sent to another thread');
  });
});
