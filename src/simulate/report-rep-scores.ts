/** The reps' own view as a table, JSON or CSV (see rep-scores.ts). */
import { Decimal } from '../runtime/decimal.js';
import { csvCell } from './report-csv.js';
import type { RepScores } from './rep-scores.js';
import { renderTable, truncate } from './text-table.js';

const points = (d: Decimal) => d.toFixed(2, Decimal.ROUND_HALF_UP);
const average = (xs: Decimal[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s.plus(x), new Decimal(0)).div(xs.length));

/** Per rep and month: actions, points earned, the accounts' average and lowest score, the low-value flag. */
export function formatRepScores(r: RepScores): string {
  const out = [`Reps' own view — points earned per month and their accounts' month-end scores, up to ${r.asOf}`, ''];
  out.push(
    renderTable(
      [
        { title: 'Rep', align: 'left' },
        { title: 'Month', align: 'left' },
        { title: 'Actions', align: 'right' },
        { title: 'Points earned', align: 'right' },
        { title: 'Accounts', align: 'right' },
        { title: 'Average score', align: 'right' },
        { title: 'Lowest', align: 'left' },
        { title: 'Work logged', align: 'left' },
      ],
      r.months.map((m) => {
        const avg = average(m.accounts.map((a) => a.score));
        const lowest = m.accounts.reduce<{ account: string; score: Decimal } | null>((lo, a) => (lo === null || a.score.lt(lo.score) ? a : lo), null);
        return [
          m.rep,
          m.month,
          String(m.actions),
          points(m.earned),
          String(m.accounts.length),
          avg === null ? '' : points(avg),
          lowest ? `${lowest.account} ${points(lowest.score)}` : '',
          truncate(m.actions === 0 ? 'IDLE: nothing logged' : `${m.lowValueOnly ? 'LOW VALUE ONLY: ' : ''}${m.byAction.map((a) => `${a.action} ×${a.count}`).join(', ')}`, 56),
        ];
      }),
    ),
  );
  out.push('', `Points earned: points × weight of the actions logged that month that count, before fading. Low value: an action worth under ${points(r.lowValue)} points (--low-value).`);
  out.push(r.onlyLowValue.length === 0 ? 'No rep logged only low-value work in the period.' : `Reps whose every logged action was low-value: ${r.onlyLowValue.join(', ')}.`);
  return `${out.join('\n')}\n`;
}

/** The view as JSON: points as decimal strings with 2 digits. */
export function formatRepScoresJson(r: RepScores): string {
  const doc = {
    as_of: r.asOf,
    low_value_points: r.lowValue.toString(),
    only_low_value: r.onlyLowValue,
    months: r.months.map((m) => ({
      rep: m.rep,
      month: m.month,
      as_of: m.asOf,
      actions: m.actions,
      earned: points(m.earned),
      low_value_only: m.lowValueOnly,
      by_action: m.byAction.map((a) => ({ action: a.action, count: a.count, earned: points(a.earned) })),
      accounts: m.accounts.map((a) => ({ account: a.account, score: points(a.score) })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The view as CSV: one row per rep, month and account (a month with no accounts has one row with the account empty). */
export function formatRepScoresCsv(r: RepScores): string {
  const lines = [['rep', 'month', 'as_of', 'actions', 'earned', 'low_value_only', 'account', 'account_score'].join(',')];
  for (const m of r.months) {
    const head = [csvCell(m.rep), m.month, m.asOf, String(m.actions), points(m.earned), m.lowValueOnly ? 'yes' : 'no'];
    if (m.accounts.length === 0) lines.push([...head, '', ''].join(','));
    for (const a of m.accounts) lines.push([...head, csvCell(a.account), points(a.score)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
