/**
 * A failed write to standard output arrives as an 'error' event on process.stdout,
 * after the command has returned, so main's try/catch never sees it. This turns it
 * into the same plain message and exit status as a failed `--out`.
 */
// The one module that words the failure, not the whole output package: this is loaded at every start.
import { writeFailure } from '../simulate/files/output-error.js';

/** The exit status when the reader closes standard output early; see {@link setClosedPipeStatus}. */
let closedPipeStatus = 0;

/**
 * Sets the status a closed pipe exits with: a command whose verdict is known before it writes
 * (`check` with errors: 1) keeps it, so `playbook check plan.playbook | head -1` in a CI step
 * fails a broken plan as `playbook check plan.playbook` does. Default 0.
 */
export function setClosedPipeStatus(status: number): void {
  closedPipeStatus = status;
}

/** The exit status for a failed write to standard output, after saying why (nothing for a closed pipe). */
export function stdoutFailed(e: NodeJS.ErrnoException): number {
  // `playbook … | head` closes the pipe early: the reader has what it wanted; that is not an error
  // in itself, but the command's own verdict stands when it was known before the writing.
  if (e.code === 'EPIPE') return closedPipeStatus;
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
