/** `playbook simulate FILE --data DIR`: what the scheme would have paid. */
import { existsSync, statSync } from 'node:fs';
import { coverageOf, formatCoverage } from '../simulate/coverage.js';
import { writeCsv } from '../simulate/report-csv.js';
import { writeSimulationJson } from '../simulate/report-json.js';
import type { TextSink } from '../simulate/text-sink.js';
import { formatStatementsCsv } from '../simulate/report-payments.js';
import { formatTable } from '../simulate/report-table.js';
import { BadRowsError, type Simulation, simulate } from '../simulate/simulate.js';
import type { RuleGraph } from '../graph/nodes.js';
import { ReplayError, underVersion } from '../graph/replay.js';
import { compileForRun } from './compiled.js';
import { UsageError } from './errors.js';
import { emit, emitStreamed, say } from './output.js';
import { runProgress } from './progress.js';
import { collectGarbage } from './full-collection.js';

export interface SimulateFlags {
  data: string;
  format: string;
  out?: string;
  skipBadRows?: boolean;
  maxErrors: string;
  coverage?: boolean;
  /** Table format: one column per payout component, however wide. */
  wide?: boolean;
  /** `YYYY-MM-DD`: pay every deal under the plan version in force on that day. */
  underVersion?: string;
  /** CSV: the statements of commission paid in stages, one row per statement line. */
  statements?: boolean;
  /** `javascript` (default) or `duckdb`: the compiled SQL run in embedded DuckDB (docs/sql.md). */
  engine?: string;
}

/**
 * `graph` replayed under the plan version in force on `day` (`--under-version`).
 * @throws UsageError when the day cannot be used (not a date, no versions, none in force then).
 */
export function replayedGraph<G extends RuleGraph>(graph: G, day: string): RuleGraph {
  try {
    return underVersion(graph, day);
  } catch (e) {
    if (e instanceof ReplayError) throw new UsageError(e.message);
    throw e;
  }
}

const formats = ['table', 'json', 'csv', 'html'];

/** @throws UsageError when `dir` is not an existing folder. */
export function requireDataFolder(dir: string): void {
  if (!existsSync(dir)) throw new UsageError(`the data folder "${dir}" does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`--data "${dir}" is a file, not a folder: give the folder that holds the CSV files the playbook names`);
}

export async function runSimulate(file: string, flags: SimulateFlags): Promise<number> {
  if (!formats.includes(flags.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${flags.format}"`);
  const maxErrors = Number(flags.maxErrors);
  if (!Number.isInteger(maxErrors) || maxErrors < 1) throw new UsageError(`--max-errors must be a whole number of at least 1, not "${flags.maxErrors}"`);
  if (flags.statements && flags.format !== 'csv') throw new UsageError('--statements lists statement lines as CSV: add --format csv');
  const engine = flags.engine ?? 'javascript';
  if (engine !== 'javascript' && engine !== 'duckdb') throw new UsageError(`--engine must be javascript or duckdb, not "${engine}"`);
  if (engine === 'duckdb' && flags.coverage) throw new UsageError('--coverage needs the detail behind each line, which only the JavaScript engine keeps: leave out --engine duckdb');
  requireDataFolder(flags.data);
  const run = compileForRun(file, 'simulate', flags);
  if (!run) return 1;
  const { reads } = run;
  const graph = flags.underVersion === undefined ? run.graph : replayedGraph(run.graph, flags.underVersion);
  if (flags.statements && !graph.nodes.some((n) => n.kind === 'statements' || n.kind === 'draw')) throw new UsageError(`${file} pays nothing in stages and has no draw, so there are no statements to list: its payout lines are in --format csv without --statements`);
  const progress = runProgress('simulate');
  try {
    const options = { skipBadRows: flags.skipBadRows ?? false, trace: flags.coverage ?? false, progress: progress.hooks };
    let sim: Simulation;
    if (engine === 'duckdb') {
      const sql = await import('../interop/sql/index.js');
      const { playbookText, reportRefusal } = await import('./compile-sql-command.js');
      const source = playbookText(file);
      try {
        sim = await sql.simulateOnDuckDb(graph, file, flags.data, options, source);
      } catch (e) {
        if (e instanceof sql.SqlRefusal) return reportRefusal(e, file, source);
        throw e;
      }
    } else sim = simulate(graph, file, flags.data, options);
    // The report's pieces are made on top of the evaluation's garbage unless it is collected (full-collection.ts).
    collectGarbage();
    if (flags.statements) {
      progress.stop();
      emit(formatStatementsCsv(sim.evaluation.payments, graph.playbook.minorDigits, sim.evaluation.reps), flags.out, reads);
    } else if (flags.format === 'json' || flags.format === 'csv') {
      // The per-line report is written as it is produced, never built as one string.
      // The JSON report is the last reader of the per-deal results and statement lines, which it
      // lets go once written (issue 10, memory), unless the coverage read after it needs them.
      const write = flags.format === 'json' ? (s: Simulation, sink: TextSink) => writeSimulationJson(s, sink, { release: !flags.coverage }) : writeCsv;
      // Progress of the writing only when the report does not go to the same terminal.
      if (flags.out === undefined && process.stdout.isTTY) progress.stop();
      emitStreamed((sink) => write(sim, sink), flags.out, reads, progress.written);
    } else {
      progress.stop();
      // The HTML report (and its charting library) is loaded only when asked for.
      const text = flags.format === 'html' ? await (await import('../simulate/html/simulate.js')).formatSimulateHtml(sim) : formatTable(sim, { wide: flags.wide ?? false });
      emit(text, flags.out, reads);
    }
    progress.stop();
    // On standard error, so the report itself is unchanged.
    if (flags.coverage) say(formatCoverage(coverageOf(graph, [sim.evaluation]), `of ${file} by this data`));
    if (sim.rejectedRows.length > 0) {
      const n = sim.rejectedRows.length;
      if (flags.format === 'csv') {
        say(`${n} bad row${n === 1 ? ' was' : 's were'} left out:`);
        for (const r of sim.rejectedRows) for (const m of r.messages) say(`  ${m}`);
      } else say(`${n} bad row${n === 1 ? ' was' : 's were'} left out; ${n === 1 ? 'it is' : 'they are'} listed in the report`);
    }
    if (flags.format === 'csv' || flags.out !== undefined) sayWarnings(sim.evaluation.warnings);
    return 0;
  } catch (e) {
    if (!(e instanceof BadRowsError)) throw e;
    return reportBadRows(e, maxErrors);
  } finally {
    progress.stop();
  }
}

/**
 * Warnings on standard error, for a report that has no place for them (CSV, one row per payout
 * line) or that goes to a file the user is not looking at. The table and JSON list them too.
 */
function sayWarnings(warnings: string[]): void {
  for (const w of warnings) say(`warning: ${w}`);
}

/** Lists the rows that stopped a run (up to `maxErrors`); returns exit status 2. */
export function reportBadRows(e: BadRowsError, maxErrors = 20): number {
  const rows = e.rejected;
  say(`The data has ${rows.length} row${rows.length === 1 ? '' : 's'} that cannot be used:`);
  for (const r of rows.slice(0, maxErrors)) for (const m of r.messages) say(`  ${m}`);
  if (rows.length > maxErrors) say(`  … and ${rows.length - maxErrors} more`);
  if (rows.some((r) => r.messages.some((m) => m.endsWith('value is required but the cell is empty')))) {
    say('A column the playbook requires is empty in some rows: if the export may leave it empty, mark the field optional in the playbook (the value is then missing, never zero) or give it a default.');
  }
  say('Fix them in the data, or run again with --skip-bad-rows to leave them out (they are then listed in the report).');
  return 2;
}
