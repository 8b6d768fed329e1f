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

/** A structural key of an expression, ignoring positions: `cost`, `(amount - cost)`. */
function exprKey(e: A.Expr): string {
  switch (e.kind) {
    case 'number':
      return `n:${Number(e.text)}`;
    case 'percent':
      return `n:${Number(e.text) / 100}`;
    case 'ref':
      return `r:${e.path.map((p) => p.name).join('.')}`;
    case 'unary':
      return `u:${e.op}(${exprKey(e.operand)})`;
    case 'binary':
      return `b:${e.op}(${exprKey(e.left)},${exprKey(e.right)})`;
    case 'call':
      return `c:${e.fn.name}(${e.args.map(exprKey).join(',')})`;
    default:
      return `?:${e.kind}@${e.span.line}:${e.span.column}`;
  }
}

/** The value of a number or percent literal (`20%` → 0.2), or null. */
function literal(e: A.Expr): number | null {
  if (e.kind === 'number') return Number(e.text);
  if (e.kind === 'percent') return Number(e.text) / 100;
  if (e.kind === 'unary' && e.op === '-') {
    const v = literal(e.operand);
    return v === null ? null : -v;
  }
  return null;
}

/** The conjuncts of `a and b and c` (a single condition is its own conjunct). */
function conjuncts(e: A.Expr): A.Expr[] {
  return e.kind === 'binary' && e.op === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

const MIRROR: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '!=': '!=' };

/**
 * The expressions a condition proves non-zero wherever it holds: `x > 0`, `x >= 5`, `x < 0`,
 * `x != 0` (either way round) make `x` non-zero; `a > b`, `a < b`, `a != b` make `a - b` and
 * `b - a` non-zero. Only conjuncts count: where such a guard is false the whole `and` is false,
 * whatever the division gives, so the division by zero cannot change the rule's outcome.
 */
function nonZeroUnder(condition: A.Expr | null): Set<string> {
  const out = new Set<string>();
  if (!condition) return out;
  for (const c of conjuncts(condition)) {
    if (c.kind !== 'binary' || !(c.op in MIRROR)) continue;
    const r = literal(c.right);
    const l = literal(c.left);
    const [side, op, value] = r !== null ? [c.left, c.op, r] : l !== null ? [c.right, MIRROR[c.op], l] : [null, c.op, null];
    if (side && value !== null) {
      const excludesZero = (op === '>' && value >= 0) || (op === '>=' && value > 0) || (op === '<' && value <= 0) || (op === '<=' && value < 0) || (op === '!=' && value === 0);
      if (excludesZero) out.add(exprKey(side));
    } else if (!side && (c.op === '>' || c.op === '<' || c.op === '!=')) {
      out.add(exprKey({ kind: 'binary', op: '-', left: c.left, right: c.right, span: c.span, opSpan: c.opSpan }));
      out.add(exprKey({ kind: 'binary', op: '-', left: c.right, right: c.left, span: c.span, opSpan: c.opSpan }));
    }
  }
  return out;
}

/**
 * Whether `e` is 0 whatever the data: the number 0 or 0%, a product with such a factor (`x × 0`,
 * `(0 × rate) × x`), a quotient of 0 (`0 / x`: 0, or missing), its negation, or a sum or
 * difference of two of them. The divisor `(x × 0)` is then always 0 and the division always missing.
 */
function alwaysZero(e: A.Expr): boolean {
  switch (e.kind) {
    case 'number':
    case 'percent':
      return Number(e.text) === 0;
    case 'unary':
      return e.op === '-' && alwaysZero(e.operand);
    case 'binary':
      if (e.op === '*') return alwaysZero(e.left) || alwaysZero(e.right);
      if (e.op === '/') return alwaysZero(e.left);
      if (e.op === '+' || e.op === '-') return alwaysZero(e.left) && alwaysZero(e.right);
      return false;
    default:
      return false;
  }
}

/** Whether `e` has a division anywhere that {@link divisionFindings}' walk reaches (the same sub-expressions). */
function divides(e: A.Expr | null): boolean {
  if (!e) return false;
  switch (e.kind) {
    case 'binary':
      return e.op === '/' || divides(e.left) || divides(e.right);
    case 'unary':
    case 'missing':
      return divides(e.operand);
    case 'in':
      return divides(e.operand) || e.options.some(divides);
    case 'call':
      return e.args.some(divides);
    case 'sum':
    case 'distinct':
      return divides(e.value) || divides(e.filter);
    case 'count':
      return divides(e.filter);
    default:
      return false;
  }
}

/**
 * Divisions in the AST whose divisor can be zero. A divisor the surrounding `and`, or the
 * rule's `when` for its `pay` amount, proves non-zero (`when cost > 0 and (amount - cost) / cost
 * > 50%`) is not reported: that is the guard the warning's hint asks for.
 */
export function divisionFindings(ast: A.PlaybookAst): Diagnostic[] {
  const optional = new Set(ast.tables.flatMap((t) => t.fields.filter((f) => f.optional).map((f) => f.name.name)));
  const out: Diagnostic[] = [];
  const visit = (e: A.Expr | null, guarded: ReadonlySet<string> = new Set()): void => {
    if (!e) return;
    switch (e.kind) {
      case 'binary': {
        if (e.op === 'and') {
          const inner = new Set([...guarded, ...nonZeroUnder(e)]);
          for (const c of conjuncts(e)) visit(c, inner);
          break;
        }
        if (e.op === '/') {
          const d = e.right;
          let why: string | null = null;
          if (guarded.has(exprKey(d))) why = null;
          else if (d.kind === 'number' && Number(d.text) === 0) why = 'it is 0';
          else if (alwaysZero(d)) why = 'it is always 0 (a product with a factor of 0)';
          else if (d.kind === 'binary' && d.op === '-') why = 'a difference is 0 when both sides are equal';
          else if (d.kind === 'ref' && d.path.length === 1 && optional.has(d.path[0].name)) why = `"${d.path[0].name}" is an optional field, and an empty or 0 cell divides by zero`;
          if (why) out.push(warning('PB4402', d.span, `this division can divide by zero: ${why}`, 'where the divisor is zero the result is missing, so a rule using it does not apply; guard it, e.g. when x > 0'));
        }
        visit(e.left, guarded);
        visit(e.right, guarded);
        break;
      }
      case 'unary':
      case 'missing':
        visit(e.operand, guarded);
        break;
      case 'in':
        visit(e.operand, guarded);
        e.options.forEach((o) => visit(o, guarded));
        break;
      case 'call':
        e.args.forEach((a) => visit(a, guarded));
        break;
      case 'sum':
      case 'distinct':
        visit(e.value, guarded);
        visit(e.filter, guarded);
        break;
      case 'count':
        visit(e.filter, guarded);
        break;
      default:
        break;
    }
  };
  // Only an expression with a division can be reported: the others are not walked, and a rule's guards
  // are worked out only for an amount that divides (most rules of a large playbook divide nowhere).
  const visitDividing = (e: A.Expr | null, guardedBy?: A.Expr | null): void => {
    if (e && divides(e)) visit(e, guardedBy === undefined ? undefined : nonZeroUnder(guardedBy));
  };
  for (const t of ast.tables) for (const d of t.derived) visitDividing(d.expr);
  for (const r of ast.rules) {
    switch (r.kind) {
      case 'credit':
        visitDividing(r.condition);
        visitDividing(r.amount, r.condition);
        break;
      case 'quota':
        visitDividing(r.amount);
        break;
      case 'bonus':
        visitDividing(r.condition);
        visitDividing(r.amount, r.condition);
        break;
      case 'redline':
      case 'mustwin':
      case 'indicator':
        visitDividing(r.condition);
        break;
      case 'tier':
        visitDividing(r.condition);
        break;
      case 'ranking':
        visitDividing(r.metric);
        break;
      case 'scoring':
        r.weights.forEach((w) => visitDividing(w.condition));
        break;
      default:
        break;
    }
  }
  return out;
}
