/**
 * Checks the `pay "…" in stages` sections (domain.md §4: a reward at each stage — booking,
 * invoicing, cash collected, revenue recognised, completion — and "pay fast"): the components
 * named are commission lines, the shares add up to exactly 100%, each trigger has the table it
 * reads (collections, invoices, progress) with the fields it reads, and the pay calendar can be
 * followed. Produces the resolved stages the graph compiler turns into `stages` nodes.
 */
import type * as A from '../language/ast.js';
import type { PayCalendar, StageItem, StageTrigger } from '../language/ast-stages.js';
import { type Diagnostic, error, warning } from '../language/diagnostics.js';
import { Decimal } from '../graph/decimal.js';
import type { CheckedPlaybook, CheckedTable } from './model.js';
import { type CheckedClawback, checkClawbacks } from './clawbacks.js';
import { type CheckedLimits, checkLimits } from './limits.js';
import { suggestionHint } from './suggest.js';

/** A resolved pay calendar: when released money is paid (see docs/language.md, "Paying in stages"). */
export type CheckedCalendar =
  | { kind: 'same day' }
  | { kind: 'lag'; days: number }
  | { kind: 'monthly'; day: number }
  /** `weekday`: 0 = Sunday … 6 = Saturday; `anchor`: a first pay day `YYYY-MM-DD` (that weekday), or null. */
  | { kind: 'weekly'; every: 1 | 2; weekday: number; anchor: string | null }
  | { kind: 'business day' };

/** Where a lifecycle table's role fields are (the table's name and the fixed field names it declares). */
export interface StageTableRole {
  table: string;
  deal: string;
  date: string;
  /** `amount` (collections, invoices) or `percent` (progress). */
  measure: string;
}

export interface CheckedStages {
  /** The components paid in stages, each with the commission rule (node) that computes it. */
  components: { name: string; node: string }[];
  /** Stages in the order written; shares are ratios as decimal text and add up to exactly 1. */
  stages: { name: string; trigger: StageTrigger; share: string }[];
  calendar: CheckedCalendar;
  /** The tables the triggers read (null when no stage reads them). */
  tables: { collections: StageTableRole | null; invoices: StageTableRole | null; progress: StageTableRole | null };
  /** `clawed back …` lines (src/check/clawbacks.ts); absent when the section claws nothing back. */
  clawback?: CheckedClawback;
  /** Minimums and caps (src/check/limits.ts); absent when the section has none. */
  limits?: CheckedLimits;
}

/** Which table each trigger reads, and the field holding its measure. */
const TRIGGER_TABLES: Record<StageTrigger, { table: 'collections' | 'invoices' | 'progress'; measure: 'amount' | 'percent'; type: string; what: string } | null> = {
  booking: null,
  invoice: { table: 'invoices', measure: 'amount', type: 'money', what: 'the amounts invoiced per deal' },
  cash: { table: 'collections', measure: 'amount', type: 'money', what: 'cash received per deal' },
  revenue: { table: 'progress', measure: 'percent', type: 'percent', what: 'percent complete per deal' },
  completion: { table: 'progress', measure: 'percent', type: 'percent', what: 'percent complete per deal' },
};

/** How each trigger is written in a stage (docs/language.md, "Paying in stages"). */
const TRIGGER_PHRASES: Record<StageTrigger, string> = {
  booking: 'at booking',
  invoice: 'with invoices',
  cash: 'with cash collected',
  revenue: 'with revenue recognised',
  completion: 'at completion',
};

/** The first word of a two-word trigger written alone (`with cash`) → the whole trigger, for the hint. */
const HALF_TRIGGERS: Record<string, string> = { cash: TRIGGER_PHRASES.cash, revenue: TRIGGER_PHRASES.revenue };

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** A weekday as written in a message: capitalised, as in English prose ("a Saturday, not a Friday"). */
const dayName = (weekday: number): string => WEEKDAYS[weekday][0].toUpperCase() + WEEKDAYS[weekday].slice(1);

function calendarOf(paid: A.StagesRule['paid'], report: (code: 'PB3502', span: A.Span, message: string, hint?: string) => void): CheckedCalendar | null {
  if (!paid) return { kind: 'same day' };
  const p: PayCalendar = paid;
  switch (p.kind) {
    case 'lag': {
      const days = Number(p.days.text);
      if (!Number.isInteger(days) || days > 3660) {
        report('PB3502', p.days.span, `a lag of ${p.days.text} days cannot be followed`, 'write a whole number of days, at most 3660: paid 30 days after the trigger');
        return null;
      }
      return { kind: 'lag', days };
    }
    case 'monthly': {
      const day = Number(p.day.text);
      if (day < 1 || day > 31) {
        report('PB3502', p.day.span, `no month has a day ${day} to pay on`, 'write a day from the 1st to the 31st (the 29th to 31st fall on the last day of shorter months)');
        return null;
      }
      return { kind: 'monthly', day };
    }
    case 'weekly': {
      const weekday = WEEKDAYS.indexOf(p.weekday.name.toLowerCase());
      if (weekday < 0) {
        report('PB3502', p.weekday.span, `"${p.weekday.name}" is not a day of the week`, suggestionHint(p.weekday.name.toLowerCase(), WEEKDAYS, 'days of the week'));
        return null;
      }
      if (p.every === 2 && !p.anchor) {
        report('PB3502', p.weekday.span, `"every other ${p.weekday.name}" needs the first pay day, to know which weeks pay`, `write: every other ${p.weekday.name} from "2026-01-09" after the trigger (a ${dayName(weekday)})`);
        return null;
      }
      if (p.anchor) {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.anchor.text);
        const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
        if (!m || !d || d.toISOString().slice(0, 10) !== p.anchor.text) {
          report('PB3502', p.anchor.span, `"${p.anchor.text}" is not a date`, 'write the first pay day as "YYYY-MM-DD"');
          return null;
        }
        if (d.getUTCDay() !== weekday) {
          report('PB3502', p.anchor.span, `${p.anchor.text} is a ${dayName(d.getUTCDay())}, not a ${dayName(weekday)}`, `give a ${dayName(weekday)} as the first pay day`);
          return null;
        }
      }
      return { kind: 'weekly', every: p.every, weekday, anchor: p.anchor?.text ?? null };
    }
    case 'businessDay':
      return { kind: 'business day' };
  }
}

/**
 * Checks every `pay … in stages` section of `ast`.
 * @param tables the checked tables (fields with their types); @param components the payout components;
 * @param commissions the commission rules (a component is a commission's line or its excess line).
 * @returns the resolved sections, in the order written (meaningful only when no error was reported).
 */
export function checkStages(ast: A.PlaybookAst, tables: CheckedTable[], components: CheckedPlaybook['components'], commissions: CheckedPlaybook['commissions'], diagnostics: Diagnostic[]): CheckedStages[] {
  const report = (code: Parameters<typeof error>[0], span: A.Span, message: string, hint?: string) => diagnostics.push(error(code, span, message, hint));
  const out: CheckedStages[] = [];
  const staged = new Set<string>();
  for (const rule of ast.rules) {
    if (rule.kind !== 'stages') continue;
    const resolved: CheckedStages['components'] = [];
    for (const c of rule.components) {
      const component = components.find((k) => k.name === c.name);
      const owner = commissions.find((k) => k.name === c.name || k.excessName === c.name);
      if (!component) {
        report('PB2502', c.span, `there is no commission called "${c.name}" to pay in stages`, suggestionHint(c.name, components.filter((k) => k.kind === 'commission' || k.kind === 'accelerator').map((k) => k.name), 'commissions'));
      } else if (!owner) {
        report('PB2502', c.span, `"${c.name}" is a ${component.kind}; only commission lines can be paid in stages`, 'a commission line is earned on the deals behind it, so each deal\'s part can follow its booking, cash and completion; pay bonuses and ranking rewards as they are');
      } else if (staged.has(c.name)) {
        report('PB2002', c.span, `"${c.name}" is paid in stages twice`, 'name each commission in one "pay … in stages" section');
      } else {
        staged.add(c.name);
        resolved.push({ name: c.name, node: `commission:${owner.name}` });
      }
    }
    let total = new Decimal(0);
    const stages: CheckedStages['stages'] = [];
    const roles: CheckedStages['tables'] = { collections: null, invoices: null, progress: null };
    const firstOf = new Map<StageTrigger, StageItem>();
    for (const s of rule.stages) {
      total = total.plus(s.share.text);
      if (s.trigger === null) {
        const whole = Object.hasOwn(HALF_TRIGGERS, s.word.name.toLowerCase()) ? HALF_TRIGGERS[s.word.name.toLowerCase()] : null;
        report('PB2501', s.word.span, `"${s.word.name}" is not a stage trigger`, whole ? `did you mean "${whole}"?` : 'a stage is paid at booking, with invoices, with cash collected, with revenue recognised or at completion');
        continue;
      }
      // The same trigger twice releases two shares on the same event: almost always a copied line
      // (domain.md §4: one reward per stage). Reported as a warning; the shares still add up as written.
      const earlier = firstOf.get(s.trigger);
      if (earlier) {
        const phrase = TRIGGER_PHRASES[s.trigger];
        const both = new Decimal(earlier.share.text).plus(s.share.text).toString();
        diagnostics.push(warning('PB3503', s.span, `the stage "${phrase}" is written twice: it is already on line ${earlier.span.line}`, `both shares are released on the same event; write it once with both shares: ${both}% ${phrase}`));
      } else firstOf.set(s.trigger, s);
      stages.push({ name: s.word.name, trigger: s.trigger, share: new Decimal(s.share.text).div(100).toString() });
      const need = TRIGGER_TABLES[s.trigger];
      if (!need || roles[need.table]) continue;
      const table = tables.find((t) => t.name === need.table);
      const decl = ast.tables.find((t) => t.name.name === need.table);
      if (!table || !decl) {
        const fields = `deal (lookup deals), date and ${need.measure}`;
        report('PB2503', s.word.span, `the stage "${s.word.name}" is paid from ${need.what}, and the playbook has no ${need.table} table`, `declare: table ${need.table} from "${need.table}.csv" with fields ${fields}`);
        continue;
      }
      let ok = true;
      for (const [field, types, label] of [
        ['deal', ['text'], 'a text'],
        ['date', ['date', 'timestamp'], 'a date'],
        [need.measure, [need.type], need.type === 'money' ? 'a money' : 'a percent'],
      ] as const) {
        const f = table.fields.find((x) => x.name === field);
        if (!f || !(types as readonly string[]).includes(f.type)) {
          report('PB2504', decl.name.span, `the ${need.table} table needs ${label} field named "${field}"`, `the stage "${s.word.name}" reads each row's deal, date and ${need.measure}${f ? ` ("${field}" is a ${f.type} field)` : ''}`);
          ok = false;
        }
      }
      if (ok) roles[need.table] = { table: need.table, deal: 'deal', date: 'date', measure: need.measure };
    }
    if (rule.stages.length > 0 && !total.eq(100)) {
      report('PB3501', rule.stages[0].share.span, `the stages add up to ${total.toString()}%, not 100%`, `the shares split the commission between the stages, so they must add up to exactly 100% (e.g. 40% + 40% + 20%)`);
    }
    const clawback = checkClawbacks(rule, ast, tables, roles, diagnostics);
    const limits = checkLimits(rule, diagnostics);
    const dealsKey = tables.find((t) => t.name === 'deals')?.fields.some((f) => f.key) ?? true;
    if (!dealsKey && (roles.collections || roles.invoices || roles.progress || clawback?.reversals)) {
      const decl = ast.tables.find((t) => t.name.name === 'deals');
      if (decl) report('PB2504', decl.name.span, `the deals table needs a key field, so that ${clawback?.reversals ? 'reversals, ' : ''}collections, invoices and progress can name their deal`, 'mark the deal id field with "key"');
    }
    const calendar = calendarOf(rule.paid, report);
    if (calendar && resolved.length > 0) out.push({ components: resolved, stages, calendar, tables: roles, ...(clawback ? { clawback } : {}), ...(limits ? { limits } : {}) });
  }
  return out;
}

/**
 * `budget days to pay at most N`: the longest any staged part may wait from its trigger to its
 * payment (domain.md §4, pay fast). Meaningful only when something is paid in stages.
 * @returns the days, or null when the playbook has no such budget (or it is wrong: reported).
 */
export function checkPayTimeBudget(ast: A.PlaybookAst, diagnostics: Diagnostic[]): number | null {
  const budgets = ast.rules.filter((r): r is A.PayTimeBudget => r.kind === 'payTimeBudget');
  for (const extra of budgets.slice(1)) diagnostics.push(error('PB2002', extra.span, 'the budget of days to pay is declared twice'));
  const b = budgets[0];
  if (!b) return null;
  if (!ast.rules.some((r) => r.kind === 'stages')) {
    diagnostics.push(error('PB3008', b.span, 'a budget of days to pay has no meaning here: nothing is paid in stages', 'pay a commission in stages (pay "…" in stages, with a pay calendar), or remove this budget'));
    return null;
  }
  const days = Number(b.days.text);
  if (!Number.isInteger(days)) {
    diagnostics.push(error('PB3502', b.days.span, `a budget of ${b.days.text} days cannot be followed`, 'write a whole number of days: budget days to pay at most 3'));
    return null;
  }
  return days;
}
