/** `playbook backtest` and `playbook score`: the relationship half of the method. */
import { Decimal } from '../runtime/decimal.js';
import { accountScore, formatAccountScore } from '../simulate/account-score.js';
import { scoreHistory } from '../simulate/score-history.js';
import { reviewList } from '../simulate/review-list.js';
import { repScores } from '../simulate/rep-scores.js';
import { formatReviewList, formatReviewListCsv, formatReviewListJson } from '../simulate/report-review.js';
import { formatRepScores, formatRepScoresCsv, formatRepScoresJson } from '../simulate/report-rep-scores.js';
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
import { collectGarbage } from './full-collection.js';

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
  // What the command computes next is kept on top of the evaluation's garbage unless it is collected (full-collection.ts).
  collectGarbage();
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
  account?: string;
  review?: boolean;
  reps?: boolean;
  lowValue?: string;
  asOf?: string;
  history?: boolean;
  drop?: string;
  format: string;
  out?: string;
  skipBadRows?: boolean;
}

const POINTS = /^[0-9]{1,6}(\.[0-9]{1,4})?$/;

/** The formats each kind of `score` report comes in. */
const SCORE_FORMATS = { account: ['table'], history: ['table', 'json', 'html'], review: ['table', 'json', 'csv', 'html'], reps: ['table', 'json', 'csv'] } as const;

/** Which `score` report the flags ask for. @throws UsageError unless exactly one of --account, --review, --reps is given, with options that fit it. */
function scoreReport(flags: ScoreFlags): keyof typeof SCORE_FORMATS {
  const asked = [flags.account !== undefined ? '--account' : '', flags.review ? '--review' : '', flags.reps ? '--reps' : ''].filter((x) => x);
  if (asked.length !== 1) {
    throw new UsageError(asked.length === 0 ? "say what to show: --account A (one account's score), --review (the monthly review list) or --reps (the reps' own view)" : `${asked.join(' and ')} are separate reports; give one of them`);
  }
  if (flags.history && flags.account === undefined) throw new UsageError('--history shows one account: give --account A');
  if (flags.drop !== undefined && !flags.history) throw new UsageError('--drop goes with --history (it flags a month whose score fell by more than that)');
  if (flags.lowValue !== undefined && !flags.reps) throw new UsageError("--low-value goes with --reps (it flags reps' months of only low-value actions)");
  const kind = flags.review ? 'review' : flags.reps ? 'reps' : flags.history ? 'history' : 'account';
  const formats: readonly string[] = SCORE_FORMATS[kind];
  if (!formats.includes(flags.format)) {
    const what = { account: "one account's score (add --history for json or html)", history: 'the score history', review: 'the review list', reps: "the reps' view" }[kind];
    throw new UsageError(`--format for ${what} must be ${formats.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not "${flags.format}"`);
  }
  return kind;
}

/** `playbook score`: one account's score as of a day, with --history at every month end; --review; --reps. */
export async function runScore(file: string, flags: ScoreFlags): Promise<number> {
  const kind = scoreReport(flags);
  const drop = flags.drop ?? '5';
  if (!POINTS.test(drop)) throw new UsageError(`--drop must be a number of points such as 5 or 2.5, not "${drop}"`);
  const lowValue = flags.lowValue ?? '1';
  if (!POINTS.test(lowValue)) throw new UsageError(`--low-value must be a number of points such as 1 or 0.5, not "${lowValue}"`);
  const ran = run(file, flags, 'score');
  if (!ran) return 1;
  const name = ran.sim.graph.playbook.name;
  let text: string;
  if (kind === 'history') {
    const h = scoreHistory(ran.sim, flags.account!, flags.asOf, new Decimal(drop));
    text = flags.format === 'html' ? await (await import('../simulate/html/score-history.js')).formatScoreHistoryHtml(h, name) : flags.format === 'json' ? formatScoreHistoryJson(h) : formatScoreHistory(h);
  } else if (kind === 'review') {
    const r = reviewList(ran.sim, flags.asOf);
    if (flags.format === 'html') {
      // Accounts with no logged activity have no history to chart; they stay in the table.
      const histories = r.rows.filter((x) => x.lastAction !== null).map((x) => scoreHistory(ran.sim, x.account, r.asOf, new Decimal(drop)));
      text = await (await import('../simulate/html/score-history.js')).formatReviewHtml(r, histories, name);
    } else text = flags.format === 'json' ? formatReviewListJson(r) : flags.format === 'csv' ? formatReviewListCsv(r) : formatReviewList(r);
  } else if (kind === 'reps') {
    const r = repScores(ran.sim, flags.asOf, new Decimal(lowValue));
    text = flags.format === 'json' ? formatRepScoresJson(r) : flags.format === 'csv' ? formatRepScoresCsv(r) : formatRepScores(r);
  } else text = formatAccountScore(accountScore(ran.sim, flags.account!, flags.asOf));
  emit(text, flags.out, ran.reads);
  return 0;
}
