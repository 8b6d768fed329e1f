/**
 * Reading the split table (`credit … split by TABLE`): for each deal, who shares its credit and
 * at what share, in the split table's row order. A deal with no split rows is credited to its own
 * rep; a deal with split rows is credited to the people listed, and only to them.
 *
 * The shares of each split deal must add up to exactly 100%. A deal whose shares do not stops the
 * run with {@link SplitSharesError}, which names the deal, the split file and its lines.
 */
import { Decimal } from './decimal.js';
import { percentText } from './money.js';
import type { RuleGraph } from '../graph/nodes.js';
import type { RowLike, TableLike } from './values.js';

/** One person's share of a deal (rep index into the reps table, share as a ratio, split-file line). */
export interface SplitShare {
  rep: number;
  share: Decimal;
  line: number;
}

/** The split table's rows whose shares do not add up to 100%; the message lists each deal with its file and lines. */
export class SplitSharesError extends Error {}

const MAX_LISTED = 10;

/**
 * Deal index → its shares, for every deal the split table names.
 * @param dealIndex deal key → index into the deals table; `repIndex` rep key → index into the reps table.
 * @throws SplitSharesError when a deal's shares do not add up to exactly 100% (all such deals listed, up to 10).
 */
export function readSplits(graph: RuleGraph, tables: Map<string, TableLike>, layout: Map<string, Map<string, number>>, dealIndex: Map<string, number>, repIndex: Map<string, number>): Map<number, SplitShare[]> {
  const role = graph.roles.splits!;
  const table = tables.get(role.table);
  const out = new Map<number, SplitShare[]>();
  // A dataset made without the split table (generated histories of `verify`) shares no deal.
  if (!table) return out;
  const fields = layout.get(role.table)!;
  const [deal, person, share] = [fields.get(role.deal)!, fields.get(role.person)!, fields.get(role.share)!];
  const keyOfDeal = new Map<number, string>();
  for (const row of table.rows as RowLike[]) {
    const [d, p, s] = [row.values[deal], row.values[person], row.values[share]];
    // Lookups and required cells are checked when the table is read: an empty optional cell is not a share.
    if (d === null || p === null || s === null) continue;
    const i = dealIndex.get(String(d));
    const r = repIndex.get(String(p));
    if (i === undefined || r === undefined) continue;
    keyOfDeal.set(i, String(d));
    const list = out.get(i) ?? [];
    list.push({ rep: r, share: s as Decimal, line: row.line });
    out.set(i, list);
  }
  const wrong = [...out].filter(([, list]) => !list.reduce((t, x) => t.plus(x.share), new Decimal(0)).eq(1));
  if (wrong.length > 0) {
    const file = table.schema.file;
    const lines = wrong.slice(0, MAX_LISTED).map(([i, list]) => {
      const total = list.reduce((t, x) => t.plus(x.share), new Decimal(0));
      return `${file}:${list[0].line}: the shares of deal ${keyOfDeal.get(i)} add up to ${percentText(total)}, not 100% (${list.length === 1 ? 'line' : 'lines'} ${list.map((x) => x.line).join(', ')})`;
    });
    const more = wrong.length > MAX_LISTED ? `\n  … and ${wrong.length - MAX_LISTED} more deals` : '';
    throw new SplitSharesError(`${lines.join('\n  ')}${more}\n  The shares of a split deal must add up to exactly 100%: correct them in ${file}`);
  }
  return out;
}
