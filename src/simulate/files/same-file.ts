/**
 * Is a path the same file as one the run reads? Compared by the real file
 * (device and inode, after following links), so another spelling of the path,
 * a symbolic link or a hard link cannot slip past.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InputFile } from './inputs.js';

/** Device and inode of the file `path` names (links followed), or null when there is none. */
function identity(path: string): { dev: number; ino: number } | null {
  try {
    const s = statSync(resolve(path));
    return { dev: s.dev, ino: s.ino };
  } catch {
    return null; // no such file yet (or unreadable): it cannot be an input the run reads
  }
}

/** The input that `target` is the same file as, or null. */
export function sameFileAs(target: string, inputs: readonly InputFile[]): InputFile | null {
  const t = identity(target);
  if (!t) return null;
  for (const input of inputs) {
    const i = identity(input.path);
    if (i && i.dev === t.dev && i.ino === t.ino) return input;
  }
  return null;
}
