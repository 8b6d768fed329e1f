/**
 * `playbook explain`: how a number was computed. Loads the data, evaluates
 * the rule graph with traces on, and explains one rep's payout (a tree whose
 * numbers add up exactly to their parent) or one deal's fate.
 */
import { closest } from '../../check/suggest.js';
import { showValue } from '../../data/show-value.js';
import type { RuleGraph } from '../../graph/nodes.js';
import { assemble } from '../../runtime/assemble.js';
import { type GraphRun, runGraph } from '../../runtime/engine.js';
import type { StatementsResult } from '../../runtime/nodes/statements.js';
import type { Period } from '../../runtime/periods.js';
import type { Evaluation } from '../../runtime/result.js';
import type { TableLike } from '../../runtime/values.js';
import { type DealExplanation, explainDeal } from './deal.js';
import { type RepFilter, repTree } from './rep.js';
import { type ExplainNode, inconsistencies } from './tree.js';

export type { DealExplanation } from './deal.js';
export type { ExplainNode } from './tree.js';
export type { RepFilter } from './rep.js';

/** A mistake in the request (unknown rep, deal or component). */
export class ExplainRequestError extends Error {}

export interface ExplainRequest {
  /** A rep's key or display name (any text field of its row). */
  rep?: string;
  /** A deal's key. */
  deal?: string;
  component?: string;
  period?: string;
}

export type Explanation =
  | { kind: 'rep'; playbook: string; currency: string; rep: string; tree: ExplainNode }
  | { kind: 'deal'; playbook: string; currency: string; deal: DealExplanation };

/**
 * Finds a row by its key or by the text of any of its fields; suggests the nearest on a miss.
 * @throws ExplainRequestError when nothing matches, or more than one row does.
 */
export function resolve(table: TableLike, wanted: string, what: string, keyIndex: number): number {
  const rows = table.rows;
  const byKey = rows.findIndex((r) => r.values[keyIndex] === wanted);
  if (byKey >= 0) return byKey;
  const byText = rows.flatMap((r, i) => (r.values.some((v) => typeof v === 'string' && v === wanted) ? [i] : []));
  if (byText.length === 1) return byText[0];
  if (byText.length > 1) throw new ExplainRequestError(`${showValue(wanted)} matches ${byText.length} ${what}s; give the ${what}'s key instead`);
  const names = rows.flatMap((r) => r.values.filter((v): v is string => typeof v === 'string'));
  // A typo gets the nearest name; part of a name ("Darcel") gets the names that contain it.
  const lower = wanted.toLowerCase();
  const containing = lower.length >= 2 ? [...new Set(names.filter((n) => n.toLowerCase().includes(lower)))].sort() : [];
  const near = closest(wanted, names) ?? (containing.length > 0 && containing.length <= 5 ? containing.join('" or "') : null);
  throw new ExplainRequestError(`there is no ${what} ${showValue(wanted)} in ${table.schema.file}${near ? `; did you mean "${near}"?` : ''}`);
}

/** The plan's period named `key`, or an error listing the periods there are. */
function planPeriod(g: GraphRun, key: string): Period {
  const quarters = g.run.periods('quarter');
  const months = g.run.periods('month');
  const found = [g.run.plan, ...quarters, ...months].find((p) => p.key === key);
  if (found) return found;
  // Commission paid in stages is paid after the plan period too: a month with statement lines
  // (2027-03 for a 2026 plan) can be explained, though it has no payout line of its own.
  const statements = g.results.get('statements') as StatementsResult | undefined;
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month && statements?.lines.some((l) => l.month === key)) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    return { key, start: Date.UTC(y, m - 1, 1), end: Date.UTC(y, m, 1), months: [(m - g.run.graph.playbook.fiscalYearStartMonth + 12) % 12] };
  }
  const statementMonths = (statements?.lines ?? []).map((l) => l.month).sort();
  const after = statementMonths.length > 0 ? `, or a month with statements (${statementMonths[0]} … ${statementMonths[statementMonths.length - 1]})` : '';
  throw new ExplainRequestError(
    `${showValue(key)} is not a period of the plan: use the plan period ${g.run.plan.key}, a quarter ${quarters[0].key} … ${quarters[3].key} or a month ${months[0].key} … ${months[11].key}${after}`,
  );
}

/** A traced evaluation that answers any number of explain requests. */
export interface Explainer {
  /**
   * Explains a rep's payout (`request.rep`) or a deal (`request.deal`).
   * @throws ExplainRequestError for an unknown rep, deal or component, or neither given.
   * @throws Error (internal) when the explanation's numbers would not add up.
   */
  explain(request: ExplainRequest): Explanation;
}

/** Evaluates `graph` over `tables` once, with traces on, for explaining. */
export function explainer(graph: RuleGraph, tables: Map<string, TableLike>): Explainer {
  const g = runGraph(graph, tables, true);
  const evaluation: Evaluation = assemble(g);
  const head = { playbook: graph.playbook.name, currency: graph.playbook.currency };
  return {
    explain(request) {
      if ((request.rep === undefined) === (request.deal === undefined)) throw new ExplainRequestError('say which rep (--rep) or which deal (--deal) to explain');
      if (request.deal !== undefined) {
        if (g.run.deals.key < 0) throw new ExplainRequestError('the deals table has no key field, so a deal cannot be named');
        return { kind: 'deal', ...head, deal: explainDeal(g, evaluation, resolve(g.run.deals.table, request.deal, 'deal', g.run.deals.key)) };
      }
      const repKeyIndex = g.run.layout.get(graph.roles.reps.table)!.get(graph.roles.reps.key)!;
      const key = g.run.reps.keys[resolve(g.run.reps.table, request.rep!, 'rep', repKeyIndex)];
      const rep = evaluation.reps.find((r) => r.rep === key)!;
      if (request.component !== undefined && !rep.lines.some((l) => l.component === request.component)) {
        const names = [...new Set(rep.lines.map((l) => l.component))];
        const near = closest(request.component, names);
        throw new ExplainRequestError(`there is no payout component ${showValue(request.component)}; ${near ? `did you mean "${near}"?` : `the components are ${names.join(', ')}`}`);
      }
      const filter: RepFilter = { component: request.component, period: request.period === undefined ? undefined : planPeriod(g, request.period) };
      const tree = repTree(g, rep, filter);
      const problems = inconsistencies(tree);
      if (problems.length > 0) throw new Error(`internal error: the explanation does not add up: ${problems.join('; ')}`);
      return { kind: 'rep', ...head, rep: key, tree };
    },
  };
}

/**
 * Explains one rep's payout or one deal of `graph` over `tables` (see {@link Explainer.explain}).
 * @throws ExplainRequestError for an unknown rep, deal or component, or neither given.
 */
export function explain(graph: RuleGraph, tables: Map<string, TableLike>, request: ExplainRequest): Explanation {
  if ((request.rep === undefined) === (request.deal === undefined)) throw new ExplainRequestError('say which rep (--rep) or which deal (--deal) to explain');
  return explainer(graph, tables).explain(request);
}
