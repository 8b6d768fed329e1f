/**
 * Value samples from real data (`verify --data DIR`): for each field, the
 * distinct values seen (up to a limit, in file order), so generated histories
 * look like the real ones.
 */
import { loadDataset } from '../../data/index.js';
import type { RuleGraph } from '../../graph/nodes.js';
import { isDecimal } from '../../runtime/decimal.js';
import type { Value } from '../../runtime/values.js';
import type { Samples } from './arbitraries.js';

const LIMIT = 200;

export function sampleData(graph: RuleGraph, dir: string): Samples {
  const dataset = loadDataset(graph.tables, dir, { timeZone: graph.playbook.timeZone });
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
  return samples;
}
