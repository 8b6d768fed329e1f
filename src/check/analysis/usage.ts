/**
 * Definitions nobody uses (PB4401: a derived field, quota or indicator) and
 * divisions whose divisor can be zero (PB4402: a literal 0, a difference, or an
 * optional field). A division by zero gives a missing value, so a rule using
 * it quietly does not apply; the warning makes that visible.
 */
import type * as A from '../../language/ast.js';
import { type Diagnostic, warning } from '../../language/diagnostics.js';
import type { CheckedPlaybook, TExpr } from '../model.js';
import { walk } from './index.js';

/** Every expression of the checked playbook. */
function allExpressions(p: CheckedPlaybook): TExpr[] {
  const out: (TExpr | null)[] = [];
  for (const t of p.tables) out.push(...t.derived.map((d) => d.expr));
  out.push(p.outcomes.won, p.outcomes.lost);
  if (p.credit) out.push(p.credit.condition, p.credit.amount);
  out.push(...p.quotas.map((q) => q.amount));
  out.push(...p.bonuses.flatMap((b) => [b.condition, b.amount]));
  out.push(...p.redLines.map((r) => r.condition));
  out.push(...p.rankings.map((r) => r.metric));
  if (p.relationship) {
    out.push(...p.relationship.weights.map((w) => w.condition));
    out.push(...p.relationship.indicators.map((i) => i.condition));
    out.push(...p.relationship.tiers.map((t) => t.condition));
  }
  out.push(...p.assertions.map((a) => a.condition));
  return out.filter((e): e is TExpr => e !== null);
}

export function unusedFindings(ast: A.PlaybookAst, p: CheckedPlaybook): Diagnostic[] {
  const usedFields = new Set<string>();
  const usedQuotas = new Set<string>();
  const usedIndicators = new Set<string>();
  for (const e of allExpressions(p)) {
    walk(e, (x) => {
      if (x.k === 'field') for (const s of x.path) usedFields.add(`${s.table}.${s.field}`);
      if (x.k === 'firstPer') for (const s of [...x.group, ...x.order.flat()]) usedFields.add(`${s.table}.${s.field}`);
      if (x.k === 'builtin' && x.name === 'quota') usedQuotas.add(x.quota!);
      if (x.k === 'builtin' && x.name === 'indicator') usedIndicators.add(x.indicator!);
    });
  }
  for (const c of p.commissions) for (const b of c.bands) if (b.from.kind === 'quota') usedQuotas.add(b.from.quota);
  for (const r of p.rankings) if (r.tieBreak && p.repTable) usedFields.add(`${p.repTable}.${r.tieBreak.field}`);
  const out: Diagnostic[] = [];
  for (const t of ast.tables) {
    for (const d of t.derived) {
      if (!usedFields.has(`${t.name.name}.${d.name.name}`)) {
        out.push(warning('PB4401', d.name.span, `the derived field "${d.name.name}" is never used`, 'use it in a rule, or delete it'));
      }
    }
  }
  for (const r of ast.rules) {
    if (r.kind === 'quota' && !usedQuotas.has(r.name.name)) out.push(warning('PB4401', r.name.span, `the quota "${r.name.name}" is never used`, 'use it in a commission band (from 100% of …) or a rule, or delete it'));
    if (r.kind === 'indicator' && !usedIndicators.has(r.name.name)) out.push(warning('PB4401', r.name.span, `the indicator "${r.name.name}" is never used by a tier`, 'use it in a tier condition, or delete it (backtest still reports it)'));
  }
  return out;
}

/** Divisions in the AST whose divisor can be zero. */
export function divisionFindings(ast: A.PlaybookAst): Diagnostic[] {
  const optional = new Set(ast.tables.flatMap((t) => t.fields.filter((f) => f.optional).map((f) => f.name.name)));
  const out: Diagnostic[] = [];
  const visit = (e: A.Expr | null): void => {
    if (!e) return;
    switch (e.kind) {
      case 'binary': {
        if (e.op === '/') {
          const d = e.right;
          let why: string | null = null;
          if (d.kind === 'number' && Number(d.text) === 0) why = 'it is 0';
          else if (d.kind === 'binary' && d.op === '-') why = 'a difference is 0 when both sides are equal';
          else if (d.kind === 'ref' && d.path.length === 1 && optional.has(d.path[0].name)) why = `"${d.path[0].name}" is an optional field, and an empty or 0 cell divides by zero`;
          if (why) out.push(warning('PB4402', d.span, `this division can divide by zero: ${why}`, 'where the divisor is zero the result is missing, so a rule using it does not apply; guard it, e.g. when x > 0'));
        }
        visit(e.left);
        visit(e.right);
        break;
      }
      case 'unary':
      case 'missing':
        visit(e.operand);
        break;
      case 'in':
        visit(e.operand);
        e.options.forEach(visit);
        break;
      case 'call':
        e.args.forEach(visit);
        break;
      case 'sum':
      case 'distinct':
        visit(e.value);
        visit(e.filter);
        break;
      case 'count':
        visit(e.filter);
        break;
      default:
        break;
    }
  };
  for (const t of ast.tables) for (const d of t.derived) visit(d.expr);
  for (const r of ast.rules) {
    switch (r.kind) {
      case 'credit':
        visit(r.condition);
        visit(r.amount);
        break;
      case 'quota':
        visit(r.amount);
        break;
      case 'bonus':
        visit(r.condition);
        visit(r.amount);
        break;
      case 'redline':
      case 'mustwin':
      case 'indicator':
        visit(r.condition);
        break;
      case 'tier':
        visit(r.condition);
        break;
      case 'ranking':
        visit(r.metric);
        break;
      case 'scoring':
        r.weights.forEach((w) => visit(w.condition));
        break;
      default:
        break;
    }
  }
  return out;
}
