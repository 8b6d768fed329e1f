/** collections.csv, progress.csv and their README section (see lifecycle.ts). */
import { toCsv } from './csv.js';
import { formatDay } from './dates.js';
import { DATA_END, type Lifecycle } from './lifecycle.js';
import type { Deal } from './model.js';
import { formatFen } from './money.js';

export function renderLifecycleFiles(l: Lifecycle): Record<string, string> {
  return {
    'collections.csv': toCsv(['collection_id', 'deal_id', 'date', 'amount'], l.collections.map((c) => [c.id, c.dealId, formatDay(c.date), formatFen(c.amount)])),
    'progress.csv': toCsv(['deal_id', 'date', 'percent_complete'], l.progress.map((p) => [p.dealId, formatDay(p.date), `${p.percent}%`])),
  };
}

/** The README section describing the two files and what was planted in them. */
export function renderLifecycleReadme(l: Lifecycle, deals: readonly Deal[]): string {
  const count = (p: string) => [...l.payers.values()].filter((x) => x === p).length;
  const deal = deals.find((d) => d.id === l.cancelled)!;
  const unpaid = deals.filter((d) => l.payers.has(d.id)).filter((d) => l.collections.filter((c) => c.dealId === d.id).reduce((s, c) => s + c.amount, 0) < d.amount);
  const complete = new Set(l.progress.filter((p) => p.percent === 100).map((p) => p.dealId));
  return [
    '',
    '## After the booking: collections.csv and progress.csv',
    '',
    `What happened to each of the ${l.payers.size} deals won in 2026 after it was booked, up to the day the data was`,
    `extracted (${DATA_END}); nothing later is in the files. Drawn from the stream \`lifecycle\`, from the deals above.`,
    '',
    '- `collections.csv` (`collection_id, deal_id, date, amount`): cash received, in instalments that add up to the',
    '  deal\'s amount once it is paid in full. Clients pay promptly (30% within 7–20 days, the rest within 30–75 days:',
    `  ${count('prompt')} deals), slowly (half at 45–90 days, half at 120–200: ${count('slow')}) or late (30% at 90–150 days, the rest`,
    `  at 300–420: ${count('late')}). ${unpaid.length} deals are not fully paid by ${DATA_END}.`,
    '- `progress.csv` (`deal_id, date, percent_complete`): delivery reported every 30 days after the close, over 2 to 9',
    `  months, reaching 100% at the end; ${complete.size} deals are complete by ${DATA_END}.`,
    `- **The cancelled order**: ${deal.id} (${deal.repId}, ${deal.accountId}, ${formatFen(deal.amount)} CNY, closed ${formatDay(deal.close!)}) was won and`,
    '  credited, then cancelled after kick-off: it never collects anything and its delivery stops at 10%.',
    '',
  ].join('\n');
}
