/**
 * `audit` reports: a terminal table (summary per red line, then per rep and
 * month, then the offending records, capped), a JSON document (the whole
 * structure; money as decimal strings with the currency's minor digits) and a
 * CSV file with one row per offending record (spreadsheet formulas in text
 * cells neutralised by `csvCell`).
 */
import type { Decimal } from '../runtime/decimal.js';
import { exactMoneyText, groupedText, moneyText } from '../runtime/money.js';
import type { Audit, AuditRecord, AuditRule } from './audit.js';
import { csvCell } from './report-csv.js';
import { countRow, LazyArray, mapped, materialize, StringSink, type TextSink, writeJson } from './text-sink.js';
import { inputText } from './input-text.js';
import { type Column, renderTable } from './text-table.js';

/** How many offending records the table prints; the rest are in `--format csv` / `json`. */
export const MAX_TABLE_RECORDS = 200;

function effectWords(rule: AuditRule): string {
  if (rule.effect === 'block') return 'block credit';
  if (rule.effect === 'review') return 'review';
  return `forfeit ${rule.forfeits === 'all' ? 'all' : rule.forfeits.join(', ')}`;
}

const source = (r: AuditRecord) => `${r.file}:${r.line}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatAuditTable(a: Audit): string {
  const p = a.graph.playbook;
  const money = (d: Decimal) => groupedText(d, p.minorDigits);
  const out: string[] = [];
  const total = a.records.length;
  out.push(`${p.name} — red-line audit of the whole data: ${plural(a.rules.length, 'red line')}, ${plural(total, 'violation')}, amounts in ${p.currency}`);
  if (a.rules.length === 0) {
    out.push('', 'The playbook declares no red lines.');
  } else {
    // Effect columns show a figure only for the red lines that have that effect.
    const effectCells = (effect: AuditRule['effect'], c: { creditBlocked: Decimal; forfeited: Decimal; reviews: number }) => [
      effect === 'block' ? money(c.creditBlocked) : '',
      effect === 'forfeit' ? money(c.forfeited) : '',
      effect === 'review' ? String(c.reviews) : '',
    ];
    const effectColumns: Column[] = [
      { title: 'Credit blocked', align: 'right' },
      { title: 'Forfeited', align: 'right' },
      { title: 'Review cases', align: 'right' },
    ];
    out.push('', 'Red lines');
    out.push(
      renderTable(
        [{ title: 'Red line', align: 'left' }, { title: 'Effect', align: 'left' }, { title: 'Violations', align: 'right' }, { title: 'Reps', align: 'right' }, { title: 'Amount', align: 'right' }, ...effectColumns],
        a.rules.map((r) => [r.id, effectWords(r), String(r.violations), String(r.reps), r.subject === 'reps' ? '' : money(r.amount), ...effectCells(r.effect, r)]),
      ),
    );
    out.push('');
    const about = (r: AuditRule) => (r.kind === 'mustwin' ? ' (must win: lost deals)' : r.subject === 'reps' ? ' (on reps, over the plan period)' : r.subject === 'activities' ? ' (on activities in the plan period)' : '');
    for (const r of a.rules) out.push(`  ${r.id}${about(r)}: ${r.message}`);
    out.push('');
    out.push("Amount: the offending deals' amount as the credit rule counts it (for activities, their value). Credit blocked: the part that would otherwise have earned credit.");
    out.push(`Forfeited: taken from the reps' ${a.planPeriod} statements, shown in the month of the rep's first offending deal that year.`);

    out.push('', 'By rep and month');
    const rows: string[][] = [];
    for (const r of a.rules) {
      for (const c of r.byRepMonth) {
        rows.push([r.id, c.rep ?? '(no rep)', c.month ?? (r.subject === 'reps' ? a.planPeriod : '(no date)'), String(c.violations), r.subject === 'reps' ? '' : money(c.amount), ...effectCells(r.effect, c)]);
      }
    }
    out.push(
      renderTable(
        [{ title: 'Red line', align: 'left' }, { title: 'Rep', align: 'left' }, { title: 'Month', align: 'left' }, { title: 'Violations', align: 'right' }, { title: 'Amount', align: 'right' }, ...effectColumns],
        rows,
      ),
    );

    out.push('', `Offending records (${total})`);
    if (total > 0) {
      const shown = a.records.slice(0, MAX_TABLE_RECORDS);
      // An "Activity" column only when a red line on activities has records.
      const withActivities = a.records.some((r) => r.activity !== null);
      out.push(
        renderTable(
          [
            { title: 'Red line', align: 'left' },
            { title: 'Rep', align: 'left' },
            { title: 'Account', align: 'left' },
            { title: 'Deal', align: 'left' },
            ...(withActivities ? [{ title: 'Activity', align: 'left' as const }] : []),
            { title: 'Date', align: 'left' },
            { title: 'Amount', align: 'right' },
            { title: 'Source', align: 'left' },
          ],
          shown.map((r) => [r.redline, r.rep ?? '', r.account ?? '', r.deal ?? '', ...(withActivities ? [r.activity ?? ''] : []), r.date ?? '', r.amount === null ? '' : money(r.amount), source(r)]),
        ),
      );
      if (total > shown.length) out.push(`… and ${total - shown.length} more, see --format csv`);
    }
  }
  out.push('', 'Input');
  for (const i of a.input) out.push(inputText(i));
  if (a.rejectedRows.length > 0) {
    out.push('', `Rejected rows (${a.rejectedRows.length}), not audited`);
    for (const r of a.rejectedRows.slice(0, 50)) for (const m of r.messages) out.push(`  ${m}`);
    if (a.rejectedRows.length > 50) out.push(`  … and ${a.rejectedRows.length - 50} more (see --format json)`);
  }
  return `${out.join('\n')}\n`;
}

/** The JSON document (as a plain object). */
export function auditJson(a: Audit): Record<string, unknown> {
  return materialize(auditDocument(a)) as Record<string, unknown>;
}

/** The JSON document with its rejected rows and offending records as {@link LazyArray}s (written one at a time). */
function auditDocument(a: Audit): Record<string, unknown> {
  const p = a.graph.playbook;
  const m = (d: Decimal) => moneyText(d, p.minorDigits);
  // Deal amounts, activity values and sums of them are printed exactly (as simulate's JSON prints them), so they add up; payouts are rounded.
  const x = (d: Decimal) => exactMoneyText(d, p.minorDigits);
  return {
    playbook: { name: p.name, file: a.playbookFile, currency: p.currency, time_zone: p.timeZone, plan_period: a.planPeriod },
    input: Object.fromEntries(a.input.map((i) => [i.table, { file: i.file, read: i.read, used: i.used, rejected: i.rejected }])),
    rejected_rows: new LazyArray(() => a.rejectedRows),
    redlines: a.rules.map((r) => ({
      id: r.id,
      kind: r.kind,
      subject: r.subject,
      effect: r.effect,
      forfeits: r.forfeits,
      message: r.message,
      violations: r.violations,
      reps: r.reps,
      amount: x(r.amount),
      credit_blocked: x(r.creditBlocked),
      forfeited: m(r.forfeited),
      reviews: r.reviews,
      by_rep_month: r.byRepMonth.map((c) => ({
        rep: c.rep,
        month: c.month,
        violations: c.violations,
        amount: x(c.amount),
        credit_blocked: x(c.creditBlocked),
        forfeited: m(c.forfeited),
        reviews: c.reviews,
      })),
    })),
    records: new LazyArray(() => mapped(a.records, (r) => ({
      redline: r.redline,
      effect: r.effect,
      subject: r.subject,
      rep: r.rep,
      account: r.account,
      deal: r.deal,
      activity: r.activity,
      stage: r.stage,
      date: r.date,
      month: r.month,
      amount: r.amount === null ? null : x(r.amount),
      credit_blocked: r.creditBlocked,
      file: r.file,
      line: r.line,
    }))),
  };
}

/** The JSON text, two-space indented, ending with a newline. */
export function formatAuditJson(a: Audit): string {
  const sink = new StringSink();
  writeAuditJson(a, sink);
  return sink.text();
}

/** {@link formatAuditJson}'s text, written to `sink` as it is produced (one offending record at a time). */
export function writeAuditJson(a: Audit, sink: TextSink): void {
  writeJson(auditDocument(a), sink);
  sink.write('\n');
}

export const AUDIT_CSV_HEADER = ['red_line', 'effect', 'rep', 'account', 'deal_id', 'activity_id', 'stage', 'date', 'month', 'amount', 'credit_blocked', 'source'];

/** One row per offending record. */
export function formatAuditCsv(a: Audit): string {
  const sink = new StringSink();
  writeAuditCsv(a, sink);
  return sink.text();
}

/** {@link formatAuditCsv}'s text, written to `sink` one row at a time. */
export function writeAuditCsv(a: Audit, sink: TextSink): void {
  const digits = a.graph.playbook.minorDigits;
  const text = (v: string | null) => (v === null ? '' : csvCell(v));
  sink.write(`${AUDIT_CSV_HEADER.join(',')}\n`);
  for (const r of a.records) {
    sink.write(
      `${[
        text(r.redline),
        r.effect,
        text(r.rep),
        text(r.account),
        text(r.deal),
        text(r.activity),
        r.stage ?? '',
        r.date ?? '',
        r.month ?? '',
        r.amount === null ? '' : moneyText(r.amount, digits),
        r.subject === 'reps' ? '' : String(r.creditBlocked),
        text(source(r)),
      ].join(',')}\n`,
    );
    countRow(sink);
  }
}
