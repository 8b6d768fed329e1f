/** `playbook curve FILE --data DIR --rep REP`: what a rep's commission pays as credit grows. */
import { payoutCurve } from '../simulate/curve/curve.js';
import { formatCurveJson, formatCurveTable } from '../simulate/curve/report.js';
import { loadData } from '../simulate/simulate.js';
import { compileForRun } from './compiled.js';
import { UsageError } from './errors.js';
import { emit, sayLeftOut } from './output.js';
import { requireDataFolder } from './simulate-command.js';

export interface CurveFlags {
  data: string;
  rep: string;
  format: string;
  out?: string;
  skipBadRows?: boolean;
}

export function runCurve(file: string, flags: CurveFlags): number {
  if (flags.format !== 'table' && flags.format !== 'json') throw new UsageError(`--format must be table or json, not "${flags.format}"`);
  requireDataFolder(flags.data);
  const compiled = compileForRun(file, 'curve', flags);
  if (!compiled) return 1;
  const { dataset, rejectedRows } = loadData(compiled.graph, flags.data, { skipBadRows: flags.skipBadRows ?? false });
  sayLeftOut(rejectedRows);
  const curve = payoutCurve(compiled.graph, dataset.tables, flags.rep);
  emit(flags.format === 'json' ? formatCurveJson(curve) : formatCurveTable(curve), flags.out, compiled.reads);
  return 0;
}
