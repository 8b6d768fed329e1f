/** `playbook backtest` and `playbook score`: the relationship half of the method. */
import { accountScore, formatAccountScore } from '../simulate/account-score.js';
import { backtest } from '../simulate/backtest.js';
import { formatBacktestJson, formatBacktestTable } from '../simulate/report-backtest.js';
import { type Simulation, simulate } from '../simulate/simulate.js';
import { UsageError } from './errors.js';
import { compileForRun } from './compiled.js';
import type { InputFile } from '../simulate/files/index.js';
import { emit, sayLeftOut } from './output.js';
import { requireDataFolder } from './simulate-command.js';

/** Compiles and simulates, printing the playbook's errors; null when it has errors. */
function run(file: string, flags: { data: string; out?: string; skipBadRows?: boolean }, verb: string): { sim: Simulation; reads: InputFile[] } | null {
  requireDataFolder(flags.data);
  const compiled = compileForRun(file, verb, flags);
  if (!compiled) return null;
  const sim = simulate(compiled.graph, file, flags.data, { skipBadRows: flags.skipBadRows ?? false });
  sayLeftOut(sim.rejectedRows);
  return { sim, reads: compiled.reads };
}

export async function runBacktest(file: string, flags: { data: string; format: string; out?: string; skipBadRows?: boolean }): Promise<number> {
  if (!['table', 'json', 'html'].includes(flags.format)) throw new UsageError(`--format must be table, json or html, not "${flags.format}"`);
  const ran = run(file, flags, 'backtest');
  if (!ran) return 1;
  const report = backtest(ran.sim);
  // The HTML report (and its charting library) is loaded only when asked for.
  const text = flags.format === 'html' ? await (await import('../simulate/html/backtest.js')).formatBacktestHtml(report) : flags.format === 'json' ? formatBacktestJson(report) : formatBacktestTable(report);
  emit(text, flags.out, ran.reads);
  return 0;
}

export function runScore(file: string, flags: { data: string; account: string; asOf?: string; out?: string; skipBadRows?: boolean }): number {
  const ran = run(file, flags, 'score');
  if (!ran) return 1;
  emit(formatAccountScore(accountScore(ran.sim, flags.account, flags.asOf)), flags.out, ran.reads);
  return 0;
}
