/**
 * What caps, minimums and reversals change in a rep's payout (docs/language.md §12c, "Where it
 * shows"; domain.md §4, the money lifecycle). A `pay … in stages` section with `cap …`,
 * `minimum …` or `clawed back …` changes what is paid for its commission lines; so that the payout
 * and the cost of sales agree with the statements, each change is a payout line of its own:
 * - `capped` (negative): commission a cap took off, never paid — in the period of the commission
 *   line it was taken off;
 * - `top-up` (positive): what a minimum per deal adds — in the period of the deal's line;
 * - `cancelled` (negative): commission a reversal cancelled before it was paid — in the month of
 *   the reversal;
 * - `clawback` (negative): what a reversal took back from what was paid — in the month of the
 *   reversal.
 * So the payout is the commission after caps and top-ups, net of reversals: for every rep and
 * component paid in stages, its lines plus these adjustments = the statements' `earned`. A top-up
 * a cap per period took off again is in both: topped up (what the minimum added) and capped.
 * A forfeited component gets none: the forfeit already takes all of it away.
 */
import { Decimal } from '../decimal.js';
import type { ComponentKind, PayoutLine, RepResult } from '../result.js';
import { dateText, monthOf } from '../periods.js';
import type { StatementsResult } from '../nodes/statements.js';
import type { Release } from '../nodes/stages.js';
import { withChanges } from './release-record.js';

/** The kinds of payout line an adjustment has, in the order they are listed. */
export const ADJUSTMENT_KINDS = ['capped', 'top-up', 'cancelled', 'clawback'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/** How each kind of adjustment is named in the reports (`orders: clawed back (2026-05)`). */
export const ADJUSTMENT_TITLES: Record<AdjustmentKind, string> = { capped: 'capped', 'top-up': 'topped up', cancelled: 'cancelled before payment', clawback: 'clawed back' };

/** True for a payout line that is an adjustment of a commission paid in stages (not a component's own line). */
export function isAdjustment(kind: ComponentKind): kind is AdjustmentKind {
  return (ADJUSTMENT_KINDS as readonly string[]).includes(kind);
}

/** The period an adjustment is in: the commission line's, or for a reversal the month it took effect (`YYYY-MM`). */
function periodOf(x: Release, kind: AdjustmentKind): string {
  if (kind === 'clawback') return monthOf(x.earnedOn);
  if (kind === 'cancelled') return monthOf(x.cancelledOn!);
  return x.period;
}

/** The amount an adjustment adds to the payout (money in the playbook currency). */
function signed(x: Release, kind: AdjustmentKind): Decimal {
  // A clawback's release is already negative; capped and cancelled parts are recorded positive.
  return kind === 'capped' || kind === 'cancelled' ? x.amount.neg() : x.amount;
}

/** A part's amount as its line names it: a clawback by its size; a capped part as recorded (negative for a credit note taken off what was capped). */
function shown(x: Release, kind: AdjustmentKind): Decimal {
  return kind === 'clawback' ? x.amount.abs() : x.amount;
}

function explainOf(kind: AdjustmentKind, parts: Release[], money: (d: Decimal) => string): string {
  const byDeal = new Map<string, Decimal>();
  for (const x of parts) byDeal.set(x.deal ?? 'no deal', (byDeal.get(x.deal ?? 'no deal') ?? new Decimal(0)).plus(shown(x, kind)));
  // A deal whose amounts net to nothing (all it had capped was released) is left out of the list.
  const list = [...byDeal].filter(([, amount]) => !amount.isZero()).map(([deal, amount]) => `${deal === 'no deal' ? 'the line no deal is behind' : `deal ${deal}`} ${money(amount)}`).join(', ');
  const lines = [...new Set(parts.map((x) => x.period))].join(', ');
  switch (kind) {
    case 'capped':
      return `commission above the caps, never paid: ${list}${cappedNote(parts)}`;
    case 'top-up':
      return `topped up to the minimum per deal: ${list}`;
    case 'cancelled':
      return `reversed before it was paid, never paid: ${list} (of the ${lines} line${lines.includes(',') ? 's' : ''}; reversed ${[...new Set(parts.map((x) => dateText(x.cancelledOn!)))].join(', ')})`;
    case 'clawback':
      return `taken back from what was paid: ${list} (paid in the ${lines} line${lines.includes(',') ? 's' : ''}; reversed ${[...new Set(parts.map((x) => dateText(x.earnedOn)))].join(', ')})`;
  }
}

/** What a negative capped amount is: a credit note taken off what was capped, or what a reversal released from a cap per period (stages/cap-release.ts). */
function cappedNote(parts: Release[]): string {
  const released = parts.some((x) => x.amount.isNegative() && x.stage === 'cap released');
  const notes = parts.some((x) => x.amount.isNegative() && x.stage !== 'cap released');
  const what = [notes ? 'a credit note taken off what was capped, not off the pay' : null, released ? 'paid after all, when a reversal brought the period back under its cap' : null].filter((w) => w !== null);
  return what.length === 0 ? '' : ` (a negative amount: ${what.join('; or ')})`;
}

const byRepCache = new WeakMap<StatementsResult, Map<string, (Release & { line: AdjustmentKind })[]>>();

/** The releases that adjust a payout (capped, top-up, cancelled, clawback), by rep; grouped once per result. */
function adjustingReleases(statements: StatementsResult): Map<string, (Release & { line: AdjustmentKind })[]> {
  let byRep = byRepCache.get(statements);
  if (!byRep) {
    byRep = new Map();
    for (const x of statements.releases) {
      if (x.line === undefined) continue;
      const list = byRep.get(x.rep);
      if (list) list.push(x as Release & { line: AdjustmentKind });
      else byRep.set(x.rep, [x as Release & { line: AdjustmentKind }]);
    }
    byRepCache.set(statements, byRep);
  }
  return byRep;
}

/**
 * The adjustment lines of one rep, by component (in the order of `components`), kind
 * ({@link ADJUSTMENT_KINDS}) and period. Lines that would be zero are left out.
 * @param statements the `statements` node's result (its releases).
 * @param rep the rep's key.
 * @param components the rep's component names in payout-line order.
 * @param forfeited components a red line forfeits for this rep (they get no adjustment).
 * @param money formats an amount for the `explain` text.
 */
export function payoutAdjustments(statements: StatementsResult, rep: string, components: string[], forfeited: ReadonlySet<string>, money: (d: Decimal) => string): PayoutLine[] {
  const groups = new Map<string, { component: string; kind: AdjustmentKind; period: string; parts: Release[] }>();
  for (const x of adjustingReleases(statements).get(rep) ?? []) {
    if (forfeited.has(x.component)) continue;
    // A top-up a cap per period took off is in the capped amount: it counts as topped up (the
    // minimum added it to the payout) and as capped (the cap took it off again).
    // A top-up a reversal released from the cap (stages/cap-release.ts) is paid as a top-up line of its
    // own: its capped line carries the top-up negative, so the top-up is counted once.
    const parts: Release[] = x.line === 'capped' && x.cappedTopUp !== undefined && !x.cappedTopUp.isZero() ? [x, withChanges(x, { line: 'top-up', amount: x.cappedTopUp })] : [x];
    for (const part of parts) {
      const kind = part.line as AdjustmentKind;
      const period = periodOf(part, kind);
      const key = `${part.component}\u0000${kind}\u0000${period}`;
      const g = groups.get(key);
      if (g) g.parts.push(part);
      else groups.set(key, { component: part.component, kind, period, parts: [part] });
    }
  }
  const order = (c: string) => {
    const i = components.indexOf(c);
    return i < 0 ? components.length : i;
  };
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()]
    .sort((a, b) => order(a.component) - order(b.component) || cmp(a.component, b.component) || ADJUSTMENT_KINDS.indexOf(a.kind) - ADJUSTMENT_KINDS.indexOf(b.kind) || cmp(a.period, b.period))
    .map((g): PayoutLine => {
      const amount = g.parts.reduce((s, x) => s.plus(signed(x, g.kind)), new Decimal(0));
      const basis = g.parts.reduce((s, x) => s.plus(shown(x, g.kind)), new Decimal(0));
      const deals = [...new Set(g.parts.map((x) => x.deal).filter((d): d is string => d !== null))];
      return { component: g.component, kind: g.kind, period: g.period, amount, basis, explain: explainOf(g.kind, g.parts, money), deals, node: 'statements' };
    })
    .filter((l) => !l.amount.isZero());
}

/**
 * The rep's statement with its adjustment lines added after its own lines and its payout net of
 * them (the lines' sum less the forfeits, as before). A rep with no adjustment is returned as is.
 */
export function withAdjustments(r: RepResult, statements: StatementsResult, money: (d: Decimal) => string): RepResult {
  const components = [...new Set(r.lines.map((l) => l.component))];
  const adjustments = payoutAdjustments(statements, r.rep, components, new Set(r.forfeits.map((f) => f.component)), money);
  if (adjustments.length === 0) return r;
  const change = adjustments.reduce((s, l) => s.plus(l.amount), new Decimal(0));
  return { ...r, lines: [...r.lines, ...adjustments], payout: r.payout.plus(change) };
}

/** The rep's payout net of its adjustments (see {@link withAdjustments}), as a rule's `payout` and the cost budget read it. */
export function netPayout(r: RepResult, statements: StatementsResult): Decimal {
  return withAdjustments(r, statements, (d) => d.toFixed()).payout;
}
