/**
 * The money lifecycle in the reports (domain.md §4, pay in stages and pay fast): the `payments`
 * part of `simulate --format json`, the statement lines of `simulate --format csv --statements`
 * (one row per statement line: earned, payable, paid, held), and the pay-fast and held summary of
 * the table. Present only when the playbook pays something in stages.
 */
import { drawStatementRows } from './report-draws.js';
import type { RepResult } from '../runtime/result.js';
import { Decimal } from '../runtime/decimal.js';
import { groupedText, minorUnitsText, moneyText } from '../runtime/money.js';
import { explainPlainOf, minorUnitsOf } from '../runtime/stages/release-table.js';
import type { StatementsResult } from '../runtime/nodes/statements.js';
import { dateText } from '../runtime/periods.js';
import { dayText } from './day-text.js';
import { csvCell } from './report-csv.js';
import { renderTable, wrap } from './text-table.js';
import { LazyArray, LazyRecords, mapped, type RecordField } from './text-sink.js';

const day = (d: number | null) => (d === null ? null : dayText(d));

/**
 * The `payments` object of the JSON report (see schema/simulate-output.schema.json), its long
 * lists written one entry at a time. `release`: the report is the last reader of `p`, whose
 * statement lines are let go once written (see `writeSimulationJson`).
 */
export function paymentsJson(p: StatementsResult, digits: number, release = false): Record<string, unknown> {
  const m = (d: Decimal) => moneyText(d, digits);
  return {
    as_of: day(p.asOf),
    pay_fast: p.payFast.map((f) => ({ scope: f.scope, name: f.name, payments: f.payments, median_days: f.median, p90_days: f.p90, max_days: f.max })),
    // Clawback fields appear only when the playbook claws back, so other reports are as before.
    totals: p.totals.map((t) => ({ rep: t.rep, component: t.component, earned: m(t.earned), paid: m(t.paid), held: m(t.held), ...(p.clawbacks ? { clawed_back: m(t.clawedBack), cancelled: m(t.cancelled) } : {}), ...(p.limits ? { topped_up: m(t.toppedUp), capped: m(t.capped) } : {}) })),
    // Made entry by entry as written (not all before the report starts: ~190,000 lines at 1M deals).
    statements: new LazyArray(() => mapped(p.lines, (l) => ({ rep: l.rep, month: l.month, component: l.component, earned: m(l.earned), payable: m(l.payable), paid: m(l.paid), held: m(l.held), ...(p.clawbacks ? { clawed_back: m(l.clawedBack) } : {}), ...(p.limits ? { topped_up: m(l.toppedUp), capped: m(l.capped) } : {}) })), {
      rows: false,
      ...(release ? { written: () => (p.lines = []) } : {}),
    }),
    // Every release of every deal: the long list, written one entry at a time.
    releases: new LazyRecords(() => p.releases, releaseFields(m, digits, p.clawbacks || p.limits)),
  };
}

type Release = StatementsResult['releases'][number];

/**
 * A release's amount as `moneyText` writes it; from its whole minor units when it holds them
 * (the same text, `minorUnitsText`, without making a Decimal: millions of releases at scale).
 */
function amountText(x: Release, m: (d: Decimal) => string, digits: number): string {
  const units = minorUnitsOf(x, digits);
  return Number.isNaN(units) ? m(x.amount) : minorUnitsText(units, digits);
}

/**
 * The fields of an entry of `payments.releases`, in order. `adjusted` (the playbook claws back,
 * or has caps or minimums) adds `line` and `cancelled_on`, before `explain`. Amounts and dates
 * are `plain`: the engine writes them with digits and dashes only.
 */
function releaseFields(m: (d: Decimal) => string, digits: number, adjusted: boolean): RecordField<Release>[] {
  return [
    { key: 'rep', value: (x) => x.rep, repeats: 'few' },
    { key: 'component', value: (x) => x.component, repeats: 'few' },
    { key: 'period', value: (x) => x.period, repeats: 'few' },
    { key: 'deal', value: (x) => x.deal, repeats: 'runs' },
    { key: 'stage', value: (x) => x.stage, repeats: 'few' },
    { key: 'trigger', value: (x) => x.trigger, repeats: 'few' },
    { key: 'amount', value: (x) => amountText(x, m, digits), plain: true },
    { key: 'earned_on', value: (x) => day(x.earnedOn), repeats: 'few' },
    { key: 'triggered_on', value: (x) => day(x.triggeredOn), repeats: 'few' },
    { key: 'payable_on', value: (x) => day(x.payableOn), repeats: 'few' },
    { key: 'paid_on', value: (x) => day(x.paidOn), repeats: 'few' },
    { key: 'held_reason', value: (x) => x.reason, repeats: 'few' },
    ...(adjusted
      ? [
          { key: 'line', value: (x: Release) => x.line ?? 'part', repeats: 'few' as const },
          { key: 'cancelled_on', value: (x: Release) => day(x.cancelledOn ?? null), repeats: 'few' as const },
        ]
      : []),
    // Known plain when the sentence is made of checked pieces (release-table.ts `explainPlain`).
    { key: 'explain', value: (x) => x.explain, plain: explainPlainOf },
  ];
}

/**
 * `simulate --format csv --statements`: one row per statement line (rep, month, component, line,
 * amount): the staged components' earned, payable, paid and held, then the draw's lines per rep
 * and draw period (see `report-draws.ts`), when `reps` is given and the playbook has a draw.
 */
export function formatStatementsCsv(p: StatementsResult | undefined, digits: number, reps: RepResult[] = []): string {
  const rows = ['rep,month,component,line,amount'];
  for (const l of p?.lines ?? []) {
    const kinds: [string, Decimal][] = [['earned', l.earned], ['payable', l.payable], ['paid', l.paid], ['held', l.held]];
    if (p?.clawbacks) kinds.splice(3, 0, ['clawed back', l.clawedBack]);
    if (p?.limits) kinds.push(['topped up', l.toppedUp], ['capped', l.capped]);
    for (const [kind, amount] of kinds) {
      rows.push([csvCell(l.rep), l.month, csvCell(l.component), kind, moneyText(amount, digits)].join(','));
    }
  }
  for (const row of drawStatementRows(reps, (d) => moneyText(d, digits))) rows.push([csvCell(row[0]), ...row.slice(1)].join(','));
  return `${rows.join('\n')}\n`;
}

const daysText = (n: number | null) => (n === null ? '—' : String(n));

/** The table report's section: pay fast per component and rep, and what is held at the end of the data and why. */
export function paymentsTable(p: StatementsResult, digits: number, width: number): string[] {
  const money = (d: Decimal) => groupedText(d, digits);
  const out: string[] = ['', `Paying in stages — to the end of the data, ${p.asOf === null ? '—' : dateText(p.asOf)}`];
  type Sums = { earned: Decimal; paid: Decimal; held: Decimal; clawed: Decimal };
  const byRep = new Map<string, Sums>();
  for (const t of p.totals) {
    const r = byRep.get(t.rep);
    byRep.set(t.rep, r ? { earned: r.earned.plus(t.earned), paid: r.paid.plus(t.paid), held: r.held.plus(t.held), clawed: r.clawed.plus(t.clawedBack) } : { earned: t.earned, paid: t.paid, held: t.held, clawed: t.clawedBack });
  }
  // The clawed-back column appears only when a pay section claws back: other reports are as before.
  const claw = (x: string) => (p.clawbacks ? [x] : []);
  const fast = new Map(p.payFast.filter((f) => f.scope === 'rep').map((f) => [f.name, f]));
  const rows: (string[] | null)[] = [...byRep].map(([rep, t]) => {
    const f = fast.get(rep);
    return [rep, money(t.earned), money(t.paid), ...claw(money(t.clawed)), money(t.held), daysText(f?.median ?? null), daysText(f?.p90 ?? null), daysText(f?.max ?? null)];
  });
  const all = p.payFast.find((f) => f.scope === 'all');
  const sum = (pick: (t: Sums) => Decimal) => money([...byRep.values()].reduce((s, t) => s.plus(pick(t)), new Decimal(0)));
  if (byRep.size > 0) rows.push(null, ['Total', sum((t) => t.earned), sum((t) => t.paid), ...claw(sum((t) => t.clawed)), sum((t) => t.held), daysText(all?.median ?? null), daysText(all?.p90 ?? null), daysText(all?.max ?? null)]);
  out.push(renderTable([{ title: 'Rep', align: 'left' }, { title: 'Earned', align: 'right' }, { title: 'Paid', align: 'right' }, ...(p.clawbacks ? [{ title: 'Clawed back', align: 'right' as const }] : []), { title: 'Held', align: 'right' }, { title: 'Days to pay: median', align: 'right' }, { title: 'p90', align: 'right' }, { title: 'max', align: 'right' }], rows));
  for (const f of p.payFast.filter((x) => x.scope === 'component')) {
    out.push(`  ${f.name}: ${f.payments} payment${f.payments === 1 ? '' : 's'}, days from trigger to payment: median ${daysText(f.median)}, p90 ${daysText(f.p90)}, max ${daysText(f.max)}`);
  }
  // Held at the end of the data, by reason (the reason's first words: "cash not yet collected", …).
  const held = p.releases.filter((x) => x.paidOn === null && x.line !== 'cancelled' && x.line !== 'capped');
  if (held.length > 0) {
    out.push('', 'Held at the end of the data');
    const byReason = new Map<string, { amount: Decimal; deals: Set<string> }>();
    for (const x of held) {
      const why = (x.reason ?? '').split(':')[0];
      const r = byReason.get(why) ?? { amount: new Decimal(0), deals: new Set<string>() };
      r.amount = r.amount.plus(x.amount);
      if (x.deal) r.deals.add(x.deal);
      byReason.set(why, r);
    }
    // A forfeited part is held for good: said so, or "held" reads as money still to come (found by a trial user).
    for (const [why, r] of [...byReason].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push(wrap(`  ${why}: ${money(r.amount)} on ${r.deals.size} deal${r.deals.size === 1 ? '' : 's'}${why.startsWith('forfeited') ? ' — never paid: the rule takes the whole component (see Forfeited), whatever the caps and reversals above it changed' : ''}`, width));
    out.push(wrap('  (each held part, with its reason, in --format json; statements per month with --format csv --statements)', width, '  '));
  }
  if (p.limits) out.push(...limitSummary(p, money, width));
  if (p.clawbacks) out.push(...reversalSummary(p, money, width));
  out.push(...settledNote(p, width));
  return out;
}

/**
 * Tiered quarterly or yearly lines paid in stages (docs/language.md §12b): their parts are shares of
 * the period's final amount, released on each deal's trigger — said in words, so a January payment
 * is not read as money a January pay run could have worked out (found by a trial user).
 */
function settledNote(p: StatementsResult, width: number): string[] {
  if (p.settledOnFinal.length === 0) return [];
  const periods = [...new Set(p.settledOnFinal.map((x) => x.period))];
  const names = p.settledOnFinal.map((x) => `"${x.component}"`).join(', ');
  const period = periods.length === 1 ? periods[0] : 'quarter or year';
  return ['', wrap(`Note: ${names} ${p.settledOnFinal.length === 1 ? 'is' : 'are'} worked out per ${period} at a rate that depends on the ${period}'s whole credit. Each deal's part is its share of the ${period}'s final amount, known only when the ${period} ends, but it is released on the deal's own trigger: a statement early in the ${period} already pays on tiers reached later. A table on year-to-date (or quarter-to-date) credited paid per month pays only what has been earned so far (docs/language.md §8b).`, width, '  ')];
}

/** With minimums or caps: what the minimums added and what the caps took off, and on how many deals. */
function limitSummary(p: StatementsResult, money: (d: Decimal) => string, width: number): string[] {
  const of = (line: 'top-up' | 'capped') => {
    const parts = p.releases.filter((x) => x.line === line);
    // Deals a cap still takes something off (a credit note after a cap was reached, or a reversal that
    // released what was capped, gives some back: counted apart).
    const byDeal = new Map<string | null, Decimal>();
    for (const x of parts) byDeal.set(x.deal, (byDeal.get(x.deal) ?? new Decimal(0)).plus(x.amount));
    const deals = new Set([...byDeal].filter(([, v]) => v.gt(0)).map(([d]) => d));
    return `${money(parts.reduce((s, x) => s.plus(x.amount), new Decimal(0)))} on ${deals.size} deal${deals.size === 1 ? '' : 's'}`;
  };
  const back = p.releases.filter((x) => x.line === 'capped' && x.amount.isNegative() && x.stage !== 'cap released');
  const given = back.length === 0 ? '' : `, after ${money(back.reduce((s, x) => s.minus(x.amount), new Decimal(0)))} of credit notes on ${new Set(back.map((x) => x.deal)).size} deal${new Set(back.map((x) => x.deal)).size === 1 ? '' : 's'} came off what was capped rather than off the pay`;
  // What reversals released from a cap per period (stages/cap-release.ts): paid after all.
  const freed = p.releases.filter((x) => x.line === 'capped' && x.stage === 'cap released');
  const freedDeals = new Set(freed.map((x) => x.deal)).size;
  const released = freed.length === 0 ? '' : `, after ${money(freed.reduce((s, x) => s.minus(x.amount), new Decimal(0)))} on ${freedDeals} deal${freedDeals === 1 ? '' : 's'} was paid after all, when reversals brought a period back under its cap`;
  return ['', wrap(`Minimums and caps: topped up ${of('top-up')}; capped ${of('capped')} (never paid${given}${released})`, width, '  ')];
}

/** With clawbacks: what reversals took back from what was paid, and what they cancelled before it was paid, and on how many deals. */
function reversalSummary(p: StatementsResult, money: (d: Decimal) => string, width: number): string[] {
  const of = (line: 'clawback' | 'cancelled') => {
    const parts = p.releases.filter((x) => x.line === line);
    const deals = new Set(parts.map((x) => x.deal));
    const amount = parts.reduce((s, x) => s.plus(x.amount), new Decimal(0));
    return `${money(amount.abs())} on ${deals.size} deal${deals.size === 1 ? '' : 's'}`;
  };
  return ['', wrap(`Reversals: clawed back ${of('clawback')} (taken back from what was paid, at what each deal was paid); cancelled before payment ${of('cancelled')}`, width, '  ')];
}
