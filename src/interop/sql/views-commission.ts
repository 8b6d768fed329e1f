/**
 * SQL for commissions (runtime/nodes/commission.ts): the credited amount per rep and period cut into
 * tier bands — fixed amounts known at compile time, or bands at a percent of each rep's quota as rows —
 * paid marginally or retroactively (runtime/tiers.ts), with the accelerator's excess as a second line
 * (runtime/commission.ts), each line rounded by the playbook's rule.
 */
import type { NodeOf } from '../../runtime/context.js';
import type { SqlBuild } from './build.js';
import { DIVISION_SCALE, decimalLiteral, scaleOf } from './dialect.js';
import { cmpText, mulText } from './decimal-text.js';
import { creditedPerPeriod, quotaPer } from './views-periods.js';

/** runtime/tiers.ts (marginal, retroactive) and runtime/commission.ts (the base and excess lines), with bands fixed at compile time. */
export function commissionView(sb: SqlBuild, node: NodeOf<'commission'>): string {
  const { d, q } = sb;
  if (node.team !== undefined) throw sb.refusal(node, 'a team commission (on team credited by …)');
  if (node.bands.some((b) => b.from.kind === 'quota')) return quotaCommissionView(sb, node);
  const num = decimalLiteral;
  const bands = node.bands
    .map((b, i) => ({ from: b.from.kind === 'amount' ? b.from.amount : '0', rate: b.rate.kind === 'ratio' ? b.rate.ratio : mulText(b.rate.factor, node.baseRate ?? '0'), i }))
    .sort((x, y) => cmpText(x.from, y.from) || x.i - y.i);
  const c = 'c.credited';
  const cs = sb.amountScale();
  // Layer 1: the part of the credited amount in each band (b1, b2, …); layer 2: the unrounded lines; layer 3: rounded.
  const basis = bands.map((b, i) => {
    const to = i + 1 < bands.length ? bands[i + 1].from : null;
    // Every branch in one type: DuckDB would otherwise type the CASE DECIMAL(38, 0) (see decimalLiteral).
    const w = d.decimal(Math.max(cs, scaleOf(b.from), to === null ? 0 : scaleOf(to)));
    const first = i === 0 ? `WHEN ${c} < ${num(b.from)} THEN CAST(${cmpText(b.from, '0') <= 0 ? `${c} - ${num(b.from)}` : '0'} AS ${w}) ` : '';
    const top = to === null ? c : `(CASE WHEN ${c} > ${num(to)} THEN CAST(${num(to)} AS ${w}) ELSE CAST(${c} AS ${w}) END)`;
    return `CAST(CASE ${first}WHEN ${c} <= ${num(b.from)} THEN CAST(0 AS ${w}) ELSE CAST(${top} - ${num(b.from)} AS ${w}) END AS ${w}) AS b${i + 1}`;
  });
  const baseRate = node.baseRate;
  const minRate = (r: string) => (baseRate === null ? r : cmpText(r, baseRate) <= 0 ? r : baseRate);
  const ts2 = Math.min(18, cs + Math.max(0, ...bands.map((b) => scaleOf(b.rate)), ...bands.map((b) => scaleOf(minRate(b.rate)))));
  const dec = (x: string) => `CAST(${x} AS ${d.decimal(ts2)})`;
  let total: string;
  let base: string | null = null;
  if (node.method === 'marginal') {
    total = bands.length === 0 ? '0' : bands.map((b, i) => `p.b${i + 1} * ${num(b.rate)}`).join(' + ');
    if (node.excessName !== null && baseRate !== null) base = bands.length === 0 ? '0' : bands.map((b, i) => `p.b${i + 1} * ${num(minRate(b.rate))}`).join(' + ');
  } else {
    // The highest band reached pays on the whole amount; below a first band at or under 0, the first rate claws back.
    const whens = bands.map((b) => ({ when: `p.credited >= ${num(b.from)}`, rate: b.rate })).reverse();
    const below = bands.length > 0 && cmpText(bands[0].from, '0') <= 0 ? bands[0].rate : null;
    const pick = (rate: (r: string) => string) => `CASE ${whens.map((w) => `WHEN ${w.when} THEN ${dec(`p.credited * ${num(rate(w.rate))}`)}`).join(' ')} ${below === null ? `ELSE ${dec('0')}` : `ELSE ${dec(`p.credited * ${num(rate(below))}`)}`} END`;
    total = bands.length === 0 ? '0' : pick((r) => r);
    if (node.excessName !== null && baseRate !== null) base = bands.length === 0 ? '0' : pick(minRate);
  }
  const unrounded = base === null ? [`${dec(total)} AS line1`] : [`${dec(base)} AS line1`, `${dec(`${dec(total)} - ${dec(base)}`)} AS line2`];
  const amounts = unrounded.map((_, i) => `${sb.round(node, `u.line${i + 1}`, ts2)} AS amount${i + 1}`);
  const components = base === null ? [node.name] : [node.name, node.excessName!];
  const parts = `SELECT c.*, ${basis.join(', ')}\nFROM (${creditedPerPeriod(sb, node.period)}) c`;
  const view = sb.add(`commission_${node.name}`, node, `SELECT u.rep, u.period, u.ord, u.credited, ${amounts.join(', ')} FROM (\nSELECT p.*, ${unrounded.join(', ')} FROM (\n${parts}) p) u`);
  sb.lineViews.push({ node, view, amounts: amounts.map((_, i) => `amount${i + 1}`), components });
  return view;
}

/**
 * A tier table with bands at a percent of a quota (runtime/commission.ts resolveBands, runtime/tiers.ts):
 * the bands differ per rep and period, so they are rows — each band's lower bound (a band on a quota the
 * rep has not got is left out), sorted per rep and period by bound then written order, each band's upper
 * bound the next one's lower — and the marginal or retroactive amounts are sums over those rows.
 */
function quotaCommissionView(sb: SqlBuild, node: NodeOf<'commission'>): string {
  const { d, q } = sb;
  const num = decimalLiteral;
  const cs = sb.amountScale();
  const names = [...new Set(node.bands.flatMap((b) => (b.from.kind === 'quota' ? [b.from.quota] : [])))];
  const baseRate = node.baseRate;
  const rateOf = (b: NodeOf<'commission'>['bands'][number]) => (b.rate.kind === 'ratio' ? b.rate.ratio : mulText(b.rate.factor, baseRate ?? '0'));
  const minRate = (r: string) => (baseRate === null ? r : cmpText(r, baseRate) <= 0 ? r : baseRate);
  const fs = Math.max(cs, ...node.bands.map((b) => (b.from.kind === 'amount' ? scaleOf(b.from.amount) : (sb.quotaScales.get(b.from.quota) ?? 0) + scaleOf(b.from.ratio))));
  const rs = Math.max(0, ...node.bands.map((b) => Math.max(scaleOf(rateOf(b)), scaleOf(minRate(rateOf(b))))));
  const credit = sb.add(
    `commission_${node.name}_credit`,
    null,
    `SELECT c.*${names.map((n, i) => `, q${i}.quota AS ${q(`_pb_quota_${n}`)}`).join('')}\nFROM (${creditedPerPeriod(sb, node.period)}) c${names.map((n, i) => `\nLEFT JOIN (${quotaPer(sb, n, node.period)}) q${i} ON q${i}.rep = c.rep AND q${i}.ord = c.ord`).join('')}`,
  );
  const bandRows = node.bands.map((b, i) => {
    const from = b.from.kind === 'amount' ? num(b.from.amount) : `c.${q(`_pb_quota_${b.from.quota}`)} * ${num(b.from.ratio)}`;
    return `SELECT c.rep, c.ord, c.credited, ${i} AS i, CAST(${from} AS ${d.decimal(fs)}) AS b_from, CAST(${num(rateOf(b))} AS ${d.decimal(rs)}) AS rate, CAST(${num(minRate(rateOf(b)))} AS ${d.decimal(rs)}) AS base_rate FROM ${credit} c`;
  });
  const w = d.decimal(fs);
  const ts2 = Math.min(DIVISION_SCALE, fs + rs);
  const dec = (x: string) => `CAST(${x} AS ${d.decimal(ts2)})`;
  const over = 'OVER (PARTITION BY b.rep, b.ord ORDER BY b.b_from, b.i)';
  const sorted = `SELECT b.*, row_number() ${over} AS k, LEAD(b.b_from) ${over} AS b_to FROM (\n${bandRows.join('\nUNION ALL\n')}) b WHERE b.b_from IS NOT NULL`;
  let perBand: string;
  if (node.method === 'marginal') {
    const zero = `CAST(0 AS ${w})`;
    const top = `CASE WHEN s.b_to IS NOT NULL AND s.credited > s.b_to THEN CAST(s.b_to AS ${w}) ELSE CAST(s.credited AS ${w}) END`;
    perBand = `CAST(CASE WHEN s.k = 1 AND s.credited < s.b_from THEN CASE WHEN s.b_from <= 0 THEN CAST(s.credited - s.b_from AS ${w}) ELSE ${zero} END WHEN s.credited <= s.b_from THEN ${zero} ELSE CAST(${top} - s.b_from AS ${w}) END AS ${w})`;
  } else {
    // The highest band reached pays on the whole amount; below a first band at or under 0, the first rate claws back.
    perBand = `CASE WHEN s.k = s.reached THEN CAST(s.credited AS ${w}) ELSE CAST(0 AS ${w}) END`;
  }
  const reached =
    node.method === 'marginal'
      ? ''
      : `, COALESCE(MAX(CASE WHEN z.credited >= z.b_from THEN z.k END) OVER (PARTITION BY z.rep, z.ord), MIN(CASE WHEN z.k = 1 AND z.b_from <= 0 THEN 1 END) OVER (PARTITION BY z.rep, z.ord)) AS reached`;
  const sums = `SELECT s.rep, s.ord, ${dec(`SUM(${perBand} * s.rate)`)} AS total, ${dec(`SUM(${perBand} * s.base_rate)`)} AS base FROM (SELECT z.*${reached} FROM (${sorted}) z) s GROUP BY s.rep, s.ord`;
  const withBase = node.excessName !== null && baseRate !== null;
  const total = `COALESCE(a.total, ${dec('0')})`;
  const base = `COALESCE(a.base, ${dec('0')})`;
  const unrounded = withBase ? [`${dec(base)} AS line1`, `${dec(`${total} - ${base}`)} AS line2`] : [`${dec(total)} AS line1`];
  const amounts = unrounded.map((_, i) => `${sb.round(node, `u.line${i + 1}`, ts2)} AS amount${i + 1}`);
  const view = sb.add(
    `commission_${node.name}`,
    node,
    `SELECT u.rep, u.period, u.ord, u.credited, ${amounts.join(', ')} FROM (\nSELECT c.rep, c.period, c.ord, c.credited, ${unrounded.join(', ')}\nFROM ${credit} c LEFT JOIN (\n${sums}) a ON a.rep = c.rep AND a.ord = c.ord) u`,
  );
  sb.lineViews.push({ node, view, amounts: amounts.map((_, i) => `amount${i + 1}`), components: withBase ? [node.name, node.excessName!] : [node.name] });
  return view;
}
