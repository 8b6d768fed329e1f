/** The living-score report: one row per month end, as a table or JSON. */
import { Decimal } from '../runtime/decimal.js';
import type { ScoreHistory } from './score-history.js';
import { renderTable } from './text-table.js';

const points = (d: Decimal) => d.toFixed(2, Decimal.ROUND_HALF_UP);
const signed = (d: Decimal) => (d.gt(0) ? `+${points(d)}` : d.isZero() ? '0.00' : points(d));

/** The history as a table for the terminal. */
export function formatScoreHistory(h: ScoreHistory): string {
  const m = h.months;
  const out = [`Account ${h.account} — relationship score at each month end, ${m[0].month} to ${m[m.length - 1].month}`, ''];
  out.push(
    renderTable(
      [
        { title: 'Month', align: 'left' },
        { title: 'As of', align: 'left' },
        { title: 'Score', align: 'right' },
        { title: 'Change', align: 'right' },
        { title: 'Actions logged that month (times, points at month end)', align: 'left' },
      ],
      m.map((r) => [
        r.month,
        r.asOf,
        points(r.score),
        signed(r.change),
        [r.idle ? 'IDLE: no action logged' : r.actions.map((a) => `${a.action} ×${a.count} (${points(a.points)})`).join(', '), r.fell ? `FALLING: down more than ${points(h.drop)}` : ''].filter((x) => x).join(' — '),
      ]),
    ),
  );
  const idle = m.filter((r) => r.idle).length;
  const fell = m.filter((r) => r.fell).length;
  out.push('', `${idle} idle month${idle === 1 ? '' : 's'} of ${m.length}; ${fell} month${fell === 1 ? '' : 's'} in which the score fell by more than ${points(h.drop)} points (--drop).`);
  return `${out.join('\n')}\n`;
}

/** The history as JSON: points as decimal strings with 2 digits. */
export function formatScoreHistoryJson(h: ScoreHistory): string {
  const doc = {
    account: h.account,
    drop: points(h.drop),
    months: h.months.map((r) => ({ month: r.month, as_of: r.asOf, score: points(r.score), change: points(r.change), idle: r.idle, fell: r.fell, actions: r.actions.map((a) => ({ action: a.action, count: a.count, points: points(a.points) })) })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
