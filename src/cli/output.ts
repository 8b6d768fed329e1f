/**
 * Where command output goes: stdout by default, or a file with `--out`.
 */
import { writeFileSync } from 'node:fs';

export function emit(text: string, out: string | undefined): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

export function say(text: string): void {
  process.stderr.write(`${text}\n`);
}
