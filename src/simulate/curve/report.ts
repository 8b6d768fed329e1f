/**
 * `curve --format table|json`. JSON money is exact decimal text with the
 * currency's digits; attainment and rates are decimal ratios (0.04 = 4%).
 */
import { Decimal } from '../../runtime/decimal.js';
import { groupedText, moneyText, percentText } from '../../runtime/money.js';
import { renderTable } from '../text-table.js';
import { type Curve, attainmentText, plain } from './curve.js';

/** The curve as JSON text ending with a newline. */
export function formatCurveJson(c: Curve): string {
  const m = (d: Decimal) => moneyText(d, c.minorDigits);
  const json = {
    playbook: c.playbook,
    currency: c.currency,
    rep: c.rep,
    credited: c.credited.toFixed(),
    quotas: Object.fromEntries(c.quotas.map((q) => [q.quota, q.amount.toFixed()])),
    tables: c.tables.map((t) => ({ name: t.name, method: t.method, bands: t.bands.map((b) => ({ from: b.from.toFixed(), rate: b.rate.toFixed() })), missing_quotas: t.missingQuotas })),
    points: c.points.map((p) => ({ credited: p.credited.toFixed(), attainment: Object.fromEntries(p.attainment.map((a) => [a.quota, a.ratio.toFixed(4, Decimal.ROUND_DOWN)])), payout: m(p.payout), marginal_rate: p.marginalRate.toFixed(), marks: p.marks })),
    not_drawn: c.notDrawn,
    versioned: c.versioned.map((v) => ({ name: v.name, versions: v.versions, drawn: v.drawn, paid: m(v.paid) })),
    limits: c.limits.map((l) => ({ name: l.name, cap_per_year: l.capped.length === 0 ? null : m(l.capPerYear!), capped: l.capped, not_drawn: l.notDrawn })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** The curve as a terminal table, one row per point, marks in the last column. */
export function formatCurveTable(c: Curve): string {
  const money = (d: Decimal) => groupedText(d, c.minorDigits);
  const quotas = c.quotas.filter((q) => !q.amount.isZero()).map((q) => q.quota);
  const out = [
    `${c.playbook}: payout curve of ${c.rep}, amounts in ${c.currency}`,
    `Credited in the plan period: ${money(c.credited)}${c.quotas.length > 0 ? `; quotas: ${c.quotas.map((q) => `${q.quota} ${money(q.amount)}`).join(', ')}` : ''}`,
    ...c.tables.map((t) => `${t.name} (${t.method}): ${t.bands.map((b) => `from ${plain(b.from)} pays ${percentText(b.rate)}`).join(', ')}${t.missingQuotas.length > 0 ? ` — no ${t.missingQuotas.join(' or ')} quota: those bands pay nothing` : ''}`),
    '',
  ];
  const rows = c.points.map((p) => [
    money(p.credited),
    ...quotas.map((q) => {
      const a = p.attainment.find((x) => x.quota === q);
      return a ? attainmentText(a.ratio) : '';
    }),
    money(p.payout),
    percentText(p.marginalRate),
    p.marks.join('; '),
  ]);
  out.push(
    renderTable(
      [{ title: 'Credited', align: 'right' }, ...quotas.map((q) => ({ title: `${q} att.`, align: 'right' as const })), { title: 'Payout', align: 'right' }, { title: 'Next unit pays', align: 'right' }, { title: 'Note', align: 'left' }],
      rows,
    ),
  );
  out.push('', 'Payout here is what the commission tables pay, before any forfeit: bonuses and rankings do not depend on the credited total and are left out, and a red line or must-win rule that forfeits a component (see playbook explain) takes it away whatever the curve shows.');
  if (c.notDrawn.length > 0) out.push(`Not drawn: ${c.notDrawn.join(', ')} — a yearly curve would mislead for tables paid per period.`);
  out.push(...limitNotes(c, money));
  for (const v of c.versioned) {
    out.push(
      `${v.name} has ${v.versions} plan versions; the curve draws the first (${v.drawn}), so "the rep today" is not what ${c.rep} was paid: each deal was paid under the version in force on its credit date, ${money(v.paid)} in all. --under-version DAY draws the version in force on DAY.`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** What the curve says about the caps and minimums of `pay … in stages` (docs/language.md §12c): one sentence per table with any. */
export function limitNotes(c: Curve, money: (d: Decimal) => string): string[] {
  return c.limits.map((l) => {
    const capped = l.capped.length === 0 ? '' : `${l.capped.map((c) => `"${c}"`).join(' and ')} ${l.capped.length === 1 ? 'is' : 'are each'} capped at ${money(l.capPerYear!)} a year: the curve pays at most that${l.capped.length === 1 ? '' : ' for each'}.`;
    const not = l.notDrawn.length === 0 ? '' : `${capped ? ' ' : ''}Not drawn for ${l.name}: ${l.notDrawn.join(', ')} — they depend on each deal or period, so the rep may be paid less (or, with a minimum, more) than the curve shows.`;
    return `${capped}${not}`;
  });
}
