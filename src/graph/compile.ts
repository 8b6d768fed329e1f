/**
 * Compiler: checked playbook → rule graph. Gives every node its inputs (the
 * nodes its expressions read), orders nodes so inputs come first, rejects
 * cycles, and validates the result against the zod schema.
 */
import type { CheckedPlaybook, TExpr } from '../check/model.js';
import { type GraphNode, type RuleGraph, RuleGraphSchema } from './nodes.js';

/** Thrown when the graph cannot be built; the checker prevents this for playbooks it accepts. */
export class GraphError extends Error {}

function derivedId(table: string, field: string): string {
  return `derived:${table}.${field}`;
}

/** Ids of the nodes an expression reads. */
function inputsOf(expr: TExpr | null, derived: Set<string>, into: Set<string>): Set<string> {
  if (!expr) return into;
  switch (expr.k) {
    case 'field':
      for (const step of expr.path) {
        const id = derivedId(step.table, step.field);
        if (derived.has(id)) into.add(id);
      }
      break;
    case 'builtin':
      if (expr.name === 'won' || expr.name === 'lost') into.add(`outcome:${expr.name}`);
      else if (expr.name === 'credited') into.add('credit');
      else if (expr.name === 'quota') into.add(`quota:${expr.quota}`);
      else if (expr.name === 'score') into.add('scoring');
      else if (expr.name === 'payout' || expr.name === 'forfeited') into.add('payout');
      else if (expr.name === 'indicator') into.add(`indicator:${expr.indicator}`);
      break;
    case 'neg':
    case 'not':
    case 'missing':
      inputsOf(expr.e, derived, into);
      break;
    case 'bin':
      inputsOf(expr.l, derived, into);
      inputsOf(expr.r, derived, into);
      break;
    case 'in':
      inputsOf(expr.e, derived, into);
      for (const o of expr.options) inputsOf(o, derived, into);
      break;
    case 'call':
      for (const a of expr.args) inputsOf(a, derived, into);
      break;
    case 'sum':
    case 'distinct':
      inputsOf(expr.value, derived, into);
      inputsOf(expr.filter, derived, into);
      if (expr.table !== 'activities') into.add('credit'); // sums over a rep's deals read credit
      break;
    case 'count':
      inputsOf(expr.filter, derived, into);
      if (expr.table !== 'activities') into.add('credit');
      break;
    case 'firstPer':
      into.add('credit');
      break;
    case 'lit':
      break;
  }
  return into;
}

/** Kahn's algorithm; keeps declaration order among independent nodes so the graph is deterministic. */
function topologicalOrder(nodes: GraphNode[]): GraphNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const done = new Set<string>();
  const ordered: GraphNode[] = [];
  let progress = true;
  while (ordered.length < nodes.length && progress) {
    progress = false;
    for (const n of nodes) {
      if (done.has(n.id)) continue;
      if (n.inputs.every((i) => done.has(i) || !byId.has(i))) {
        ordered.push(n);
        done.add(n.id);
        progress = true;
      }
    }
  }
  if (ordered.length < nodes.length) {
    const stuck = nodes.filter((n) => !done.has(n.id)).map((n) => n.id);
    throw new GraphError(`the rules depend on each other in a circle: ${stuck.join(', ')}`);
  }
  return ordered;
}

/**
 * Compiles a checked playbook into its rule graph.
 * @throws GraphError on a dependency cycle or a missing credit rule.
 */
export function compileGraph(p: CheckedPlaybook): RuleGraph {
  if (!p.credit || !p.repTable) throw new GraphError('the playbook has no credit rule');
  const derived = new Set(p.tables.flatMap((t) => t.derived.map((d) => derivedId(t.name, d.name))));
  const ins = (...exprs: (TExpr | null)[]) => {
    const set = new Set<string>();
    for (const e of exprs) inputsOf(e, derived, set);
    return [...set].sort();
  };
  const nodes: GraphNode[] = [];
  for (const t of p.tables) {
    for (const d of t.derived) nodes.push({ id: derivedId(t.name, d.name), inputs: ins(d.expr), kind: 'derived', table: t.name, name: d.name, type: d.type, expr: d.expr });
  }
  for (const outcome of ['won', 'lost'] as const) {
    const expr = p.outcomes[outcome];
    if (expr) nodes.push({ id: `outcome:${outcome}`, inputs: ins(expr), kind: 'outcome', outcome, expr });
  }
  const blockers: string[] = [];
  for (const r of p.redLines) {
    const id = `redline:${r.id}`;
    const inputs = ins(r.condition);
    if (r.effect === 'block') blockers.push(id);
    // A red line about reps reads their credit; one about deals does not (blocking must not depend on credit).
    if (r.subject === 'reps') inputs.push('credit');
    nodes.push({ id, inputs: [...new Set(inputs)].sort(), kind: 'redline', redline: r.id, source: r.kind, subject: r.subject, condition: r.condition, effect: r.effect, forfeits: r.forfeits, message: r.message });
  }
  nodes.push({ id: 'credit', inputs: [...ins(p.credit.condition, p.credit.amount), ...blockers].sort(), kind: 'credit', ...p.credit });
  for (const q of p.quotas) nodes.push({ id: `quota:${q.name}`, inputs: ins(q.amount), kind: 'quota', name: q.name, amount: q.amount, split: q.split, prorate: q.prorate });
  for (const c of p.commissions) {
    const quotaInputs = c.bands.flatMap((b) => (b.from.kind === 'quota' ? [`quota:${b.from.quota}`] : []));
    nodes.push({ id: `commission:${c.name}`, inputs: [...new Set(['credit', ...quotaInputs])].sort(), kind: 'commission', ...c });
  }
  for (const b of p.bonuses) nodes.push({ id: `bonus:${b.name}`, inputs: [...new Set(['credit', ...ins(b.condition, b.amount)])].sort(), kind: 'bonus', ...b });
  for (const r of p.rankings) nodes.push({ id: `ranking:${r.name}`, inputs: [...new Set(['credit', ...ins(r.metric)])].sort(), kind: 'ranking', ...r });
  const rel = p.relationship;
  if (rel) {
    nodes.push({
      id: 'scoring',
      inputs: ins(...rel.weights.map((w) => w.condition)),
      kind: 'scoring',
      name: rel.name,
      lookBackDays: rel.lookBackDays,
      halfLifeDays: rel.halfLifeDays,
      cap: rel.cap,
      openAsOf: rel.openAsOf,
      actions: rel.actions,
      weights: rel.weights,
    });
    for (const i of rel.indicators) nodes.push({ id: `indicator:${i.name}`, inputs: ins(i.condition), kind: 'indicator', name: i.name, label: i.label, condition: i.condition });
    if (rel.tiers.length > 0) nodes.push({ id: 'tiers', inputs: [...new Set(['scoring', ...ins(...rel.tiers.map((t) => t.condition))])].sort(), kind: 'tiers', tiers: rel.tiers });
  }
  if (p.budget !== null || p.assertions.length > 0) {
    nodes.push({ id: 'validation', inputs: ['payout'], kind: 'validation', budget: p.budget, assertions: p.assertions });
  }
  const componentNodes = nodes.filter((n) => n.kind === 'commission' || n.kind === 'bonus' || n.kind === 'ranking').map((n) => n.id);
  const forfeitNodes = nodes.filter((n) => n.kind === 'redline' && n.effect === 'forfeit').map((n) => n.id);
  nodes.push({ id: 'payout', inputs: [...componentNodes, ...forfeitNodes].sort(), kind: 'payout', components: p.components });

  const graph: RuleGraph = {
    version: 1,
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
      fields: t.fields.map(({ label: _label, ...f }) => f),
    })),
    repTable: p.repTable,
    nodes: topologicalOrder(nodes),
  };
  return RuleGraphSchema.parse(graph);
}
