/**
 * `score`: one account's relationship score broken down by action, contact and
 * date, as of a day — what a founder reviews monthly (domain.md §2).
 */
import { closest } from '../check/suggest.js';
import { showValue } from '../data/show-value.js';
import { Decimal } from '../runtime/decimal.js';
import { parseDateText } from '../runtime/periods.js';
import type { Contribution } from '../runtime/relationship.js';
import type { Simulation } from './simulate.js';
import { type Column, renderTable } from './text-table.js';

export interface AccountScoreReport {
  account: string;
  /** Whether any activity was ever logged for the account (else the score is 0 by default). */
  logged: boolean;
  asOf: string;
  score: Decimal;
  total: Decimal;
  cap: Decimal | null;
  contributions: (Contribution & { contact: string | null; role: string | null })[];
  byAction: { action: string; label: string | null; count: number; points: Decimal }[];
  byContact: { contact: string; role: string | null; count: number; points: Decimal }[];
}

/** A user mistake in the `score` request (unknown account, bad date). */
export class ScoreRequestError extends Error {}

/**
 * Scores `account` (its key, or any text field of its row in the accounts
 * table, such as its name) as of `asOf` (`YYYY-MM-DD`; default: the scoring
 * section's open-deals date).
 * @throws ScoreRequestError for an unknown account or a bad date.
 */
export function accountScore(sim: Simulation, account: string, asOf: string | undefined): AccountScoreReport {
  const tables = sim.tables;
  const model = sim.evaluation.relationship;
  if (!model) throw new ScoreRequestError('this playbook does not score relationships; add a scoring section (see docs/language.md)');
  const day = requireAsOf(asOf ?? model.node.openAsOf);
  const key = resolveAccount(account, tables);
  const result = model.scoreAccount(key, parseDateText(day), true);
  const activities = tables.get('activities')!;
  const contactIndex = activities.schema.fields.findIndex((f) => f.name === 'contact');
  const roleIndex = activities.schema.fields.findIndex((f) => f.name === 'role');
  const text = (row: { values: readonly unknown[] }, i: number) => (i >= 0 && row.values[i] !== null ? String(row.values[i]) : null);
  const contributions = result.contributions.map((c) => ({ ...c, contact: text(c.row, contactIndex), role: text(c.row, roleIndex) }));
  const logged = (tables.get('activities')?.rows ?? []).some((r) => r.values.includes(key));
  const labels = new Map(model.node.actions.map((a) => [a.action, a.label]));
  const byAction = new Map<string, { action: string; label: string | null; count: number; points: Decimal }>();
  const byContact = new Map<string, { contact: string; role: string | null; count: number; points: Decimal }>();
  for (const c of contributions) {
    if (!c.counted) continue;
    const a = byAction.get(c.action) ?? { action: c.action, label: labels.get(c.action) ?? null, count: 0, points: new Decimal(0) };
    a.count++;
    a.points = a.points.plus(c.value);
    byAction.set(c.action, a);
    const who = c.contact ?? '(no contact)';
    const p = byContact.get(who) ?? { contact: who, role: c.role, count: 0, points: new Decimal(0) };
    p.count++;
    p.points = p.points.plus(c.value);
    byContact.set(who, p);
  }
  const byPoints = <T extends { points: Decimal }>(a: T, b: T) => b.points.cmp(a.points);
  return {
    account: key,
    logged,
    asOf: result.asOf,
    score: result.score,
    total: result.total,
    cap: model.node.cap === null ? null : new Decimal(model.node.cap),
    contributions,
    byAction: [...byAction.values()].sort((a, b) => byPoints(a, b) || (a.action < b.action ? -1 : 1)),
    byContact: [...byContact.values()].sort((a, b) => byPoints(a, b) || (a.contact < b.contact ? -1 : 1)),
  };
}

/**
 * The as-of day, checked.
 * @throws ScoreRequestError unless it is a real day written YYYY-MM-DD.
 */
export function requireAsOf(day: string): string {
  const parsed = Date.parse(`${day}T00:00:00Z`);
  if (!/^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(day) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== day) {
    throw new ScoreRequestError(`--as-of must be a date written YYYY-MM-DD, not "${day}"`);
  }
  return day;
}

/**
 * The account's key, from its key or any field value of its row (such as its name).
 * @throws ScoreRequestError when no account, or several, match.
 */
export function resolveAccount(account: string, tables: Simulation['tables']): string {
  const accounts = tables.get('accounts');
  if (!accounts) return account;
  const keyIndex = accounts.schema.fields.findIndex((f) => f.key);
  if (keyIndex < 0) return account;
  if (accounts.rows.some((r) => r.values[keyIndex] === account)) return account;
  const match = accounts.rows.filter((r) => r.values.some((v) => v === account));
  if (match.length === 1) return String(match[0].values[keyIndex]);
  if (match.length > 1) throw new ScoreRequestError(`${showValue(account)} matches ${match.length} accounts; give the account's key instead`);
  const names = accounts.rows.flatMap((r) => r.values.filter((v): v is string => typeof v === 'string'));
  const near = names.find((n) => n.toLowerCase() === account.toLowerCase()) ?? closest(account, names);
  throw new ScoreRequestError(`there is no account ${showValue(account)} in ${accounts.schema.file}${near ? `; did you mean "${near}"?` : ''}`);
}

const points = (d: Decimal) => d.toFixed(2, Decimal.ROUND_HALF_UP);

export function formatAccountScore(r: AccountScoreReport): string {
  const out: string[] = [];
  const capped = r.cap !== null && r.total.gt(r.cap);
  out.push(`Account ${r.account} — relationship score ${points(r.score)} as of ${r.asOf}${capped ? ` (capped; ${points(r.total)} before the cap of ${points(r.cap!)})` : ''}`);
  if (!r.logged) out.push('', 'No activity was ever logged for this account, so its score is 0.');
  else if (r.contributions.length === 0) out.push('', `No activity falls in the look-back window before ${r.asOf}.`);
  out.push('', 'By action');
  out.push(renderTable([{ title: 'Action', align: 'left' }, { title: 'Times', align: 'right' }, { title: 'Points', align: 'right' }], r.byAction.map((a) => [a.label ? `${a.action} (${a.label})` : a.action, String(a.count), points(a.points)])));
  out.push('', 'By contact');
  out.push(renderTable([{ title: 'Contact', align: 'left' }, { title: 'Role', align: 'left' }, { title: 'Times', align: 'right' }, { title: 'Points', align: 'right' }], r.byContact.map((c) => [c.contact, c.role ?? '', String(c.count), points(c.points)])));
  out.push('', 'By date (activities in the look-back window)');
  const cols: Column[] = [
    { title: 'Date', align: 'left' },
    { title: 'Action', align: 'left' },
    { title: 'Contact', align: 'left' },
    { title: 'Age', align: 'right' },
    { title: 'Points', align: 'right' },
    { title: 'Weight', align: 'right' },
    { title: 'Decay', align: 'right' },
    { title: 'Counts', align: 'right' },
  ];
  out.push(
    renderTable(
      cols,
      r.contributions.map((c) => [
        c.date,
        c.action,
        c.contact ? `${c.contact}${c.role ? ` (${c.role})` : ''}` : '',
        `${c.age}d`,
        points(c.points),
        c.counted ? `×${c.weight.toString()}` : '',
        c.counted ? c.decay.toDecimalPlaces(4).toString() : '',
        c.counted ? points(c.value) : `0 — ${c.reason}`,
      ]),
    ),
  );
  return `${out.join('\n')}\n`;
}
