/** `playbook compare A B --data DIR`: what changes for whom if plan B replaces plan A. */
import { Decimal } from '../runtime/decimal.js';
import { type Threshold, compare } from '../simulate/compare/compare.js';
import { formatCompareCsv, formatCompareJson } from '../simulate/compare/report-data.js';
import { formatCompareTable } from '../simulate/compare/report-table.js';
import { BadRowsError } from '../simulate/simulate.js';
import { compileForRun } from './compiled.js';
import { UsageError } from './errors.js';
import { emit, sayLeftOut } from './output.js';
import { replayedGraph, reportBadRows, requireDataFolder } from './simulate-command.js';

export interface CompareFlags {
  data: string;
  format: string;
  out?: string;
  threshold?: string;
  minGroup?: string;
  wide?: boolean;
  skipBadRows?: boolean;
  /** `YYYY-MM-DD`: plan B (or plan A, when B is left out) replayed under the version in force that day. */
  underVersion?: string;
}

const formats = ['table', 'json', 'csv', 'html'];

/**
 * `5%` → a share of A's payout; `1,000` or `1000.50` → an amount.
 * @throws UsageError for anything else (or a negative value).
 */
export function parseThreshold(text: string): Threshold {
  const m = /^\s*(\d[\d,]*(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m || (m[1].includes(',') && !/^\d{1,3}(,\d{3})*(\.\d+)?$/.test(m[1]))) {
    throw new UsageError(`--threshold must be a percent such as 5% or an amount such as 1,000, not "${text}"`);
  }
  const value = new Decimal(m[1].replace(/,/g, ''));
  return m[2] === '%' ? { kind: 'percent', ratio: value.div(100) } : { kind: 'amount', amount: value };
}

export async function runCompare(fileA: string, fileB: string | undefined, flags: CompareFlags): Promise<number> {
  if (fileB === undefined && flags.underVersion === undefined) throw new UsageError('name plan B to compare with, or replay plan A under one of its versions: compare A.playbook --under-version 2026-01-01 --data DIR');
  if (!formats.includes(flags.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${flags.format}"`);
  const threshold = flags.threshold === undefined ? undefined : parseThreshold(flags.threshold);
  const minGroup = flags.minGroup === undefined ? undefined : Number(flags.minGroup);
  if (minGroup !== undefined && (!Number.isInteger(minGroup) || minGroup < 2)) throw new UsageError(`--min-group must be a whole number of at least 2, not "${flags.minGroup}"`);
  requireDataFolder(flags.data);
  const a = compileForRun(fileA, 'compare', flags);
  if (!a) return 1;
  const b = fileB === undefined ? a : compileForRun(fileB, 'compare', flags);
  if (!b) return 1;
  // `--under-version DAY`: plan B pays every deal under the version in force on that day.
  const graphB = flags.underVersion === undefined ? b.graph : replayedGraph(b.graph, flags.underVersion);
  const labelB = fileB ?? fileA;
  try {
    const c = compare({ graph: a.graph, file: fileA }, { graph: graphB, file: labelB }, flags.data, { threshold, minGroup, skipBadRows: flags.skipBadRows ?? false });
    // The HTML report (and its charting library) is loaded only when asked for.
    const text = flags.format === 'html' ? await (await import('../simulate/html/compare.js')).formatCompareHtml(c) : flags.format === 'json' ? formatCompareJson(c) : flags.format === 'csv' ? formatCompareCsv(c) : formatCompareTable(c, flags.wide ?? false);
    emit(text, flags.out, b === a ? a.reads : [...a.reads, ...b.reads]);
    // The comparison has no place for the rows --skip-bad-rows left out: listed on standard error,
    // each once (both plans read the same folder; plan B may reject other rows if it reads other fields).
    const listed = new Set(c.a.rejectedRows.map((r) => r.messages.join('\n')));
    sayLeftOut([...c.a.rejectedRows, ...c.b.rejectedRows.filter((r) => !listed.has(r.messages.join('\n')))]);
    return 0;
  } catch (e) {
    if (!(e instanceof BadRowsError)) throw e;
    return reportBadRows(e);
  }
}
