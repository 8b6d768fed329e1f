/**
 * A red line (domain.md §6): which deals, reps or activities trip it. Deals are
 * checked whatever their date (a deal's red lines are listed on it); a must-win
 * rule trips only on lost deals. Reps are checked over the plan period;
 * activities dated in the plan period. The effect (block, forfeit, review) is
 * applied by the nodes that read this result: credit and payout. With plan
 * versions, a deal is judged by the version in force on its credit date, an
 * activity by the one on its date, a rep by the one on the plan period's last day.
 * Deal and activity conditions are decided by compiled decisions (exact integers over
 * columns, `compiled/`), one per version.
 */
import type { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import type { TExpr } from '../../graph/ir.js';
import { type CompileContext, type Env, atDeal, atRow, atSource, compileContext, compileExpr, newEnv } from '../expr.js';
import { compileCondition, rowsHolding } from '../compiled/condition.js';
import { FALLBACK, TRUE } from '../compiled/decision.js';
import type { OutcomeResult } from './outcome.js';
import { rowSource } from '../row-source.js';
import type { RowLike, RowSource } from '../values.js';
import { lastDayOf, versionJudging } from '../versions.js';

const UNKNOWN = 2;

/**
 * A conjunct of `condition` (split at `and`) that tests one text field of the activities table
 * against text literals (`field = "x"`, either way round, or `field in ("x", …)`), when that field
 * is held as dictionary codes: its verdict per code (UNKNOWN until decided at a row with the code;
 * 1 when true, 0 when false or unknown) — null when there is none.
 */
function settledByCode(condition: TExpr, table: string, fields: Map<string, number>, source: RowSource, env: Env, ctx: CompileContext): { field: number; byCode: Uint8Array; decide(p: number): number } | null {
  const conjuncts = (e: TExpr): TExpr[] => (e.k === 'bin' && e.op === 'and' ? [...conjuncts(e.l), ...conjuncts(e.r)] : [e]);
  const fieldOf = (e: TExpr) => (e.k === 'field' && e.t === 'text' && e.path.length === 1 && e.path[0].table === table ? (fields.get(e.path[0].field) ?? -1) : -1);
  const isText = (e: TExpr) => e.k === 'lit' && e.t === 'text';
  for (const c of conjuncts(condition)) {
    let field = -1;
    if (c.k === 'in' && c.options.every(isText)) field = fieldOf(c.e);
    else if (c.k === 'bin' && c.op === '=' && isText(c.r)) field = fieldOf(c.l);
    else if (c.k === 'bin' && c.op === '=' && isText(c.l)) field = fieldOf(c.r);
    if (field < 0 || source.length === 0 || source.code === undefined || source.codeCount === undefined || source.code(0, field) === undefined) continue;
    const test = compileExpr(c, ctx);
    return {
      field,
      byCode: new Uint8Array(source.codeCount(field)).fill(UNKNOWN),
      decide(p) {
        atSource(env, source, p);
        return test(env) === true ? 1 : 0;
      },
    };
  }
  return null;
}

/** An activity that tripped a red line on activities. */
export interface ActivityTrip {
  row: RowLike;
  /** The activity's key, or `line N`. */
  id: string;
  rep: string | null;
  /** Its declared value (cost), if any. */
  value: Decimal | null;
}

/** Where a tripped activity's fields are read: the activities' source and the value indexes of its key, rep and value (-1: none). */
interface TripFields {
  source: RowSource;
  key: number;
  rep: number;
  value: number;
}

/**
 * An activity that tripped a red line, its fields read from the activities' source when read
 * (issue 10: at 10,000,000 activities about 220,000 trip the gifts red line, and each kept as a row
 * with its fields, its id and its value made a Decimal was ~60 MB to the end of the run). `row` is
 * a new row object on each read (the same values); `toJSON` gives the plain trip.
 */
class TrippedActivity implements ActivityTrip {
  constructor(
    private readonly at: TripFields,
    private readonly index: number,
  ) {}
  get row(): RowLike {
    return this.at.source.row(this.index);
  }
  get id(): string {
    const { source, key } = this.at;
    return key >= 0 ? String(source.value(this.index, key)) : `line ${source.line(this.index)}`;
  }
  get rep(): string | null {
    const { source, rep } = this.at;
    const who = rep < 0 ? null : source.value(this.index, rep);
    return who === null ? null : String(who);
  }
  get value(): Decimal | null {
    const { source, value } = this.at;
    return value < 0 ? null : (source.value(this.index, value) as Decimal | null);
  }
  toJSON(): ActivityTrip {
    return { row: this.row, id: this.id, rep: this.rep, value: this.value };
  }
}

export interface RedLineResult {
  /** Deal indexes that trip it, in deals-table order (subject deals). */
  deals: number[];
  /** Rep indexes that trip it (subject reps). */
  reps: number[];
  /** Activities that trip it (subject activities). */
  activities: ActivityTrip[];
}

export function evaluateRedLine(node: NodeOf<'redline'>, run: RunContext, inputs: NodeInputs): RedLineResult {
  // The plan versions (one, without versions); `versionOf(date)` picks the one in force (docs/language.md §10).
  const versions = node.versions ?? [node];
  const versionOf = (date: number | null) => (node.versions ? versionJudging(node.versions, date, lastDayOf(run.plan)) : 0);
  const env = newEnv(run);
  const result: RedLineResult = { deals: [], reps: [], activities: [] };
  if (node.subject === 'deals') {
    const lost = node.origin === 'mustwin' ? inputs.maybe<OutcomeResult>('outcome:lost')?.flags : undefined;
    const rows = run.deals.source;
    const mustWin = node.origin === 'mustwin';
    const table = run.graph.roles.deals.table;
    // Without plan versions the one condition lists the deals that trip it (decided afresh, in one
    // loop when the kernel fits); only a deal it could not prove exact asks the decimal evaluator.
    const holding = node.versions ? null : rowsHolding(node.condition, run, inputs, table, rows);
    if (holding) {
      const { list, count } = holding;
      for (let k = 0; k < count; k++) {
        let i = list[k];
        if (i < 0) {
          i = ~i;
          atDeal(env, rows, i);
          if (!holding.ask(env)) continue;
        }
        if (mustWin && lost?.[i] !== 1) continue;
        result.deals.push(i);
      }
      return result;
    }
    const decide = versions.map((v) => compileCondition(v.condition, run, inputs, table, rows));
    for (let i = 0; i < rows.length; i++) {
      // The compiled answers are scanned directly; only a row they could not decide asks the decimal evaluator.
      // A deal is judged by the version in force on its credit date.
      const holds = decide[versionOf(rows.value(i, run.deals.date) as number | null)];
      const answer = holds.results ? holds.results[i] : FALLBACK;
      if (answer !== TRUE) {
        if (answer !== FALLBACK) continue;
        atDeal(env, rows, i);
        if (holds(i, env) !== true) continue;
      }
      if (mustWin && lost?.[i] !== 1) continue;
      result.deals.push(i);
    }
  } else if (node.subject === 'reps') {
    env.period = run.plan;
    // A rep is judged over the plan period, by the version in force on its last day.
    const fn = compileExpr(versions[versionOf(lastDayOf(run.plan))].condition, compileContext(run, inputs));
    for (let r = 0; r < run.reps.rows.length; r++) {
      env.rep = r;
      atRow(env, run.reps.rows[r]);
      if (fn(env) === true) result.reps.push(r);
    }
  } else {
    const role = run.graph.roles.activities;
    const table = role ? run.tables.get(role.table) : undefined;
    if (!role || !table) return result;
    const fields = run.layout.get(role.table)!;
    const date = fields.get(role.date)!;
    const rep = role.rep === null ? -1 : fields.get(role.rep)!;
    const value = role.value === null ? -1 : fields.get(role.value)!;
    const key = role.key === null ? -1 : fields.get(role.key)!;
    // Each activity dated in the plan period is judged by the version in force on its date, its
    // fields read in place (issue 10: ten million activities were each made into a row to be
    // judged; now a row is made only for those that trip it). The decimal evaluator, not the
    // compiled decision: that one would keep a column of every field the condition reads, for ten
    // million rows, for the rest of the run, and here most rows are settled by their first test.
    const ctx = compileContext(run, inputs);
    const judges = versions.map((v) => compileExpr(v.condition, ctx));
    const source = rowSource(table);
    // Without versions, a condition `… and field in ("x", "y") and …` on a text field held as
    // dictionary codes settles most activities by their code: that test is decided once per code
    // (issue 10, second pass: ten million text comparisons), and an activity whose code fails it
    // fails the whole condition (false `and` anything is false). The rest are judged as before.
    let fieldsAt: TripFields | undefined;
    const settled = node.versions ? null : settledByCode(node.condition, role.table, fields, source, env, ctx);
    for (let p = 0; p < source.length; p++) {
      if (settled !== null) {
        const code = source.code!(p, settled.field)!;
        if (code >= 0) {
          let pass = settled.byCode[code];
          if (pass === UNKNOWN) pass = settled.byCode[code] = settled.decide(p);
          if (pass === 0) continue;
        }
      }
      const day = source.value(p, date);
      if (!run.inPlan(day)) continue;
      atSource(env, source, p);
      if (judges[versionOf(day as number)](env) !== true) continue;
      result.activities.push(new TrippedActivity(fieldsAt ??= { source, key, rep, value }, p));
    }
  }
  return result;
}
