/**
 * Value samples from real data (`verify --data DIR`): for each field, the
 * distinct values seen (up to a limit, in file order), so generated histories
 * look like the real ones.
 */
import { loadDataset } from '../../data/index.js';
import type { RuleGraph } from '../../graph/nodes.js';
import { isDecimal } from '../../runtime/decimal.js';
import type { Value } from '../../runtime/values.js';
import { BadRowsError, type RejectedRowReport } from '../simulate.js';
import type { Samples } from './arbitraries.js';

const LIMIT = 200;

/**
 * @throws BadRowsError when the data has rows that cannot be read and `skipBadRows` is not set
 * (the samples then come only from the good rows; the rejected ones are returned).
 */
export function sampleData(graph: RuleGraph, dir: string, skipBadRows = false): { samples: Samples; rejected: RejectedRowReport[] } {
  const dataset = loadDataset(graph.tables, dir, { timeZone: graph.playbook.timeZone, currency: graph.playbook.currency });
  const rejected = dataset.rejected.map((r) => ({ table: r.table, file: r.file, line: r.line, messages: r.issues.map((i) => i.message) }));
  if (rejected.length > 0 && !skipBadRows) throw new BadRowsError(rejected);
  const samples: Samples = new Map();
  for (const t of dataset.tables.values()) {
    t.schema.fields.forEach((f, i) => {
      if (f.key || f.lookup) return;
      const seen = new Map<string, Value>();
      for (const row of t.rows) {
        const v = row.values[i];
        if (v === null) continue;
        const k = isDecimal(v) ? v.toString() : String(v);
        if (!seen.has(k)) seen.set(k, v);
        if (seen.size >= LIMIT) break;
      }
      samples.set(`${t.schema.name}.${f.name}`, [...seen.values()]);
    });
  }
  return { samples, rejected };
}
