/**
 * A condition of the playbook evaluated for one deal, with the values it read:
 * `won and margin < 20%` → true, because `won = yes, margin = 12.35%`.
 */
import type { TExpr } from '../../graph/ir.js';
import type { GraphNode } from '../../graph/nodes.js';
import { printExpr } from '../../graph/print.js';
import { isDecimal } from '../../runtime/decimal.js';
import { type GraphRun, nodeInputs } from '../../runtime/engine.js';
import { atDeal, compileContext, compileExpr, newEnv } from '../../runtime/expr.js';
import { groupedText, percentText } from '../../runtime/money.js';
import { dateText } from '../../runtime/periods.js';
import type { Value } from '../../runtime/values.js';

export interface ConditionReading {
  /** The condition in the playbook's words. */
  condition: string;
  /** true, false, or null when unknown (a value it needs is missing). */
  result: boolean | null;
  /** Each field or built-in it reads, with the deal's value (`margin = 12.35%`). */
  values: { name: string; value: string }[];
}

/** A value as an analyst reads it: amounts grouped, ratios as percents, dates ISO, missing as "missing". */
export function valueText(v: Value, type: TExpr['t'], digits: number): string {
  if (v === null || v === undefined) return 'missing';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (type === 'date' && typeof v === 'number') return dateText(v);
  if (isDecimal(v)) {
    if (type === 'ratio') return percentText(v);
    if (type === 'money') return groupedText(v, digits);
    return v.toSignificantDigits(10).toFixed();
  }
  return JSON.stringify(String(v));
}

function reads(e: TExpr, into: Map<string, TExpr>): Map<string, TExpr> {
  switch (e.k) {
    case 'field':
      into.set(printExpr(e), e);
      break;
    case 'builtin':
      if (e.name !== 'age' && e.name !== 'payout' && e.name !== 'forfeited') into.set(printExpr(e), e);
      break;
    case 'neg':
    case 'not':
    case 'missing':
      reads(e.e, into);
      break;
    case 'bin':
      reads(e.l, into);
      reads(e.r, into);
      break;
    case 'in':
      reads(e.e, into);
      break;
    case 'call':
      for (const a of e.args) reads(a, into);
      break;
    default:
      break;
  }
  return into;
}

/** Evaluates `expr` of `node` for deal `deal`, as the engine did, and reads its values. */
export function readCondition(g: GraphRun, node: GraphNode, expr: TExpr, deal: number, score: Value = null): ConditionReading {
  const ctx = compileContext(g.run, nodeInputs(g, node));
  const env = newEnv(g.run);
  atDeal(env, g.run.deals.source, deal);
  env.score = score as never;
  const result = compileExpr(expr, ctx)(env);
  const values = [...reads(expr, new Map()).entries()].map(([name, sub]) => ({ name, value: valueText(compileExpr(sub, ctx)(env), sub.t, g.run.digits) }));
  return { condition: printExpr(expr), result: result === null ? null : result === true, values };
}
