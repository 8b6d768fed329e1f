/**
 * PB3022 and PB3023 (check/literals.ts) on the amounts a playbook writes as plain numbers rather than
 * as expressions: a stage's `cap` and `minimum`, a `draw`, and a ranking's `reward`. `cap 250.000 per
 * year` is read as 250 in the playbook's currency, and nothing else would say so.
 */
import type { Rule } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostics.js';
import { type MoneyUnit, amountLiteralFindings } from './literals.js';

/** The findings on every cap, minimum, draw and ranking reward of `rules`, in the currency `unit`. */
export function writtenAmountFindings(rules: readonly Rule[], unit: MoneyUnit): Diagnostic[] {
  const out: Diagnostic[] = [];
  const amount = (text: string, written: string, span: Diagnostic['span']) => out.push(...amountLiteralFindings({ kind: 'number', text, grouped: written.includes(','), span }, unit));
  for (const rule of rules) {
    if (rule.kind === 'stages') for (const l of rule.limits) amount(l.amount.text, l.amount.written, l.amount.span);
    else if (rule.kind === 'draw') amount(rule.amount.text, rule.amount.text, rule.amount.span);
    else if (rule.kind === 'ranking') {
      // The reward's own position is not kept: the finding points at its `top …`/`bottom …` line.
      if (rule.top) amount(rule.top.reward, rule.top.reward, rule.top.span);
      if (rule.bottom?.reward) amount(rule.bottom.reward.replace(/^-/, ''), rule.bottom.reward, rule.bottom.span);
    }
  }
  return out;
}
