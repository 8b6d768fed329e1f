/**
 * `explain` for commission paid in stages (domain.md §4): under a staged commission line, how
 * the line is paid — each deal's part of each stage, paid (when, how long after its trigger) or
 * held (why) — adding up to the line; and, for a month, the rep's statement for it (earned,
 * payable, paid, held per component), each line with the parts behind it.
 */
import { Decimal } from '../../runtime/decimal.js';
import type { GraphRun } from '../../runtime/engine.js';
import type { SettledRelease, StatementsResult } from '../../runtime/nodes/statements.js';
import { DAY_MS, dateText, monthOf } from '../../runtime/periods.js';
import type { PayoutLine } from '../../runtime/result.js';
import { type ExplainNode, node } from './tree.js';

function statementsOf(g: GraphRun): StatementsResult | undefined {
  return g.results.get('statements') as StatementsResult | undefined;
}

function partNode(x: SettledRelease): ExplainNode {
  const where = x.deal === null ? x.stage : `deal ${x.deal} · ${x.stage}`;
  const fate = x.paidOn !== null ? `paid ${dateText(x.paidOn)}, ${daysText(Math.round((x.paidOn - x.triggeredOn!) / DAY_MS))} after its trigger (${dateText(x.triggeredOn!)})` : `held: ${x.reason}`;
  return node(`${where}: ${fate}`, x.amount, true, { formula: x.explain });
}

/** The parts of a staged commission line, as a context child of the line (empty when the line is not paid in stages). */
export function stagesChild(g: GraphRun, rep: string, line: PayoutLine): ExplainNode[] {
  const s = statementsOf(g);
  const parts = s?.releases.filter((x) => x.rep === rep && x.component === line.component && x.period === line.period) ?? [];
  if (parts.length === 0) return [];
  const paid = parts.filter((x) => x.paidOn !== null).reduce((t, x) => t.plus(x.amount), new Decimal(0));
  const asOf = s!.asOf === null ? '—' : dateText(s!.asOf);
  const out = node(`paid in stages, to the end of the data (${asOf}): ${g.run.money(paid)} paid, ${g.run.money(line.amount.minus(paid))} held`, line.amount, false, { formula: 'each deal\'s part of the line, split between the stages; each part paid on the pay calendar\'s date after its trigger' });
  out.children = parts.map(partNode);
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
    const c = node(`${l.component}: earned ${g.run.money(l.earned)}, payable ${g.run.money(l.payable)}, paid ${g.run.money(l.paid)}, held at the month's end ${g.run.money(l.held)}`, null, false);
    const kinds: [string, Decimal, (x: SettledRelease) => boolean][] = [
      ['earned', l.earned, (x) => monthOf(x.earnedOn) === month],
      ['payable', l.payable, (x) => x.payableOn !== null && monthOf(x.payableOn) === month],
      ['paid', l.paid, (x) => x.paidOn !== null && monthOf(x.paidOn) === month],
    ];
    for (const [kind, amount, pick] of kinds) {
      if (amount.isZero()) continue;
      const k = node(kind, amount, false);
      k.children = parts.filter(pick).map(partNode);
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
