/**
 * Rate tables: a decelerator (PB4201, the rate falls as credit rises) and the
 * cliff at each band edge of a retroactive table (PB4202: crossing the edge
 * re-prices everything below it, so one more unit of credit can add a lot), and a rate above
 * 100% (PB4203: the rep earns more than the amount sold — usually a typo such as `250%` for `2.5%`).
 */
import type * as A from '../../language/ast.js';
import { type Diagnostic, warning } from '../../language/diagnostics.js';
import type { CheckedPlaybook } from '../model.js';

function percent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(6))}%`;
}

function decimalsOf(text: string): number {
  return text.split('.')[1]?.length ?? 0;
}

function grouped(n: number, digits: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** PB4203: a rate that pays more than the credited amount itself. */
function aboveWhole(span: A.Span, ratio: number, what: string): Diagnostic {
  return warning(
    'PB4203',
    span,
    `${what} pays ${percent(ratio)} of the credited amount: more than the whole amount sold`,
    'check the rate: a commission is a share of the amount, so 2.5% is written 2.5%, not 250%',
  );
}

export function rateFindings(ast: A.PlaybookAst, checked: CheckedPlaybook): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of ast.rules) {
    if (rule.kind !== 'commission' || !rule.method) continue;
    const base = rule.baseRate ? Number(rule.baseRate.text) / 100 : 0;
    const rates = rule.bands.map((b) => (b.rate.kind === 'percent' ? Number(b.rate.text) / 100 : Number(b.rate.factor) * base));
    if (rule.baseRate && base > 1) out.push(aboveWhole(rule.baseRate.span, base, 'the base rate'));
    rule.bands.forEach((b, i) => {
      // A multiple of a base rate that is itself above 100% is reported once, at the base rate.
      if (rates[i] > 1 && !(b.rate.kind === 'multiple' && base > 1)) out.push(aboveWhole(b.rate.span, rates[i], 'this band'));
    });
    // Retroactive with a first band above zero: nothing below it, then its rate on everything.
    const first = rule.bands[0];
    if (rule.method === 'retroactive' && first && rates[0] > 0 && !(first.from.kind === 'amount' && Number(first.from.text) <= 0)) {
      const where = first.from.kind === 'amount' ? grouped(Number(first.from.text), decimalsOf(first.from.text)) : `${first.from.percent}% of ${first.from.quota.name}`;
      const jump = first.from.kind === 'amount' ? `${grouped(rates[0] * Number(first.from.text), checked.minorDigits)} ${checked.currency}` : `${percent((rates[0] * Number(first.from.percent)) / 100)} of the ${first.from.quota.name} quota`;
      out.push(warning('PB4202', first.from.span, `at ${where} one more unit of credit adds ${jump} to the payout: a retroactive table re-prices the whole amount at the new rate`, 'reps near the edge gain a lot by pulling a deal in (or lose by pushing one out); a marginal table has no cliff'));
    }
    for (let i = 1; i < rule.bands.length; i++) {
      const band = rule.bands[i];
      if (rates[i] < rates[i - 1]) {
        out.push(
          warning(
            'PB4201',
            band.rate.span,
            `the rate falls from ${percent(rates[i - 1])} to ${percent(rates[i])} at this band: a decelerator, so selling more earns less on each extra unit`,
            'if that is not intended, give higher bands higher rates',
          ),
        );
      }
      if (rule.method === 'retroactive' && rates[i] !== rates[i - 1]) {
        const change = rates[i] - rates[i - 1];
        const where = band.from.kind === 'amount' ? grouped(Number(band.from.text), decimalsOf(band.from.text)) : `${band.from.percent}% of ${band.from.quota.name}`;
        const jump =
          band.from.kind === 'amount'
            ? `${grouped(Math.abs(change) * Number(band.from.text), checked.minorDigits)} ${checked.currency}`
            : `${percent(Math.abs(change) * Number(band.from.percent) / 100)} of the ${band.from.quota.name} quota`;
        out.push(
          warning(
            'PB4202',
            band.from.span,
            `at ${where} one more unit of credit ${change > 0 ? 'adds' : 'removes'} ${jump} ${change > 0 ? 'to' : 'from'} the payout: a retroactive table re-prices the whole amount at the new rate`,
            'reps near the edge gain a lot by pulling a deal in (or lose by pushing one out); a marginal table has no cliff',
          ),
        );
      }
    }
  }
  return out;
}
