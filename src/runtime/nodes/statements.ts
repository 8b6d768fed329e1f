/**
 * Each rep's statements (the statement a rep receives, per month): for every component paid in
 * stages, what was earned (commission of deals credited in the month), what became payable
 * (parts whose pay date falls in the month), what was paid (payable parts, up to the end of the
 * data) and what is held at the month's end (earned so far, not yet paid). The end of the data is
 * the latest day any `stages` node read (credit days, collections, invoices, progress); a part
 * payable after it is held ("payable on …"). For every rep and component, paid + held = earned.
 * Also the pay-fast figures, per component, per rep and overall (`stages/pay-fast.ts`).
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { dateText, monthOf } from '../periods.js';
import { type PayFast, payFastOf } from '../stages/pay-fast.js';
import { DAY_MS } from '../periods.js';
import { SettledRecord } from '../stages/release-record.js';
import { ReleaseView, minorUnitsOf } from '../stages/release-table.js';
import { SettledView } from '../stages/settled-view.js';
import { MoneySum } from '../money-sum.js';
import type { Release, StagesResult } from './stages.js';
import { bandRates } from '../commission.js';

/** A part with its fate at the end of the data. */
export interface SettledRelease extends Release {
  /** The day it was paid (its payable day, when on or before the end of the data), or null. */
  paidOn: number | null;
  /** Why it is unpaid at the end of the data, or null when paid. */
  reason: string | null;
}

/** One rep's statement for one month and component. Money in the playbook currency. */
export interface StatementLine {
  rep: string;
  /** `YYYY-MM`. */
  month: string;
  component: string;
  earned: Decimal;
  payable: Decimal;
  paid: Decimal;
  /** Held at the month's end (at the end of the data, for its month): earned so far, not yet paid nor clawed back. */
  held: Decimal;
  /** Taken back in the month from what was paid for reversed deals (zero or negative; `clawed back …`). */
  clawedBack: Decimal;
  /** Minimum top-ups earned in the month (in `earned`, paid like the parts). */
  toppedUp: Decimal;
  /** Commission of the month's deals that a cap took off (never paid, not in `earned`). */
  capped: Decimal;
}

export interface PayFastFigure extends PayFast {
  /** `component`: one component, all reps; `rep`: one rep, all components; `all`: everything. */
  scope: 'component' | 'rep' | 'all';
  name: string | null;
}

export interface StatementsResult {
  /** The end of the data (a date value), or null when nothing was read. */
  asOf: number | null;
  releases: SettledRelease[];
  /** By rep, month, component. Months run from the first earning to the end of the data; empty months are left out. */
  lines: StatementLine[];
  payFast: PayFastFigure[];
  /** Rep keys in reps-table order (assertions name reps by index). */
  repKeys: string[];
  /**
   * Per rep and component over the whole run: earned = paid + held + clawed back. `earned` is net of
   * reversals (a reversed deal's commission is no longer earned); `clawedBack` is zero or negative;
   * `cancelled` is what reversals cancelled before it was paid (information: not in earned).
   */
  totals: { rep: string; component: string; earned: Decimal; paid: Decimal; held: Decimal; clawedBack: Decimal; cancelled: Decimal; toppedUp: Decimal; capped: Decimal }[];
  /** True when a `pay … in stages` section claws back (`clawed back …`): the reports then show clawbacks. */
  clawbacks: boolean;
  /** True when a `pay … in stages` section has a minimum or a cap: the reports then show top-ups and caps. */
  limits: boolean;
  /**
   * Components paid in stages whose table is worked out per quarter or year at a rate that depends
   * on the period's whole credit: each deal's part is its share of the period's final line, known only
   * when the period ends, yet released on the deal's own trigger (docs/language.md §12b). The table
   * report says so under the statements; `{ component, period }` in payout-line order.
   */
  settledOnFinal: { component: string; period: 'quarter' | 'year' }[];
  warnings: string[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A part that is paid when payable: an ordinary part or a minimum's top-up (not a clawback, a cancelled or a capped part). */
export function isPayment(x: Release): boolean {
  return x.line === undefined || x.line === 'top-up';
}

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function evaluateStatements(node: NodeOf<'statements'>, run: RunContext, inputs: NodeInputs): StatementsResult {
  const results = node.inputs.map((id) => inputs.get<StagesResult>(id));
  const dates = results.map((r) => r.lastDate).filter((d): d is number => d !== null);
  const asOf = dates.length === 0 ? null : Math.max(...dates);
  // Why a part payable after the end of the data is unpaid: one string per payable day, shared.
  const after = new Map<number, string>();
  const payableAfter = (day: number): string => {
    let text = after.get(day);
    if (text === undefined) after.set(day, (text = `payable on ${dateText(day)}, after the end of the data (${asOf === null ? '—' : dateText(asOf)})`));
    return text;
  };
  const releases: SettledRelease[] = [];
  for (const r of results)
    for (const x of r.releases) {
      const paid = x.payableOn !== null && asOf !== null && x.payableOn <= asOf;
      const reason = paid ? null : (x.held ?? payableAfter(x.payableOn!));
      // A view of the release columns settled in one object (stages/settled-view.ts); any other
      // release, a record of one fixed shape sharing the part's words (stages/release-record.ts).
      const paidOn = paid ? x.payableOn : null;
      releases.push(x instanceof ReleaseView ? new SettledView(x.table, x.row, paidOn, reason) : new SettledRecord(x, paidOn, reason));
    }
  // Statements: per rep and component, month by month.
  const lines: StatementLine[] = [];
  // By rep, then component (no key text made per release: issue 10), then keyed `rep\u0000component`.
  const byRep = new Map<string, Map<string, SettledRelease[]>>();
  for (const x of releases) {
    let components = byRep.get(x.rep);
    if (components === undefined) byRep.set(x.rep, (components = new Map()));
    const list = components.get(x.component);
    if (list) list.push(x);
    else components.set(x.component, [x]);
  }
  const groups = new Map<string, SettledRelease[]>();
  for (const [rep, components] of byRep) for (const [component, list] of components) groups.set(`${rep}\u0000${component}`, list);
  const totals: StatementsResult['totals'] = [];
  for (const [k, list] of [...groups].sort((a, b) => cmp(a[0], b[0]))) {
    const [rep, component] = k.split('\u0000');
    const zero = new Decimal(0);
    // A cancelled part was earned, then un-earned by its reversal; a clawback is earned (negative)
    // and recovered on the reversal's day: neither is a payment.
    // Sums in whole minor units where the releases hold them so (money-sum.ts): the same exact values.
    const sum = (pick: (x: SettledRelease) => boolean) => {
      const total = new MoneySum(run.digits);
      for (const x of list) if (pick(x)) total.add(minorUnitsOf(x, run.digits), x);
      return total.value();
    };
    const earnedAll = sum((x) => x.line !== 'cancelled' && x.line !== 'capped');
    const paidAll = sum((x) => isPayment(x) && x.paidOn !== null);
    const clawedAll = sum((x) => x.line === 'clawback');
    totals.push({ rep, component, earned: earnedAll, paid: paidAll, held: earnedAll.minus(paidAll).minus(clawedAll), clawedBack: clawedAll, cancelled: sum((x) => x.line === 'cancelled'), toppedUp: sum((x) => x.line === 'top-up'), capped: sum((x) => x.line === 'capped') });
    if (asOf === null) continue;
    // Amounts by month, then one pass over the months with running totals for what is held.
    const byMonth = (pick: (x: SettledRelease) => number | null) => {
      const sums = new Map<string, MoneySum>();
      for (const x of list) {
        const d = pick(x);
        if (d === null) continue;
        const month = monthOf(d);
        let total = sums.get(month);
        if (total === undefined) sums.set(month, (total = new MoneySum(run.digits)));
        total.add(minorUnitsOf(x, run.digits), x);
      }
      return new Map([...sums].map(([month, total]) => [month, total.value()]));
    };
    const earnedBy = byMonth((x) => x.earnedOn);
    // A cancelled part leaves what is earned in the month of the reversal that cancelled it (a capped
    // part, in the month it is earned: it never counts).
    for (const x of list) if (x.cancelledOn !== undefined) earnedBy.set(monthOf(x.cancelledOn), (earnedBy.get(monthOf(x.cancelledOn)) ?? zero).minus(x.amount));
    const payableBy = byMonth((x) => (isPayment(x) ? x.payableOn : null));
    const paidBy = byMonth((x) => (isPayment(x) ? x.paidOn : null));
    const clawedBy = byMonth((x) => (x.line === 'clawback' ? x.paidOn : null));
    const toppedBy = byMonth((x) => (x.line === 'top-up' ? x.earnedOn : null));
    const cappedBy = byMonth((x) => (x.line === 'capped' ? x.earnedOn : null));
    const first = list.reduce((m, x) => Math.min(m, x.earnedOn), Infinity);
    let earnedSoFar = zero;
    let paidSoFar = zero;
    for (const month of monthsBetween(monthOf(first), monthOf(asOf))) {
      const earned = earnedBy.get(month) ?? zero;
      const payable = payableBy.get(month) ?? zero;
      const paid = paidBy.get(month) ?? zero;
      const clawedBack = clawedBy.get(month) ?? zero;
      const toppedUp = toppedBy.get(month) ?? zero;
      const capped = cappedBy.get(month) ?? zero;
      earnedSoFar = earnedSoFar.plus(earned);
      paidSoFar = paidSoFar.plus(paid).plus(clawedBack);
      const held = earnedSoFar.minus(paidSoFar);
      if (earned.isZero() && payable.isZero() && paid.isZero() && held.isZero() && clawedBack.isZero() && capped.isZero()) continue;
      lines.push({ rep, month, component, earned, payable, paid, held, clawedBack, toppedUp, capped });
    }
  }
  lines.sort((a, b) => cmp(a.rep, b.rep) || cmp(a.month, b.month) || cmp(a.component, b.component));
  // Pay fast: days from trigger to payment, over the parts paid.
  const paidParts = releases.filter((x) => x.paidOn !== null && isPayment(x));
  const wait = (x: SettledRelease) => Math.round((x.paidOn! - x.triggeredOn!) / DAY_MS);
  const payFast: PayFastFigure[] = [];
  const waitsBy = (key: (x: SettledRelease) => string) => {
    // One entry per distinct key, in the order of first appearance (no [key, list] pair made per release: issue 10).
    const m = new Map<string, number[]>();
    for (const x of releases) {
      const k = key(x);
      if (!m.has(k)) m.set(k, []);
    }
    for (const x of paidParts) m.get(key(x))!.push(wait(x));
    return [...m].sort((a, b) => cmp(a[0], b[0]));
  };
  for (const [component, waits] of waitsBy((x) => x.component)) payFast.push({ scope: 'component', name: component, ...payFastOf(waits) });
  for (const [rep, waits] of waitsBy((x) => x.rep)) payFast.push({ scope: 'rep', name: rep, ...payFastOf(waits) });
  payFast.push({ scope: 'all', name: null, ...payFastOf(paidParts.map(wait)) });
  const warnings: string[] = [];
  if (node.budgetDays !== null) {
    const late = paidParts.filter((x) => wait(x) > node.budgetDays!);
    if (late.length > 0) {
      const worst = late.reduce((a, b) => (wait(b) > wait(a) ? b : a));
      warnings.push(`${late.length} staged payment${late.length === 1 ? ' waits' : 's wait'} longer than the budget of ${node.budgetDays} days from trigger to payment; the longest, ${wait(worst)} days: ${worst.rep}, ${worst.component}, ${worst.deal === null ? '' : `deal ${worst.deal}, `}${worst.stage} (triggered ${dateText(worst.triggeredOn!)}, paid ${dateText(worst.paidOn!)})`);
    }
  }
  const clawbacks = run.graph.nodes.some((n) => n.kind === 'stages' && n.clawback !== undefined);
  const limits = run.graph.nodes.some((n) => n.kind === 'stages' && n.limits !== undefined);
  return { asOf, releases, lines, payFast, totals, clawbacks, limits, settledOnFinal: settledOnFinal(run, node.inputs), warnings, repKeys: run.reps.keys };
}

/**
 * An assertion's pay-fast names for a rep (by reps-table index): `held` (money held at the end of
 * the data), `days_to_pay_median`, `days_to_pay_p90`, `days_to_pay_max` (days; missing when
 * nothing of the rep's was paid).
 */
export function payFastBuiltin(name: 'held' | 'days_to_pay_median' | 'days_to_pay_p90' | 'days_to_pay_max', s: StatementsResult): (env: { rep: number }) => Decimal | null {
  const keys = s.repKeys;
  if (name === 'held') return (env) => s.totals.filter((t) => t.rep === keys[env.rep]).reduce((sum, t) => sum.plus(t.held), new Decimal(0));
  const field = name === 'days_to_pay_median' ? 'median' : name === 'days_to_pay_p90' ? 'p90' : 'max';
  return (env) => {
    const f = s.payFast.find((x) => x.scope === 'rep' && x.name === keys[env.rep]);
    const v = f?.[field];
    return v === undefined || v === null ? null : new Decimal(v);
  };
}

/** The components of the `stages` nodes `ids` that {@link StatementsResult.settledOnFinal} lists. */
function settledOnFinal(run: RunContext, ids: string[]): StatementsResult['settledOnFinal'] {
  const out: StatementsResult['settledOnFinal'] = [];
  for (const n of run.graph.nodes) {
    if (n.kind !== 'stages' || !ids.includes(n.id)) continue;
    for (const c of n.components) {
      const table = run.graph.nodes.find((x) => x.id === c.node);
      if (table?.kind !== 'commission' || (table.period !== 'quarter' && table.period !== 'year')) continue;
      const rates = new Set(bandRates(table).map((r) => r.toString()));
      if (rates.size > 1 || table.excessName !== null) out.push({ component: c.name, period: table.period });
    }
  }
  return out;
}
