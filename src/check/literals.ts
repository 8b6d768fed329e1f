/**
 * Number literals that probably do not say what their author meant (issue 8):
 * a plain number compared with a percent (PB3021), `150.000` written for one
 * hundred fifty thousand (PB3022), and an amount below the currency's smallest
 * unit (PB3023). Numbers stay exact decimal text here; nothing is rounded.
 */
import type { Expr } from '../language/ast.js';
import { type Diagnostic, error, warning } from '../language/diagnostics.js';

type NumberLiteral = Extract<Expr, { kind: 'number' }>;

/** The money the playbook counts in: its currency code and minor digits (USD 2, JPY 0). */
export interface MoneyUnit {
  currency: string;
  minorDigits: number;
}

/** `1.5` → `150`, `40` → `4000`, `0.205` → `20.5`: a plain number as the percent it means. Exact, on the text. */
export function asPercent(text: string): string {
  const [int, frac = ''] = text.split('.');
  const digits = `${int}${frac.slice(0, 2).padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  return frac.length > 2 ? `${digits}.${frac.slice(2)}` : digits;
}

/** PB3021: a number above 1 compared with a ratio means more than 100%; it is almost always a percent without its sign. */
export function plainAgainstPercent(literal: NumberLiteral): Diagnostic | null {
  if (!(Number(literal.text) > 1)) return null;
  return error('PB3021', literal.span, `${literal.text} is compared with a percent, so it means ${asPercent(literal.text)}%`, `write ${literal.text}% if you mean ${literal.text} percent`);
}

/** The text with trailing decimal zeros removed: `150.000` → `150`, `1.250` → `1.25`. */
function trimmed(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Warnings for a literal used as an amount of money (an amount, a band
 * threshold, or compared with, added to or subtracted from money).
 * - PB3022: exactly three digits after a point and one to three before it
 *   (`150.000`, `1.500`): in much of Europe that point groups thousands. Not
 *   for currencies that have three minor digits (KWD, BHD), where 1.500 is an
 *   ordinary price, nor when the number also has a grouping comma (`1,500.000`).
 * - PB3023: more than zero but less than the currency's smallest unit
 *   (`0.001` USD, `0.5` JPY): no amount can lie between it and 0.
 */
export function amountLiteralFindings(literal: Expr, unit: MoneyUnit): Diagnostic[] {
  if (literal.kind !== 'number') return [];
  const text = literal.text;
  const out: Diagnostic[] = unit.minorDigits < 3 ? groupingPointFindings(literal) : [];
  const value = Number(text);
  const smallest = 10 ** -unit.minorDigits;
  if (value > 0 && value < smallest) {
    const step = unit.minorDigits === 0 ? '1' : `0.${'0'.repeat(unit.minorDigits - 1)}1`;
    out.push(
      warning('PB3023', literal.span, `${text} is less than the smallest unit of ${unit.currency} (${step}), so no amount lies between it and 0`, `write an amount in whole ${step} units; if you meant a rate, write it as a percent (${asPercent(text)}%) and multiply: amount * ${asPercent(text)}%`),
    );
  }
  return out;
}

/**
 * PB3022 alone, for a literal compared with, added to or subtracted from a plain number (an
 * account's revenue, a head count): `revenue >= 5.000` is read as 5, where a European writer
 * meant five thousand. No currency there to make three decimals ordinary.
 */
export function groupingPointFindings(literal: Expr): Diagnostic[] {
  if (literal.kind !== 'number' || literal.grouped) return [];
  const text = literal.text;
  const point = /^([1-9]\d{0,2})\.(\d{3})$/.exec(text);
  if (!point) return [];
  const [, int, frac] = point;
  const meant = frac === '000' ? `${int} thousand` : `${int},${frac}`;
  return [warning('PB3022', literal.span, `${text} is read as ${trimmed(text)}: the point marks decimals`, `if you meant ${meant}, write ${int},${frac} or ${int}${frac}; if you meant ${trimmed(text)}, write ${trimmed(text)}`)];
}
