/**
 * A derived field (`derive discount = 1 - amount / product.list_price`): computed
 * for every row of its table and stored in the field's own slot of each row.
 * A division by zero makes the value missing there, and is reported.
 */
import { type NodeInputs, type NodeOf, type RunContext, listIds } from '../context.js';
import { compileContext, compileExpr, newEnv } from '../expr.js';

export interface DerivedResult {
  /** Value index of the field in its table's rows. */
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
  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i];
    env.row = row;
    if (isDeals) env.deal = i;
    const before = env.divisionsByZero;
    row.values[index] = fn(env);
    if (env.divisionsByZero !== before) zeroDivided.push(`line ${row.line}${keyIndex >= 0 ? ` (${String(row.values[keyIndex])})` : ''}`);
  }
  const n = zeroDivided.length;
  const warnings =
    n === 0
      ? []
      : [`${table.schema.file}: "${node.name}" divides by zero on ${n} row${n === 1 ? '' : 's'} (${listIds(zeroDivided)}), so it is missing there and rules using it do not apply to ${n === 1 ? 'that row' : 'those rows'}`];
  return { index, warnings };
}
