/**
 * Key text of a value, used for `LoadedTable.byKey` and for lookups between tables.
 */
import { Decimal } from '../graph/decimal.js';
import type { Value } from './types.js';

/**
 * The string a value is indexed by: text as is; a number/money/percent as its
 * normalised decimal (`1.50` → `1.5`); a date/timestamp as its wall-clock ms; a
 * boolean as `true` / `false`. `null` has no key (returns `null`).
 */
export function keyString(value: Value): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Decimal) return value.toString();
  return String(value);
}
