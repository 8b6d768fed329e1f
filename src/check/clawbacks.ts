/**
 * Checks the `clawed back …` lines of a `pay … in stages` section (domain.md §4, the money
 * lifecycle: a deal reversed after it was paid gives back what it was paid):
 * - `clawed back on reversal`: each row of the reversals table (deal, date, amount) takes back the
 *   deal's commission at what the deal was paid (PB5301 for another event word, PB5302 without a
 *   reversals table, PB5303 for its fields);
 * - `clawed back when cash is not collected within N days of booking|invoice`: a clawback window
 *   (PB5304 for the days, PB5305 for the words, PB5306 without the tables it reads);
 * each written at most once per section (PB5307).
 */
import type { ClawbackClause, StagesRule } from '../language/ast-stages.js';
import type * as A from '../language/ast.js';
import { type Diagnostic, error } from '../language/diagnostics.js';
import type { CheckedTable } from './model.js';
import type { StageTableRole } from './stages.js';

/** A section's clawbacks, resolved. */
export interface CheckedClawback {
  /** The reversals table's role fields (deal, date, amount), or null when reversals claw nothing back. */
  reversals: StageTableRole | null;
  /** The clawback window: whole days after the deal's credit date (`booking`) or its first invoice (`invoice`), or null. */
  window: { days: number; from: 'booking' | 'invoice' } | null;
}

const EVENTS = new Set(['reversal', 'reversals']);
const ANCHORS: Record<string, 'booking' | 'invoice'> = { booking: 'booking', invoice: 'invoice', invoicing: 'invoice' };
const FIELDS = 'fields deal (lookup deals), date and amount';

/**
 * The table `name` with a text `deal`, a date `date` and a money `amount` field, as a role; null
 * (reported at `at`, or at the table's name for a field) when it is missing or a field is wrong.
 */
function amountTable(name: 'reversals' | 'collections' | 'invoices', ast: A.PlaybookAst, tables: CheckedTable[], missing: () => void, code: 'PB5303' | 'PB5306', why: string, diagnostics: Diagnostic[]): StageTableRole | null {
  const table = tables.find((t) => t.name === name);
  const decl = ast.tables.find((t) => t.name.name === name);
  if (!table || !decl) {
    missing();
    return null;
  }
  let ok = true;
  for (const [field, types, label] of [['deal', ['text'], 'a text'], ['date', ['date', 'timestamp'], 'a date'], ['amount', ['money'], 'a money']] as const) {
    const f = table.fields.find((x) => x.name === field);
    if (!f || !(types as readonly string[]).includes(f.type)) {
      diagnostics.push(error(code, decl.name.span, `the ${name} table needs ${label} field named "${field}"`, `${why}${f ? ` ("${field}" is a ${f.type} field)` : ''}`));
      ok = false;
    }
  }
  return ok ? { table: name, deal: 'deal', date: 'date', measure: 'amount' } : null;
}

/**
 * Checks the `clawed back …` lines of `rule`.
 * @param roles the section's lifecycle tables so far: a window adds the collections (and invoices) it reads.
 * @returns the resolved clawbacks, or null when the section has none (or they are wrong: reported).
 */
export function checkClawbacks(rule: StagesRule, ast: A.PlaybookAst, tables: CheckedTable[], roles: { collections: StageTableRole | null; invoices: StageTableRole | null }, diagnostics: Diagnostic[]): CheckedClawback | null {
  if (!rule.clawbacks.some((c) => c.kind !== 'topUp')) return null;
  const out: CheckedClawback = { reversals: null, window: null };
  const seen = new Map<ClawbackClause['kind'], ClawbackClause>();
  let ok = true;
  for (const c of rule.clawbacks) {
    // `clawed back with the deal` belongs to the minimum (src/check/limits.ts).
    if (c.kind === 'topUp') continue;
    const earlier = seen.get(c.kind);
    if (earlier) {
      diagnostics.push(error('PB5307', c.span, `${c.kind === 'reversal' ? 'clawbacks on reversal are' : c.kind === 'window' ? 'a clawback window is' : 'a top-up clawed back with its deal is'} written twice in this section: it is already on line ${earlier.span.line}`, 'write each clawback line once per "pay … in stages" section'));
      ok = false;
      continue;
    }
    seen.set(c.kind, c);
    if (c.kind === 'reversal') {
      if (!EVENTS.has(c.event.name.toLowerCase())) {
        diagnostics.push(error('PB5301', c.event.span, `"${c.event.name}" is not a clawback event`, 'write: clawed back on reversal (each row of the reversals table, a credit note, cancellation or refund, names the deal it reverses)'));
        ok = false;
        continue;
      }
      out.reversals = amountTable('reversals', ast, tables, () => {
        diagnostics.push(error('PB5302', c.event.span, 'deals are clawed back on reversal, and the playbook has no reversals table', `declare: table reversals from "reversals.csv" with ${FIELDS} (the amount reversed, a credit note's amount)`));
      }, 'PB5303', 'each reversal names the deal it reverses (by the deals table\'s key), the day and the amount reversed', diagnostics);
      if (!out.reversals) ok = false;
      continue;
    }
    const days = Number(c.days.text);
    if (!Number.isInteger(days) || days < 1 || days > 3660) {
      diagnostics.push(error('PB5304', c.days.span, `a clawback window of ${c.days.text} days cannot be followed`, 'write a whole number of days from 1 to 3660: clawed back when cash is not collected within 120 days of booking'));
      ok = false;
      continue;
    }
    const anchor = Object.hasOwn(ANCHORS, c.anchor.name.toLowerCase()) ? ANCHORS[c.anchor.name.toLowerCase()] : null;
    if (c.measure.name.toLowerCase() !== 'cash') {
      diagnostics.push(error('PB5305', c.measure.span, `a clawback window waits for cash, not for "${c.measure.name}"`, 'write: clawed back when cash is not collected within 120 days of booking'));
      ok = false;
      continue;
    }
    if (anchor === null) {
      diagnostics.push(error('PB5305', c.anchor.span, `a clawback window counts its days from booking or from the invoice, not from "${c.anchor.name}"`, `write: clawed back when cash is not collected within ${days} days of booking (or of invoice)`));
      ok = false;
      continue;
    }
    const need = (name: 'collections' | 'invoices', what: string) => amountTable(name, ast, tables, () => {
      diagnostics.push(error('PB5306', c.span, `the clawback window reads ${what}, and the playbook has no ${name} table`, `declare: table ${name} from "${name}.csv" with ${FIELDS}`));
    }, 'PB5306', `the clawback window reads each row's deal, date and amount`, diagnostics);
    roles.collections ??= need('collections', 'the cash collected per deal');
    if (!roles.collections) ok = false;
    if (anchor === 'invoice') {
      roles.invoices ??= need('invoices', 'the day each deal was first invoiced');
      if (!roles.invoices) ok = false;
    }
    out.window = { days, from: anchor };
  }
  return ok ? out : null;
}
