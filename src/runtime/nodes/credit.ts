/**
 * Crediting: which deals credit which rep, on which date, for how much. A deal
 * is credited when it meets the credit rule, no blocking red line trips on it,
 * its rep, date and amount are present and the date is in the plan period.
 * Credit a blocking red line stopped is recorded too (for `audit` and `explain`).
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { atDeal, compileContext, compileExpr, newEnv } from '../expr.js';
import type { Period } from '../periods.js';
import type { RowSource } from '../values.js';
import type { RedLineResult } from './redline.js';
import { splitAmount } from '../split-amount.js';
import { fromMinorUnits, toMinorUnits } from '../minor-units.js';
import { MoneySum } from '../money-sum.js';
import { repStartDays } from '../in-post.js';
import { dateText } from '../periods.js';

export interface CreditResult {
  /** The deals as the credit rule read them (indexes are deal indexes; see `DealsView.source`). */
  deals: RowSource;
  /**
   * The credit rule's amount for every deal (null when missing), in the playbook currency. The
   * engine's credit node makes this array only when it is first read (the run's summary); nodes
   * read {@link amountUnits} or `amountFor`.
   */
  amounts: (Decimal | null)[];
  /**
   * Each deal's amount in whole minor units of the currency (`run.digits`), NaN where it is
   * missing, is not a whole number of them, is a negative zero or lies beyond ±(2^53 − 1): read
   * `amounts` there. Absent when the result was made elsewhere (the DuckDB evaluator).
   */
  amountUnits?: Float64Array;
  /** The deal's amount (a Decimal made on each read; null when missing), without making `amounts`. Absent as `amountUnits` is. */
  amountOf?(deal: number): Decimal | null;
  /** 1 when the deal meets the credit rule, is not blocked and has rep, date and amount (any date). */
  creditable: Uint8Array;
  /** 1 when the deal is creditable and dated in the plan period. */
  credited: Uint8Array;
  /** 1 when a block red line stopped credit the deal would have earned in the plan period. */
  blockedCredit: Uint8Array;
  /** Each rep's credited total and number of credited deals in the plan period (reps-table order). */
  repCredited: Decimal[];
  repDealsCredited: number[];
  /**
   * The rep's part of a deal's credit amount: the whole amount for the deal's own rep, or with
   * `split by`, the rep's share of it (see `split-amount.ts`; 0 for someone who has no share).
   * Null when the deal has no amount.
   */
  amountFor(rep: number, deal: number): Decimal | null;
  /** A split deal's parts of its credit amount, one per split row in the split table's order (null without splits or amount). */
  splitParts(deal: number): Decimal[] | null;
  /** The rep's credited amount in a period. */
  creditedIn(rep: number, period: Period): Decimal;
  /** The rep's deals (credited or not) whose credit date falls in a period, in deals-table order. */
  dealsIn(rep: number, period: Period): number[];
  warnings: string[];
}

/**
 * Deal `deal`'s credit amount (playbook currency; null when missing), read without making
 * `amounts` (a Decimal per deal) when the result keeps the amounts in minor units (`amountOf`):
 * a new, equal Decimal on each read then.
 */
export function creditAmountOf(credit: CreditResult, deal: number): Decimal | null {
  return credit.amountOf ? credit.amountOf(deal) : credit.amounts[deal];
}

export function evaluateCredit(node: NodeOf<'credit'>, run: RunContext, inputs: NodeInputs): CreditResult {
  const ctx = compileContext(run, inputs);
  const condition = compileExpr(node.condition, ctx);
  const amountOf = compileExpr(node.amount, ctx);
  const { rep: repIndex, date: dateIndex } = run.deals;
  const deals = run.deals.source;
  const n = deals.length;
  const blocked = new Uint8Array(n);
  for (const id of node.inputs) {
    const r = run.graph.nodes.find((m) => m.id === id);
    if (r?.kind === 'redline' && r.effect === 'block') for (const i of inputs.get<RedLineResult>(id).deals) blocked[i] = 1;
  }
  // Amounts as minor units, the few that are not kept as Decimals aside (issue 10: a Decimal kept
  // per deal was +133 MB at 1,000,000 deals); a Decimal is made when one is read.
  const units = new Float64Array(n).fill(NaN);
  const aside = new Map<number, Decimal>();
  const digits = run.digits;
  const creditable = new Uint8Array(n);
  const credited = new Uint8Array(n);
  const blockedCredit = new Uint8Array(n);
  const warnings: string[] = [];
  const env = newEnv(run);
  for (let i = 0; i < n; i++) {
    atDeal(env, deals, i);
    const amount = amountOf(env) as Decimal | null;
    if (amount !== null) {
      const u = toMinorUnits(amount, digits);
      // A negative zero keeps its sign only as a Decimal.
      if (Number.isNaN(u) || (u === 0 && amount.isNegative())) aside.set(i, amount);
      else units[i] = u;
    }
    if (condition(env) !== true) continue;
    const date = deals.value(i, dateIndex);
    const rep = deals.value(i, repIndex);
    if (blocked[i]) {
      // Blocked credit is credit the deal would have earned: it meets the credit rule in full, in the plan period.
      if (amount !== null && date !== null && rep !== null && run.inPlan(date)) blockedCredit[i] = 1;
      continue;
    }
    if (amount === null || date === null || rep === null) {
      const what = amount === null ? 'amount' : date === null ? node.dateField : node.repField;
      warnings.push(`${run.deals.table.schema.file}:${deals.line(i)}: deal ${run.deals.id(i)} meets the credit rule but its ${what} is missing, so it credits no one`);
      continue;
    }
    creditable[i] = 1;
    if (run.inPlan(date)) credited[i] = 1;
  }
  /** The deal's amount (a new Decimal, equal to the rule's), or null when missing. */
  const amountOfDeal = (i: number): Decimal | null => {
    const u = units[i];
    return Number.isNaN(u) ? (aside.get(i) ?? null) : fromMinorUnits(u, digits);
  };
  // Split deals: each person's part of the credit amount, adding up exactly to it.
  const parts = new Map<number, Decimal[]>();
  if (run.splits) for (const [i, shares] of run.splits) {
    const amount = amountOfDeal(i);
    if (amount !== null) parts.set(i, splitAmount(amount, shares.map((x) => x.share), run.minorStep));
  }
  const amountFor = (rep: number, i: number): Decimal | null => {
    const shares = run.splits?.get(i);
    const amount = amountOfDeal(i);
    if (!shares || amount === null) return amount;
    const mine = parts.get(i)!;
    return shares.reduce((s, x, k) => (x.rep === rep ? s.plus(mine[k]) : s), new Decimal(0));
  };
  // A rep's credited total over deals: in minor units while the amounts are held so (the exact sum,
  // money-sum.ts), a split deal's part added as a Decimal.
  const creditSum = (rep: number, list: readonly number[]): Decimal => {
    const total = new MoneySum(digits);
    for (const i of list) {
      if (!credited[i]) continue;
      const u = units[i];
      if (run.splits?.has(i)) total.addDecimal(amountFor(rep, i)!);
      else if (Number.isNaN(u)) total.addDecimal(aside.get(i)!);
      else total.addUnits(u);
    }
    return total.value();
  };
  const repCredited = run.reps.deals.map((list, r) => creditSum(r, list));
  const repDealsCredited = run.reps.deals.map((list) => list.reduce((s, i) => s + credited[i], 0));
  // Each deal's credit date in one dense array (NaN when it is not a date), read by `dealsIn` for
  // every rep and period instead of each deal's row (issue 10: the rows lie all over a big heap).
  const dealDate = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = deals.value(i, dateIndex);
    dealDate[i] = typeof d === 'number' ? d : Number.NaN;
  }
  // Memos by rep, then period key (no key text made per call).
  const inMemo: (Map<string, number[]> | undefined)[] = [];
  const sumMemo: (Map<string, Decimal> | undefined)[] = [];
  const dealsIn = (rep: number, period: Period) => {
    const memo = inMemo[rep] ?? (inMemo[rep] = new Map<string, number[]>());
    let list = memo.get(period.key);
    if (!list) {
      // NaN (no date) is never within a period.
      list = run.reps.deals[rep].filter((i) => dealDate[i] >= period.start && dealDate[i] < period.end);
      memo.set(period.key, list);
    }
    return list;
  };
  const creditedIn = (rep: number, period: Period) => {
    const memo = sumMemo[rep] ?? (sumMemo[rep] = new Map<string, Decimal>());
    let sum = memo.get(period.key);
    if (!sum) {
      sum = creditSum(rep, dealsIn(rep, period));
      memo.set(period.key, sum);
    }
    return sum;
  };
  warnings.push(...beforeStartWarnings(run, credited, deals, dateIndex));
  // Every deal's amount as a Decimal, made when first read (the run's summary reads it once the nodes have run).
  let amounts: (Decimal | null)[] | null = null;
  return {
    get amounts() {
      if (amounts === null) amounts = Array.from({ length: n }, (_, i) => amountOfDeal(i));
      return amounts;
    },
    amountUnits: units,
    amountOf: amountOfDeal,
    deals,
    creditable, credited, blockedCredit, repCredited, repDealsCredited, amountFor, splitParts: (i) => parts.get(i) ?? null, creditedIn, dealsIn, warnings };
}

/**
 * Credited deals dated before their rep's start date (the field a prorated quota reads, in-post.ts):
 * the rep's quota is prorated to 0 there, so a band at a percent of it starts at 0 and pays its
 * rate from the first unit — most often a start date or a deal date typed wrong. One warning naming
 * up to five, with file and line (found by a trial user: a deal nine months before a start was
 * paid at the accelerator without a word).
 */
function beforeStartWarnings(run: RunContext, credited: Uint8Array, deals: RowSource, dateIndex: number): string[] {
  const starts = repStartDays(run);
  const named: string[] = [];
  let count = 0;
  starts.forEach((start, r) => {
    if (start === null) return;
    for (const i of run.reps.deals[r]) {
      const day = deals.value(i, dateIndex);
      if (!credited[i] || typeof day !== 'number' || day >= start) continue;
      count++;
      if (named.length < 5) named.push(`${run.deals.table.schema.file}:${deals.line(i)} (deal ${run.deals.id(i)} of ${run.reps.keys[r]}, ${dateText(day)}; start date ${dateText(start)})`);
    }
  });
  if (count === 0) return [];
  const more = count > named.length ? ` and ${count - named.length} more` : '';
  return [`${count === 1 ? 'a credited deal is' : `${count} credited deals are`} dated before the rep's start date: ${named.join(', ')}${more}. The rep's quota is prorated to 0 before that date, so a band at a percent of it starts at 0 there and pays its rate from the first unit; check the start date or the deal's date (section 7)`];
}
