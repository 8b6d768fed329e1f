/**
 * Reading the split table (`credit … split by TABLE`): for each deal, who shares its credit and
 * at what share, in the split table's row order. A deal with no split rows is credited to its own
 * rep; a deal with split rows is credited to the people listed, and only to them.
 *
 * The shares of each split deal must add up to exactly 100%, with one row per person, each share
 * from 0% to 100%. A deal whose shares do not, that lists a person twice, or gives someone a share
 * below 0% or above 100%, stops the run with {@link SplitSharesError}, which
 * names the deal, the split file and its lines.
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
 * @throws SplitSharesError when a deal's shares do not add up to exactly 100%, or a deal lists a
 * person twice (all such problems listed, up to 10).
 */
export function readSplits(graph: RuleGraph, tables: Map<string, TableLike>, layout: Map<string, Map<string, number>>, dealIndex: ReadonlyMap<string, number>, repIndex: Map<string, number>): Map<number, SplitShare[]> {
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
  const file = table.schema.file;
  const problems: string[] = [];
  for (const [i, list] of out) {
    // One row per deal and person: a person listed twice is most often a duplicated export row,
    // which would silently give that person another's share.
    const seen = new Map<number, number[]>();
    for (const x of list) seen.set(x.rep, [...(seen.get(x.rep) ?? []), x.line]);
    for (const [r, lines] of seen) {
      if (lines.length > 1) problems.push(`${file}:${lines[1]}: deal ${keyOfDeal.get(i)} lists ${repKeyOf(repIndex, r)} ${lines.length === 2 ? 'twice' : `${lines.length} times`} (lines ${lines.join(', ')}): the split table has one row per deal and person`);
    }
    // A share below 0% or above 100% takes credit from one person to give it to another: shares
    // of 110% and −10% add up to 100% but are never meant.
    for (const x of list) {
      if (x.share.isNegative() || x.share.gt(1)) problems.push(`${file}:${x.line}: deal ${keyOfDeal.get(i)} gives ${repKeyOf(repIndex, x.rep)} a share of ${percentText(x.share)}: a share is from 0% to 100%`);
    }
    const total = list.reduce((t, x) => t.plus(x.share), new Decimal(0));
    // 0.3 + 0.3 + 0.4 in a percent column is 0.3% + 0.3% + 0.4% = 1%: the shares were written as fractions.
    const fractions = total.eq('0.01') ? ': the shares look written as fractions (a bare 0.3 in a percent column is 0.3%, not 30%); write 30% or 30' : '';
    if (!total.eq(1)) problems.push(`${file}:${list[0].line}: the shares of deal ${keyOfDeal.get(i)} add up to ${percentText(total)}, not 100% (${list.length === 1 ? 'line' : 'lines'} ${list.map((x) => x.line).join(', ')})${fractions}`);
  }
  if (problems.length > 0) {
    const more = problems.length > MAX_LISTED ? `\n  … and ${problems.length - MAX_LISTED} more` : '';
    // With --skip-bad-rows, a share on a rejected row is missing from its deal's total: say so,
    // or the analyst reads "50%" against a file that plainly has 50% + 50%.
    const rejected = ((table as { rejected?: { line: number }[] }).rejected ?? []).map((r) => r.line);
    const leftOut = rejected.length === 0 ? '' : `\n  ${rejected.length} bad row${rejected.length === 1 ? ' was' : 's were'} left out of ${file} (line${rejected.length === 1 ? '' : 's'} ${rejected.slice(0, MAX_LISTED).join(', ')}${rejected.length > MAX_LISTED ? ', …' : ''}): the shares on ${rejected.length === 1 ? 'it are' : 'them are'} not counted`;
    throw new SplitSharesError(`${problems.slice(0, MAX_LISTED).join('\n  ')}${more}${leftOut}\n  The shares of a split deal must each be from 0% to 100% and add up to exactly 100%, one row per person: correct them in ${file}`);
  }
  return out;
}

/** The key of the rep at index `r` in the reps table (for messages). */
function repKeyOf(repIndex: Map<string, number>, r: number): string {
  for (const [key, i] of repIndex) if (i === r) return key;
  return String(r);
}
