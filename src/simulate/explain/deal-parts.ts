/**
 * `explain --deal` on a deal whose credit is shared (`credit … split by TABLE`) or rolled up to a
 * manager (`commission … on team credited by FIELD`): who gets which part of it.
 *
 * - Each person's share, with the split table's line, and their part of the deal's credit (the
 *   share × the amount rounded, the largest share taking what is left: docs/language.md §6a).
 * - Their part of each commission line: a line (one rep, one component, one period) is shared among
 *   the credited deals behind it in proportion to the credit each gave it, rounded by the playbook's
 *   rule with the last deal (by credit date, then id) taking the remainder. This is how `pay … in
 *   stages` shares a line among deals (domain.md §4), so both show the same part.
 * - Their part of each per-deal bonus (shared as the credit is).
 * - The overlay lines: each manager whose team holds a person, and the deal's part of the manager's
 *   overlay line, shared the same way among the team's deals.
 * - With `pay … in stages`: every release of the deal (each rep, component and stage): paid when, or
 *   held why, at the end of the data.
 * Amounts are exact decimal strings in the playbook currency; shares are ratios (0.3 = 30%).
 */
import { Decimal } from '../../runtime/decimal.js';
import type { NodeOf } from '../../runtime/context.js';
import type { GraphRun } from '../../runtime/engine.js';
import { percentText, splitExact } from '../../runtime/money.js';
import { type ComponentResult, teamMembers } from '../../runtime/nodes/commission.js';
import type { CreditResult } from '../../runtime/nodes/credit.js';
import type { StatementsResult } from '../../runtime/nodes/statements.js';
import { DAY_MS, type Period, dateText } from '../../runtime/periods.js';
import type { Evaluation, PayoutLine } from '../../runtime/result.js';
import { fateText } from './stages.js';

/** One commission line's part that a deal gave to one rep. */
export interface LinePart {
  component: string;
  /** The line's period: `2026`, `2026-Q2`, `2026-04`. */
  period: string;
  /** The deal's part of the line, and the whole line. */
  amount: string;
  line: string;
  /** How the part was computed, in words. */
  why: string;
}

export interface DealParts {
  /** The split table, when the deal has rows in it; null when its own rep has all of it. */
  table: { name: string; file: string } | null;
  people: {
    person: string;
    /** Ratio: 0.3 = 30%. */
    share: string;
    /** The split table's row, or null for the deal's own rep when it is not split. */
    row: { file: string; line: number } | null;
    /** The person's part of the deal's credit. */
    credit: string;
    commission: LinePart[];
    bonuses: { name: string; amount: string }[];
  }[];
  overlays: (LinePart & { manager: string; via: string[] })[];
}

export interface DealRelease {
  rep: string;
  component: string;
  period: string;
  stage: string;
  amount: string;
  /** `YYYY-MM-DD` of the trigger (null when it had not happened) and of the payment (null when held). */
  triggered: string | null;
  paid: string | null;
  /** Days from trigger to payment, when paid. */
  days: number | null;
  /** Why it is held at the end of the data, or null when paid. */
  held: string | null;
  /**
   * `part` (an ordinary part of the deal's commission), `clawback` (taken back after a reversal:
   * negative), `cancelled` (reversed before it was paid), `top-up` (a minimum's) or `capped`
   * (what a cap took off, never paid).
   */
  line: 'part' | 'clawback' | 'cancelled' | 'top-up' | 'capped';
  /** What happened to it, in words: paid (when), held (why), cancelled (why) or clawed back (when). */
  fate: string;
  why: string;
}

/** The credited deals behind a line of these reps in `period`, by credit date then id, each with the credit it gave the line. */
function dealsBehind(g: GraphRun, credit: CreditResult, reps: number[], period: Period): { i: number; amount: Decimal }[] {
  const { run } = g;
  const byDeal = new Map<number, Decimal>();
  for (const m of reps) for (const i of credit.dealsIn(m, period)) if (credit.credited[i]) byDeal.set(i, (byDeal.get(i) ?? new Decimal(0)).plus(credit.amountFor(m, i)!));
  const date = (i: number) => Math.floor((run.deals.rows[i].values[run.deals.date] as number) / DAY_MS);
  const id = (i: number) => run.deals.id(i);
  return [...byDeal].map(([i, amount]) => ({ i, amount })).sort((a, b) => date(a.i) - date(b.i) || (id(a.i) < id(b.i) ? -1 : id(a.i) > id(b.i) ? 1 : 0));
}

/** Deal `i`'s part of each of `lines` (one rep's lines of one commission node), the deals behind them being those of `reps`. */
function partsOfLines(g: GraphRun, credit: CreditResult, node: NodeOf<'commission'>, lines: PayoutLine[], reps: number[], i: number, whose: string): LinePart[] {
  const { run } = g;
  const date = run.deals.rows[i].values[run.deals.date] as number;
  const period = run.periods(node.period).find((p) => date >= p.start && date < p.end);
  if (!period) return [];
  const { step, mode } = run.graph.playbook.rounding;
  const out: LinePart[] = [];
  for (const line of lines.filter((l) => l.period === period.key)) {
    const deals = dealsBehind(g, credit, reps, period);
    const total = deals.reduce((s, d) => s.plus(d.amount), new Decimal(0));
    const k = deals.findIndex((d) => d.i === i);
    if (k < 0 || total.isZero()) continue;
    const part = splitExact(line.amount, deals.map((d) => d.amount.div(total)), step, mode)[k];
    out.push({
      component: line.component,
      period: line.period,
      amount: part.toFixed(),
      line: line.amount.toFixed(),
      why: `the deal gave ${run.money(deals[k].amount)} of the ${run.money(total)} ${whose} credited in ${line.period} (${deals.length} deal${deals.length === 1 ? '' : 's'})${part.eq(run.round(line.amount.mul(deals[k].amount).div(total))) ? '' : '; the last deal takes the rounding remainder'}`,
    });
  }
  return out;
}

/**
 * Who gets which part of deal `i`; null when the deal is not credited, or is credited to its own
 * rep alone with no overlay above them.
 */
export function dealParts(g: GraphRun, e: Evaluation, i: number): DealParts | null {
  const { run } = g;
  const credit = g.results.get('credit') as CreditResult;
  if (!credit.credited[i]) return null;
  const commissions = run.graph.nodes.filter((n): n is NodeOf<'commission'> => n.kind === 'commission');
  const own = commissions.filter((n) => n.team === undefined);
  const teams = commissions.filter((n) => n.team !== undefined).map((n) => ({ node: n, members: teamMembers(run, n.team!) }));
  const shares = run.splits?.get(i) ?? null;
  const ownRep = run.reps.indexByKey.get(String(run.deals.rows[i].values[run.deals.rep]));
  const people = shares ?? (ownRep === undefined ? [] : [{ rep: ownRep, share: new Decimal(1), line: 0 }]);
  const overlayReps = teams.flatMap((t) => t.members.flatMap((list, manager) => (people.some((p) => list.includes(p.rep)) ? [manager] : [])));
  if (!shares && overlayReps.length === 0) return null;
  const creditParts = credit.splitParts(i);
  const role = run.graph.roles.splits;
  const splitFile = role ? (run.tables.get(role.table)?.schema.file ?? role.table) : '';
  const bonusNodes = run.graph.nodes.filter((n): n is NodeOf<'bonus'> => n.kind === 'bonus' && n.scope === 'deal');
  const repLines = (rep: string) => e.reps.find((r) => r.rep === rep)?.lines ?? [];
  const result: DealParts = {
    table: shares && role ? { name: role.table, file: splitFile } : null,
    people: people.map((p, k) => {
      const key = run.reps.keys[p.rep];
      return {
        person: key,
        share: p.share.toFixed(),
        row: shares ? { file: splitFile, line: p.line } : null,
        credit: (creditParts ? creditParts[k] : credit.amounts[i]!).toFixed(),
        commission: own.flatMap((n) => partsOfLines(g, credit, n, (g.results.get(n.id) as ComponentResult).lines[p.rep], [p.rep], i, key)),
        bonuses: bonusNodes.flatMap((n) => {
          const paid = repLines(key).find((l) => l.node === n.id)?.trace?.deals?.find((x) => x.deal === i)?.amount;
          return paid ? [{ name: n.name, amount: paid.toFixed() }] : [];
        }),
      };
    }),
    overlays: teams.flatMap((t) =>
      t.members.flatMap((members, manager) => {
        const via = people.filter((p) => members.includes(p.rep)).map((p) => run.reps.keys[p.rep]);
        if (via.length === 0) return [];
        const lines = (g.results.get(t.node.id) as ComponentResult).lines[manager];
        return partsOfLines(g, credit, t.node, lines, members, i, `team of ${run.reps.keys[manager]}`).map((part) => ({ ...part, manager: run.reps.keys[manager], via }));
      }),
    ),
  };
  return result;
}

/** Every release of deal `id` when commission is paid in stages (empty otherwise), by rep, component, stage. */
export function dealReleases(g: GraphRun, id: string): DealRelease[] {
  const s = g.results.get('statements') as StatementsResult | undefined;
  if (!s) return [];
  return s.releases
    .filter((x) => x.deal === id)
    .map((x) => ({
      rep: x.rep,
      component: x.component,
      period: x.period,
      stage: x.stage,
      amount: x.amount.toFixed(),
      triggered: x.triggeredOn === null ? null : dateText(x.triggeredOn),
      paid: x.paidOn === null ? null : dateText(x.paidOn),
      days: x.paidOn === null || x.triggeredOn === null ? null : Math.round((x.paidOn - x.triggeredOn) / DAY_MS),
      held: x.paidOn === null ? (x.reason ?? 'not paid by the end of the data') : null,
      line: x.line ?? 'part',
      fate: fateText(x),
      why: x.explain,
    }));
}

/** `30%`, `33.33%`: a share as the split table writes it. */
export function shareText(ratio: string): string {
  return percentText(new Decimal(ratio));
}
