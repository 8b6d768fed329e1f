/**
 * The `playbook` command line's verbs and flags (commander): each verb parses its flags, calls one
 * library function and prints. Loaded by main.ts for every command except a plain
 * `playbook check FILE [--strict]`, which main runs without parsing options (commander's
 * start-up is a fifth of a short check's).
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
// Each verb's module is imported when the verb runs, so `--version`, `--help` and `check`
// do not pay for loading the engine, the data loader and the reports.
import type { runAudit } from './audit-command.js';
import type { CheckFlags } from './check-command.js';
import type { FmtFlags } from './fmt-command.js';
import type { CompareFlags } from './compare-command.js';
import type { CurveFlags } from './curve-command.js';
import type { ExplainFlags } from './explain-command.js';
import type { GenerateFlags } from './generate-command.js';
import type { runBacktest, runScore } from './relationship-commands.js';
import type { runSimulate } from './simulate-command.js';
import type { TestFlags } from './test-command.js';
import type { runVerify } from './verify-command.js';
import { guardOut } from './output.js';
import { UsageError } from './errors.js';
import { playbookInput } from '../simulate/files/inputs.js';

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

/** The command line's verbs; `setStatus` receives the exit status a verb computed. */
export function program(setStatus: (code: number) => void): Command {
  const cmd = new Command('playbook')
    .description('Write sales compensation and relationship rules as a playbook; check them and simulate them over CRM history.')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError('(run playbook --help for usage)');
  // A report must never overwrite the playbook(s) it came from (compare reads two): refused before the playbook is even compiled.
  // (Each command refuses the data files too, once the compiled playbook has named them.)
  // (`generate --out` names a folder it writes into: it has its own check.)
  cmd.hook('preAction', (_root, action) => {
    // An empty --out (a script's unset variable: --out "$REPORT") would otherwise send the report to the screen without a word.
    for (const [key, flag] of [['out', '--out'], ['outDir', '--out-dir']] as const) {
      const value = action.opts()[key] as unknown;
      if (typeof value === 'string' && value.trim() === '') throw new UsageError(`${flag} needs a file or folder name; it was given an empty one`);
    }
    // generate writes a folder; compile --target sql may be given one (it guards the file it writes there).
    const writesIntoFolder = action.name() === 'generate' || (action.name() === 'compile' && action.opts().target === 'sql');
    if (!writesIntoFolder) guardOut(action.opts().out as string | undefined, (action.args.length > 0 ? action.args : ['']).map((f) => playbookInput(f)));
  });
  cmd
    .command('check')
    .description('check a playbook and list every problem with its line and column')
    .argument('<file>', 'the .playbook file')
    .option('--strict', 'treat warnings as errors')
    .action(async (file: string, flags: CheckFlags) =>
      // A tests file (plan.tests.playbook) is read as `playbook test` reads it, not as a plan.
      setStatus(file.endsWith('.tests.playbook') ? (await import('./check-tests-command.js')).runCheckTests(file) : await (await import('./check-command.js')).runCheck(file, flags)),
    );
  cmd
    .command('simulate')
    .description('run the scheme over a CRM export: what it would have paid, to whom and why')
    .argument('<file>', 'the .playbook file')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbook names')
    .option('--format <format>', 'table, json, csv or html (one self-contained page with charts)', 'table')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .option('--max-errors <n>', 'how many bad rows to list when stopping', '20')
    .option('--coverage', 'also list the bands, bonuses, red lines, ranking bands and tiers the data never reached')
    .option('--wide', 'table: one column per payout component, however wide (default: fit 100 columns)')
    .option('--under-version <day>', 'pay every deal under the plan version in force on this day (YYYY-MM-DD), e.g. Q3 under the Q1 plan')
    .option('--statements', 'csv: each rep\'s statement per month instead, one row per line (earned, payable, paid, held), for commission paid in stages')
    .option('--engine <engine>', 'javascript (the reference engine) or duckdb (the compiled SQL, run in embedded DuckDB; docs/sql.md)', 'javascript')
    .action(async (file: string, flags: Parameters<typeof runSimulate>[1]) => setStatus(await (await import('./simulate-command.js')).runSimulate(file, flags)));
  cmd
    .command('compare')
    .description('what changes if plan B replaces plan A: each rep under both, the cost, winners and losers, and which rule caused it')
    .argument('<a>', 'the current .playbook (plan A)')
    .argument('[b]', 'the proposed .playbook (plan B); left out with --under-version, plan B is plan A replayed')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbooks name')
    .option('--format <format>', 'table, json, csv or html (one self-contained page with charts)', 'table')
    .option('--threshold <change>', 'who counts as a winner or loser: a percent of A\'s payout (5%) or an amount (1,000); default any change')
    .option('--min-group <n>', 'merge winner/loser groups smaller than n reps and name no rep (for sharing)')
    .option('--wide', 'show every column, however wide')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .option('--under-version <day>', 'plan B pays every deal under the plan version in force on this day (YYYY-MM-DD); without B, B is A replayed so')
    .action(async (a: string, b: string | undefined, flags: CompareFlags) => setStatus(await (await import('./compare-command.js')).runCompare(a, b, flags)));
  cmd
    .command('curve')
    .description("a rep's payout as a function of credited amount and attainment: band edges, cliffs and the marginal rate")
    .argument('<file>', 'the .playbook file')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbook names')
    .requiredOption('--rep <rep>', "the rep's key or name (the curve uses the rep's real quotas)")
    .option('--format <format>', 'table, json or html (one self-contained page with the chart)', 'table')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .option('--under-version <day>', 'draw the plan version in force on this day (YYYY-MM-DD); without it, a versioned table\'s first version')
    .action(async (file: string, flags: CurveFlags) => setStatus(await (await import('./curve-command.js')).runCurve(file, flags)));
  cmd
    .command('audit')
    .description('scan the history for red-line violations: every offending record, per rep and month, with its effect')
    .argument('<file>', 'the .playbook file')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbook names')
    .option('--format <format>', 'table, json, csv or html (one self-contained page with charts)', 'table')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .action(async (file: string, flags: Parameters<typeof runAudit>[1]) => setStatus(await (await import('./audit-command.js')).runAudit(file, flags)));
  cmd
    .command('backtest')
    .description('test the relationship tiers against history: stated win probability vs actual win rate; give two playbooks to compare their tiers on the same deals')
    .argument('<files...>', 'the .playbook file (two: compare their tier designs)')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbook names')
    .option('--format <format>', 'table, json or html (one self-contained page with the calibration plot)', 'table')
    .option('--bins <n>', 'score groups in the reliability table (ties are never split, so there can be fewer)', '10')
    .option('--by <field>', 'repeat the tier table and calibration per segment: a deal field or a field of a table deals look up (accounts.sector, reps.region)')
    .option('--train-until <date>', 'estimate tier probabilities from deals decided up to this day (YYYY-MM-DD) and test them on the deals decided after it')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .option('--seed <n>', 'seed of the paired bootstrap when comparing two playbooks', '1')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .action(async (files: string[], flags: Parameters<typeof runBacktest>[1]) => setStatus(await (await import('./relationship-commands.js')).runBacktest(files, flags)));
  cmd
    .command('score')
    .description("one account's relationship score, broken down by action, contact and date; or the monthly review list of important accounts (--review), or the reps' own monthly view (--reps)")
    .argument('<file>', 'the .playbook file')
    .requiredOption('--data <dir>', 'folder with the CSV files the playbook names')
    .option('--account <account>', "the account's key or name")
    .option('--review', "the monthly review list: the accounts the playbook's \"review accounts when\" marks, tier now and a month ago, missing indicators, days since the last action")
    .option('--reps', "the reps' own view: per rep and month, points earned and their accounts' scores; flags reps who log only low-value actions")
    .option('--low-value <points>', 'with --reps: an action worth fewer points than this is low-value (default 1; an office visit is 0.1)')
    .option('--as-of <date>', 'score as of this date (YYYY-MM-DD); default: the open-deals date of the scoring section')
    .option('--history', 'the score at every month end up to the as-of date, with the change, the actions behind it and idle months')
    .option('--drop <points>', 'with --history: flag a month whose score fell by more than this many points (default 5)')
    .option('--format <format>', 'table; with --history also json or html; with --review json, csv or html; with --reps json or csv', 'table')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .action(async (file: string, flags: Parameters<typeof runScore>[1]) => setStatus(await (await import('./relationship-commands.js')).runScore(file, flags)));
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
    .option('--under-version <day>', 'explain the run with every deal paid under the plan version in force on this day (YYYY-MM-DD)')
    .option('--out <file>', 'write the explanation to this file instead of the screen')
    .option('--skip-bad-rows', 'leave out rows that cannot be read, list them, and carry on')
    .action(async (file: string, flags: ExplainFlags) => setStatus((await import('./explain-command.js')).runExplain(file, flags)));
  cmd
    .command('generate')
    .description('write a CRM history of any size in the key-account playbook\'s shape (reps, accounts, products, deals, activities, collections, progress)')
    .option('--reps <n>', 'reps', '24')
    .option('--accounts <n>', 'accounts', '200')
    .option('--deals <n>', 'deals', '5000')
    .option('--activities <n>', 'logged relationship activities', '30000')
    .option('--seed <n>', 'random seed (the same seed gives the same files)', '1')
    .option('--dirty <share>', 'share of deal rows with an unreadable amount, 0 to 1', '0')
    .requiredOption('--out <dir>', 'folder to write the CSV files into')
    .option('--force', 'replace files of the same names in that folder')
    .action(async (flags: GenerateFlags) => setStatus((await import('./generate-command.js')).runGenerate(flags)));
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
    .action(async (file: string, flags: Parameters<typeof runVerify>[1]) => setStatus((await import('./verify-command.js')).runVerify(file, flags)));
  cmd
    .command('fmt')
    .description('lay playbooks out the one canonical way (aligned columns, one blank line between sections, comments kept)')
    .argument('<files...>', 'the .playbook files')
    .option('--check', 'change nothing; show what would change and exit 1 if a file is not formatted')
    .option('--write', 'rewrite the files in place')
    .option('--diff', 'show what would change')
    .action(async (files: string[], flags: FmtFlags) => setStatus((await import('./fmt-command.js')).runFmt(files, flags)));
  cmd
    .command('lsp')
    .description('run the language server for editors (diagnostics, hover, go to definition, completion) on standard input and output')
    .option('--stdio', 'talk over standard input and output (the default; editors often pass it)')
    .action(async () => (await import('../lsp/server.js')).startLanguageServer());
  cmd
    .command('test')
    .description('run the tests written beside a plan (plan.tests.playbook): PASS or FAIL per test, with how a wrong number was computed')
    .argument('<target>', 'a plan, its .tests.playbook file, or a folder to search for test files')
    .option('--run <pattern>', 'only tests whose name matches this pattern')
    .option('--format <format>', 'text, json or junit', 'text')
    .option('--coverage', 'also list the bands, bonuses, red lines, ranking bands and tiers no test reached')
    .option('--out <file>', 'write the results to this file instead of the screen')
    .action(async (target: string, flags: TestFlags) => setStatus((await import('./test-command.js')).runTest(target, flags)));
  cmd
    .command('compile')
    .description('print the compiled rule graph (the checked, resolved scheme) as JSON')
    .argument('<file>', 'the .playbook file')
    .option('--target <target>', 'export format: graph (the rule graph), json-rules-engine (per-record decisions as json-rules-engine rules), json-schema (schemas of the graph and of each table), sql (one view per rule; docs/sql.md)', 'graph')
    .option('--dialect <dialect>', 'with --target sql: duckdb or spark', 'duckdb')
    .option('--out <file>', 'write to this file instead of the screen (--target sql: a folder is given FILE.DIALECT.sql inside it)')
    .action(async (file: string, flags: { target: string; out?: string; dialect?: string }) => setStatus(await (await import('./compile-command.js')).runCompile(file, flags)));
  return cmd;
}
