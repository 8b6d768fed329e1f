/** `playbook explain`: how one rep's payout, or one deal's fate, was computed. */
import { explain } from '../simulate/explain/index.js';
import { formatExplanationJson, formatExplanationText } from '../simulate/explain/format.js';
import { loadData } from '../simulate/simulate.js';
import { compileForRun } from './compiled.js';
import { UsageError } from './errors.js';
import { emit, sayLeftOut } from './output.js';
import { replayedGraph, requireDataFolder } from './simulate-command.js';

export interface ExplainFlags {
  data: string;
  rep?: string;
  deal?: string;
  component?: string;
  period?: string;
  format: string;
  out?: string;
  skipBadRows?: boolean;
  /** `YYYY-MM-DD`: explain the run with every deal paid under the plan version in force that day. */
  underVersion?: string;
}

export function runExplain(file: string, flags: ExplainFlags): number {
  if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`--format must be text or json, not "${flags.format}"`);
  if ((flags.rep === undefined) === (flags.deal === undefined)) throw new UsageError('say which rep (--rep) or which deal (--deal) to explain, one of the two');
  if (flags.deal !== undefined && (flags.component !== undefined || flags.period !== undefined)) throw new UsageError('--component and --period go with --rep, not with --deal');
  requireDataFolder(flags.data);
  const compiled = compileForRun(file, 'explain', flags);
  if (!compiled) return 1;
  const { reads } = compiled;
  const graph = flags.underVersion === undefined ? compiled.graph : replayedGraph(compiled.graph, flags.underVersion);
  const { dataset, rejectedRows } = loadData(graph, flags.data, { skipBadRows: flags.skipBadRows ?? false });
  sayLeftOut(rejectedRows);
  const x = explain(graph, dataset.tables, { rep: flags.rep, deal: flags.deal, component: flags.component, period: flags.period });
  emit(flags.format === 'json' ? formatExplanationJson(x) : formatExplanationText(x, graph.playbook.minorDigits), flags.out, reads);
  return 0;
}
