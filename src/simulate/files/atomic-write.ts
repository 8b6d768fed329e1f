/**
 * Writing a file all at once or not at all: the text goes to a temporary file in
 * the same folder, which is flushed to disk and then renamed over the target.
 * A rename within one folder is atomic, so a reader (or a run that fails half-way:
 * a full disk, a file-size limit) sees either the old file whole or the new one
 * whole, and no temporary file is left behind.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { WriteBehind } from './write-behind.js';

/** The file's status (links followed), or null when there is no file at `path`. */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Writes `text` to `path` atomically. A link is followed (the file it points to is
 * replaced, the link stays); an existing file keeps its permissions. A device or a
 * named pipe (`/dev/null`, `/dev/stdout`) cannot be replaced and is written directly.
 * @throws the system error (with its `code`) when the file cannot be written; the old file is then untouched.
 */
export function writeFileAtomic(path: string, text: string): void {
  writeFileAtomicWith(path, (write) => write(text));
}

/**
 * {@link writeFileAtomic} for text produced piece by piece: `produce` calls `write` with each
 * piece in order, a string or its UTF-8 bytes (written before `write` returns, so the caller may
 * reuse them); a large report is then never one string. If `produce` throws, the old file is
 * untouched and the error is thrown.
 * @throws the system error (with its `code`) when the file cannot be written, or what `produce` throws.
 */
export function writeFileAtomicWith(path: string, produce: (write: (text: string | Uint8Array) => void) => void): void {
  const existing = statOrNull(path);
  if (existing && existing.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
  if (existing && !existing.isFile()) {
    const fd = openSync(path, 'w');
    try {
      produce((text) => writeFileSync(fd, text));
    } finally {
      closeSync(fd);
    }
    return;
  }
  const real = existing ? realpathSync(path) : resolve(path);
  const temp = join(dirname(real), `.${basename(real)}.${process.pid}-${randomSuffix()}.tmp`);
  // 'wx': never open a file that is already there (a planted link cannot redirect the write).
  const fd = openSync(temp, 'wx', 0o666);
  let renamed = false;
  try {
    try {
      if (existing) fchmodSync(fd, existing.mode & 0o7777);
      // A large report is written behind its text, by a thread of its own (write-behind.ts).
      const out = new WriteBehind(fd);
      try {
        produce((text) => out.write(text));
        out.finish();
      } finally {
        out.close();
      }
      fsyncSync(fd); // on disk before the rename, so a crash cannot leave an empty report in place of the old one
    } finally {
      closeSync(fd);
    }
    renameSync(temp, real);
    renamed = true;
  } finally {
    if (!renamed) unlinkQuietly(temp);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone: nothing to clean up
  }
}

/**
 * Eight random hex digits for a temporary file's name, from the Web Crypto random source
 * (`globalThis.crypto`, loaded only when a file is written: importing `node:crypto` at start-up
 * cost every short command, such as `check`, about 1% of its instructions).
 */
function randomSuffix(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(4));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
