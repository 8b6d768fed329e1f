/**
 * The `playbook` command line. Thin: each verb parses its flags, calls one
 * library function and prints (the verbs are in program.ts). Exit status: 0 clean,
 * 1 findings or failed checks, 2 usage or input errors. A user mistake never shows a stack trace.
 */
import type { CheckFlags } from './check-command.js';
import { UsageError } from './errors.js';
import { handleStdoutErrors } from './stdout-errors.js';
import { OutputFileError } from '../simulate/files/output-error.js';

const REPORT_URL = 'https://github.com/playbook-engine/playbook-engine/issues';

/**
 * `playbook check FILE` or `playbook check FILE --strict` (either order), the commonest short run, as
 * commander would read it (the file is not an option, nothing else is given); null for anything else,
 * which goes through commander: its start-up costs about as much as checking a small playbook.
 */
export function plainCheck(argv: readonly string[]): { file: string; flags: CheckFlags } | null {
  if (argv[2] !== 'check') return null;
  const rest = argv.slice(3);
  const files = rest.filter((a) => a !== '--strict');
  const strict = rest.length - files.length;
  if (files.length !== 1 || files[0].startsWith('-') || files[0] === '' || strict > 1) return null;
  return { file: files[0], flags: strict === 1 ? { strict: true } : {} };
}

/** The error classes that mean the user's input or request is wrong (exit 2), not a bug. */
async function userErrorClasses(): Promise<(abstract new (...args: never[]) => Error)[]> {
  const [data, score, backtest, playbook, explain, compare, splits] = await Promise.all([
    import('../data/index.js'),
    import('../simulate/account-score.js'),
    import('../simulate/backtest.js'),
    import('../simulate/load-playbook.js'),
    import('../simulate/explain/index.js'),
    import('../simulate/compare/compare.js'),
    import('../runtime/splits.js'),
  ]);
  return [splits.SplitSharesError, data.DataError, score.ScoreRequestError, backtest.NothingToBacktestError, backtest.EmptySplitError, backtest.SegmentFieldError, playbook.PlaybookFileError, explain.ExplainRequestError, compare.CompareError];
}

/** Runs the CLI on `argv` (as process.argv) and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  let status = 0;
  handleStdoutErrors();
  try {
    const check = plainCheck(argv);
    if (check) return await (await import('./check-command.js')).runCheck(check.file, check.flags);
    const { program } = await import('./program.js');
    await program((code) => (status = code)).parseAsync(argv);
    return status;
  } catch (e) {
    const { CommanderError } = await import('commander');
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const { say } = await import('./output.js');
    // Loaded here (already loaded if one of them was thrown): the user's mistakes, named in plain words.
    const { BadRowsError } = await import('../simulate/simulate.js');
    const { reportBadRows } = await import('./simulate-command.js');
    if (e instanceof BadRowsError) return reportBadRows(e);
    const userErrors = await userErrorClasses();
    if (e instanceof UsageError || e instanceof OutputFileError || userErrors.some((c) => e instanceof c)) {
      say(`error: ${(e as Error).message}`);
      return 2;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    say(`internal error: the playbook engine failed unexpectedly. This is a bug in the engine, not in your playbook or data.\nPlease report it at ${REPORT_URL} with the command you ran and this text:\n${detail}`);
    return 3;
  }
}
