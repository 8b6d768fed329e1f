/**
 * A derived field (`derive discount = 1 - amount / product.list_price`): computed
 * for every row of its table and stored in the field's own slot. A table kept as
 * columns (the deals and activities the loader gives, issue 10) gets the field as a
 * column of its own, its rows read field by field (no row object made): a number
 * (a Decimal each, some 250 bytes: 250 MB for a million deals) is computed again
 * on each read, from the same fields, so the same value; text, dates and yes/no are
 * kept. A table of row objects gets it in each row's values. A division by zero
 * makes the value missing there, and is reported.
 */
import { type NodeInputs, type NodeOf, type RunContext, listIds } from '../context.js';
import { atDeal, atRow, atSource, compileContext, compileExpr, newEnv } from '../expr.js';
import { rowSource } from '../row-source.js';
import { compileCondition } from '../compiled/condition.js';
import { FALSE } from '../compiled/decision.js';
import { zeroDivisionCondition } from '../compiled/zero-division.js';
import type { Value } from '../values.js';

/** Types whose values are Decimals. */
const NUMERIC = new Set(['money', 'number', 'ratio', 'percent']);

export interface DerivedResult {
  /** Value index of the field in its table's rows (the column's field number in its row source). */
  index: number;
  warnings: string[];
}

export function evaluateDerived(node: NodeOf<'derived'>, run: RunContext, inputs: NodeInputs): DerivedResult {
  const index = run.layout.get(node.table)!.get(node.name)!;
  const table = run.tables.get(node.table);
  if (!table) return { index, warnings: [] };
  const fn = compileExpr(node.expr, compileContext(run, inputs));
  const isDeals = table === run.deals.table;
  const keyIndex = table.schema.fields.findIndex((f) => f.key);
  const zeroDivided: string[] = [];
  const env = newEnv(run);
  const source = rowSource(table);
  const n = source.length;
  // Held as columns: the values go into a column of their own, added once all are computed
  // (numbers: computed on each read; this pass finds the divisions by zero).
  const columnar = source.addColumn !== undefined;
  const computed = columnar && NUMERIC.has(node.expr.t);
  const column: Value[] | null = columnar && !computed ? new Array<Value>(n) : null;
  // A number kept as a computed column is evaluated here only to find its divisions by zero: where
  // they can be decided over the columns (compiled/zero-division.ts), only the rows that division
  // flags (or cannot prove) are evaluated.
  const zeroCondition = computed ? zeroDivisionCondition(node.expr) : null;
  const decided = zeroCondition ? compileCondition(zeroCondition, run, inputs, node.table, source) : null;
  const answers = decided?.compiled ? decided.results : null;
  for (let i = 0; i < n; i++) {
    if (answers !== null && answers[i] === FALSE) continue;
    if (columnar) {
      if (isDeals) atDeal(env, source, i);
      else atSource(env, source, i);
    } else {
      atRow(env, source.row(i));
      if (isDeals) env.deal = i;
    }
    const before = env.divisionsByZero;
    const value = fn(env);
    if (column) column[i] = value;
    else if (!columnar) env.row.values[index] = value;
    if (env.divisionsByZero !== before) zeroDivided.push(`line ${source.line(i)}${keyIndex >= 0 ? ` (${String(source.value(i, keyIndex))})` : ''}`);
  }
  if (column) source.addColumn!(index, column);
  else if (computed) {
    source.addColumn!(index, (i) => {
      // An env of its own for each read: the reader's (its row, its count of divisions by zero) is untouched.
      const at = newEnv(run);
      if (isDeals) atDeal(at, source, i);
      else atSource(at, source, i);
      return fn(at);
    });
  }
  const count = zeroDivided.length;
  const warnings =
    count === 0
      ? []
      : [`${table.schema.file}: "${node.name}" divides by zero on ${count} row${count === 1 ? '' : 's'} (${listIds(zeroDivided)}), so it is missing there and rules using it do not apply to ${count === 1 ? 'that row' : 'those rows'}`];
  return { index, warnings };
}
