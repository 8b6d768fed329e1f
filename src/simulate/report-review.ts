/** The monthly review list as a table, JSON or CSV (see review-list.ts). */
import { Decimal } from '../runtime/decimal.js';
import { csvCell } from './report-csv.js';
import type { ReviewList, ReviewSnapshot } from './review-list.js';
import { renderTable } from './text-table.js';

const points = (d: Decimal) => d.toFixed(2, Decimal.ROUND_HALF_UP);
const signed = (d: Decimal) => (d.gt(0) ? `+${points(d)}` : d.isZero() ? '0.00' : points(d));
const percent = (d: Decimal | null) => (d === null ? '' : `${d.mul(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toString()}%`);
const tierText = (s: ReviewSnapshot) => (s.tier === null ? '(none)' : `${s.tier} ${percent(s.probability)}`);

/** The list for the terminal: one row per account, then what the flags mean. */
export function formatReviewList(r: ReviewList): string {
  const out = [`Monthly review list — important accounts as of ${r.asOf} (a month ago: ${r.monthAgo})`, ''];
  if (r.rows.length === 0) return `${out.join('\n')}No account meets the playbook's "review accounts when" condition.\n`;
  out.push(
    renderTable(
      [
        { title: 'Account', align: 'left' },
        { title: 'Tier now', align: 'left' },
        { title: 'A month ago', align: 'left' },
        { title: 'Score', align: 'right' },
        { title: 'Change', align: 'right' },
        { title: 'Days since action', align: 'right' },
        { title: 'Last action', align: 'left' },
        { title: 'Indicators still missing', align: 'left' },
      ],
      r.rows.map((row) => [
        row.account,
        `${tierText(row.now)}${row.tierFell ? ' ↓' : ''}`,
        tierText(row.monthAgo),
        points(row.now.score),
        signed(row.change),
        row.daysSinceLastAction === null ? 'never' : String(row.daysSinceLastAction),
        row.lastAction?.action ?? '',
        row.missing.map((m) => m.name).join(', ') || '—',
      ]),
    ),
  );
  const fell = r.rows.filter((x) => x.tierFell).length;
  out.push('', `${r.rows.length} account${r.rows.length === 1 ? '' : 's'}; ${fell} fell a tier since ${r.monthAgo} (↓). Days since action: from the last logged action (any type) to ${r.asOf}.`);
  return `${out.join('\n')}\n`;
}

const snapshot = (s: ReviewSnapshot) => ({ as_of: s.asOf, score: points(s.score), tier: s.tier, win_probability: s.probability === null ? null : s.probability.toString() });

/** The list as JSON: points as decimal strings with 2 digits, probabilities as ratios. */
export function formatReviewListJson(r: ReviewList): string {
  const doc = {
    as_of: r.asOf,
    month_ago: r.monthAgo,
    accounts: r.rows.map((row) => ({
      account: row.account,
      deal: row.deal,
      now: snapshot(row.now),
      month_ago: snapshot(row.monthAgo),
      change: points(row.change),
      tier_fell: row.tierFell,
      missing_indicators: row.missing.map((m) => ({ name: m.name, label: m.label })),
      last_action: row.lastAction,
      days_since_last_action: row.daysSinceLastAction,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The list as CSV, one row per account; missing indicators joined with "; ". */
export function formatReviewListCsv(r: ReviewList): string {
  const header = ['account', 'deal', 'as_of', 'tier', 'win_probability', 'score', 'month_ago', 'tier_month_ago', 'score_month_ago', 'change', 'tier_fell', 'days_since_last_action', 'last_action_date', 'last_action', 'missing_indicators'];
  const lines = [header.join(',')];
  for (const row of r.rows) {
    lines.push(
      [
        csvCell(row.account),
        csvCell(row.deal),
        row.now.asOf,
        csvCell(row.now.tier ?? ''),
        row.now.probability?.toString() ?? '',
        points(row.now.score),
        row.monthAgo.asOf,
        csvCell(row.monthAgo.tier ?? ''),
        points(row.monthAgo.score),
        points(row.change),
        row.tierFell ? 'yes' : 'no',
        row.daysSinceLastAction === null ? '' : String(row.daysSinceLastAction),
        row.lastAction?.date ?? '',
        csvCell(row.lastAction?.action ?? ''),
        csvCell(row.missing.map((m) => m.name).join('; ')),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
