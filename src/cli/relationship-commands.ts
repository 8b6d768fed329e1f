/** `playbook backtest` and `playbook score`: the relationship half of the method. */
import { Decimal } from '../runtime/decimal.js';
import { accountScore, formatAccountScore } from '../simulate/account-score.js';
import { scoreHistory } from '../simulate/score-history.js';
import { formatScoreHistory, formatScoreHistoryJson } from '../simulate/report-score-history.js';
import { type BacktestOptions, backtest } from '../simulate/backtest.js';
import { compareBacktests } from '../simulate/backtest/compare.js';
import { formatBacktestJson, formatBacktestTable } from '../simulate/report-backtest.js';
import { formatComparisonJson, formatComparisonTable } from '../simulate/report-backtest-compare.js';
import { type Simulation, simulate } from '../simulate/simulate.js';
import { UsageError } from './errors.js';
import { compileForRun } from './compiled.js';
import type { InputFile } from '../simulate/files/index.js';
import { emit, sayLeftOut } from './output.js';
import { requireDataFolder } from './simulate-command.js';
import { runProgress } from './progress.js';

/** Compiles and simulates, printing the playbook's errors; null when it has errors. */
function run(file: string, flags: { data: string; out?: string; skipBadRows?: boolean }, verb: string): { sim: Simulation; reads: InputFile[] } | null {
  requireDataFolder(flags.data);
  const compiled = compileForRun(file, verb, flags);
  if (!compiled) return null;
  const progress = runProgress(verb);
  let sim: Simulation;
  try {
    sim = simulate(compiled.graph, file, flags.data, { skipBadRows: flags.skipBadRows ?? false, progress: progress.hooks });
  } finally {
    progress.stop();
  }
  sayLeftOut(sim.rejectedRows);
  return { sim, reads: compiled.reads };
}

export interface BacktestFlags {
  data: string;
  format: string;
  bins: string;
  trainUntil?: string;
  by?: string;
  seed: string;
  out?: string;
  skipBadRows?: boolean;
}

/** The backtest options from the command line. @throws UsageError for a bad --bins or --train-until. */
function backtestOptions(flags: BacktestFlags): BacktestOptions {
  if (!/^[1-9][0-9]{0,3}$/.test(flags.bins)) throw new UsageError(`--bins must be a whole number from 1 to 9999, not "${flags.bins}"`);
  const trainUntil = flags.trainUntil;
  if (trainUntil !== undefined && !isCalendarDate(trainUntil)) throw new UsageError(`--train-until must be a date written YYYY-MM-DD, not "${trainUntil}"`);
  return { bins: Number(flags.bins), trainUntil, by: flags.by };
}

/** True for a real day written YYYY-MM-DD. */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** `playbook backtest FILE` or, with two files, the comparison of their tier designs. */
export async function runBacktest(files: string[], flags: BacktestFlags): Promise<number> {
  if (!['table', 'json', 'html'].includes(flags.format)) throw new UsageError(`--format must be table, json or html, not "${flags.format}"`);
  if (files.length === 2 && flags.format === 'html') throw new UsageError('--format html shows one playbook\'s tiers; compare two tier designs as table or json');
  // The HTML page shows the in-sample tier table and calibration plot only: say so rather than drop an option.
  if (flags.format === 'html' && (flags.by !== undefined || flags.trainUntil !== undefined)) {
    throw new UsageError(`--format html shows the tiers over all deals; for ${flags.by !== undefined ? '--by' : '--train-until'} use --format table or json`);
  }
  if (files.length > 2) throw new UsageError(`backtest takes one playbook, or two to compare; got ${files.length}`);
  const options = backtestOptions(flags);
  if (files.length === 2) return runComparison(files[0], files[1], flags, options);
  const ran = run(files[0], flags, 'backtest');
  if (!ran) return 1;
  const report = backtest(ran.sim, options);
  // The HTML report (and its charting library) is loaded only when asked for.
  const text = flags.format === 'html' ? await (await import('../simulate/html/backtest.js')).formatBacktestHtml(report) : flags.format === 'json' ? formatBacktestJson(report) : formatBacktestTable(report);
  emit(text, flags.out, ran.reads);
  return 0;
}

function runComparison(fileA: string, fileB: string, flags: BacktestFlags, options: BacktestOptions): number {
  if (options.by !== undefined) throw new UsageError('--by works with one playbook; run backtest --by on each');
  if (!/^[0-9]{1,9}$/.test(flags.seed)) throw new UsageError(`--seed must be a whole number from 0 to 999999999, not "${flags.seed}"`);
  const a = run(fileA, flags, 'backtest');
  if (!a) return 1;
  const b = run(fileB, flags, 'backtest');
  if (!b) return 1;
  const c = compareBacktests(a.sim, b.sim, { ...options, seed: Number(flags.seed) });
  emit(flags.format === 'json' ? formatComparisonJson(c, fileA, fileB) : formatComparisonTable(c, fileA, fileB), flags.out, [...a.reads, ...b.reads]);
  return 0;
}

export interface ScoreFlags {
  data: string;
  account: string;
  asOf?: string;
  history?: boolean;
  drop?: string;
  format: string;
  out?: string;
  skipBadRows?: boolean;
}

/** `playbook score`: one account's score as of a day, or with --history at every month end. */
export function runScore(file: string, flags: ScoreFlags): number {
  if (flags.format !== 'table' && flags.format !== 'json') throw new UsageError(`--format must be table or json, not "${flags.format}"`);
  if (!flags.history && flags.format !== 'table') throw new UsageError('--format json works with --history');
  if (flags.drop !== undefined && !flags.history) throw new UsageError('--drop goes with --history (it flags a month whose score fell by more than that)');
  const drop = flags.drop ?? '5';
  if (!/^[0-9]{1,6}(\.[0-9]{1,4})?$/.test(drop)) throw new UsageError(`--drop must be a number of points such as 5 or 2.5, not "${drop}"`);
  const ran = run(file, flags, 'score');
  if (!ran) return 1;
  if (flags.history) {
    const h = scoreHistory(ran.sim, flags.account, flags.asOf, new Decimal(drop));
    emit(flags.format === 'json' ? formatScoreHistoryJson(h) : formatScoreHistory(h), flags.out, ran.reads);
    return 0;
  }
  emit(formatAccountScore(accountScore(ran.sim, flags.account, flags.asOf)), flags.out, ran.reads);
  return 0;
}
