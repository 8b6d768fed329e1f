/**
 * Where command output goes: stdout by default, or a file with `--out`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';

/** Writes the report to `out`, or to standard output. @throws UsageError when the file cannot be written. */
export function emit(text: string, out: string | undefined): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'unknown error');
    throw new UsageError(`cannot write the report to "${out}": ${why}`);
  }
}

/** @throws UsageError when `--out` would overwrite the playbook being run. */
export function guardOut(out: string | undefined, playbook: string): void {
  if (out && resolve(out) === resolve(playbook)) throw new UsageError(`--out "${out}" is the playbook itself; choose another file for the report`);
}

export function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Lists rows left out with --skip-bad-rows on standard error (reports without a place for them). */
export function sayLeftOut(rows: { messages: string[] }[]): void {
  if (rows.length === 0) return;
  say(`${rows.length} bad row${rows.length === 1 ? ' was' : 's were'} left out of this report:`);
  for (const r of rows) for (const m of r.messages) say(`  ${m}`);
}
