/**
 * Reading an input file safely: only a regular file, only up to a stated size, and
 * never blocking (a FIFO opened for reading waits for a writer forever).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/**
 * Largest data file read whole, in bytes (500 MiB): the longest text the JavaScript engine can
 * hold is about 512 MiB. Applies to Excel workbooks, JSON Lines and Parquet; CSV files are read in
 * chunks ({@link readChunks}) and have no size limit.
 */
export const MAX_DATA_FILE_BYTES = 500 * 1024 * 1024;

/** Why a file could not be read; `reason` is a plain sentence without the file name. */
export class UnreadableFile extends Error {
  constructor(
    readonly reason: string,
    /** `ENOENT`, `EISDIR`, `NOT_REGULAR`, `TOO_LARGE`, or the system's code. */
    readonly code: string,
  ) {
    super(reason);
    this.name = 'UnreadableFile';
  }
}

/**
 * A whole number with commas between thousands (`4,000,003`), as `toLocaleString('en-US')` writes
 * it, without loading ICU's number formatting (~20 ms): every `playbook check` formats its size
 * limit before reading the file.
 */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A size for a message: exact below 10 MB (`4,000,004 bytes`), else in decimal
 * units with one decimal, as file managers show them (`524.3 MB`, `2.1 GB`).
 */
export function formatBytes(bytes: number): string {
  if (bytes < 10_000_000) return `${groupThousands(bytes)} bytes`;
  const units = ['MB', 'GB', 'TB'];
  let v = bytes / 1e6;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function notRegular(kind: string): UnreadableFile {
  return kind === 'a folder'
    ? new UnreadableFile('this is a folder, not a file', 'EISDIR')
    : new UnreadableFile(`this is ${kind}, not a regular file; only regular files are read (a pipe or device could make the run wait forever)`, 'NOT_REGULAR');
}

function tooLarge(size: number, maxBytes: number, limitText: string): UnreadableFile {
  return new UnreadableFile(`the file is ${formatBytes(size)}; the limit is ${limitText}`, 'TOO_LARGE');
}

/**
 * The bytes of the regular file at `path` (symbolic links followed).
 *
 * The file is checked with `stat` before it is opened, opened non-blocking and
 * checked again with `fstat` on the open descriptor (so a file swapped for a pipe
 * in between is still refused), and refused when larger than `maxBytes` — before
 * anything is read. `limitText` states the limit in the message (e.g. `500 MiB per data file`).
 *
 * @throws UnreadableFile (code `ENOENT`, `EISDIR`, `NOT_REGULAR`, `TOO_LARGE`, `CHANGED`, or the system error code).
 */
export function readRegularFile(path: string, maxBytes: number, limitText: string): Buffer {
  let fd: number;
  try {
    const before = statSync(path);
    if (!before.isFile()) throw notRegular(kindOf(before));
    if (before.size > maxBytes) throw tooLarge(before.size, maxBytes, limitText);
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw asUnreadable(e);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notRegular(kindOf(stat));
    if (stat.size > maxBytes) throw tooLarge(stat.size, maxBytes, limitText);
    // One byte more than the file's size: a file growing while it is read is caught.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size + 1, maxBytes + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > stat.size) {
      if (length > maxBytes) throw tooLarge(length, maxBytes, limitText);
      throw new UnreadableFile('the file grew while it was being read (is it still being written?); run again when it is complete', 'CHANGED');
    }
    return buffer.subarray(0, length);
  } catch (e) {
    throw asUnreadable(e);
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of the regular file at `path`, in order, as chunks of at most `chunkBytes`
 * (the first chunk is at least `firstBytes` long when the file is, so that what is
 * sniffed from a file's start sees the same bytes as when the file was read whole).
 * Same checks as {@link readRegularFile}, without a size limit: a file is never held whole.
 * The descriptor is closed when the iteration ends, early or not.
 *
 * @throws UnreadableFile (code `ENOENT`, `EISDIR`, `NOT_REGULAR`, `CHANGED` when the file grows
 *   while it is read, or the system error code) — on opening, or while iterating.
 */
export function* readChunks(path: string, chunkBytes: number, firstBytes = 0): Generator<Buffer, void, undefined> {
  let fd: number;
  let size: number;
  try {
    const before = statSync(path);
    if (!before.isFile()) throw notRegular(kindOf(before));
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw asUnreadable(e);
  }
  try {
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw notRegular(kindOf(stat));
      size = stat.size;
    } catch (e) {
      throw asUnreadable(e);
    }
    let total = 0;
    let want = Math.max(chunkBytes, firstBytes);
    for (;;) {
      // A fresh buffer per chunk: the consumer may keep a chunk (or a slice of it) after the next is read.
      const buffer = Buffer.allocUnsafe(want);
      let length = 0;
      try {
        while (length < want) {
          const n = readSync(fd, buffer, length, want - length, null);
          if (n === 0) break;
          length += n;
        }
      } catch (e) {
        throw asUnreadable(e);
      }
      total += length;
      if (total > size) throw new UnreadableFile('the file grew while it was being read (is it still being written?); run again when it is complete', 'CHANGED');
      if (length > 0) yield length === want ? buffer : buffer.subarray(0, length);
      if (length < want) return;
      want = chunkBytes;
    }
  } finally {
    closeSync(fd);
  }
}

function asUnreadable(e: unknown): UnreadableFile {
  if (e instanceof UnreadableFile) return e;
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT') return new UnreadableFile('no such file', code);
  if (code === 'EISDIR') return new UnreadableFile('this is a folder, not a file', code);
  if (code === 'EACCES' || code === 'EPERM') return new UnreadableFile(`permission denied (${code}); check that you may read the file`, code);
  return new UnreadableFile(`cannot read the file (${code})`, code);
}
