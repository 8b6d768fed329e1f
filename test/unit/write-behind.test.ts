/**
 * Issue 10 (scale): a large report is written behind its text by a thread of its own
 * (src/simulate/files/write-behind.ts). The file must hold every piece in order, whatever their
 * sizes (slot-sized chunks, pieces larger than a slot, text), and a failed write must be thrown
 * on the main thread as the very error `fs.writeFileSync` throws. The thread runs from the
 * compiled file, so these tests use the build (`npm test` builds first).
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BUILT = resolve('dist/src/simulate/files/write-behind.js');
type WriteBehindClass = typeof import('../../src/simulate/files/write-behind.js').WriteBehind;
const load = async (): Promise<WriteBehindClass> => ((await import(pathToFileURL(BUILT).href)) as { WriteBehind: WriteBehindClass }).WriteBehind;

const dir = mkdtempSync(join(tmpdir(), 'write-behind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A piece of `n` bytes whose content says where it is (so a lost, repeated or reordered piece shows). */
function piece(index: number, n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (index * 31 + i * 7) & 0xff;
  return bytes;
}

describe.runIf(existsSync(BUILT))('writing behind the text', () => {
  it('writes every piece in order: slot-sized chunks, small pieces, a piece larger than a slot, text', async () => {
    const WriteBehind = await load();
    const sizes = [1 << 20, 1 << 20, 17, 1 << 20, 3 << 20, 5, 1 << 20, 1 << 20, 1 << 20, 1 << 20, 123_456, 1 << 20];
    const pieces: Uint8Array[] = sizes.map((n, i) => piece(i, n));
    const path = join(dir, 'order.bin');
    const fd = openSync(path, 'w');
    // From the first byte through the thread (0 bytes written directly).
    const out = new WriteBehind(fd, 0);
    const reused = new Uint8Array(1 << 20);
    const expected: Uint8Array[] = [];
    for (const [i, p] of pieces.entries()) {
      if (p.length === 1 << 20) {
        // The caller reuses its buffer after each write (as the report sink does): the piece must have been copied.
        reused.set(p);
        out.write(reused);
        reused.fill(0);
      } else out.write(p);
      expected.push(p);
      if (i === 5) {
        out.write('text between the pieces\n');
        expected.push(Buffer.from('text between the pieces\n'));
      }
    }
    out.finish();
    out.close();
    closeSync(fd);
    expect(Buffer.compare(readFileSync(path), Buffer.concat(expected))).toBe(0);
  });

  it('throws a failed write of the thread (a full disk) as writeFileSync throws it, at the next write or at the end', async () => {
    const WriteBehind = await load();
    let reference: NodeJS.ErrnoException | null = null;
    const probe = openSync('/dev/full', 'w');
    try {
      writeFileSync(probe, piece(0, 1024));
    } catch (e) {
      reference = e as NodeJS.ErrnoException;
    } finally {
      closeSync(probe);
    }
    expect(reference?.code).toBe('ENOSPC');
    const fd = openSync('/dev/full', 'w');
    const out = new WriteBehind(fd, 0);
    let thrown: NodeJS.ErrnoException | null = null;
    try {
      for (let i = 0; i < 64; i++) out.write(piece(i, 1 << 20));
      out.finish();
    } catch (e) {
      thrown = e as NodeJS.ErrnoException;
    } finally {
      out.close();
      closeSync(fd);
    }
    expect(thrown).not.toBeNull();
    expect([thrown!.message, thrown!.code, thrown!.errno, thrown!.syscall]).toEqual([reference!.message, 'ENOSPC', reference!.errno, 'write']);
    // Once failed, every later write throws the same error.
    expect(() => out.write(piece(0, 10))).toThrow(reference!.message);
  });

  it('writes a small file directly, without a thread', async () => {
    const WriteBehind = await load();
    const path = join(dir, 'small.bin');
    const fd = openSync(path, 'w');
    const out = new WriteBehind(fd);
    out.write(piece(1, 1000));
    out.write('x');
    out.finish();
    out.close();
    closeSync(fd);
    expect(Buffer.compare(readFileSync(path), Buffer.concat([piece(1, 1000), Buffer.from('x')]))).toBe(0);
  });

  it('flushes the file to disk as it goes: once per flushBytes written by the thread, never when told not to', async () => {
    const WriteBehind = await load();
    const run = (flushBytes: number) => {
      const path = join(dir, `flushed-${flushBytes}.bin`);
      const fd = openSync(path, 'w');
      // 10 slots of 1 MiB through the thread (nothing written directly).
      const out = new WriteBehind(fd, 0, flushBytes);
      const pieces = Array.from({ length: 10 }, (_, i) => piece(i, 1 << 20));
      for (const p of pieces) out.write(p);
      out.finish();
      out.close();
      closeSync(fd);
      expect(Buffer.compare(readFileSync(path), Buffer.concat(pieces))).toBe(0);
      return out.flushes;
    };
    // 10 MiB in steps of 3 MiB: after the 3rd, 6th and 9th slot; the last MiB is left to the caller's own flush.
    expect(run(3 << 20)).toBe(3);
    expect(run(0)).toBe(0);
  });
});
