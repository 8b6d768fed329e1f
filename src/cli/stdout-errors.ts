/**
 * A failed write to standard output arrives as an 'error' event on process.stdout,
 * after the command has returned, so main's try/catch never sees it. This turns it
 * into the same plain message and exit status as a failed `--out`.
 */
// The one module that words the failure, not the whole output package: this is loaded at every start.
import { writeFailure } from '../simulate/files/output-error.js';

/** The exit status for a failed write to standard output, after saying why (nothing for a closed pipe). */
export function stdoutFailed(e: NodeJS.ErrnoException): number {
  // `playbook … | head` closes the pipe early: the reader has what it wanted; that is not an error.
  if (e.code === 'EPIPE') return 0;
  process.stderr.write(`error: ${writeFailure(e.code, { what: 'the report to standard output', option: 'a redirect (> FILE), or --out where the command has it' })}\n`);
  return 2;
}

let installed = false;

/** Makes a failed write to standard output exit at once with {@link stdoutFailed}'s status. */
export function handleStdoutErrors(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(stdoutFailed(e)));
}
