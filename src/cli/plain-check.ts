/**
 * `playbook check FILE [--strict]`, the commonest short run, without commander: recognised by
 * plainCheck (plain-check-argv.ts) and run by {@link runPlainCheck}, which words its own failures exactly as
 * main.ts does for every other command. This module is also the entry of the single-file bundle
 * that bin/playbook.js runs for a plain check (src/cli/check-bundle/): everything it needs is
 * imported statically from here, so the bundle holds the whole check and nothing else.
 */
import { runCheck, type CheckFlags } from './check-command.js';
export { plainCheck } from './plain-check-argv.js';
import { internalErrorText } from './internal-error.js';
import { handleStdoutErrors } from './stdout-errors.js';
import { PlaybookFileError } from '../simulate/playbook-file.js';

/**
 * Runs a plain check and resolves to its exit status: 0 clean, 1 findings (or warnings with
 * --strict), 2 the file cannot be read (one line on standard error), 3 a bug in the engine.
 * A plain check can meet no other user error (main.ts words the others).
 */
export async function runPlainCheck(check: { file: string; flags: CheckFlags }): Promise<number> {
  handleStdoutErrors();
  try {
    return await runCheck(check.file, check.flags);
  } catch (e) {
    process.stderr.write(`${e instanceof PlaybookFileError ? `error: ${e.message}` : internalErrorText(e)}\n`);
    return e instanceof PlaybookFileError ? 2 : 3;
  }
}
