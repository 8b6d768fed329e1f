/**
 * Name resolution and type/unit checking of expressions.
 *
 * Unit rules (money is in the playbook currency; ratio is a fraction; number is
 * unitless and takes the unit of what it is combined with):
 * - money ± money → money; money ± ratio is an error (PB3001);
 * - money × number|ratio → money; money × money is an error;
 * - money ÷ money → ratio; money ÷ number|ratio → money;
 * - comparisons need the same unit (number matches any), or two dates, texts or booleans (PB3002).
 */
import type { Expr, Named, Span } from '../language/ast.js';
import type { ErrorCode } from '../language/codes.js';
import { type Diagnostic, error, warning } from '../language/diagnostics.js';
import type { FieldStep, TExpr, TypeOrError, ValueType } from './model.js';
import { type Context, type TableScope, valueTypeOf } from './scope.js';
import { type MoneyUnit, amountLiteralFindings, groupingPointFindings, plainAgainstPercent } from './literals.js';
import { suggestionHint } from './suggest.js';
import { mixedAndOrFindings } from './mixed-and-or.js';

const numeric = new Set<TypeOrError>(['money', 'number', 'ratio']);
/** Names an assertion can read when the playbook pays in stages (domain.md §4, pay fast). */
const PAY_FAST_NAMES = new Set(['held', 'days_to_pay_median', 'days_to_pay_p90', 'days_to_pay_max']);

/** Digits before the decimal point a number may have (a quadrillion): exact arithmetic keeps 40 significant digits. */
export const MAX_INTEGER_DIGITS = 15;
/** The table relationship actions are read from. */
export const ACTIVITIES = 'activities';

const unitWords: Record<ValueType, string> = {
  money: 'an amount of money',
  ratio: 'a ratio (percent)',
  number: 'a number',
  text: 'a text',
  date: 'a date',
  boolean: 'a yes/no condition',
};

export function describeType(t: TypeOrError): string {
  return t === 'error' ? 'an unreadable value' : unitWords[t];
}

/**
 * Functions an expression may call: name → number of values and how it is called.
 * A Map, not an object literal: a user's `toString(…)` or `constructor(…)` must not
 * find a property every JavaScript object has.
 */
export const FUNCTIONS: ReadonlyMap<string, { arity: [number, number]; describe: string }> = new Map<string, { arity: [number, number]; describe: string }>([
  ['min', { arity: [2, 20], describe: 'min(a, b, …): the smallest value' }],
  ['max', { arity: [2, 20], describe: 'max(a, b, …): the largest value' }],
  ['clamp', { arity: [3, 3], describe: 'clamp(x, low, high): x held between low and high' }],
  ['abs', { arity: [1, 1], describe: 'abs(x): x without its sign' }],
  ['year', { arity: [1, 1], describe: 'year(date)' }],
  ['month', { arity: [1, 1], describe: 'month(date): 1–12' }],
  ['day', { arity: [1, 1], describe: 'day(date): 1–31' }],
  ['days_between', { arity: [2, 2], describe: 'days_between(start, end): whole days from start to end' }],
  ['date', { arity: [1, 1], describe: 'date("YYYY-MM-DD")' }],
]);

export class ExpressionChecker {
  constructor(
    private readonly tables: Map<string, TableScope>,
    private readonly diagnostics: Diagnostic[],
    /** Checks a derived field on first use; returns its type (or 'error'). */
    private readonly resolveDerived: (table: string, field: string, usedAt: Span) => TypeOrError,
    private readonly outcomesDeclared: { won: boolean; lost: boolean },
  ) {}

  /** The playbook's currency, for warnings about amounts written as literals; set once the header is read. */
  money: MoneyUnit = { currency: 'the currency', minorDigits: 2 };

  private report(code: ErrorCode, span: Span, message: string, hint?: string): void {
    this.diagnostics.push(error(code, span, message, hint));
  }

  /** Checks `expr` in `ctx`; returns the typed expression, or null after reporting why not. */
  check(expr: Expr, ctx: Context): TExpr | null {
    switch (expr.kind) {
      case 'error':
        return null;
      case 'number':
        if (expr.text.split('.')[0].replace(/^0+/, '').length > MAX_INTEGER_DIGITS) {
          this.report('PB3016', expr.span, `${expr.text.length > 24 ? `${expr.text.slice(0, 20)}…` : expr.text} is too large: amounts have at most ${MAX_INTEGER_DIGITS} digits before the decimal point`, 'check for a missing decimal point, or an ID pasted in place of an amount');
          return null;
        }
        return { k: 'lit', t: 'number', v: expr.text };
      case 'percent':
        return { k: 'lit', t: 'ratio', v: percentToRatio(expr.text) };
      case 'string':
        return { k: 'lit', t: 'text', v: expr.value };
      case 'boolean':
        return { k: 'lit', t: 'boolean', v: expr.value };
      case 'ref':
        return this.reference(expr.path, ctx, expr.span);
      case 'unary': {
        const operand = this.check(expr.operand, ctx);
        if (!operand) return null;
        if (expr.op === 'not') {
          if (!this.expectBoolean(operand, expr.operand.span, '"not"')) return null;
          return { k: 'not', t: 'boolean', e: operand };
        }
        if (!numeric.has(operand.t)) {
          this.report('PB3001', expr.span, `cannot negate ${describeType(operand.t)}`);
          return null;
        }
        return { k: 'neg', t: operand.t, e: operand };
      }
      case 'binary':
        return this.binary(expr, ctx);
      case 'missing': {
        const operand = this.check(expr.operand, ctx);
        return operand ? { k: 'missing', t: 'boolean', e: operand, neg: expr.negated } : null;
      }
      case 'in': {
        this.warnGroupedInList(expr.options);
        const operand = this.check(expr.operand, ctx);
        const options = expr.options.map((o) => this.check(o, ctx));
        if (!operand || options.some((o) => o === null)) return null;
        for (let i = 0; i < options.length; i++) {
          const o = options[i]!;
          if (!comparable(operand.t, o.t)) {
            this.report('PB3002', expr.options[i].span, `cannot compare ${describeType(operand.t)} with ${describeType(o.t)}`);
            return null;
          }
        }
        const option = expr.options.find((o) => o.kind === 'number' && operand.t === 'ratio' && plainAgainstPercent(o) !== null);
        if (option?.kind === 'number') {
          this.diagnostics.push(plainAgainstPercent(option)!);
          return null;
        }
        if (operand.t === 'money') for (const o of expr.options) this.diagnostics.push(...amountLiteralFindings(o, this.money));
        return { k: 'in', t: 'boolean', e: operand, options: options as TExpr[], neg: expr.negated };
      }
      case 'call':
        return this.call(expr.fn, expr.args, ctx, expr.span);
      case 'sum':
      case 'count':
      case 'distinct':
        if (expr.table.name === ACTIVITIES) return this.activityAggregate(expr, ctx);
        if (expr.kind === 'distinct') {
          this.report('PB3008', expr.span, 'distinct(…) counts different values among a deal\'s account activities; use it in indicators and tiers');
          return null;
        }
        return this.aggregate(expr, ctx);
      case 'firstPer': {
        if (ctx.kind !== 'deal' || !ctx.allowCredited) {
          this.report('PB3008', expr.span, '"first credited per …" can only be used in a bonus paid per deal', 'it picks, among credited deals, the first one of each group');
          return null;
        }
        const group = this.fieldPath([expr.group], ctx.table, expr.group.span);
        const order = expr.order.map((o) => this.fieldPath([o], ctx.table, o.span));
        if (!group || order.some((o) => o === null)) return null;
        return { k: 'firstPer', t: 'boolean', group: group.path, order: order.map((o) => o!.path) };
      }
    }
  }

  /** Checks a condition: the expression must be a yes/no value. */
  condition(expr: Expr, ctx: Context): TExpr | null {
    const checked = this.check(expr, ctx);
    if (!checked) return null;
    return this.expectBoolean(checked, expr.span, 'a condition') ? checked : null;
  }

  /** Checks an amount: the expression must be money (a plain number is taken as money). */
  amount(expr: Expr, ctx: Context, what: string): TExpr | null {
    const checked = this.check(expr, ctx);
    if (!checked) return null;
    if (checked.t !== 'money' && checked.t !== 'number') {
      this.report('PB3004', expr.span, `${what} must be an amount of money, but this is ${describeType(checked.t)}`);
      return null;
    }
    this.diagnostics.push(...amountLiteralFindings(expr, this.money));
    return checked.t === 'money' ? checked : ({ ...checked, t: 'money' } as TExpr);
  }

  private expectBoolean(e: TExpr, span: Span, where: string): boolean {
    if (e.t === 'boolean') return true;
    this.report('PB3003', span, `${where} needs a yes/no condition, but this is ${describeType(e.t)}`, 'compare it with something, e.g. amount > 0');
    return false;
  }

  private reference(path: Named[], ctx: Context, span: Span): TExpr | null {
    const head = path[0];
    if (path.length === 1) {
      const builtin = this.builtin(head, ctx);
      if (builtin !== undefined) return builtin;
    }
    const resolved = this.fieldPath(path, ctx.table, span, ctx);
    return resolved ? { k: 'field', t: resolved.type, path: resolved.path } : null;
  }

  /** Built-in names; `undefined` means "not a built-in here, try fields". */
  private builtin(name: Named, ctx: Context): TExpr | null | undefined {
    if (ctx.kind === 'deal' || ctx.kind === 'row') {
      if (name.name === 'won' || name.name === 'lost') {
        const table = this.tables.get(ctx.table);
        if (table?.fields.has(name.name) || table?.derived.has(name.name)) return undefined;
        if (ctx.kind === 'deal' && ctx.relationship) {
          this.report('PB3008', name.span, `"${name.name}" cannot be used in ${ctx.where}`, 'tiers and indicators judge a deal before its outcome is known, so they cannot look at it');
          return null;
        }
        if (ctx.kind === 'row' || !this.outcomesDeclared[name.name]) {
          this.report(
            'PB2001',
            name.span,
            ctx.kind === 'row' ? `"${name.name}" cannot be used inside a table's own definitions` : `"${name.name}" is not defined`,
            ctx.kind === 'row' && this.outcomesDeclared[name.name]
              ? `a table's derived fields are worked out before its "${name.name} when …" line: write that line's condition here instead of "${name.name}"`
              : `declare it in the deals table, e.g. ${name.name} when stage = "${name.name === 'won' ? 'Won' : 'Lost'}"`,
          );
          return null;
        }
        return { k: 'builtin', t: 'boolean', name: name.name };
      }
      if (name.name === 'credited' && ctx.kind === 'deal' && !this.tables.get(ctx.table)?.fields.has('credited')) {
        if (!ctx.allowCredited) {
          this.report('PB3008', name.span, `"credited" cannot be used in ${ctx.where}`, 'whether a deal is credited depends on the red lines and the credit rule, so it is only known to bonuses');
          return null;
        }
        return { k: 'builtin', t: 'boolean', name: 'credited' };
      }
    }
    if (ctx.kind === 'deal' && ctx.relationship) {
      const table = this.tables.get(ctx.table);
      if (!table?.fields.has(name.name) && !table?.derived.has(name.name)) {
        if (name.name === 'score' && ctx.relationship.score) return { k: 'builtin', t: 'number', name: 'score' };
        if (ctx.relationship.indicators.includes(name.name)) return { k: 'builtin', t: 'boolean', name: 'indicator', indicator: name.name };
      }
    }
    if (ctx.kind === 'activity' && !ctx.noAge && name.name === 'age' && !this.tables.get(ctx.table)?.fields.has('age')) {
      return { k: 'builtin', t: 'number', name: 'age' };
    }
    if (ctx.kind === 'rep') {
      const table = this.tables.get(ctx.table);
      if (table?.fields.has(name.name) || table?.derived.has(name.name)) return undefined;
      if (name.name === 'credited') {
        if (ctx.noResults) {
          this.report('PB3008', name.span, `"credited" cannot be used in ${ctx.where}`, 'a target is set before the results are known, so it cannot depend on them');
          return null;
        }
        return { k: 'builtin', t: 'money', name: 'credited' };
      }
      if (ctx.quotas.includes(name.name)) return { k: 'builtin', t: 'money', name: 'quota', quota: name.name };
      if (ctx.statement && (name.name === 'payout' || name.name === 'forfeited')) return { k: 'builtin', t: 'money', name: name.name };
      // Pay fast and held (commission paid in stages): the rep's figures at the end of the data.
      if (ctx.statement && PAY_FAST_NAMES.has(name.name)) {
        if (!ctx.stages) {
          this.report('PB3008', name.span, `"${name.name}" is only known for commission paid in stages, and this playbook pays nothing in stages`, 'add a "pay … in stages" section, or leave this name out');
          return null;
        }
        return { k: 'builtin', t: name.name === 'held' ? 'money' : 'number', name: name.name as 'held' };
      }
    }
    return undefined;
  }

  /** Resolves `a.b.c` starting in `tableName`: each step but the last must be a lookup field. */
  fieldPath(path: Named[], tableName: string, span: Span, ctx?: Context): { type: ValueType; path: FieldStep[] } | null {
    const steps: FieldStep[] = [];
    let table = tableName;
    let type: TypeOrError = 'error';
    for (let i = 0; i < path.length; i++) {
      const part = path[i];
      const scope = this.tables.get(table);
      if (!scope) return null;
      const source = scope.fields.get(part.name);
      if (source) {
        type = valueTypeOf(source.type);
        steps.push({ table, field: part.name });
        if (i < path.length - 1) {
          if (!source.lookup) {
            this.report('PB2007', path[i + 1].span, `"${part.name}" is a ${source.type} field, not a lookup, so "${path[i + 1].name}" cannot be read through it`, `add "lookup TABLE" to the field "${part.name}" in table ${table}`);
            return null;
          }
          table = source.lookup;
        }
        continue;
      }
      if (scope.derived.has(part.name)) {
        type = this.resolveDerived(table, part.name, part.span);
        if (type === 'error') return null;
        steps.push({ table, field: part.name });
        if (i < path.length - 1) {
          this.report('PB2007', path[i + 1].span, `"${part.name}" is a derived field, not a lookup`);
          return null;
        }
        continue;
      }
      if (scope.unusable.has(part.name)) return null;
      const candidates = [...scope.fields.keys(), ...scope.derived.keys()];
      if (i === 0 && ctx) {
        if (ctx.kind === 'deal') {
          for (const outcome of ['won', 'lost'] as const) if (this.outcomesDeclared[outcome]) candidates.push(outcome);
          if (ctx.allowCredited) candidates.push('credited');
        }
        if (ctx.kind === 'rep') candidates.push('credited', ...ctx.quotas);
        if (ctx.kind === 'deal' && ctx.relationship) candidates.push(...ctx.relationship.indicators, ...(ctx.relationship.score ? ['score'] : []));
        if (ctx.kind === 'activity' && !ctx.noAge) candidates.push('age');
      }
      this.report('PB2001', part.span, `"${part.name}" is not a field of ${table}`, suggestionHint(part.name, candidates, `fields of ${table}`));
      return null;
    }
    return type === 'error' ? null : { type, path: steps };
  }

  private binary(expr: Extract<Expr, { kind: 'binary' }>, ctx: Context): TExpr | null {
    const l = this.check(expr.left, ctx);
    const r = this.check(expr.right, ctx);
    if (!l || !r) return null;
    const op = expr.op;
    if (op === 'and' || op === 'or') {
      if (!this.expectBoolean(l, expr.left.span, `"${op}"`) || !this.expectBoolean(r, expr.right.span, `"${op}"`)) return null;
      this.diagnostics.push(...mixedAndOrFindings(expr));
      return { k: 'bin', t: 'boolean', op, l, r };
    }
    if (op === '=' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
      if (!comparable(l.t, r.t)) {
        this.report('PB3002', expr.opSpan, `cannot compare ${describeType(l.t)} with ${describeType(r.t)}`, hintForMismatch(l.t, r.t));
        return null;
      }
      const percentProblem = (l.t === 'ratio' && expr.right.kind === 'number' ? plainAgainstPercent(expr.right) : null) ?? (r.t === 'ratio' && expr.left.kind === 'number' ? plainAgainstPercent(expr.left) : null);
      if (percentProblem) {
        this.diagnostics.push(percentProblem);
        return null;
      }
      this.warnAmountLiterals(l, r, expr);
      if ((l.t === 'boolean' || l.t === 'text') && op !== '=' && op !== '!=') {
        this.report('PB3002', expr.opSpan, `${describeType(l.t)} can only be compared with = or !=`);
        return null;
      }
      return { k: 'bin', t: 'boolean', op, l, r };
    }
    const t = arithmeticType(op, l.t, r.t);
    if (typeof t !== 'string' || t === 'error') {
      const verb = op === '+' ? 'add' : op === '-' ? 'subtract' : op === '*' ? 'multiply' : 'divide';
      this.report('PB3001', expr.opSpan, `cannot ${verb} ${describeType(l.t)} and ${describeType(r.t)}`, hintForMismatch(l.t, r.t));
      return null;
    }
    if (op === '+' || op === '-') this.warnAmountLiterals(l, r, expr);
    return { k: 'bin', t, op, l, r };
  }

  /** PB3022/PB3023 on a literal side of a comparison, sum or difference whose other side is money; PB3022 when it is a plain number. */
  private warnAmountLiterals(l: TExpr, r: TExpr, expr: Extract<Expr, { kind: 'binary' }>): void {
    if (r.t === 'money') this.diagnostics.push(...amountLiteralFindings(expr.left, this.money));
    else if (r.t === 'number' && r.k !== 'lit') this.diagnostics.push(...groupingPointFindings(expr.left));
    if (l.t === 'money') this.diagnostics.push(...amountLiteralFindings(expr.right, this.money));
    else if (l.t === 'number' && l.k !== 'lit') this.diagnostics.push(...groupingPointFindings(expr.right));
  }

  /**
   * Commas group digits, so `in (100,200)` holds one number, 100200. Warned in `in (…)`
   * lists, and in a call that then has too few values (`clamp(x,0,100)`); `max(1,000, 2)` is fine.
   */
  private warnGroupedInList(items: Expr[]): void {
    for (const item of items) {
      if (item.kind === 'number' && item.grouped) {
        this.diagnostics.push(
          warning('PB3010', item.span, `${item.text.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} is read as one number, ${item.text}`, `if you meant separate values, put a space after each comma: ${item.text.slice(0, -3)}, ${item.text.slice(-3)}`),
        );
      }
    }
  }

  private call(fn: Named, args: Expr[], ctx: Context, span: Span): TExpr | null {
    const spec = FUNCTIONS.get(fn.name);
    if (!spec) {
      this.report('PB2006', fn.span, `there is no function "${fn.name}"`, suggestionHint(fn.name, [...FUNCTIONS.keys()], 'functions', FUNCTIONS.size));
      return null;
    }
    if (args.length < spec.arity[0] || args.length > spec.arity[1]) {
      const wanted = spec.arity[0] === spec.arity[1] ? `${spec.arity[0]} value${spec.arity[0] === 1 ? '' : 's'}` : `${spec.arity[0]} or more values`;
      this.report('PB3017', span, `${fn.name} takes ${wanted}, got ${args.length}`, spec.describe);
      this.warnGroupedInList(args); // `clamp(x,0,100)` has two arguments: 0,100 reads as one number
      return null;
    }
    if (fn.name === 'date') {
      const a = args[0];
      if (a.kind !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(a.value) || !validDate(a.value)) {
        this.report('PB3018', a.span, 'date(...) needs a real date written "YYYY-MM-DD"', 'for example date("2017-03-31")');
        return null;
      }
      return { k: 'lit', t: 'date', v: a.value };
    }
    const checked = args.map((a) => this.check(a, ctx));
    if (checked.some((c) => c === null)) return null;
    const typed = checked as TExpr[];
    if (fn.name === 'year' || fn.name === 'month' || fn.name === 'day' || fn.name === 'days_between') {
      for (let i = 0; i < typed.length; i++) {
        if (typed[i].t !== 'date') {
          this.report('PB3019', args[i].span, `${fn.name} needs a date, but this is ${describeType(typed[i].t)}`, spec.describe);
          return null;
        }
      }
      return { k: 'call', t: 'number', fn: fn.name, args: typed };
    }
    // min, max, clamp, abs: numeric, one unit.
    let unit: TypeOrError = 'number';
    for (let i = 0; i < typed.length; i++) {
      const t = typed[i].t;
      if (!numeric.has(t)) {
        this.report('PB3020', args[i].span, `${fn.name} needs numbers or amounts, but this is ${describeType(t)}`, spec.describe);
        return null;
      }
      if (t !== 'number') {
        if (unit !== 'number' && unit !== t) {
          this.report('PB3001', args[i].span, `${fn.name} mixes ${describeType(unit)} and ${describeType(t)}`, hintForMismatch(unit, t));
          return null;
        }
        unit = t;
      }
    }
    return { k: 'call', t: unit as ValueType, fn: fn.name, args: typed };
  }

  /** count/sum/distinct over the activities of a deal's account up to its as-of date (indicators and tiers). */
  private activityAggregate(expr: Extract<Expr, { kind: 'sum' | 'count' | 'distinct' }>, ctx: Context): TExpr | null {
    if (ctx.kind !== 'deal' || !ctx.relationship) {
      this.report('PB3008', expr.span, `${expr.kind}(… activities …) looks at a deal's relationship history, so it can only be used in indicators and tiers`);
      return null;
    }
    if (!this.tables.has(ACTIVITIES)) return null;
    const inner: Context = { kind: 'activity', table: ACTIVITIES, where: `${expr.kind}(…)` };
    const filter = expr.filter ? this.condition(expr.filter, inner) : null;
    if (expr.filter && !filter) return null;
    if (expr.kind === 'count') return { k: 'count', t: 'number', table: ACTIVITIES, filter };
    const value = this.check(expr.value, inner);
    if (!value) return null;
    if (expr.kind === 'distinct') return { k: 'distinct', t: 'number', table: ACTIVITIES, value, filter };
    if (!numeric.has(value.t)) {
      this.report('PB3004', expr.value.span, `sum(…) needs numbers or amounts, but this is ${describeType(value.t)}`);
      return null;
    }
    return { k: 'sum', t: value.t, table: ACTIVITIES, value, filter };
  }

  private aggregate(expr: Extract<Expr, { kind: 'sum' | 'count' }>, ctx: Context): TExpr | null {
    if (ctx.kind !== 'rep' || !ctx.deals) {
      this.report('PB3008', expr.span, `${expr.kind}(…) adds up a rep's deals, so it can only be used in rules about reps (ranking, bonus per rep, red line on reps)`);
      return null;
    }
    if (expr.table.name !== ctx.deals) {
      this.report('PB2003', expr.table.span, `${expr.kind}(…) can only go over ${ctx.deals}, not "${expr.table.name}"`);
      return null;
    }
    const inner: Context = { kind: 'deal', table: ctx.deals, allowCredited: true, where: `${expr.kind}(…)` };
    const filter = expr.filter ? this.condition(expr.filter, inner) : null;
    if (expr.filter && !filter) return null;
    if (expr.kind === 'count') return { k: 'count', t: 'number', table: ctx.deals, filter };
    const value = this.check(expr.value, inner);
    if (!value) return null;
    if (!numeric.has(value.t)) {
      this.report('PB3004', expr.value.span, `sum(…) needs numbers or amounts, but this is ${describeType(value.t)}`);
      return null;
    }
    return { k: 'sum', t: value.t, table: ctx.deals, value, filter };
  }
}

/** `20` (from `20%`) → `0.2`, exact. */
export function percentToRatio(text: string): string {
  const [int, frac = ''] = text.split('.');
  const digits = (int.replace(/^0+/, '') || '0').padStart(3, '0') + frac;
  const point = digits.length - frac.length - 2;
  const out = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/^0+(?=\d)/, '');
  return out.replace(/\.?0+$/, '') || '0';
}

function validDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function comparable(a: TypeOrError, b: TypeOrError): boolean {
  if (a === b) return true;
  if (numeric.has(a) && numeric.has(b)) return a === 'number' || b === 'number';
  return false;
}

function arithmeticType(op: '+' | '-' | '*' | '/', a: ValueType, b: ValueType): TypeOrError {
  if (op === '-' && a === 'date' && b === 'date') return 'number';
  if ((op === '+' || op === '-') && a === 'date' && b === 'number') return 'date';
  if (!numeric.has(a) || !numeric.has(b)) return 'error';
  if (op === '+' || op === '-') {
    if (a === b) return a;
    if (a === 'number') return b;
    if (b === 'number') return a;
    return 'error'; // money ± ratio
  }
  if (op === '*') {
    if (a === 'money' && b === 'money') return 'error';
    if (a === 'money' || b === 'money') return 'money';
    if (a === 'ratio' || b === 'ratio') return 'ratio';
    return 'number';
  }
  // division
  if (a === 'money' && b === 'money') return 'ratio';
  if (a === 'money') return 'money';
  if (b === 'money') return 'error';
  if (a === 'ratio' || b === 'ratio') return 'ratio';
  return 'number';
}

function hintForMismatch(a: TypeOrError, b: TypeOrError): string | undefined {
  if ((a === 'money' && b === 'ratio') || (a === 'ratio' && b === 'money')) {
    return 'to take a percent of an amount, multiply: amount * 5%';
  }
  if (a === 'text' || b === 'text') return 'texts are compared with = or != against quoted text, e.g. stage = "Won"';
  return undefined;
}
