/**
 * The checks on the money lifecycle's period rules (PB5401–PB5499): a commission table on a
 * to-date basis (`on year-to-date credited paid per quarter`), draws (`draw 5,000 per month
 * recoverable, recover at most 50% of earnings per month, at year end write off`) and annual
 * amounts paid in instalments (`pay 50,000 per year in monthly instalments`).
 * See docs/language.md §8b, §9a and §9b.
 */
import type * as A from '../language/ast.js';
import type { ErrorCode } from '../language/codes.js';
import { percentToRatio } from './expressions.js';
import type { CheckedDraw } from './model.js';

type Report = (code: ErrorCode, span: A.Span, message: string, hint?: string) => void;

/** Months in one period of each unit, to compare periods' lengths. */
const MONTHS: Record<A.PeriodUnit, number> = { month: 1, quarter: 3, year: 12 };

/**
 * A to-date basis must be longer than the pay period (PB5401): a year-to-date table paid per year
 * is the yearly table, a quarter-to-date one paid per quarter is the quarterly table.
 * @returns the basis unit, or null when there is none or it is refused (the finding is reported).
 */
export function checkBasis(rule: A.CommissionRule, report: Report): 'year' | 'quarter' | null {
  const basis = rule.basis;
  if (!basis) return null;
  if (MONTHS[rule.period] >= MONTHS[basis.unit]) {
    const shorter = basis.unit === 'year' ? '"paid per quarter" or "paid per month"' : '"paid per month"';
    report(
      'PB5401',
      basis.span,
      `commission "${rule.name.name}" runs on ${basis.unit}-to-date credit but is paid per ${rule.period}: each ${rule.period} would stand alone, so the to-date basis means nothing`,
      `pay it more often than the basis (${shorter}), or write "on credited per ${rule.period}" for a table where each ${rule.period} stands alone`,
    );
    return null;
  }
  return basis.unit;
}

/** Instalments are of an amount paid once a year: a bonus per rep per year (PB5406). */
export function checkInstalments(rule: A.BonusRule, report: Report): 'month' | 'quarter' | null {
  const inst = rule.instalments;
  if (rule.amountPerYear && (rule.scope !== 'rep' || (rule.period ?? 'year') !== 'year')) {
    const what = rule.scope === 'deal' ? 'per deal' : `per ${rule.period}`;
    report('PB5406', rule.amountPerYear, `bonus "${rule.name.name}" is paid ${what}, but its amount is written per year`, `a bonus per rep without a period is paid once a year: bonus "${rule.name.name}" per rep pay … per year${inst ? ` in ${inst.every === 'month' ? 'monthly' : 'quarterly'} instalments` : ''}`);
    return null;
  }
  if (!inst) return null;
  if (rule.scope !== 'rep' || (rule.period ?? 'year') !== 'year') {
    const what = rule.scope === 'deal' ? 'is paid per deal' : `is paid per ${rule.period}`;
    report('PB5406', inst.span, `bonus "${rule.name.name}" ${what}; only an amount paid once a year can be paid in instalments`, `write it as a yearly amount: bonus "${rule.name.name}" per rep pay … per year in ${inst.every === 'month' ? 'monthly' : 'quarterly'} instalments`);
    return null;
  }
  return inst.every;
}

/**
 * The playbook's draw (at most one, PB5407): a recoverable draw says what happens at year end
 * (PB5404); its recovery cap is a percent from above 0% to 100% (PB5402) of the draw period's
 * earnings (PB5405); and no commission table is paid per a longer period than the draw (PB5403),
 * since a period's earnings must be known when the draw tops them up.
 * @param commissions each table's name and pay period, with the span to point at.
 */
export function checkDraw(rules: A.Rule[], commissions: { name: string; period: A.PeriodUnit }[], report: Report): CheckedDraw | null {
  const draws = rules.filter((r): r is A.DrawRule => r.kind === 'draw');
  for (const extra of draws.slice(1)) report('PB5407', extra.span, `a playbook has one draw; this one is the second (the first is on line ${draws[0].span.line})`, 'keep one draw line: a rep is advanced one amount per period');
  const draw = draws[0];
  if (!draw) return null;
  let ok = true;
  const longer = commissions.find((c) => MONTHS[c.period] > MONTHS[draw.period]);
  if (longer) {
    report(
      'PB5403',
      draw.periodSpan,
      `the draw is per ${draw.period}, but commission "${longer.name}" is paid per ${longer.period}: a ${draw.period}'s earnings are not known until the ${longer.period} ends`,
      `draw per ${longer.period}, or pay the table per ${draw.period} on its to-date credit: commission "${longer.name}" on ${longer.period === 'quarter' ? 'quarter' : 'year'}-to-date credited paid per ${draw.period}`,
    );
    ok = false;
  }
  if (draw.cap) {
    const percent = Number(draw.cap.percent);
    if (!(percent > 0 && percent <= 100)) {
      report('PB5402', draw.cap.span, `a recovery cap of ${draw.cap.percent}% of earnings ${percent > 100 ? 'takes back more than the rep earned' : 'never recovers anything'}`, 'the cap is the most of a period\'s earnings that may repay the draw: a percent above 0% and at most 100%, e.g. recover at most 50% of earnings per month');
      ok = false;
    }
    if (draw.cap.period !== draw.period) {
      report('PB5405', draw.cap.span, `the recovery cap is per ${draw.cap.period}, but the draw is per ${draw.period}`, `recovery happens once per draw period: recover at most ${draw.cap.percent}% of earnings per ${draw.period}`);
      ok = false;
    }
  }
  if (draw.recoverable && !draw.yearEnd) {
    report('PB5404', draw.kindSpan, 'say what happens at year end to a recoverable draw balance that is not yet repaid', 'add "at year end write off" (the company absorbs it) or "at year end carry over" (the rep still owes it after the plan period)');
    ok = false;
  }
  if (!ok) return null;
  return {
    amount: draw.amount.text,
    period: draw.period,
    recoverable: draw.recoverable,
    cap: draw.cap ? percentToRatio(draw.cap.percent) : null,
    yearEnd: draw.recoverable ? draw.yearEnd!.rule : null,
  };
}
