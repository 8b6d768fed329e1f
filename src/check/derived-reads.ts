/**
 * Which derived fields an expression reads, found without checking it. The
 * checker uses this to check derived fields in dependency order with an
 * explicit stack, so a chain of tens of thousands of `derive` lines (the
 * longest playbook we read) never recurses once per field.
 *
 * It mirrors how the expression checker resolves names in a table row, and
 * must not list more than the checker will read: an extra edge could make a
 * field look as if it were in a circle (PB4001). Parts the checker does not
 * look into (aggregates, which are errors in a row; the arguments of an
 * unknown function or of one given the wrong number of values) are skipped.
 */
import type { Expr, Named } from '../language/ast.js';
import { FUNCTIONS } from './expressions.js';
import type { TableScope } from './scope.js';

/** A derived field: its table and name. */
export interface DerivedRef {
  table: string;
  field: string;
}

/** The derived fields `expr`, written in table `table`, reads directly, in reading order (left to right). */
export function derivedReads(expr: Expr, table: string, tables: ReadonlyMap<string, TableScope>): DerivedRef[] {
  const out: DerivedRef[] = [];
  // An explicit stack, children pushed right to left, so they pop in reading order.
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.kind) {
      case 'ref': {
        const ref = resolve(e.path, table, tables);
        if (ref) out.push(ref);
        break;
      }
      case 'unary':
      case 'missing':
        stack.push(e.operand);
        break;
      case 'binary':
        stack.push(e.right, e.left);
        break;
      case 'in':
        for (let i = e.options.length - 1; i >= 0; i--) stack.push(e.options[i]);
        stack.push(e.operand);
        break;
      case 'call': {
        const spec = FUNCTIONS.get(e.fn.name);
        if (!spec || e.fn.name === 'date' || e.args.length < spec.arity[0] || e.args.length > spec.arity[1]) break;
        for (let i = e.args.length - 1; i >= 0; i--) stack.push(e.args[i]);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** The derived field a path in a row of `table` ends at, following lookups; null if it ends elsewhere. */
function resolve(path: Named[], table: string, tables: ReadonlyMap<string, TableScope>): DerivedRef | null {
  let current = table;
  for (let i = 0; i < path.length; i++) {
    const scope = tables.get(current);
    if (!scope) return null;
    const name = path[i].name;
    const source = scope.fields.get(name);
    if (source) {
      if (i === path.length - 1 || !source.lookup) return null;
      current = source.lookup;
      continue;
    }
    return scope.derived.has(name) ? { table: current, field: name } : null;
  }
  return null;
}
