/**
 * `compare --format table` (the default): what changed in the rules, every
 * rep under A and B, the totals and the distribution, winners and losers, why
 * each rep's pay moved, and the deals, red lines and forfeits that differ.
 * Fits 100 columns unless `wide`; with a minimum group size no rep is named.
 */
import { Decimal } from '../../runtime/decimal.js';
import { groupedText } from '../../runtime/money.js';
import { type OptionalColumn, renderFitted, renderTable, wrap } from '../text-table.js';
import type { Comparison, DealDifference, RepComparison, Threshold } from './compare.js';

const WIDTH = 100;

/** Money with a sign: `+1,234.00`, `-200.00`, `0.00`. */
export function signedMoney(d: Decimal, digits: number): string {
  const text = groupedText(d, digits);
  return d.gt(0) && !/^0[.,0]*$/.test(text) ? `+${text}` : text;
}

/** A ratio as a percent with one decimal: `0.1234` → `12.3%`; signed when `signed`. */
export function percent1(ratio: Decimal | null, signed = false): string {
  if (ratio === null) return '';
  const text = `${ratio.mul(100).toFixed(1, Decimal.ROUND_HALF_UP)}%`.replace(/^-(0\.0%)$/, '$1');
  return signed && ratio.gt(0) && text !== '0.0%' ? `+${text}` : text;
}

export function thresholdText(t: Threshold, digits: number): string {
  if (t.kind === 'amount') return t.amount.isZero() ? 'any change' : `a change of at least ${groupedText(t.amount, digits)}`;
  return `a change of at least ${t.ratio.mul(100).toString()}% of A's payout`;
}

function repTable(c: Comparison, wide: boolean): string[] {
  const money = (d: Decimal) => groupedText(d, c.minorDigits);
  const quotas = [...new Set(c.reps.flatMap((r) => [...r.a.attainment, ...r.b.attainment].map((x) => x.quota)))];
  const columns: OptionalColumn[] = [
    { title: 'Rep', align: 'left' },
    { title: 'Payout A', align: 'right' },
    { title: 'Payout B', align: 'right' },
    { title: 'Change', align: 'right' },
    { title: 'Change %', align: 'right' },
    { title: 'Credited A', align: 'right', optional: true },
    { title: 'Credited B', align: 'right', optional: true },
    ...quotas.flatMap((q): OptionalColumn[] => [
      { title: `${q} att. A`, align: 'right', optional: true },
      { title: `${q} att. B`, align: 'right', optional: true },
    ]),
    { title: 'CoS A', align: 'right', optional: true },
    { title: 'CoS B', align: 'right', optional: true },
  ];
  const att = (r: RepComparison['a'], q: string) => percent1(r.attainment.find((x) => x.quota === q)?.ratio ?? null);
  const rows: (string[] | null)[] = c.reps.map((r) => [
    r.rep,
    money(r.a.payout),
    money(r.b.payout),
    signedMoney(r.difference, c.minorDigits),
    percent1(r.percent, true),
    money(r.a.credited),
    money(r.b.credited),
    ...quotas.flatMap((q) => [att(r.a, q), att(r.b, q)]),
    percent1(r.a.costOfSales),
    percent1(r.b.costOfSales),
  ]);
  const t = c.totals;
  rows.push(null, [
    'Total',
    money(t.a.total),
    money(t.b.total),
    signedMoney(t.difference, c.minorDigits),
    percent1(t.a.total.isZero() ? null : t.difference.div(t.a.total.abs()), true),
    money(t.a.credited),
    money(t.b.credited),
    ...quotas.flatMap(() => ['', '']),
    percent1(t.a.costOfSales),
    percent1(t.b.costOfSales),
  ]);
  if (wide) return [renderTable(columns, rows)];
  const fitted = renderFitted(columns, rows, WIDTH);
  return fitted.shortened ? [fitted.text, '(--wide shows every column: credited, attainment and cost of sales (CoS) under each plan)'] : [fitted.text];
}

function distributionTable(c: Comparison): string {
  const money = (d: Decimal) => groupedText(d, c.minorDigits);
  const { a, b } = c.totals;
  const row = (label: string, x: Decimal | null, y: Decimal | null, show: (d: Decimal) => string, change: (x: Decimal, y: Decimal) => string) => [
    label,
    x === null ? '' : show(x),
    y === null ? '' : show(y),
    x === null || y === null ? '' : change(x, y),
  ];
  const moneyChange = (x: Decimal, y: Decimal) => signedMoney(y.minus(x), c.minorDigits);
  const pointsChange = (x: Decimal, y: Decimal) => `${percent1(y.minus(x), true).replace('%', '')} pts`;
  return renderTable(
    [
      { title: '', align: 'left' },
      { title: 'A', align: 'right' },
      { title: 'B', align: 'right' },
      { title: 'Change', align: 'right' },
    ],
    [
      row('Total cost', a.total, b.total, money, moneyChange),
      row('Credited', a.credited, b.credited, money, moneyChange),
      row('Cost of sales', a.costOfSales, b.costOfSales, (d) => percent1(d), pointsChange),
      // A quartile or the median is one rep's pay (or between two): withheld when no rep may be identified.
      ...(c.minGroup === null
        ? [row('Lower quartile payout', a.q1, b.q1, money, moneyChange), row('Median payout', a.median, b.median, money, moneyChange), row('Upper quartile payout', a.q3, b.q3, money, moneyChange)]
        : []),
      row(`Share of the top 10% (${b.topCount} rep${b.topCount === 1 ? '' : 's'})`, a.topShare, b.topShare, (d) => percent1(d), pointsChange),
    ],
  );
}

function groupLines(c: Comparison): string[] {
  const money = (d: Decimal) => groupedText(d, c.minorDigits);
  const out = [`Winners and losers (${thresholdText(c.threshold, c.minorDigits)})`];
  for (const g of c.groups) out.push(`  ${g.label}: ${g.reps.length} rep${g.reps.length === 1 ? '' : 's'}, paid ${money(g.a)} under A and ${money(g.b)} under B (${signedMoney(g.difference, c.minorDigits)})`);
  if (c.minGroup !== null) {
    out.push(`  (groups of fewer than ${c.minGroup} reps are merged, no rep is named and the median and quartiles, each one rep's pay, are withheld)`);
    if (c.reps.length < c.minGroup) out.push(`  Careful: there are only ${c.reps.length} reps in all, fewer than ${c.minGroup}: these totals and the distribution above still reveal individual pay.`);
    return out;
  }
  const top = (verdict: 'winner' | 'loser') =>
    c.reps
      .filter((r) => r.verdict === verdict)
      .sort((x, y) => y.difference.abs().comparedTo(x.difference.abs()))
      .slice(0, 5)
      .map((r) => `${r.rep} ${signedMoney(r.difference, c.minorDigits)}${r.percent === null ? '' : ` (${percent1(r.percent, true)})`}`);
  const wins = top('winner');
  const losses = top('loser');
  if (wins.length > 0) out.push(wrap(`  Biggest gains: ${wins.join(', ')}`, WIDTH));
  if (losses.length > 0) out.push(wrap(`  Biggest losses: ${losses.join(', ')}`, WIDTH));
  return out;
}

function attributionLines(c: Comparison): string[] {
  const moved = c.reps.filter((r) => !r.difference.isZero() || r.attribution.length > 0);
  if (moved.length === 0) return [];
  const out = ['Why each rep’s pay changed (B − A per component; the parts add up to the change)'];
  for (const r of moved) {
    const parts = r.attribution.map((p) => `${signedMoney(p.amount, c.minorDigits)} ${p.component}${p.forfeitEffect.isZero() ? '' : ` (of which ${signedMoney(p.forfeitEffect, c.minorDigits)} forfeits)`}`);
    const credited = r.b.credited.minus(r.a.credited);
    const deals = c.deals.filter((d) => d.rep === r.rep && (d.a?.fate === 'credited') !== (d.b?.fate === 'credited')).map((d) => d.id);
    const why = credited.isZero() ? '' : ` (credited ${signedMoney(credited, c.minorDigits)}${deals.length > 0 ? `: ${deals.length === 1 ? 'deal' : 'deals'} ${deals.join(', ')}` : ''})`;
    out.push(wrap(`  ${r.rep}: ${signedMoney(r.difference, c.minorDigits)} = ${parts.join('; ') || 'nothing'}${why}`, WIDTH));
  }
  const components = [...new Set(moved.flatMap((r) => r.attribution.map((p) => p.component)))];
  out.push('', 'Components and the rule changes behind them');
  for (const component of components) {
    const causes = [...new Set(moved.flatMap((r) => r.attribution.filter((p) => p.component === component).flatMap((p) => p.causes)))];
    out.push(wrap(`  ${component}: ${causes.length > 0 ? causes.join('; ') : 'no rule of its own changed: it moved with what was credited or with other reps’ results'}`, WIDTH));
  }
  // Changes to what is credited (red lines, the credit rule, derived fields) reach every component.
  const throughCredit = c.changes.filter((ch) => ch.components === 'credit');
  if (throughCredit.length > 0 && c.reps.some((r) => !r.a.credited.eq(r.b.credited))) {
    out.push(wrap(`  and every component, through what is credited: ${throughCredit.map((ch) => `${ch.rule}: ${ch.what}`).join('; ')}`, WIDTH));
  }
  return out;
}

/** A deal's fate under one plan, in words: `blocked by margin floor`, `credited`, `not credited, trips …`. */
export function fateText(x: DealDifference['a']): string {
  if (!x) return 'not in this plan’s data';
  if (x.fate === 'blocked') return `blocked by ${x.redlines.join(', ')}`;
  return `${x.fate}${x.redlines.length > 0 ? `, trips ${x.redlines.join(', ')}` : ''}`;
}

function dealLines(c: Comparison): string[] {
  if (c.deals.length === 0) return [];
  const credit = c.deals.filter((d) => d.a?.fate !== d.b?.fate);
  const out = [`Deals whose fate differs: ${c.deals.length} (${credit.length} credited under one plan and not the other)`];
  // Deals whose credit changed first: they move pay; the others only trip a red line differently.
  const listed = [...credit, ...c.deals.filter((d) => d.a?.fate === d.b?.fate)];
  const rows = listed.slice(0, 30).map((d) => [d.id, c.minGroup === null ? (d.rep ?? '') : '', d.amount === null ? '' : groupedText(d.amount, c.minorDigits), fateText(d.a), fateText(d.b)]);
  const columns: OptionalColumn[] = [
    { title: 'Deal', align: 'left' },
    { title: 'Rep', align: 'left', optional: true },
    { title: 'Amount', align: 'right' },
    { title: 'Under A', align: 'left' },
    { title: 'Under B', align: 'left' },
  ];
  out.push(renderFitted(columns, rows, WIDTH).text);
  if (c.deals.length > 30) out.push(`  … and ${c.deals.length - 30} more (see --format json or csv)`);
  return out;
}

function redlineAndForfeitLines(c: Comparison): string[] {
  const money = (d: Decimal) => groupedText(d, c.minorDigits);
  const out: string[] = [];
  if (c.redlines.length > 0) {
    out.push('Red lines that trip differently');
    const show = (x: (typeof c.redlines)[number]['a']) => (x ? `${x.count} (${x.effect}${x.amount.isZero() ? '' : `, ${money(x.amount)}`})` : 'not in this plan');
    for (const r of c.redlines) out.push(`  ${r.id}: A ${show(r.a)}, B ${show(r.b)}`);
  }
  if (c.forfeits.length > 0) {
    if (out.length > 0) out.push('');
    out.push('Forfeits that differ');
    if (c.minGroup !== null) out.push(`  ${c.forfeits.length} forfeit(s) differ (reps not named)`);
    else {
      const show = (x: (typeof c.forfeits)[number]['a']) => (x ? `${money(x.amount)} (${x.rule})` : 'nothing');
      for (const f of c.forfeits) out.push(wrap(`  ${f.rep}: ${f.component} A ${show(f.a)}, B ${show(f.b)}`, WIDTH));
    }
  }
  return out;
}

/** The comparison as terminal text; `wide` shows every column however wide. */
export function formatCompareTable(c: Comparison, wide = false): string {
  const out: string[] = [];
  out.push(`A: ${c.a.name} (${c.a.file})`, `B: ${c.b.name} (${c.b.file})`, `Amounts in ${c.currency}.`, '');
  out.push('What changed in the rules');
  if (c.changes.length === 0) out.push('  nothing: the two plans have the same rules');
  for (const ch of c.changes) out.push(wrap(`  ${ch.rule}: ${ch.what}`, wide ? Number.MAX_SAFE_INTEGER : WIDTH));
  out.push('');
  if (c.minGroup === null) out.push(...repTable(c, wide), '');
  out.push('Totals and distribution', distributionTable(c), '');
  out.push(...groupLines(c), '');
  if (c.minGroup === null) {
    const why = attributionLines(c);
    if (why.length > 0) out.push(...why, '');
  }
  const deals = dealLines(c);
  if (deals.length > 0) out.push(...deals, '');
  const rf = redlineAndForfeitLines(c);
  if (rf.length > 0) out.push(...rf, '');
  if (c.warnings.length > 0) out.push('Warnings', ...c.warnings.map((w) => wrap(`  ${w}`, WIDTH)), '');
  return `${out.join('\n').trimEnd()}\n`;
}
