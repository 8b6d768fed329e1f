/**
 * Checks the minimums and caps of a `pay … in stages` section (the money lifecycle: a guaranteed
 * minimum per deal, and caps per deal or per period): `minimum N per deal [clawed back with the
 * deal]`, `cap N per deal`,
 * `cap N per month|quarter|year`. Amounts are money in the playbook currency, above zero (PB5308);
 * each is written once (PB5309); a minimum per deal cannot exceed the cap per deal (PB5310).
 */
import type { LimitClause, StagesRule } from '../language/ast-stages.js';
import { type Diagnostic, error } from '../language/diagnostics.js';
import { Decimal } from '../graph/decimal.js';

/** A section's minimums and caps; amounts are exact decimal text (money in the playbook currency). */
export interface CheckedLimits {
  /** `minimum N per deal`: a deal's commission above zero and below N is topped up to N. */
  minimumPerDeal: string | null;
  /** `cap N per deal`: a deal's commission above N is capped at N. */
  capPerDeal: string | null;
  /** `cap N per month|quarter|year`: a rep's commission of a component earned in the period above N is capped. */
  capPerPeriod: { amount: string; period: 'month' | 'quarter' | 'year' } | null;
  /** `minimum … per deal clawed back with the deal`: a reversal takes back the top-up too (by default it is kept). */
  topUpClawedBack: boolean;
}

const SCOPES = new Set(['deal', 'month', 'quarter', 'year']);

/** Checks `rule`'s minimums and caps; null when it has none (or they are wrong: reported). */
export function checkLimits(rule: StagesRule, diagnostics: Diagnostic[]): CheckedLimits | null {
  const topUp = rule.clawbacks.filter((c) => c.kind === 'topUp');
  if (rule.limits.length === 0) {
    // `clawed back with the deal` takes back a minimum's top-up: without a minimum it means nothing.
    for (const t of topUp) diagnostics.push(error('PB5308', t.span, 'there is no top-up to claw back with the deal: this section has no minimum per deal', 'write it after the minimum: minimum 500 per deal clawed back with the deal'));
    return null;
  }
  const out: CheckedLimits = { minimumPerDeal: null, capPerDeal: null, capPerPeriod: null, topUpClawedBack: false };
  const seen = new Map<string, LimitClause>();
  let ok = true;
  const fail = (code: 'PB5308' | 'PB5309' | 'PB5310', span: LimitClause['span'], message: string, hint: string) => {
    diagnostics.push(error(code, span, message, hint));
    ok = false;
  };
  for (const l of rule.limits) {
    const scope = l.scope.name.toLowerCase();
    if (!SCOPES.has(scope)) {
      fail('PB5308', l.scope.span, `"${l.scope.name}" is not something a ${l.kind} can be per`, `write ${l.kind} ${l.amount.written} per deal${l.kind === 'cap' ? ', per month, per quarter or per year' : ''}`);
      continue;
    }
    if (l.kind === 'minimum' && scope !== 'deal') {
      fail('PB5308', l.scope.span, `a minimum is per deal, not per ${scope}`, `write: minimum ${l.amount.written} per deal (a deal's commission below it is topped up); a guaranteed amount per ${scope} is a draw`);
      continue;
    }
    const amount = new Decimal(l.amount.text);
    if (!amount.gt(0)) {
      fail('PB5308', l.amount.span, `a ${l.kind} of ${l.amount.written} per ${scope} cannot be followed`, `write an amount above zero, in the playbook's currency: ${l.kind} 500 per ${scope}`);
      continue;
    }
    const key = l.kind === 'cap' && scope !== 'deal' ? 'cap per period' : `${l.kind} per ${scope}`;
    const earlier = seen.get(key);
    if (earlier) {
      fail('PB5309', l.span, `a ${key} is written twice in this section: it is already on line ${earlier.span.line}`, 'write each minimum and cap once per "pay … in stages" section');
      continue;
    }
    seen.set(key, l);
    if (l.kind === 'minimum') out.minimumPerDeal = amount.toString();
    else if (scope === 'deal') out.capPerDeal = amount.toString();
    else out.capPerPeriod = { amount: amount.toString(), period: scope as 'month' | 'quarter' | 'year' };
  }
  if (topUp.length > 0 && out.minimumPerDeal === null) {
    fail('PB5308', topUp[0].span, 'there is no top-up to claw back with the deal: this section has no minimum per deal', 'write it after the minimum: minimum 500 per deal clawed back with the deal');
  }
  out.topUpClawedBack = topUp.length > 0;
  if (out.minimumPerDeal !== null && out.capPerDeal !== null && new Decimal(out.minimumPerDeal).gt(out.capPerDeal)) {
    const min = seen.get('minimum per deal')!;
    fail('PB5310', min.amount.span, `the minimum per deal, ${min.amount.written}, is above the cap per deal, ${seen.get('cap per deal')!.amount.written}`, 'a deal cannot be topped up above what it may be paid: lower the minimum or raise the cap');
  }
  return ok ? out : null;
}
