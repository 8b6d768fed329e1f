/**
 * The warning on credit notes a "block credit" red line stopped. A won deal with a negative
 * amount (a credit note, a refund booked as a deal) takes its amount off the rep's credited total:
 * that is how a return is clawed back (docs/language.md, "Which band applies"). But a red line
 * measured on the amount, such as a discount `1 - amount / list_price`, reads a negative amount as
 * a discount above 100% and blocks it, and then the credit note takes nothing off: the rep keeps
 * commission on a sale that was returned, without a word. Said whenever it happens, by red line,
 * with the total and the first deals, unless the red line's condition itself asks for an amount
 * below zero (a rule written to block refunds); both back ends give it (it reads only the credit
 * and red-line results).
 */
import type { TExpr } from '../graph/ir.js';
import { printExpr } from '../graph/print.js';
import { walkExpr } from '../graph/walk.js';
import type { NodeOf } from './context.js';
import { Decimal } from './decimal.js';
import type { GraphRun } from './engine.js';
import { type CreditResult, creditAmountOf } from './nodes/credit.js';
import type { RedLineResult } from './nodes/redline.js';

/**
 * Whether `condition` asks for the amount below zero (`amount < 0`, `amount <= 0`, `0 > amount`):
 * a red line written to block credit notes does what it says, and is not warned about.
 */
function asksForNegative(condition: TExpr, amountWords: string): boolean {
  let found = false;
  // A number literal holds its decimal text; `-5` is a minus before one.
  const zeroOrLess = (e: TExpr): boolean => (e.k === 'lit' && e.t !== 'text' && typeof e.v === 'string' ? Number(e.v) <= 0 : e.k === 'neg' && e.e.k === 'lit');
  const isAmount = (e: TExpr) => printExpr(e) === amountWords;
  walkExpr(condition, (e) => {
    if (e.k !== 'bin') return;
    if ((e.op === '<' || e.op === '<=') && isAmount(e.l) && zeroOrLess(e.r)) found = true;
    if ((e.op === '>' || e.op === '>=') && isAmount(e.r) && zeroOrLess(e.l)) found = true;
  });
  return found;
}

/** Deals named in the warning; the rest are counted. */
const NAMED = 3;

/**
 * One warning per "block credit" red line on deals that stopped the credit of deals with a
 * negative amount in the plan period (`credit.blockedCredit`), or none. Amounts in the playbook's
 * currency, as the report writes them (`run.money`).
 */
export function blockedCreditNoteWarnings(g: GraphRun, credit: CreditResult): string[] {
  const { run } = g;
  const units = credit.amountUnits;
  const negative = new Set<number>();
  for (let i = 0; i < credit.blockedCredit.length; i++) {
    if (credit.blockedCredit[i] !== 1) continue;
    const u = units?.[i];
    if (u !== undefined && !Number.isNaN(u) ? u < 0 : creditAmountOf(credit, i)?.isNegative() === true) negative.add(i);
  }
  if (negative.size === 0) return [];
  const creditNode = run.graph.nodes.find((n): n is NodeOf<'credit'> => n.kind === 'credit');
  const amountWords = creditNode ? printExpr(creditNode.amount) : 'amount';
  const file = run.deals.table.schema.file;
  const out: string[] = [];
  for (const node of run.graph.nodes) {
    if (node.kind !== 'redline' || node.subject !== 'deals' || node.effect !== 'block' || asksForNegative(node.condition, amountWords)) continue;
    const trips = (g.results.get(node.id) as RedLineResult).deals.filter((i) => negative.has(i));
    if (trips.length === 0) continue;
    const total = trips.reduce((s, i) => s.plus(creditAmountOf(credit, i)!), new Decimal(0));
    const named = trips.slice(0, NAMED).map((i) => `${run.deals.id(i)} (${file}:${run.deals.line(i)}, ${run.money(creditAmountOf(credit, i)!)})`);
    const more = trips.length > NAMED ? ', …' : '';
    const many = trips.length !== 1;
    out.push(
      `red line "${node.redline}" blocked the credit of ${trips.length} deal${many ? 's' : ''} with a negative amount (credit notes or refunds, ${run.money(total)} in all), ` +
        `so ${many ? 'they take' : 'it takes'} nothing off anyone's credited total and no commission is clawed back: ${named.join(', ')}${more}. ` +
        `If ${many ? 'these are' : 'this is a'} credit note${many ? 's' : ''}, add "and ${amountWords} > 0" to the red line's condition.`,
    );
  }
  return out;
}
