/**
 * `--by FIELD`: which segment each deal belongs to. FIELD is a field of the
 * deals table or of a table a deal field looks up (an account's sector, a rep's
 * region, a product's family); `table.field` picks one when several have it.
 */
import { Decimal } from '../../graph/decimal.js';
import { type LoadedTable, type Value, keyString } from '../../data/index.js';
import { dateText } from '../../runtime/periods.js';
import type { Simulation } from '../simulate.js';
import { closest } from '../../check/suggest.js';
import { rowSource } from '../../runtime/row-source.js';

/** Thrown when `--by` names no field, or one several tables have. */
export class SegmentFieldError extends Error {}

/** What a segment is called when the deal has no value for the field. */
export const MISSING_SEGMENT = '(missing)';

interface Place {
  /** Table.field as the report names it. */
  name: string;
  /** The lookup field on the deal, or -1 for a field of the deal itself. */
  via: number;
  table: LoadedTable;
  index: number;
}

function places(deals: LoadedTable, tables: Simulation['tables']): Place[] {
  const found: Place[] = [...deals.fieldIndex].map(([f, index]) => ({ name: `deals.${f}`, via: -1, table: deals, index }));
  deals.schema.fields.forEach((f, via) => {
    const target = f.lookup === undefined ? undefined : tables.get(f.lookup);
    if (!target) return;
    for (const [g, index] of target.fieldIndex) found.push({ name: `${target.schema.name}.${g}`, via, table: target, index });
  });
  return found;
}

function text(v: Value): string {
  if (v === null) return MISSING_SEGMENT;
  if (v instanceof Decimal) return v.toString();
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return dateText(v);
  return v;
}

/**
 * Why an unknown `--by` field may have been meant as another, or '' when nothing is close:
 * the playbook's way of writing a lookup (`account.sector`, through the deal's `account` field)
 * is named as the table's field `--by` expects (`accounts.sector`); a misspelt name (`chanel`)
 * gets the closest field (`channel`), bare when it was written bare.
 */
function didYouMean(field: string, deals: LoadedTable, all: Place[]): string {
  const dot = field.indexOf('.');
  if (dot > 0) {
    const via = deals.schema.fields.find((f) => f.name === field.slice(0, dot) && f.lookup !== undefined);
    const meant = via ? `${via.lookup}.${field.slice(dot + 1)}` : null;
    if (via && meant && all.some((p) => p.name === meant)) {
      return ` (did you mean "${meant}"? --by names the looked-up table, ${via.lookup}, where the playbook writes the deal's field ${via.name})`;
    }
  }
  const candidates = dot > 0 ? all.map((p) => p.name) : [...new Set(all.map((p) => p.name.slice(p.name.indexOf('.') + 1)))];
  const near = closest(field, candidates);
  return near ? ` (did you mean "${near}"?)` : '';
}

/**
 * The segment value of every deal, by the deal's line in its file, and the field's full name.
 * @throws SegmentFieldError for an unknown or ambiguous field.
 */
export function segmentOf(sim: Simulation, field: string): { name: string; byDeal: Map<number, string> } {
  const deals = sim.tables.get('deals')!;
  const all = places(deals, sim.tables);
  const exact = all.filter((p) => p.name === field);
  const bare = all.filter((p) => p.name.slice(p.name.indexOf('.') + 1) === field);
  // A deal field wins over a looked-up one of the same name: `rep` is the deal's rep, not reps.rep.
  const own = bare.filter((p) => p.via === -1);
  const chosen = exact.length > 0 ? exact : own.length > 0 ? own : bare;
  if (chosen.length === 0) throw new SegmentFieldError(`--by ${field}: no deal field and no field of a looked-up table has that name${didYouMean(field, deals, all)}; fields: ${all.map((p) => p.name).join(', ')}`);
  if (new Set(chosen.map((p) => p.table)).size > 1) throw new SegmentFieldError(`--by ${field}: several tables have a field of that name; say which: ${chosen.map((p) => p.name).join(', ')}`);
  const place = chosen[0];
  const byDeal = new Map<number, string>();
  // Through the columns while the deals are held as columns: no row object per deal (issue 10).
  const rows = rowSource(deals);
  for (let i = 0; i < rows.length; i++) {
    const key = rows.line(i);
    if (place.via >= 0) {
      const ref = keyString(rows.value(i, place.via));
      const target = ref === null ? undefined : place.table.byKey?.get(ref);
      byDeal.set(key, target ? text(target.values[place.index]) : MISSING_SEGMENT);
      continue;
    }
    byDeal.set(key, text(rows.value(i, place.index)));
  }
  return { name: place.name, byDeal };
}
