/**
 * Texts a rule compares a field with that no row holds, when a row holds a text near it: with
 * `must win … when account in ("Bubba Gump", "Sonronn")` and an accounts export that says
 * `Sonron`, the rule never trips on that account, and the payout changes without a word (a
 * forfeit not taken, a red line that never blocks). The outcome conditions (`won when`) are
 * covered by stage-values.ts, which looks the other way (values the conditions do not name); both
 * find the comparisons with graph/walk.ts's forEachTextComparison.
 * A text no row holds and none is near is left alone: a rule may name a product not sold yet.
 */
import type { TExpr } from '../check/model.js';
import type { LoadedTable } from '../data/index.js';
import { showValue } from '../data/show-value.js';
import { nodeExpressions } from '../graph/dependencies.js';
import type { RuleGraph } from '../graph/nodes.js';
import { forEachTextComparison } from '../graph/walk.js';
import { closest } from '../language/closest.js';
import { rowSource } from '../runtime/row-source.js';

/** Distinct texts of a column kept as candidates for "did you mean" (a key column of millions is not kept whole). */
const DISTINCT_KEPT = 50_000;

/** One comparison of a field (its last step's table and field) with a text literal. */
interface Compared {
  table: string;
  field: string;
  text: string;
  rule: string;
}

/** The field a comparison side reads (the last step of its path), or null. */
function fieldOf(e: TExpr): { table: string; field: string } | null {
  return e.k === 'field' && e.t === 'text' ? e.path[e.path.length - 1] : null;
}

/**
 * One warning per text that no accepted row of the compared field's table holds while one holds a
 * text near it (other capitals, or a slip of a letter or two), naming the rule, the file, the
 * column and the near value, in the order the rules come in the graph.
 */
export function unmatchedLiteralWarnings(graph: RuleGraph, tables: ReadonlyMap<string, LoadedTable>): string[] {
  const compared: Compared[] = [];
  for (const n of graph.nodes) {
    if (n.kind === 'outcome') continue; // stage-values.ts
    const rule = n.id.includes(':') ? n.id.slice(n.id.indexOf(':') + 1) : n.id;
    for (const e of nodeExpressions(n)) {
      forEachTextComparison(e, (side, text) => {
        const f = fieldOf(side);
        if (f !== null) compared.push({ ...f, text, rule });
      });
    }
  }
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const c of compared) {
    const table = tables.get(c.table);
    const index = table?.fieldIndex.get(c.field);
    const key = `${c.table}\u0000${c.field}\u0000${c.text}\u0000${c.rule}`;
    if (table === undefined || index === undefined || seen.has(key)) continue;
    seen.add(key);
    // The rows are read until one holds the text (the common case stops early, even in a table of
    // millions of activities); the distinct texts met on the way, up to DISTINCT_KEPT, are the candidates.
    const values = new Set<string>();
    const source = rowSource(table);
    let found = false;
    for (let i = 0; i < source.length && !found; i++) {
      const v = source.value(i, index);
      if (v === c.text) found = true;
      else if (typeof v === 'string' && values.size < DISTINCT_KEPT) values.add(v);
    }
    if (found || values.size === 0) continue;
    const near = closest(c.text, values, Math.min(2, Math.max(1, Math.floor(c.text.length / 3))));
    if (near === null) continue;
    const column = table.schema.fields[index].column;
    warnings.push(
      `"${c.rule}" compares ${c.field} with ${showValue(c.text)}, but no row of ${table.schema.file} has that ${c.field} (column "${column}"); did you mean ${showValue(near)}? As written, that part of the rule never matches. Correct the spelling in the playbook, or in the file if the playbook is right`,
    );
  }
  return warnings;
}
