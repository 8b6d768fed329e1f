/** `playbook curve FILE --data DIR --rep REP`: what a rep's commission pays as credit grows. */
import { payoutCurve } from '../simulate/curve/curve.js';
import { formatCurveJson, formatCurveTable } from '../simulate/curve/report.js';
import { loadData } from '../simulate/simulate.js';
import { compileForRun } from './compiled.js';
import { UsageError } from './errors.js';
import { emit, sayLeftOut } from './output.js';
import { replayedGraph, requireDataFolder } from './simulate-command.js';

export interface CurveFlags {
  data: string;
  rep: string;
  format: string;
  out?: string;
  skipBadRows?: boolean;
  /** `YYYY-MM-DD`: draw the plan version in force that day (without it, a versioned table's first version). */
  underVersion?: string;
}

export async function runCurve(file: string, flags: CurveFlags): Promise<number> {
  if (!['table', 'json', 'html'].includes(flags.format)) throw new UsageError(`--format must be table, json or html, not "${flags.format}"`);
  requireDataFolder(flags.data);
  const compiled = compileForRun(file, 'curve', flags);
  if (!compiled) return 1;
  const graph = flags.underVersion === undefined ? compiled.graph : replayedGraph(compiled.graph, flags.underVersion);
  const { dataset, rejectedRows } = loadData(graph, flags.data, { skipBadRows: flags.skipBadRows ?? false });
  sayLeftOut(rejectedRows);
  const curve = payoutCurve(graph, dataset.tables, flags.rep);
  // The HTML report (and its charting library) is loaded only when asked for.
  const text = flags.format === 'html' ? await (await import('../simulate/html/curve.js')).formatCurveHtml(curve) : flags.format === 'json' ? formatCurveJson(curve) : formatCurveTable(curve);
  emit(text, flags.out, compiled.reads);
  return 0;
}
