/**
 * `compare --format json` and `--format csv`. Money is exact decimal text with
 * the currency's digits; ratios (attainment, cost of sales, change) are
 * decimal text with 4 places (0.1234 = 12.34%). With a minimum group size the
 * per-rep rows are left out and deals carry no rep.
 */
import type { Decimal } from '../../runtime/decimal.js';
import { moneyText } from '../../runtime/money.js';
import { csvCell } from '../report-csv.js';
import type { Comparison, RepSide } from './compare.js';
import type { Distribution } from './distribution.js';

const ratio = (d: Decimal | null): string | null => (d === null ? null : d.toFixed(4));

function sideJson(s: RepSide, digits: number) {
  return {
    present: s.present,
    credited: moneyText(s.credited, digits),
    deals_credited: s.dealsCredited,
    payout: moneyText(s.payout, digits),
    forfeited: moneyText(s.forfeited, digits),
    attainment: Object.fromEntries(s.attainment.map((x) => [x.quota, ratio(x.ratio)])),
    cost_of_sales: ratio(s.costOfSales),
    components: Object.fromEntries([...s.components].map(([k, v]) => [k, moneyText(v, digits)])),
  };
}

/** The distribution; with `hide` (--min-group) the median and quartiles, each one rep's pay, are null. */
function distributionJson(d: Distribution, digits: number, hide: boolean) {
  const m = (x: Decimal) => moneyText(x, digits);
  const q = (x: Decimal) => (hide ? null : x.toFixed());
  return { reps: d.reps, total_cost: m(d.total), credited: m(d.credited), cost_of_sales: ratio(d.costOfSales), q1: q(d.q1), median: q(d.median), q3: q(d.q3), top_10_percent_reps: d.topCount, top_10_percent_share: ratio(d.topShare) };
}

/** The comparison as a JSON value (see the module comment for units). */
export function comparisonJson(c: Comparison) {
  const digits = c.minorDigits;
  const m = (x: Decimal) => moneyText(x, digits);
  const hide = c.minGroup !== null;
  return {
    a: { name: c.a.name, file: c.a.file },
    b: { name: c.b.name, file: c.b.file },
    currency: c.currency,
    threshold: c.threshold.kind === 'amount' ? { amount: m(c.threshold.amount) } : { percent: c.threshold.ratio.mul(100).toFixed() },
    changes: c.changes.map((x) => ({ rule: x.rule, what: x.what, components: x.components })),
    reps: hide
      ? null
      : c.reps.map((r) => ({
          rep: r.rep,
          a: sideJson(r.a, digits),
          b: sideJson(r.b, digits),
          difference: m(r.difference),
          change: ratio(r.percent),
          verdict: r.verdict,
          attribution: r.attribution.map((p) => ({ component: p.component, amount: m(p.amount), forfeit_effect: m(p.forfeitEffect), causes: p.causes })),
        })),
    totals: { a: distributionJson(c.totals.a, digits, hide), b: distributionJson(c.totals.b, digits, hide), difference: m(c.totals.difference) },
    min_group: c.minGroup,
    groups: c.groups.map((g) => ({ label: g.label, reps: hide ? g.reps.length : g.reps, a: m(g.a), b: m(g.b), difference: m(g.difference) })),
    deals: c.deals.map((d) => ({ id: d.id, rep: hide ? null : d.rep, amount: d.amount === null ? null : d.amount.toFixed(), a: d.a, b: d.b })),
    redlines: c.redlines.map((r) => ({ id: r.id, a: r.a && { ...r.a, amount: r.a.amount.toFixed() }, b: r.b && { ...r.b, amount: r.b.amount.toFixed() } })),
    forfeits: hide ? c.forfeits.length : c.forfeits.map((f) => ({ rep: f.rep, component: f.component, a: f.a && { amount: m(f.a.amount), rule: f.a.rule }, b: f.b && { amount: m(f.b.amount), rule: f.b.rule } })),
    warnings: c.warnings,
  };
}

/** {@link comparisonJson} as two-space indented text ending with a newline. */
export function formatCompareJson(c: Comparison): string {
  return `${JSON.stringify(comparisonJson(c), null, 2)}\n`;
}

/**
 * One row per rep (or per group with a minimum group size): payouts, difference,
 * credited, attainment and cost of sales under each plan, and the attribution as one
 * column per component.
 */
export function formatCompareCsv(c: Comparison): string {
  const digits = c.minorDigits;
  const m = (x: Decimal) => moneyText(x, digits);
  // The first cell is a name (a formula in it is neutralised); the rest are numbers or fixed words.
  const line = (cells: (string | null)[]) => cells.map((x, i) => csvCell(x ?? '', i > 0)).join(',');
  if (c.minGroup !== null) {
    return `${[line(['group', 'reps', 'payout_a', 'payout_b', 'difference']), ...c.groups.map((g) => line([g.label, String(g.reps.length), m(g.a), m(g.b), m(g.difference)]))].join('\n')}\n`;
  }
  const quotas = [...new Set(c.reps.flatMap((r) => [...r.a.attainment, ...r.b.attainment].map((x) => x.quota)))];
  const components = [...new Set(c.reps.flatMap((r) => r.attribution.map((p) => p.component)))];
  const header = ['rep', 'payout_a', 'payout_b', 'difference', 'change', 'verdict', 'credited_a', 'credited_b', ...quotas.flatMap((q) => [`attainment_${q}_a`, `attainment_${q}_b`]), 'cost_of_sales_a', 'cost_of_sales_b', ...components.map((x) => `change_${x}`)];
  const rows = c.reps.map((r) =>
    line([
      r.rep,
      m(r.a.payout),
      m(r.b.payout),
      m(r.difference),
      ratio(r.percent),
      r.verdict,
      m(r.a.credited),
      m(r.b.credited),
      ...quotas.flatMap((q) => [ratio(r.a.attainment.find((x) => x.quota === q)?.ratio ?? null), ratio(r.b.attainment.find((x) => x.quota === q)?.ratio ?? null)]),
      ratio(r.a.costOfSales),
      ratio(r.b.costOfSales),
      ...components.map((x) => {
        const p = r.attribution.find((y) => y.component === x);
        return p ? m(p.amount) : (0).toFixed(digits);
      }),
    ]),
  );
  return `${[line(header), ...rows].join('\n')}\n`;
}
