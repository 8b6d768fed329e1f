/**
 * The living score in HTML (domain.md §1: "the score is tracked continuously, and
 * an idle month shows"): `score --account A --history --format html` charts one
 * account's month-end score, and `score --review --format html` the important
 * accounts' scores over the twelve months up to the review day, each with its
 * idle months (no logged action) marked in red.
 */
import { Decimal } from '../../runtime/decimal.js';
import type { ReviewList } from '../review-list.js';
import type { ScoreHistory } from '../score-history.js';
import { renderChart } from './chart.js';
import { esc } from './escape.js';
import { type Cell, figure, htmlPage, htmlTable } from './page.js';

const points = (d: Decimal) => d.toFixed(2, Decimal.ROUND_HALF_UP);
const num = (d: Decimal): Cell => ({ text: points(d), sort: d.toString(), num: true });
const signed = (d: Decimal): Cell => ({ text: d.gt(0) ? `+${points(d)}` : points(d), sort: d.toString(), num: true });

interface Point {
  account: string;
  month: string;
  score: number;
  idle: boolean;
}

const layers = (x: object, y: object) => [
  { mark: { type: 'line' as const, point: true, color: '#0969da' }, encoding: { x, y } },
  {
    transform: [{ filter: 'datum.idle' }],
    mark: { type: 'point' as const, shape: 'cross', size: 120, color: '#cf222e', filled: true },
    encoding: { x, y, shape: { datum: 'idle month', type: 'nominal' as const, title: null, scale: { range: ['cross'] } } },
  },
];

/**
 * The score line with idle months as red crosses; several accounts are drawn as small multiples (one panel
 * each, same scale), which stay readable where a dozen coloured lines would not. Chart numbers are for
 * drawing only; the tables carry the exact values.
 */
function scoreChart(values: Point[], title: string, byAccount: boolean): Promise<string> {
  const x = { field: 'month', type: 'ordinal' as const, title: 'Month end', sort: 'ascending' as const, axis: { labelAngle: -45 } };
  const y = { field: 'score', type: 'quantitative' as const, title: 'Score (points)', scale: { zero: true } };
  if (!byAccount) return renderChart({ title, width: 640, height: 300, data: { values }, layer: layers(x, y) });
  return renderChart({
    title,
    data: { values },
    facet: { field: 'account', type: 'nominal', title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } },
    columns: 4,
    spec: { width: 200, height: 110, layer: layers({ ...x, title: null }, y) },
  });
}

/** One account's history as a self-contained page: the chart, then the table. */
export async function formatScoreHistoryHtml(h: ScoreHistory, playbook: string): Promise<string> {
  const values = h.months.map((m) => ({ account: h.account, month: m.month, score: m.score.toNumber(), idle: m.idle }));
  const chart = await scoreChart(values, `Account ${h.account}: score at each month end`, false);
  const idle = h.months.filter((m) => m.idle).length;
  const fell = h.months.filter((m) => m.fell).length;
  const body = [
    `<ul class="facts"><li>${esc(`${h.months.length} months, ${h.months[0].month} to ${h.months[h.months.length - 1].month}`)}</li><li>${esc(`${idle} idle month${idle === 1 ? '' : 's'} (no action logged), marked with a red cross`)}</li><li>${esc(`${fell} month${fell === 1 ? '' : 's'} in which the score fell by more than ${points(h.drop)} points`)}</li></ul>`,
    `<div class="charts">${figure(chart, 'The score fades (half-life) when nothing is logged; a red cross marks an idle month.')}</div>`,
    '<h2>Month by month</h2>',
    htmlTable(
      [{ title: 'Month' }, { title: 'Score', num: true }, { title: 'Change', num: true }, { title: 'Actions logged that month' }, { title: 'Flags' }],
      h.months.map((m) => [
        { text: m.month },
        num(m.score),
        signed(m.change),
        { text: m.actions.map((a) => `${a.action} ×${a.count} (${points(a.points)})`).join(', ') },
        { text: [m.idle ? 'idle' : '', m.fell ? `fell more than ${points(h.drop)}` : ''].filter((x) => x).join('; ') },
      ]),
    ),
  ].join('\n');
  return htmlPage(`${playbook}: living score of ${h.account}`, 'The relationship score at the end of every month, the actions behind it, and the idle months.', body);
}

/** The review list as a page: the important accounts' scores over the last twelve months, then the list. */
export async function formatReviewHtml(r: ReviewList, histories: ScoreHistory[], playbook: string): Promise<string> {
  const lastMonth = r.asOf.slice(0, 7);
  const [y, m] = lastMonth.split('-').map(Number);
  const firstMonth = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 7);
  const values = histories.flatMap((h) => h.months.filter((x) => x.month >= firstMonth && x.month <= lastMonth).map((x) => ({ account: h.account, month: x.month, score: x.score.toNumber(), idle: x.idle })));
  const chart = values.length > 0 ? await scoreChart(values, `Important accounts: score at each month end, ${firstMonth} to ${lastMonth}`, true) : null;
  const tier = (t: string | null, p: Decimal | null) => (t === null ? '(none)' : `${t}${p === null ? '' : ` ${p.mul(100).toDecimalPlaces(1).toString()}%`}`);
  const body = [
    `<ul class="facts"><li>${esc(`${r.rows.length} important account${r.rows.length === 1 ? '' : 's'} as of ${r.asOf}; a month ago is ${r.monthAgo}`)}</li><li>${esc(`${r.rows.filter((x) => x.tierFell).length} fell a tier in the month`)}</li></ul>`,
    chart ? `<div class="charts">${figure(chart, 'One panel per account, all on the same scale; a red cross marks an idle month (no action logged).')}</div>` : '<p>No important account has logged activity: nothing to plot.</p>',
    '<h2>Review list</h2>',
    htmlTable(
      [{ title: 'Account' }, { title: 'Tier now' }, { title: 'A month ago' }, { title: 'Score', num: true }, { title: 'Change', num: true }, { title: 'Days since last action', num: true }, { title: 'Indicators still missing' }],
      r.rows.map((x) => [
        { text: x.account },
        { text: `${tier(x.now.tier, x.now.probability)}${x.tierFell ? ' ↓' : ''}` },
        { text: tier(x.monthAgo.tier, x.monthAgo.probability) },
        num(x.now.score),
        signed(x.change),
        { text: x.daysSinceLastAction === null ? 'never' : String(x.daysSinceLastAction), sort: x.daysSinceLastAction === null ? '' : String(x.daysSinceLastAction), num: true },
        { text: x.missing.map((k) => k.label ?? k.name).join('; ') || '—' },
      ]),
    ),
  ].join('\n');
  return htmlPage(`${playbook}: monthly review of important accounts`, 'What the founder reviews each month: tier now and a month ago, what is missing, and how long since anyone did anything.', body);
}
