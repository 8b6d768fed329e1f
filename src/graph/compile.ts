/**
 * Compiler: checked playbook → rule graph. Gives every node its source span and
 * its inputs (the node results it reads, from `dependencies.ts`), declares the
 * field roles, checks the graph's invariants and validates it against the zod
 * schema. The node list is kept in declaration order for readability; the
 * runtime computes its own schedule from the inputs.
 */
import type { CheckedPlaybook } from '../check/model.js';
import type { PlaybookAst } from '../language/ast.js';
import { derivedId, requiredInputs, stagesId } from './dependencies.js';
import type { SourceSpan } from './ir.js';
import { checkInvariants } from './invariants.js';
import { type GraphNode, type Roles, type RuleGraph, RuleGraphSchema } from './nodes.js';
import { nodeSources } from './sources.js';

/** Thrown when the graph cannot be built; the checker prevents this for playbooks it accepts. */
export class GraphError extends Error {}

/** Where the playbook came from, so nodes can point at their source. */
export interface CompileSource {
  ast: PlaybookAst;
  /** The playbook's file name as the user gave it (used in traces). */
  file: string;
}

type NodeWithoutPlumbing = GraphNode extends infer N ? (N extends GraphNode ? Omit<N, 'inputs' | 'source'> : never) : never;

function roles(p: CheckedPlaybook): Roles {
  const table = (name: string) => p.tables.find((t) => t.name === name);
  const keyOf = (name: string) => table(name)?.fields.find((f) => f.key)?.name ?? null;
  const has = (name: string, field: string) => table(name)?.fields.some((f) => f.name === field) ?? false;
  const deals = table('deals');
  const acts = p.relationship || p.redLines.some((r) => r.subject === 'activities') ? table('activities') : undefined;
  return {
    deals: { table: 'deals', key: keyOf('deals'), rep: p.credit!.repField, date: p.credit!.dateField, account: deals && has('deals', 'account') ? 'account' : null },
    reps: { table: p.repTable!, key: keyOf(p.repTable!) ?? '' },
    ...(p.credit!.split ? { splits: p.credit!.split } : {}),
    activities: acts
      ? {
          table: acts.name,
          key: keyOf(acts.name),
          date: 'date',
          account: 'account',
          action: 'action',
          rep: has(acts.name, 'rep') ? 'rep' : null,
          value: has(acts.name, 'value') ? 'value' : null,
        }
      : null,
  };
}

/**
 * Compiles a checked playbook into its rule graph.
 * @param source the AST and file name, for each node's source span (without it, spans are empty).
 * @throws GraphError on a dependency cycle or a missing credit rule.
 */
export function compileGraph(p: CheckedPlaybook, source?: CompileSource): RuleGraph {
  if (!p.credit || !p.repTable) throw new GraphError('the playbook has no credit rule');
  const bare: NodeWithoutPlumbing[] = [];
  for (const t of p.tables) {
    for (const d of t.derived) bare.push({ id: derivedId(t.name, d.name), kind: 'derived', table: t.name, name: d.name, type: d.type, expr: d.expr });
  }
  for (const outcome of ['won', 'lost'] as const) {
    const expr = p.outcomes[outcome];
    if (expr) bare.push({ id: `outcome:${outcome}`, kind: 'outcome', outcome, expr });
  }
  for (const r of p.redLines) {
    bare.push({ id: `redline:${r.id}`, kind: 'redline', redline: r.id, origin: r.kind, subject: r.subject, condition: r.condition, effect: r.effect, forfeits: r.forfeits, message: r.message, ...(r.versions ? { versions: r.versions } : {}) } as NodeWithoutPlumbing);
  }
  const { split: _split, ...creditRule } = p.credit;
  bare.push({ id: 'credit', kind: 'credit', ...creditRule });
  for (const q of p.quotas) bare.push({ id: `quota:${q.name}`, kind: 'quota', name: q.name, amount: q.amount, split: q.split, prorate: q.prorate, ...(q.versions ? { versions: q.versions } : {}) });
  for (const c of p.commissions) bare.push({ id: `commission:${c.name}`, kind: 'commission', ...c });
  for (const b of p.bonuses) bare.push({ id: `bonus:${b.name}`, kind: 'bonus', ...b });
  for (const r of p.rankings) bare.push({ id: `ranking:${r.name}`, kind: 'ranking', ...r });
  const rel = p.relationship;
  if (rel) {
    bare.push({ id: 'scoring', kind: 'scoring', name: rel.name, lookBackDays: rel.lookBackDays, halfLifeDays: rel.halfLifeDays, cap: rel.cap, openAsOf: rel.openAsOf, actions: rel.actions, weights: rel.weights });
    for (const i of rel.indicators) bare.push({ id: `indicator:${i.name}`, kind: 'indicator', name: i.name, label: i.label, condition: i.condition });
    if (rel.review) bare.push({ id: 'review', kind: 'review', condition: rel.review });
    if (rel.tiers.length > 0) bare.push({ id: 'tiers', kind: 'tiers', tiers: rel.tiers });
  }
  if (p.budget !== null || p.assertions.length > 0) bare.push({ id: 'validation', kind: 'validation', budget: p.budget, assertions: p.assertions });
  bare.push({ id: 'payout', kind: 'payout', components: p.components });
  // The money lifecycle: one node per `pay … in stages` section, and the statements that read them all.
  for (const s of p.stages ?? []) bare.push({ id: stagesId(s.components[0].name), kind: 'stages', components: s.components, stages: s.stages, calendar: s.calendar, tables: s.tables, ...(s.clawback ? { clawback: s.clawback } : {}), ...(s.limits ? { limits: s.limits } : {}) });
  if (p.stages && p.stages.length > 0) bare.push({ id: 'statements', kind: 'statements', budgetDays: p.payTimeBudget ?? null });

  const spans = source ? nodeSources(source.ast, source.file) : new Map<string, SourceSpan>();
  const withSources = bare.map((n) => ({ ...n, inputs: [] as string[], source: spans.get(n.id) ?? { file: source?.file ?? '', line: 0, column: 0, name: n.id } }) as GraphNode);
  const nodes = withSources.map((n) => ({ ...n, inputs: requiredInputs(n, withSources) }) as GraphNode);

  const graph: RuleGraph = {
    version: 2,
    playbook: {
      name: p.name,
      currency: p.currency,
      minorDigits: p.minorDigits,
      timeZone: p.timeZone,
      fiscalYearStartMonth: p.fiscalYearStartMonth,
      planYear: p.planYear,
      rounding: p.rounding,
    },
    tables: p.tables.map((t) => ({
      name: t.name,
      file: t.file,
      delimiter: t.delimiter,
      locale: t.locale,
      ...(t.encoding !== undefined ? { encoding: t.encoding } : {}),
      ...(t.sheet !== undefined ? { sheet: t.sheet } : {}),
      fields: t.fields.map(({ label: _label, aliases, ...f }) => ({ ...f, aliases: Object.entries(aliases).map(([from, to]) => ({ from, to })) })),
    })),
    repTable: p.repTable,
    roles: roles(p),
    nodes,
  };
  const problems = checkInvariants(graph);
  if (problems.length > 0) throw new GraphError(`internal: the compiled rule graph is inconsistent: ${problems.join('; ')}`);
  return RuleGraphSchema.parse(graph);
}
