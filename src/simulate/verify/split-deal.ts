/**
 * Splitting one deal into two for the "no gain from splitting" property. A rep who
 * books one order as two splits everything that adds up across deals — the
 * amount, and with it the cost and the profit — not the amount alone; splitting
 * only the amount would leave each half with the whole profit and report a false
 * failure for a bonus on profit.
 *
 * The language has no `additive` marker on fields (yet), so every `money` field of
 * the deals table is taken as additive (amounts, costs, profits, list prices
 * written per deal), plus the credited amount's own field whatever its type.
 * Numbers, percents, dates and text are copied to both parts: a quantity may be
 * additive but a discount ratio is not, and the engine cannot tell them apart.
 */
import type { RuleGraph } from '../../graph/nodes.js';
import { Decimal, isDecimal } from '../../runtime/decimal.js';
import type { HistoryRow } from './history.js';

/** The deal fields that are shared between the parts of a split deal, in declaration order. */
export function additiveFields(graph: RuleGraph): string[] {
  const deals = graph.tables.find((t) => t.name === 'deals')!;
  const credit = graph.nodes.find((n) => n.kind === 'credit') as Extract<RuleGraph['nodes'][number], { kind: 'credit' }> | undefined;
  const creditField = credit && credit.amount.k === 'field' && credit.amount.path.length === 1 ? credit.amount.path[0].field : null;
  return deals.fields.filter((f) => !f.key && (f.type === 'money' || f.name === creditField)).map((f) => f.name);
}

/**
 * `deal` split in two: `tenths`/10 of each additive field's value to the first part,
 * rounded toward zero to `digits` decimals, and the exact rest to the second, so the
 * two parts always add up to the whole. A missing value stays missing in both parts;
 * every other field is copied to both.
 */
export function splitDeal(deal: HistoryRow, fields: readonly string[], tenths: number, digits: number): [HistoryRow, HistoryRow] {
  const first: HistoryRow = { ...deal };
  const second: HistoryRow = { ...deal };
  for (const f of fields) {
    const v = deal[f];
    if (!isDecimal(v)) continue;
    const part = v.mul(tenths).div(10).toDecimalPlaces(digits, Decimal.ROUND_DOWN);
    first[f] = part;
    second[f] = v.minus(part);
  }
  return [first, second];
}

/** The split fields in words, for the property's statement: `amount, profit and cost`. */
export function fieldList(fields: readonly string[]): string {
  return fields.length <= 1 ? (fields[0] ?? '') : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
}
