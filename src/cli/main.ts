/**
 * The `playbook` command line. Thin: each verb parses its flags, calls one
 * library function and prints. Exit status: 0 clean, 1 findings or failed
 * checks, 2 usage or input errors. A user mistake never shows a stack trace.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { DataError } from '../data/index.js';
import { ScoreRequestError } from '../simulate/account-score.js';
import { NothingToBacktestError } from '../simulate/backtest.js';
import { PlaybookFileError } from '../simulate/load-playbook.js';
import { runAudit } from './audit-command.js';
import { runCheck } from './check-command.js';
import { runCompile } from './compile-command.js';
import { runVerify } from './verify-command.js';
import { type ExplainFlags, runExplain } from './explain-command.js';
import { ExplainRequestError } from '../simulate/explain/index.js';
import { runBacktest, runScore } from './relationship-commands.js';
import { UsageError } from './errors.js';
import { guardOut, say } from './output.js';
import { handleStdoutErrors } from './stdout-errors.js';
import { OutputFileError, playbookInput } from '../simulate/files/index.js';
import { reportBadRows, runSimulate } from './simulate-command.js';
import { BadRowsError } from '../simulate/simulate.js';

/** The package's version: package.json is two folders up from src/cli, three from the built dist/src/cli. */
function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'playbook-engine') return pkg.version;
    } catch {
      // not at this level: try the next one up
    }
  }
  return 'unknown';
}

const REPORT_URL = 'https://github.com/playbook-engine/playbook-engine/issues';

function program(setStatus: (code: number) => void): Command {
  const cmd = new Command('playbook')
    .description('Write sales compensation and relationship rules as a playbook; check them and simulate them over CRM history.')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError('(run playbook --help for usage)');
  // A report must never overwrite the playbook it came from: refused before the playbook is even compiled.
  // (Each command refuses the data files too, once the compiled playbook has named them.)
  cmd.hook('preAction', (_root, action) => guardOut(action.opts().out as string | undefined, [playbookInput(action.args[0] ?? '')]));
  cmd
    .command('check')
    .description('check a playbook and list every problem with its line and column')
    .argument('<file>', 'the .playbook file')
    .option('--strict', 'treat warnings as errors')
    .action((file: string, flags: { strict?: boolean }) => setStatus(runCheck(file, flags)));
  cmd
    .command('simulate')
    .description('run the scheme over a CRM export: what it would have paid, to whom and why')
    .argument('<file>', 'the .playbook file')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbook names')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .option('--max-errors <n>', 'how many bad rows to list when stopping', '20')
    .action((file: string, flags: Parameters<typeof runSimulate>[1]) => setStatus(runSimulate(file, flags)));
  cmd
    .command('audit')
    .description('scan the history for red-line violations: every offending record, per rep and month, with its effect')
    .argument('<file>', 'the .playbook file')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbook names')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .action((file: string, flags: Parameters<typeof runAudit>[1]) => setStatus(runAudit(file, flags)));
  cmd
    .command('backtest')
    .description('test the relationship tiers against history: stated win probability vs actual win rate')
    .argument('<file>', 'the .playbook file')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbook names')
    .option('--format <format>', 'table or json', 'table')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .action((file: string, flags: Parameters<typeof runBacktest>[1]) => setStatus(runBacktest(file, flags)));
  cmd
    .command('score')
    .description("one account's relationship score, broken down by action, contact and date")
    .argument('<file>', 'the .playbook file')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbook names')
    .requiredOption('--account <account>', "the account's key or name")
    .option('--as-of <date>', 'score as of this date (YYYY-MM-DD); default: the open-deals date of the scoring section')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .action((file: string, flags: Parameters<typeof runScore>[1]) => setStatus(runScore(file, flags)));
  cmd
    .command('explain')
    .description("how a number was computed: a rep's payout as a tree down to source rows, or one deal's fate")
    .argument('<file>', 'the .playbook file')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbook names')
    .option('--rep <rep>', "the rep's key or name")
    .option('--deal <id>', "the deal's key")
    .option('--component <name>', 'only this payout component (with --rep)')
    .option('--period <period>', 'only lines in this period, e.g. 2017-Q1 or 2017-03 (with --rep)')
    .option('--format <format>', 'text or json', 'text')
    .option('--out <file>', 'write the explanation to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .action((file: string, flags: ExplainFlags) => setStatus(runExplain(file, flags)));
  cmd
    .command('verify')
    .description('check properties of the scheme over generated histories: monotone, no gain from splitting or timing, bounded cost, red lines, your assertions')
    .argument('<file>', 'the .playbook file')
    .option('--data <dir>', 'shape the generated histories like this CRM export')
    .option('--runs <n>', 'histories per property (at most 10,000)', '500')
    .option('--seed <n>', 'random seed (the same seed gives the same histories)', '2017')
    .option('--out-dir <dir>', 'where to write counterexamples as CSV files', 'verify-counterexamples')
    .option('--skip-bad-rows', 'with --data: leave out rows that cannot be read, list them, and carry on')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .action((file: string, flags: Parameters<typeof runVerify>[1]) => setStatus(runVerify(file, flags)));
  cmd
    .command('compile')
    .description('print the compiled rule graph (the checked, resolved scheme) as JSON')
    .argument('<file>', 'the .playbook file')
    .option('--target <target>', 'export format: graph', 'graph')
    .option('--out <file>', 'write to this file instead of the screen')
    .action((file: string, flags: { target: string; out?: string }) => setStatus(runCompile(file, flags)));
  return cmd;
}

/** Runs the CLI on `argv` (as process.argv) and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  let status = 0;
  handleStdoutErrors();
  try {
    await program((code) => (status = code)).parseAsync(argv);
    return status;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof BadRowsError) return reportBadRows(e);
    if (e instanceof UsageError || e instanceof OutputFileError || e instanceof PlaybookFileError || e instanceof DataError || e instanceof NothingToBacktestError || e instanceof ScoreRequestError || e instanceof ExplainRequestError) {
      say(`error: ${e.message}`);
      return 2;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    say(`internal error: the playbook engine failed unexpectedly. This is a bug in the engine, not in your playbook or data.\nPlease report it at ${REPORT_URL} with the command you ran and this text:\n${detail}`);
    return 3;
  }
}
