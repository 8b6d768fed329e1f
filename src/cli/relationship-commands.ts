/** `playbook backtest` and `playbook score`: the relationship half of the method. */
import { accountScore, formatAccountScore } from '../simulate/account-score.js';
import { backtest } from '../simulate/backtest.js';
import { formatBacktestJson, formatBacktestTable } from '../simulate/report-backtest.js';
import { type Simulation, simulate } from '../simulate/simulate.js';
import { UsageError } from './errors.js';
import { compileOrSay } from './compiled.js';
import { emit, sayLeftOut } from './output.js';
import { requireDataFolder } from './simulate-command.js';

/** Compiles and simulates, printing the playbook's errors; null when it has errors. */
function run(file: string, data: string, skipBadRows: boolean, verb: string): Simulation | null {
  requireDataFolder(data);
  const graph = compileOrSay(file, verb);
  if (!graph) return null;
  const sim = simulate(graph, file, data, { skipBadRows });
  sayLeftOut(sim.rejectedRows);
  return sim;
}

export function runBacktest(file: string, flags: { data: string; format: string; out?: string; skipBadRows?: boolean }): number {
  if (flags.format !== 'table' && flags.format !== 'json') throw new UsageError(`--format must be table or json, not "${flags.format}"`);
  const sim = run(file, flags.data, flags.skipBadRows ?? false, 'backtest');
  if (!sim) return 1;
  const report = backtest(sim);
  emit(flags.format === 'json' ? formatBacktestJson(report) : formatBacktestTable(report), flags.out);
  return 0;
}

export function runScore(file: string, flags: { data: string; account: string; asOf?: string; out?: string; skipBadRows?: boolean }): number {
  const sim = run(file, flags.data, flags.skipBadRows ?? false, 'score');
  if (!sim) return 1;
  emit(formatAccountScore(accountScore(sim, flags.account, flags.asOf)), flags.out);
  return 0;
}
