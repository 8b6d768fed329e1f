/**
 * Stage values that `won when` / `lost when` do not name but resemble. With
 * `won when stage = "Won"`, deals whose stage is `won`, `WON`, `Closed Won` or `Ｗｏｎ` (full width)
 * are neither won nor lost: they stay open and earn nothing, without a word.
 * This finds the text fields the outcome conditions compare with literals, counts
 * the values of those fields in the deals table, and reports the ones that look
 * like a named value but are spelt otherwise.
 */
import type { TExpr } from '../check/model.js';
import type { LoadedTable } from '../data/index.js';
import { showValue } from '../data/show-value.js';
import { closest } from '../language/closest.js';
import type { RuleGraph } from '../graph/nodes.js';
import { forEachTextComparison } from '../graph/walk.js';
import { rowSource } from '../runtime/row-source.js';

/** Field name (of the deals table) → the text literals outcome conditions compare it with. */
function comparedLiterals(expr: TExpr, table: string, into: Map<string, Set<string>>): void {
  forEachTextComparison(expr, (side, text) => {
    if (side.k !== 'field' || side.path.length !== 1 || side.path[0].table !== table) return;
    const field = side.path[0].field;
    if (!into.has(field)) into.set(field, new Set());
    into.get(field)!.add(text);
  });
}

// NFKC first: a Chinese or Japanese export may hold full-width letters (`Ｗｏｎ` for `Won`).
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const words = (s: string) => s.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);

/** The named literal `value` resembles (same letters in other case or spacing, a shared word, or one letter apart), or null. */
function resembles(value: string, named: Set<string>): string | null {
  const f = fold(value);
  const w = new Set(words(value));
  for (const lit of named) if (fold(lit) === f) return lit;
  for (const lit of named) if (words(lit).some((x) => w.has(x))) return lit;
  // A slip of one letter (`Wonn`), or one letter from another alphabet (`Wοn` with a Greek omicron).
  return value.length >= 3 ? closest(value, named, 1) : null;
}

/**
 * Warnings, one per compared field, listing the values that resemble a value
 * `won when`/`lost when` names but are not it, with their row counts (most rows
 * first, then by value). Reads the accepted rows of the deals table.
 */
export function stageValueWarnings(graph: RuleGraph, deals: LoadedTable | undefined): string[] {
  if (deals === undefined) return [];
  const literals = new Map<string, Set<string>>();
  for (const n of graph.nodes) if (n.kind === 'outcome') comparedLiterals(n.expr, deals.schema.name, literals);
  const warnings: string[] = [];
  for (const [field, named] of [...literals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const index = deals.fieldIndex.get(field);
    if (index === undefined) continue;
    const counts = new Map<string, number>();
    // Through the columns while the deals are held as columns: no row object made (issue 10).
    const source = rowSource(deals);
    for (let i = 0; i < source.length; i++) {
      const v = source.value(i, index);
      if (typeof v === 'string' && !named.has(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const odd: { value: string; count: number; like: string }[] = [];
    for (const [value, count] of counts) {
      const like = resembles(value, named);
      if (like !== null) odd.push({ value, count, like });
    }
    if (odd.length === 0) continue;
    odd.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const column = deals.schema.fields[index].column;
    const rows = odd.reduce((s, o) => s + o.count, 0);
    const list = odd.map((o) => `${showValue(o.value)} (${o.count} row${o.count === 1 ? '' : 's'}, like ${showValue(o.like)})`).join(', ');
    const first = odd[0];
    warnings.push(
      `${deals.schema.file}: column "${column}": ${rows} deal${rows === 1 ? '' : 's'} ha${rows === 1 ? 's' : 've'} a ${field} that no "won when" or "lost when" names, so ${rows === 1 ? 'it stays' : 'they stay'} open (neither won nor lost): ${list}. ` +
        `If they are won or lost, map the spelling on the field (alias ${showValue(first.value)} = ${showValue(first.like)}) or name it in the condition (${field} in (${showValue(first.like)}, ${showValue(first.value)}))`,
    );
  }
  return warnings;
}
