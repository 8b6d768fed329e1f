/**
 * The `playbook` command line. Thin: each verb parses its flags, calls one
 * library function and prints (the verbs are in program.ts). Exit status: 0 clean,
 * 1 findings or failed checks, 2 usage or input errors. A user mistake never shows a stack trace.
 */
import { UsageError } from './errors.js';
import { handleStdoutErrors } from './stdout-errors.js';
import { OutputFileError } from '../simulate/files/output-error.js';

export { plainCheck } from './plain-check-argv.js';
import { plainCheck } from './plain-check-argv.js';
import { internalErrorText } from './internal-error.js';

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
    if (check) return await (await import('./plain-check.js')).runPlainCheck(check);
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
    say(internalErrorText(e));
    return 3;
  }
}
