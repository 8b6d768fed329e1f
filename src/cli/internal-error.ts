/** The words of an unexpected failure (exit 3), shared by main.ts and the plain check (plain-check.ts). */

const REPORT_URL = 'https://github.com/playbook-engine/playbook-engine/issues';

/** What the command prints on standard error when the engine itself failed: a bug, not the user's mistake. */
export function internalErrorText(e: unknown): string {
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return `internal error: the playbook engine failed unexpectedly. This is a bug in the engine, not in your playbook or data.\nPlease report it at ${REPORT_URL} with the command you ran and this text:\n${detail}`;
}
