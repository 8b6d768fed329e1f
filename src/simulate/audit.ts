/**
 * `audit`: a red-line scan over history. For each red line (and must-win rule)
 * of a playbook: every offending record with its source file and line, and per
 * rep and month the violations, the amounts involved and the effect they had.
 *
 * Scope and meaning of the figures:
 * - Every deal in the data is scanned, whatever its date (not only the plan
 *   period). A deal's month is the month of the date field the credit rule uses,
 *   in the playbook's time zone; a deal without that date has no month.
 * - `amount` is the credit rule's amount of each offending deal (missing amounts
 *   add nothing). Red lines on reps involve no amount.
 * - `creditBlocked` (block red lines): the amounts of offending deals that meet
 *   the credit rule in full (condition true; rep, date and amount present), i.e.
 *   the credit the red line took away. Any period.
 * - `forfeited` (forfeit red lines): the engine's forfeits attributed to the rule
 *   in the reps' plan-period statements. A forfeit is assessed once per rep for
 *   the plan period; it is shown in the month of the rep's first offending deal
 *   inside the plan period (by date, then deal id). Violations outside the plan
 *   period forfeit nothing. A component is forfeited once: when two rules name
 *   it, only the first rule (declaration order) is charged.
 * - `reviews` (review red lines): each offending deal (activity, rep) is one case.
 * - Red lines on activities: the engine checks only activities dated in the plan
 *   period, so only those are listed; their amount is the activity's value.
 * - Red lines on reps are assessed on the plan period: one record per rep (its
 *   row in the reps file), no month, no amount.
 * A deal that trips several red lines is listed under each of them.
 */
import { Decimal } from '../runtime/decimal.js';
import { dateText, parseDateText, planPeriods } from '../runtime/periods.js';
import type { DealResult } from '../runtime/result.js';
import { type InputAccount, type RejectedRowReport, type Simulation, type SimulateOptions, simulate } from './simulate.js';
import type { RuleGraph } from '../graph/nodes.js';

export type RedLineEffect = 'block' | 'forfeit' | 'review';

/** One offending record: a deal that tripped a red line on deals, an activity (red lines on activities), or a rep's row (red lines on reps). */
export interface AuditRecord {
  redline: string;
  effect: RedLineEffect;
  subject: 'deals' | 'reps' | 'activities';
  rep: string | null;
  /** The deal's or activity's account (null for reps, or when the table has no account field). */
  account: string | null;
  /** Deal id (deal records only). */
  deal: string | null;
  /** Activity id (activity records only; `line N` when the activities table has no key). */
  activity: string | null;
  stage: DealResult['stage'] | null;
  /** `YYYY-MM-DD`: for deals, the credit rule's date field; for activities, their date. Null when missing (and for reps). */
  date: string | null;
  /** `YYYY-MM` of `date`. */
  month: string | null;
  /** Deals: the credit rule's amount; activities: their value. Null when missing (and for reps). */
  amount: Decimal | null;
  /** Block red lines: the deal would otherwise have met the credit rule, so its credit was taken away. */
  creditBlocked: boolean;
  /** Data file (as the playbook names it) and 1-based physical line (header = 1). */
  file: string;
  line: number;
}

/** One rep and month of one red line. */
export interface AuditCell {
  rep: string | null;
  /** `YYYY-MM`; null for red lines on reps (assessed over the plan period) and deals without a date. */
  month: string | null;
  violations: number;
  amount: Decimal;
  creditBlocked: Decimal;
  forfeited: Decimal;
  reviews: number;
}

export interface AuditRule {
  id: string;
  /** `redline` for `red line …`, `mustwin` for `must win …` (trips on lost deals only). */
  kind: 'redline' | 'mustwin';
  subject: 'deals' | 'reps' | 'activities';
  effect: RedLineEffect;
  /** Components a forfeit takes (`all`, or names); empty for block and review. */
  forfeits: string[] | 'all';
  message: string;
  violations: number;
  /** Distinct reps with a violation (deals without a rep not counted). */
  reps: number;
  amount: Decimal;
  creditBlocked: Decimal;
  forfeited: Decimal;
  reviews: number;
  /** Sorted by rep, then month (missing last). */
  byRepMonth: AuditCell[];
}

export interface Audit {
  graph: RuleGraph;
  playbookFile: string;
  /** The plan period forfeits were assessed on (`2017`). */
  planPeriod: string;
  input: InputAccount[];
  rejectedRows: RejectedRowReport[];
  /** In declaration order. */
  rules: AuditRule[];
  /** Sorted by red line (declaration order), rep, month, deal (or activity) id (missing values last), then line. */
  records: AuditRecord[];
}

/** Code-unit order with missing values last (stable, locale-independent). */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const zero = () => new Decimal(0);

/** Builds the audit from a finished simulation. */
export function auditSimulation(sim: Simulation): Audit {
  const graph = sim.graph;
  const p = graph.playbook;
  const e = sim.evaluation;
  const dealsFile = sim.tables.get('deals')?.schema.file ?? 'deals';
  const activities = sim.tables.get('activities');
  const activitiesFile = activities?.schema.file ?? 'activities';
  const repsTable = sim.tables.get(graph.repTable);
  const repsFile = repsTable?.schema.file ?? graph.repTable;
  const repKeyIndex = repsTable ? repsTable.schema.fields.findIndex((f) => f.key) : -1;
  const repLine = new Map<string, number>();
  if (repsTable && repKeyIndex >= 0) {
    for (const row of repsTable.rows) {
      const key = String(row.values[repKeyIndex]);
      if (!repLine.has(key)) repLine.set(key, row.line);
    }
  }
  const plan = planPeriods('year', p.planYear, p.fiscalYearStartMonth)[0];
  const inPlan = (date: string | null) => {
    if (date === null) return false;
    const v = parseDateText(date);
    return v >= plan.start && v < plan.end;
  };
  const nodeOf = new Map<string, { source: 'redline' | 'mustwin'; forfeits: string[] | 'all' }>();
  for (const n of graph.nodes) if (n.kind === 'redline') nodeOf.set(n.redline, { source: n.origin, forfeits: n.forfeits });

  const dealsByRule = new Map<string, DealResult[]>();
  for (const d of e.deals) {
    for (const id of d.redlines) {
      const list = dealsByRule.get(id) ?? [];
      list.push(d);
      dealsByRule.set(id, list);
    }
  }

  const rules: AuditRule[] = [];
  const records: AuditRecord[] = [];
  e.redlines.forEach((summary, ruleIndex) => {
    const node = nodeOf.get(summary.id);
    const effect = summary.effect;
    const mine: AuditRecord[] = [];
    if (summary.subject === 'reps') {
      for (const rep of summary.reps) {
        mine.push({ redline: summary.id, effect, subject: 'reps', rep, account: null, deal: null, activity: null, stage: null, date: null, month: null, amount: null, creditBlocked: false, file: repsFile, line: repLine.get(rep) ?? 0 });
      }
    } else if (summary.subject === 'activities') {
      // The engine checks activities dated in the plan period only.
      const field = (name: string) => activities?.schema.fields.findIndex((f) => f.name === name) ?? -1;
      const dateAt = field('date');
      const accountAt = field('account');
      for (const t of summary.activityTrips ?? []) {
        const date = dateAt >= 0 && typeof t.row.values[dateAt] === 'number' ? dateText(t.row.values[dateAt] as number) : null;
        const account = accountAt >= 0 ? t.row.values[accountAt] : null;
        mine.push({
          redline: summary.id,
          effect,
          subject: 'activities',
          rep: t.rep,
          account: account === null ? null : String(account),
          deal: null,
          activity: t.id,
          stage: null,
          date,
          month: date === null ? null : date.slice(0, 7),
          amount: t.value,
          creditBlocked: false,
          file: activitiesFile,
          line: t.row.line,
        });
      }
    } else {
      for (const d of dealsByRule.get(summary.id) ?? []) {
        mine.push({
          redline: summary.id,
          effect,
          subject: 'deals',
          rep: d.rep,
          account: d.account,
          deal: d.id,
          activity: null,
          stage: d.stage,
          date: d.date,
          month: d.date === null ? null : d.date.slice(0, 7),
          amount: d.amount,
          creditBlocked: effect === 'block' && d.blockedCredit,
          file: dealsFile,
          line: d.line,
        });
      }
    }
    mine.sort((a, b) => compareKeys(a.rep, b.rep) || compareKeys(a.month, b.month) || compareKeys(a.deal ?? a.activity, b.deal ?? b.activity) || a.line - b.line);
    // One at a time: spreading a list of a few hundred thousand records into push's arguments overflows the stack.
    for (const r of mine) records.push(r);

    // Per rep and month.
    const cells = new Map<string, AuditCell>();
    const cellOf = (rep: string | null, month: string | null) => {
      const key = JSON.stringify([rep, month]);
      let cell = cells.get(key);
      if (!cell) {
        cell = { rep, month, violations: 0, amount: zero(), creditBlocked: zero(), forfeited: zero(), reviews: 0 };
        cells.set(key, cell);
      }
      return cell;
    };
    for (const r of mine) {
      const cell = cellOf(r.rep, r.month);
      cell.violations++;
      if (r.amount !== null) cell.amount = cell.amount.plus(r.amount);
      if (r.creditBlocked && r.amount !== null) cell.creditBlocked = cell.creditBlocked.plus(r.amount);
      if (effect === 'review') cell.reviews++;
    }
    // Forfeits: the engine's, charged to the month of the rep's first offending deal (or activity) in the plan period.
    for (const rep of e.reps) {
      const taken = rep.forfeits.filter((f) => f.rule === summary.id);
      if (taken.length === 0) continue;
      const amount = taken.reduce((s, f) => s.plus(f.amount), zero());
      const first = summary.subject !== 'reps' ? mine.filter((r) => r.rep === rep.rep && inPlan(r.date)).sort((a, b) => compareKeys(a.date, b.date) || compareKeys(a.deal ?? a.activity, b.deal ?? b.activity))[0] : undefined;
      const cell = cellOf(rep.rep, first?.month ?? null);
      cell.forfeited = cell.forfeited.plus(amount);
    }
    const byRepMonth = [...cells.values()].sort((a, b) => compareKeys(a.rep, b.rep) || compareKeys(a.month, b.month));

    const sum = (pick: (c: AuditCell) => Decimal) => byRepMonth.reduce((s, c) => s.plus(pick(c)), zero());
    rules[ruleIndex] = {
      id: summary.id,
      kind: node?.source ?? 'redline',
      subject: summary.subject,
      effect,
      forfeits: effect === 'forfeit' ? (node?.forfeits ?? []) : [],
      message: summary.message,
      violations: mine.length,
      reps: new Set(mine.filter((r) => r.rep !== null).map((r) => r.rep)).size,
      amount: sum((c) => c.amount),
      creditBlocked: sum((c) => c.creditBlocked),
      forfeited: sum((c) => c.forfeited),
      reviews: byRepMonth.reduce((s, c) => s + c.reviews, 0),
      byRepMonth,
    };
  });

  return { graph, playbookFile: sim.playbookFile, planPeriod: plan.key, input: sim.input, rejectedRows: sim.rejectedRows, rules, records };
}

/**
 * Loads the data in `dataDir`, evaluates the scheme and audits its red lines.
 * @throws DataError / BadRowsError as {@link simulate} does.
 */
export function audit(graph: RuleGraph, playbookFile: string, dataDir: string, options: SimulateOptions = {}): Audit {
  return auditSimulation(simulate(graph, playbookFile, dataDir, options));
}
