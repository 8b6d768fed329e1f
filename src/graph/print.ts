/**
 * Prints IR expressions back in the playbook's own words (`won and discount > 20%`),
 * for traces, `explain` and reports. Ratios print as percents; field paths with
 * dots; text in double quotes. Parenthesises by precedence so the printed text
 * reads back as the same expression.
 */
import type { TExpr } from './ir.js';

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, '=': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6 };

/** A ratio's decimal text as a percent: `0.2` → `20%`, `0.075` → `7.5%`. */
export function ratioAsPercent(text: string): string {
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = `${int}${frac.padEnd(2, '0')}`;
  const cut = int.length + 2;
  const whole = digits.slice(0, cut).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(cut).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${rest ? `.${rest}` : ''}%`;
}

function literal(e: Extract<TExpr, { k: 'lit' }>): string {
  if (typeof e.v === 'boolean') return e.v ? 'true' : 'false';
  if (e.t === 'text') return JSON.stringify(e.v);
  if (e.t === 'date') return `"${e.v}"`;
  if (e.t === 'ratio') return ratioAsPercent(e.v);
  return e.v;
}

function print(e: TExpr, outer: number): string {
  switch (e.k) {
    case 'lit':
      return literal(e);
    case 'field':
      return e.path.map((s) => s.field).join('.');
    case 'builtin':
      return e.name === 'quota' ? `quota ${e.quota}` : e.name === 'indicator' ? e.indicator! : e.name;
    case 'neg':
      return `-${print(e.e, 7)}`;
    case 'not':
      return `not ${print(e.e, 3)}`;
    case 'missing':
      return `${print(e.e, 4)} is ${e.neg ? 'not ' : ''}missing`;
    case 'in':
      return `${print(e.e, 4)} ${e.neg ? 'not in' : 'in'} (${e.options.map((o) => print(o, 0)).join(', ')})`;
    case 'call':
      return `${e.fn}(${e.args.map((a) => print(a, 0)).join(', ')})`;
    case 'sum':
      return `sum(${print(e.value, 0)} of ${e.table}${e.filter ? ` where ${print(e.filter, 0)}` : ''})`;
    case 'count':
      return `count(${e.table}${e.filter ? ` where ${print(e.filter, 0)}` : ''})`;
    case 'distinct':
      return `distinct(${print(e.value, 0)} of ${e.table}${e.filter ? ` where ${print(e.filter, 0)}` : ''})`;
    case 'firstPer':
      return `first credited per ${e.group.map((s) => s.field).join('.')} by ${e.order.map((o) => o.map((s) => s.field).join('.')).join(', ')}`;
    case 'bin': {
      const p = PRECEDENCE[e.op];
      const sym = e.op === '*' ? '×' : e.op;
      const text = `${print(e.l, p)} ${sym} ${print(e.r, p + 1)}`;
      return p < outer ? `(${text})` : text;
    }
  }
}

/** The expression in playbook words. */
export function printExpr(e: TExpr): string {
  return print(e, 0);
}
