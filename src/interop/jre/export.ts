/**
 * `playbook compile --target json-rules-engine`: the per-record decisions of a rule graph
 * as json-rules-engine 7 rules — red lines on deals and activities, won/lost, credit and
 * per-deal bonus conditions — with the facts they read, and every other rule listed with
 * the reason it is not exported (never silently dropped; a red line or bonus with plan
 * versions is listed so too).
 */
import type { TExpr } from '../../graph/ir.js';
import type { GraphNode, RuleGraph } from '../../graph/nodes.js';
import { FactTable, NotExportableError, toCondition, unexportableReason } from './conditions.js';
import { operatorNames } from './operators.js';
import type { JreCondition, JreExport, JreRule, NotExported, SubjectExport } from './types.js';

type NodeOf<K extends GraphNode['kind']> = Extract<GraphNode, { kind: K }>;

const NOT_PER_RECORD: Partial<Record<GraphNode['kind'], string>> = {
  quota: 'a quota is a target per rep and period, not a decision on one record',
  commission: "a commission table applies to a rep's credited total over the period, not to one deal",
  ranking: 'a ranking compares all reps over a period; it needs every deal, not one',
  scoring: "the relationship score adds up an account's activity history",
  indicator: "a relationship indicator counts an account's activities over time",
  tiers: 'relationship tiers read the score and indicators, which need the account history',
  review: "the review list is a monthly report on accounts (score --review), not a decision on one record",
  validation: "budget and assertions are checked over every rep's payout",
  payout: "the payout sums a rep's lines for the period",
  stages: "paying in stages follows each deal's cash and delivery over time, after the booking",
  statements: "a rep's statements add up every staged payment month by month",
};

/** Why a rule with plan versions is not exported: one exported rule carries one condition, not one per version. */
function versionedReason(versions: { from: string; until: string | null }[]): string {
  const days = versions.map((v) => (v.until === null ? `from ${v.from}` : `from ${v.from} until ${v.until}`)).join('; ');
  return `it has ${versions.length} plan versions (${days}): each record is judged by the version in force on its date, which one exported rule cannot say`;
}

/** First day of the plan year and of the next, `YYYY-MM-DD`. */
function planDates(graph: RuleGraph): { start: string; end: string } {
  const { planYear, fiscalYearStartMonth: m } = graph.playbook;
  const month = String(m).padStart(2, '0');
  return { start: `${planYear}-${month}-01`, end: `${planYear + 1}-${month}-01` };
}

const all = (...parts: JreCondition[]): { all: JreCondition[] } => ({ all: parts });
const field = (table: string, name: string, t: TExpr['t']): TExpr => ({ k: 'field', t, path: [{ table, field: name }] });

/**
 * Exports `graph`. Rules per subject table (`deals`, and the activities table when a red line
 * is on activities), in graph order. Never throws for a rule it cannot carry: it lists it in
 * `notExported` with the reason.
 */
export function exportJsonRulesEngine(graph: RuleGraph): JreExport {
  const roles = graph.roles;
  const subjects = new Map<string, { facts: FactTable; rules: JreRule[] }>();
  const subject = (table: string) => {
    let s = subjects.get(table);
    if (!s) subjects.set(table, (s = { facts: new FactTable(), rules: [] }));
    return s;
  };
  const notExported: NotExported[] = [];
  const plan = planDates(graph);
  const inPlan = (table: string, dateField: string): JreCondition[] => {
    const facts = subject(table).facts;
    const date = field(table, dateField, 'date');
    return [
      toCondition({ k: 'bin', t: 'boolean', op: '>=', l: date, r: { k: 'lit', t: 'date', v: plan.start } }, facts),
      toCondition({ k: 'bin', t: 'boolean', op: '<', l: date, r: { k: 'lit', t: 'date', v: plan.end } }, facts),
    ];
  };
  const dealsTable = roles.deals.table;
  const redlines = graph.nodes.filter((n): n is NodeOf<'redline'> => n.kind === 'redline');
  const outcomes = graph.nodes.filter((n): n is NodeOf<'outcome'> => n.kind === 'outcome');
  const credit = graph.nodes.find((n): n is NodeOf<'credit'> => n.kind === 'credit');

  /** The condition under which a red line trips on one record (must-win: only on lost deals). */
  const trips = (n: NodeOf<'redline'>, facts: FactTable): JreCondition[] => {
    const parts = [toCondition(n.condition, facts)];
    if (n.origin === 'mustwin') parts.push(toCondition({ k: 'builtin', t: 'boolean', name: 'lost' }, facts));
    return parts;
  };
  /** Credited: meets the credit rule, no blocking red line trips, rep, date and amount present, dated in the plan year. */
  const credited = (n: NodeOf<'credit'>, facts: FactTable): JreCondition[] => {
    const present = (e: TExpr): JreCondition => toCondition({ k: 'missing', t: 'boolean', e, neg: true }, facts);
    const blocks = redlines.filter((r) => r.subject === 'deals' && r.effect === 'block' && n.inputs.includes(r.id));
    return [
      toCondition(n.condition, facts),
      present(field(dealsTable, n.repField, 'text')),
      present(field(dealsTable, n.dateField, 'date')),
      present(n.amount),
      ...inPlan(dealsTable, n.dateField),
      // json-rules-engine's `not` is right here: "the red line does not trip" is "its condition is not definitely true".
      ...blocks.map((r) => ({ not: all(...trips(r, facts)) })),
    ];
  };
  const attempt = (n: GraphNode, build: () => JreRule, table: string): void => {
    try {
      subject(table).rules.push(build());
    } catch (e) {
      if (!(e instanceof NotExportableError)) throw e;
      notExported.push({ id: n.id, kind: n.kind, reason: e.message });
    }
  };

  for (const n of graph.nodes) {
    switch (n.kind) {
      case 'derived':
        break; // a fact, computed by the fact module
      case 'outcome':
        attempt(n, () => ({ name: n.id, conditions: all(toCondition(n.expr, subject(dealsTable).facts)), event: { type: 'outcome', params: { id: n.id, outcome: n.outcome } } }), dealsTable);
        break;
      case 'redline': {
        if (n.versions) {
          notExported.push({ id: n.id, kind: n.kind, reason: versionedReason(n.versions) });
          break;
        }
        if (n.subject === 'reps') {
          notExported.push({ id: n.id, kind: n.kind, reason: "a red line on reps is decided over the rep's whole period, not one record" });
          break;
        }
        const table = n.subject === 'deals' ? dealsTable : roles.activities?.table;
        if (!table) break;
        attempt(
          n,
          () => {
            const facts = subject(table).facts;
            // Activities count only when dated in the plan year; deals whatever their date (as the engine does).
            const parts = [...trips(n, facts), ...(n.subject === 'activities' && roles.activities ? inPlan(table, roles.activities.date) : [])];
            return {
              name: n.id,
              conditions: all(...parts),
              event: { type: 'red-line', params: { id: n.id, redline: n.redline, subject: n.subject, effect: n.effect, forfeits: n.forfeits, message: n.message } },
            };
          },
          table,
        );
        break;
      }
      case 'credit':
        attempt(n, () => ({ name: n.id, conditions: all(...credited(n, subject(dealsTable).facts)), event: { type: 'credit', params: { id: n.id, label: n.label } } }), dealsTable);
        break;
      case 'bonus': {
        if (n.scope === 'rep') {
          notExported.push({ id: n.id, kind: n.kind, reason: "a bonus per rep is decided over the rep's period, not one deal" });
          break;
        }
        if (n.versions) {
          notExported.push({ id: n.id, kind: n.kind, reason: versionedReason(n.versions) });
          break;
        }
        attempt(
          n,
          () => {
            if (!credit) throw new NotExportableError('the playbook has no credit rule, and a bonus per deal pays only on credited deals');
            const facts = subject(dealsTable).facts;
            const reason = unexportableReason(n.amount);
            if (reason !== null) throw new NotExportableError(reason);
            const parts = [...credited(credit, facts), ...(n.condition ? [toCondition(n.condition, facts)] : [])];
            return { name: n.id, conditions: all(...parts), event: { type: 'bonus', params: { id: n.id, bonus: n.name, amountFact: facts.factOf(n.amount), rounding: graph.playbook.rounding } } };
          },
          dealsTable,
        );
        break;
      }
      default:
        notExported.push({ id: n.id, kind: n.kind, reason: NOT_PER_RECORD[n.kind] ?? 'not a decision on one record' });
    }
  }
  const derived = graph.nodes
    .filter((n): n is NodeOf<'derived'> => n.kind === 'derived')
    .map((n) => ({ table: n.table, name: n.name, type: n.type, expr: n.expr, line: n.source.line, column: n.source.column }));
  const out: SubjectExport[] = [...subjects].map(([table, s]) => ({ table, facts: s.facts.facts, rules: s.rules }));
  return {
    format: 'playbook-engine/json-rules-engine',
    version: 1,
    playbook: graph.playbook.name,
    model: { timeZone: graph.playbook.timeZone, dealsTable, tables: graph.tables, derived, outcomes: outcomes.map((o) => ({ outcome: o.outcome, expr: o.expr })), plan },
    operators: operatorNames(),
    subjects: out,
    notExported,
  };
}
