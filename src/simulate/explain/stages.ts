/**
 * `explain` for commission paid in stages (domain.md §4): under a staged commission line, how
 * the line is paid — each deal's part of each stage, paid (when, how long after its trigger) or
 * held (why) — adding up to the line; and, for a month, the rep's statement for it (earned,
 * payable, paid, held per component), each line with the parts behind it.
 */
import { Decimal } from '../../runtime/decimal.js';
import type { GraphRun } from '../../runtime/engine.js';
import { type SettledRelease, type StatementsResult, isPayment } from '../../runtime/nodes/statements.js';
import { DAY_MS, dateText, monthOf } from '../../runtime/periods.js';
import type { PayoutLine } from '../../runtime/result.js';
import { type ExplainNode, node } from './tree.js';

function statementsOf(g: GraphRun): StatementsResult | undefined {
  return g.results.get('statements') as StatementsResult | undefined;
}

/** What became of a part, in words: paid (when), clawed back (when), cancelled (why) or held (why). */
export function fateText(x: SettledRelease): string {
  if (x.line === 'clawback') return `clawed back ${dateText(x.paidOn ?? x.earnedOn)} (the ${x.period} line)`;
  if (x.line === 'cancelled' || x.line === 'capped') return x.reason ?? x.line;
  return x.paidOn !== null ? `paid ${dateText(x.paidOn)}, ${daysText(Math.round((x.paidOn - x.triggeredOn!) / DAY_MS))} after its trigger (${dateText(x.triggeredOn!)})` : `held: ${x.reason}`;
}

function partNode(x: SettledRelease, amount = x.amount, adds = true): ExplainNode {
  const where = x.deal === null ? x.stage : `deal ${x.deal} · ${x.stage}`;
  return node(`${where}: ${fateText(x)}`, amount, adds, { formula: x.explain });
}

/** The parts of a staged commission line, as a context child of the line (empty when the line is not paid in stages). */
export function stagesChild(g: GraphRun, rep: string, line: PayoutLine): ExplainNode[] {
  const s = statementsOf(g);
  const parts = s?.releases.filter((x) => x.rep === rep && x.component === line.component && x.period === line.period) ?? [];
  if (parts.length === 0) return [];
  const total = (pick: (x: SettledRelease) => boolean) => parts.filter(pick).reduce((t, x) => t.plus(x.amount), new Decimal(0));
  const paid = total((x) => isPayment(x) && x.paidOn !== null);
  const clawed = total((x) => x.line === 'clawback');
  const cancelled = total((x) => x.line === 'cancelled');
  const capped = total((x) => x.line === 'capped');
  const topped = total((x) => x.line === 'top-up');
  const asOf = s!.asOf === null ? '—' : dateText(s!.asOf);
  const limits = `${capped.isZero() ? '' : `, ${g.run.money(capped)} capped`}${topped.isZero() ? '' : `, ${g.run.money(topped)} topped up`}`;
  const reversals = clawed.isZero() && cancelled.isZero() ? '' : `, ${g.run.money(cancelled)} cancelled and ${g.run.money(clawed.neg())} clawed back on reversals`;
  const held = line.amount.plus(topped).minus(paid).minus(cancelled).minus(capped);
  const out = node(`paid in stages, to the end of the data (${asOf}): ${g.run.money(paid)} paid, ${g.run.money(held)} held${limits}${reversals}`, line.amount, false, { formula: 'each deal\'s part of the line, split between the stages; each part paid on the pay calendar\'s date after its trigger' });
  // The parts (and what a cap took off) add up to the line; a top-up and a clawback are shown, not added.
  out.children = parts.map((x) => partNode(x, x.amount, x.line !== 'clawback' && x.line !== 'top-up'));
  return out.children.length > 0 ? [out] : [];
}

/** The rep's statement for `month` (`YYYY-MM`), as context: one node per component and statement line. */
export function statementChild(g: GraphRun, rep: string, month: string): ExplainNode[] {
  const s = statementsOf(g);
  const lines = s?.lines.filter((l) => l.rep === rep && l.month === month) ?? [];
  if (lines.length === 0) return [];
  const out = node(`statement for ${month} (commission paid in stages)`, null, false);
  for (const l of lines) {
    const parts = s!.releases.filter((x) => x.rep === rep && x.component === l.component);
    const clawed = s!.clawbacks ? `, clawed back ${g.run.money(l.clawedBack)}` : '';
    const c = node(`${l.component}: earned ${g.run.money(l.earned)}, payable ${g.run.money(l.payable)}, paid ${g.run.money(l.paid)}${clawed}, held at the month's end ${g.run.money(l.held)}`, null, false);
    const inMonth = (d: number | null | undefined) => d !== null && d !== undefined && monthOf(d) === month;
    const kinds: [string, Decimal, (x: SettledRelease) => boolean][] = [
      // A capped line is never earned: it is left out (the statements count it in and out in its month).
      ['earned', l.earned, (x) => x.line !== 'capped' && inMonth(x.earnedOn)],
      ['payable', l.payable, (x) => isPayment(x) && inMonth(x.payableOn)],
      ['paid', l.paid, (x) => isPayment(x) && inMonth(x.paidOn)],
      ['clawed back', l.clawedBack, (x) => x.line === 'clawback' && inMonth(x.paidOn)],
    ];
    for (const [kind, amount, pick] of kinds) {
      if (amount.isZero()) continue;
      const k = node(kind, amount, false);
      k.children = parts.filter(pick).map((x) => partNode(x));
      // A part cancelled in the month leaves what is earned in it.
      if (kind === 'earned') k.children.push(...parts.filter((x) => x.line !== 'capped' && inMonth(x.cancelledOn)).map((x) => partNode(x, x.amount.neg())));
      c.children.push(k);
    }
    out.children.push(c);
  }
  return [out];
}

/** `1 day`, `3 days`. */
function daysText(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}
