/**
 * Relationship tier per deal, side by side in one process (issue 10, benchmark 3): the
 * key-account playbook's scoring section, its three indicators and its four tiers, decided
 * for every deal of a generated history by
 *   - the engine (the scoring, indicator and tiers evaluators, as the graph runs them),
 *   - hand-written TypeScript with plain numbers (binary floating point, Math.pow),
 *   - hand-written TypeScript with decimal.js (the project's 40 significant digits),
 *   - json-rules-engine: the four tiers as hand-written rules over facts computed by the
 *     plain-number code (the facts' time is included).
 * The hand-written code is what a competent programmer would write for this one scheme:
 * activities grouped per account and sorted once, each deal's window found by binary search.
 * All four must put every deal in the same tier; the times are reported as ratios.
 */
import { Engine, type NestedCondition } from 'json-rules-engine';
import type { RuleGraph } from '../src/graph/nodes.js';
import { Decimal } from '../src/runtime/decimal.js';
import { type GraphRun, nodeInputs, runGraph } from '../src/runtime/engine.js';
import { evaluateIndicator } from '../src/runtime/nodes/indicator.js';
import { type ScoringResult, evaluateScoring } from '../src/runtime/nodes/scoring.js';
import { evaluateTiers } from '../src/runtime/nodes/tiers.js';
import type { TableLike } from '../src/runtime/values.js';
import { best } from './timing.js';

export interface TierTimes {
  deals: number;
  activities: number;
  /** Deals per tier name, as all four decided. */
  counts: Record<string, number>;
  /** ms per whole pass over the deals. */
  engine: number;
  plain: number;
  decimal: number;
  jsonRulesEngine: number;
}

const DAY = 86_400_000;
const TIERS = ['champion', 'supporter', 'neutral', 'opposed'];
// The key-account playbook's scoring section, written out by hand.
const POINTS: Record<string, number> = { office_visit: 0.1, hq_tour: 5, exec_meeting: 4, reference_visit: 4, strategic_agreement: 8, requirements_signed: 6, tech_exchange: 5, family_trip: 10, gift: 1 };
const POINTS_TEXT: Record<string, string> = { office_visit: '0.1', hq_tour: '5', exec_meeting: '4', reference_visit: '4', strategic_agreement: '8', requirements_signed: '6', tech_exchange: '5', family_trip: '10', gift: '1' };
const LOOK_BACK = 365;

interface PlainActivity { day: number; line: number; action: string; role: string; month: number }
interface PlainDeal { account: string | null; asOf: number | null }

/** Activities per account, sorted by day then line (part of every hand-written method's timed work). */
function byAccount(acts: { account: string; a: PlainActivity }[]): Map<string, PlainActivity[]> {
  const m = new Map<string, PlainActivity[]>();
  for (const { account, a } of acts) {
    const list = m.get(account);
    if (list) list.push(a);
    else m.set(account, [a]);
  }
  for (const list of m.values()) list.sort((x, y) => x.day - y.day || x.line - y.line);
  return m;
}

/** Index of the first activity dated after `day`. */
function endOf(list: PlainActivity[], day: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].day <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the repetition rule still lets this activity count (at most 2 exec meetings a month; agreements and requirements once). */
function allowed(a: PlainActivity, used: Map<string, number>): boolean {
  const key = a.action === 'exec_meeting' ? `e${a.month}` : a.action === 'strategic_agreement' || a.action === 'requirements_signed' ? a.action : null;
  if (key === null) return true;
  const n = used.get(key) ?? 0;
  if (n >= (a.action === 'exec_meeting' ? 2 : 1)) return false;
  used.set(key, n + 1);
  return true;
}

/** The three indicators of a window [0, end) as of `asOf`. */
function indicators(list: PlainActivity[], end: number, asOf: number): [boolean, boolean, boolean] {
  let signed = false;
  let met = false;
  let tech = false;
  for (let i = 0; i < end; i++) {
    const a = list[i];
    if (a.action === 'requirements_signed') signed = true;
    else if (a.action === 'tech_exchange') tech = true;
    else if (a.action === 'exec_meeting' && asOf - a.day <= 180 * DAY) met = true;
  }
  return [signed, met, tech];
}

function tierOf(ind: [boolean, boolean, boolean], score: number | Decimal): number {
  if (ind[0] && ind[1] && ind[2]) return 0;
  if (typeof score === 'number' ? score >= 30 : score.gte(30)) return 1;
  if (typeof score === 'number' ? score >= 10 : score.gte(10)) return 2;
  return 3;
}

/** Plain numbers: the score as a double. Returns each deal's tier and its facts. */
function plainTiers(acts: { account: string; a: PlainActivity }[], deals: PlainDeal[]): { tiers: Int32Array; facts: ({ signed: boolean; met: boolean; tech: boolean; score: number } | null)[] } {
  const index = byAccount(acts);
  const tiers = new Int32Array(deals.length).fill(-1);
  const facts: ({ signed: boolean; met: boolean; tech: boolean; score: number } | null)[] = new Array(deals.length).fill(null);
  for (let i = 0; i < deals.length; i++) {
    const { account, asOf } = deals[i];
    if (account === null || asOf === null) continue;
    const list = index.get(account) ?? [];
    const end = endOf(list, asOf);
    const used = new Map<string, number>();
    let score = 0;
    for (let k = 0; k < end; k++) {
      const a = list[k];
      const age = (asOf - a.day) / DAY;
      if (age >= LOOK_BACK) continue;
      const points = POINTS[a.action];
      if (points === undefined || !allowed(a, used)) continue;
      score += points * (a.role === 'C-level' ? 1.5 : a.role === 'assistant' ? 0.5 : 1) * Math.pow(0.5, age / 180);
    }
    if (score > 100) score = 100;
    const ind = indicators(list, end, asOf);
    tiers[i] = tierOf(ind, score);
    facts[i] = { signed: ind[0], met: ind[1], tech: ind[2], score };
  }
  return { tiers, facts };
}

/** decimal.js: the same scheme at the project's precision (fading cached per age, as anyone would). */
function decimalTiers(acts: { account: string; a: PlainActivity }[], deals: PlainDeal[]): Int32Array {
  const index = byAccount(acts);
  const half = new Decimal('0.5');
  const decay: Decimal[] = [];
  const points = new Map(Object.entries(POINTS_TEXT).map(([k, v]) => [k, new Decimal(v)]));
  const weights = { c: new Decimal('1.5'), a: new Decimal('0.5'), one: new Decimal(1) };
  const cap = new Decimal(100);
  const tiers = new Int32Array(deals.length).fill(-1);
  for (let i = 0; i < deals.length; i++) {
    const { account, asOf } = deals[i];
    if (account === null || asOf === null) continue;
    const list = index.get(account) ?? [];
    const end = endOf(list, asOf);
    const used = new Map<string, number>();
    let score = new Decimal(0);
    for (let k = 0; k < end; k++) {
      const a = list[k];
      const age = Math.round((asOf - a.day) / DAY);
      if (age >= LOOK_BACK) continue;
      const p = points.get(a.action);
      if (p === undefined || !allowed(a, used)) continue;
      const d = (decay[age] ??= half.pow(new Decimal(age).div(180)));
      score = score.plus(p.mul(a.role === 'C-level' ? weights.c : a.role === 'assistant' ? weights.a : weights.one).mul(d));
    }
    if (score.gt(cap)) score = cap;
    tiers[i] = tierOf(indicators(list, end, asOf), score);
  }
  return tiers;
}

/** The engine's three evaluators, run afresh over the same graph run (index building included). */
function engineTiers(g: GraphRun, graph: RuleGraph): Int32Array {
  const scoringNode = graph.nodes.find((n) => n.kind === 'scoring')!;
  if (scoringNode.kind !== 'scoring') throw new Error('no scoring');
  g.results.set(scoringNode.id, evaluateScoring(scoringNode, g.run, nodeInputs(g, scoringNode)));
  for (const n of graph.nodes) if (n.kind === 'indicator') g.results.set(n.id, evaluateIndicator(n, g.run, nodeInputs(g, n)));
  const tiersNode = graph.nodes.find((n) => n.kind === 'tiers')!;
  if (tiersNode.kind !== 'tiers') throw new Error('no tiers');
  return evaluateTiers(tiersNode, g.run, nodeInputs(g, tiersNode)).tier;
}

/** Times the four ways over the tables loaded for the key-account playbook. */
export async function tiers(graph: RuleGraph, tables: Map<string, TableLike>, repeat: number): Promise<TierTimes> {
  const g = runGraph(graph, tables);
  const f = (t: string, name: string) => g.run.layout.get(t)!.get(name)!;
  const activities = tables.get('activities')!.rows;
  const [date, account, action, role] = [f('activities', 'date'), f('activities', 'account'), f('activities', 'action'), f('activities', 'role')];
  // Plain inputs, extracted once (what hand-written code would be given).
  const acts = activities
    .filter((r) => typeof r.values[date] === 'number' && r.values[account] !== null)
    .map((r) => {
      const d = Math.floor((r.values[date] as number) / DAY) * DAY;
      const m = new Date(d);
      return { account: String(r.values[account]), a: { day: d, line: r.line, action: String(r.values[action]), role: String(r.values[role]), month: m.getUTCFullYear() * 12 + m.getUTCMonth() } };
    });
  const scoring = g.results.get('scoring') as ScoringResult;
  const dealAccount = g.run.deals.account;
  const deals: PlainDeal[] = g.run.deals.rows.map((r, i) => ({ account: r.values[dealAccount] === null ? null : String(r.values[dealAccount]), asOf: scoring.asOf(i) }));

  let engine: Int32Array = new Int32Array(0);
  const engineMs = best(repeat, () => (engine = engineTiers(g, graph)));
  let plain: ReturnType<typeof plainTiers> = { tiers: new Int32Array(0), facts: [] };
  const plainMs = best(repeat, () => (plain = plainTiers(acts, deals)));
  let decimal: Int32Array = new Int32Array(0);
  const decimalMs = best(repeat, () => (decimal = decimalTiers(acts, deals)));

  const jre = new Engine([], { allowUndefinedFacts: true });
  const rule = (name: string, priority: number, all: NestedCondition[]) => jre.addRule({ name, priority, conditions: { all }, event: { type: name } });
  rule('champion', 4, [{ fact: 'signed', operator: 'equal', value: true }, { fact: 'met', operator: 'equal', value: true }, { fact: 'tech', operator: 'equal', value: true }]);
  rule('supporter', 3, [{ fact: 'score', operator: 'greaterThanInclusive', value: 30 }]);
  rule('neutral', 2, [{ fact: 'score', operator: 'greaterThanInclusive', value: 10 }]);
  rule('opposed', 1, [{ fact: 'score', operator: 'greaterThanInclusive', value: 0 }]);
  const jreTier = new Int32Array(deals.length).fill(-1);
  const jreTimes: number[] = [];
  for (let k = 0; k < Math.max(1, Math.floor(repeat / 3)); k++) {
    const t = process.hrtime.bigint();
    const { facts } = plainTiers(acts, deals);
    for (let i = 0; i < facts.length; i++) {
      if (facts[i] === null) continue;
      const { events } = await jre.run(facts[i]!);
      // First match wins: the fired tier listed first.
      jreTier[i] = Math.min(...events.map((e) => TIERS.indexOf(e.type)));
    }
    jreTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }

  const differ = (a: Int32Array, b: Int32Array) => a.reduce((n, x, i) => n + (x !== b[i] ? 1 : 0), 0);
  const disagreements = { plain: differ(engine, plain.tiers), decimal: differ(engine, decimal), jsonRulesEngine: differ(engine, jreTier) };
  if (disagreements.plain + disagreements.decimal + disagreements.jsonRulesEngine > 0) {
    throw new Error(`the four ways disagree on tiers: plain numbers on ${disagreements.plain} deals, decimal.js on ${disagreements.decimal}, json-rules-engine on ${disagreements.jsonRulesEngine}`);
  }
  const counts: Record<string, number> = {};
  for (const t of engine) if (t >= 0) counts[TIERS[t]] = (counts[TIERS[t]] ?? 0) + 1;
  return { deals: deals.length, activities: acts.length, counts, engine: engineMs, plain: plainMs, decimal: decimalMs, jsonRulesEngine: Math.min(...jreTimes) };
}
