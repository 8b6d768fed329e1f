/**
 * A semantic diff of two rule graphs, in the playbook's own words: which
 * credit rules, red lines, quotas, commission tables (method, bands, rates),
 * bonuses, rankings and relationship tiers changed between plan A and plan B.
 * Nodes are matched by kind and name, never by id or source position, so
 * moving a rule in the file or editing a comment is no change.
 */
import type { GraphNode, RuleGraph } from '../../graph/nodes.js';
import { printExpr, ratioAsPercent } from '../../graph/print.js';
import { Decimal } from '../../runtime/decimal.js';
import { groupedText } from '../../runtime/money.js';
import { versionName } from '../../runtime/versions.js';

/** One change between the plans, attached to the payout components it acts on. */
export interface RuleChange {
  /** The rule as the playbook names it: `commission "commission"`, `red line "deep-discount"`. */
  rule: string;
  /** What changed, in words: `the band paying 2 × base starts at 250,000 (was 300,000)`. */
  what: string;
  /**
   * Payout components the change acts on directly; `'credit'` when it changes what is
   * credited (red lines, credit rule, derived fields, outcomes), which reaches every component.
   */
  components: string[] | 'credit';
}

type Node<K extends GraphNode['kind']> = Extract<GraphNode, { kind: K }>;
type CommissionNode = Node<'commission'>;
type Band = CommissionNode['bands'][number];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
/** An amount written as the playbook writes it: `300,000`, `0.5`. */
const amount = (text: string): string => groupedText(new Decimal(text), Math.max(0, new Decimal(text).decimalPlaces()));
const pct = (ratio: string): string => ratioAsPercent(ratio);

function bandFrom(b: Band): string {
  return b.from.kind === 'amount' ? amount(b.from.amount) : `${pct(b.from.ratio)} of ${b.from.quota}`;
}
function bandRate(b: Band): string {
  return b.rate.kind === 'ratio' ? pct(b.rate.ratio) : `${b.rate.factor} × base`;
}
const bandText = (b: Band): string => `from ${bandFrom(b)} pay ${bandRate(b)}`;

/** A rule's plan versions in words (`from 2026-01-01 until 2026-06-30; from 2026-07-01`). */
function versionList(versions: { from: string; until: string | null }[] | undefined): string {
  return versions ? versions.map(versionName).join('; ') : 'one for the whole plan period';
}

/** How many versions a rule has, and their days (`2 versions: from …; from …`, `one version for the whole plan period`). */
function versionCount(versions: { from: string; until: string | null }[] | undefined): string {
  return versions ? `${versions.length} versions: ${versionList(versions)}` : 'one version for the whole plan period';
}

/** A change in a rule's plan versions, or nothing when they are the same. */
function versionChange(a: { from: string; until: string | null }[] | undefined, b: { from: string; until: string | null }[] | undefined): string[] {
  const days = (v: typeof a) => v?.map((x) => [x.from, x.until]);
  return same(days(a), days(b)) ? [] : [`${versionCount(b)} (was ${versionCount(a)})`];
}

/**
 * The pairs of a rule's versions to compare field by field, each with the prefix naming it
 * (`version from 2026-07-01: `): version by version when A and B have versions on the same days,
 * otherwise the rules' top-level fields (a rule without versions, or the first version) with no prefix.
 */
type Dates = { from: string; until: string | null };
function versionPairs<V>(a: V, b: V, aVersions: (V & Dates)[] | undefined, bVersions: (V & Dates)[] | undefined): [V, V, string][] {
  const days = (v: Dates[] | undefined) => v?.map((x) => [x.from, x.until]);
  if (aVersions && bVersions && same(days(aVersions), days(bVersions))) return aVersions.map((v, k) => [v, bVersions[k], `version ${versionName(bVersions[k])}: `]);
  return [[a, b, '']];
}

/** When B is A's quota replayed under one of A's versions (`compare --under-version`): that, in words. Null otherwise. */
function replayedQuota(a: Extract<GraphNode, { kind: 'quota' }>, b: Extract<GraphNode, { kind: 'quota' }>): string | null {
  if (!a.versions || b.versions) return null;
  const v = a.versions.find((x) => same(x.amount, b.amount) && same(x.split, b.split) && same(x.prorate, b.prorate));
  return v ? `every month's part taken from the version ${versionName(v)} (as written, each month's part comes from the version in force on its first day: ${versionList(a.versions)})` : null;
}

/**
 * When B is A's table replayed under one of A's versions (`compare --under-version`): that, in
 * words, instead of the band-by-band difference from A's first version. Null otherwise.
 */
function replayedVersion(a: CommissionNode, b: CommissionNode): string | null {
  if (!a.versions || b.versions) return null;
  const v = a.versions.find((x) => same(x.bands, b.bands) && x.baseRate === b.baseRate);
  return v ? `every deal paid under the version ${versionName(v)} (as written, each deal is paid under the version in force on its credit date: ${versionList(a.versions)})` : null;
}

/**
 * When B is A's bonus, red line or ranking replayed under one of A's versions (`compare
 * --under-version`): that, in words (`every deal … judged under the version from …`). Null otherwise.
 * @param fields what a version holds (compared between A's versions and B's one rule).
 * @param judged `every deal and period judged`; `asWritten` how A picks a version.
 */
function replayedRule<N extends { versions?: (V & Dates)[] }, V>(a: N, b: N, fields: (v: V) => unknown, judged: string, asWritten: string): string | null {
  if (!a.versions || b.versions) return null;
  const v = a.versions.find((x) => same(fields(x), fields(b as unknown as V)));
  return v ? `${judged} under the version ${versionName(v)} (as written, ${asWritten}: ${versionList(a.versions)})` : null;
}

/** The key a node is matched on across the two graphs, or null for nodes diffed elsewhere. */
function nodeKey(n: GraphNode): string | null {
  switch (n.kind) {
    case 'derived':
      return `derived ${n.table}.${n.name}`;
    case 'outcome':
      return `outcome ${n.outcome}`;
    case 'redline':
      return `redline ${n.redline}`;
    case 'credit':
      return 'credit';
    case 'quota':
    case 'commission':
    case 'bonus':
    case 'ranking':
    case 'scoring':
    case 'indicator':
      return `${n.kind} ${n.name}`;
    case 'tiers':
      return 'tiers';
    case 'review':
      return 'review';
    case 'validation':
      return 'validation';
    case 'draw':
      return 'draw';
    case 'stages':
      return `stages ${n.components.map((c) => c.name).join(', ')}`;
    case 'payout':
    case 'statements':
      return null;
  }
}

/** How the playbook names a rule: `commission "commission"`, `red line "deep-discount"`. */
function ruleName(n: GraphNode): string {
  switch (n.kind) {
    case 'derived':
      return `derive ${n.name} (${n.table})`;
    case 'outcome':
      return `${n.outcome} when`;
    case 'redline':
      return `${n.origin === 'mustwin' ? 'must win' : 'red line'} "${n.redline}"`;
    case 'credit':
      return `credit "${n.label}"`;
    case 'tiers':
      return 'relationship tiers';
    case 'review':
      return 'review accounts';
    case 'validation':
      return 'validation';
    case 'payout':
      return 'payout';
    case 'draw':
      return 'draw';
    case 'stages':
      return `pay ${n.components.map((c) => `"${c.name}"`).join(', ')} in stages`;
    case 'statements':
      return 'statements';
    default:
      return `${n.kind} "${n.name}"`;
  }
}

/** The components a node pays (a commission with an excess line pays two). */
function componentsOf(n: GraphNode, graph: RuleGraph): string[] | 'credit' {
  // A quota moves the components that read it; prorated, it also says when reps are in post, which
  // every bonus per rep, ranking and draw follows (runtime/in-post.ts).
  if (n.kind === 'quota') {
    const readers = graph.nodes.filter((x) => x.inputs.includes(n.id) && (x.kind === 'commission' || x.kind === 'bonus' || x.kind === 'ranking'));
    const prorated = n.prorate !== null || (n.versions ?? []).some((v) => v.prorate !== null);
    const inPost = prorated ? graph.nodes.filter((x) => (x.kind === 'bonus' && x.scope === 'rep') || x.kind === 'ranking' || x.kind === 'draw') : [];
    return [...new Set([...readers, ...inPost].flatMap((x) => componentsOf(x, graph) as string[]))];
  }
  if (n.kind === 'commission') return n.excessName ? [n.name, n.excessName] : [n.name];
  if (n.kind === 'bonus' || n.kind === 'ranking') return [n.name];
  if (n.kind === 'redline') return n.effect === 'block' ? 'credit' : n.forfeits === 'all' ? 'credit' : n.forfeits;
  if (n.kind === 'derived' || n.kind === 'outcome' || n.kind === 'credit') return 'credit';
  // What a pay-in-stages section changes (caps, minimums, clawbacks) lands on the components it pays.
  if (n.kind === 'stages') return n.components.map((c) => c.name);
  if (n.kind === 'draw') return ['draw', 'draw recovered'];
  return [];
}

const changed = (label: string, a: string, b: string): string => `${label} ${b} (was ${a})`;

function bandChanges(a: CommissionNode, b: CommissionNode): string[] {
  const out: string[] = [];
  const n = Math.max(a.bands.length, b.bands.length);
  for (let i = 0; i < n; i++) {
    const x = a.bands[i];
    const y = b.bands[i];
    if (!x) out.push(`new band: ${bandText(y)}`);
    else if (!y) out.push(`band removed: ${bandText(x)}`);
    else if (!same(x.from, y.from) && same(x.rate, y.rate)) out.push(`the band paying ${bandRate(y)} starts at ${bandFrom(y)} (was ${bandFrom(x)})`);
    else if (same(x.from, y.from) && !same(x.rate, y.rate)) out.push(`from ${bandFrom(y)} pays ${bandRate(y)} (was ${bandRate(x)})`);
    else if (!same(x, y)) out.push(`${bandText(y)} (was ${bandText(x)})`);
  }
  return out;
}

/** The differences between two nodes of the same kind and key, in words. */
function nodeChanges(a: GraphNode, b: GraphNode): string[] {
  const out: string[] = [];
  const expr = (label: string, x: Parameters<typeof printExpr>[0] | null, y: Parameters<typeof printExpr>[0] | null) => {
    if (!same(x, y)) out.push(changed(label, x ? printExpr(x) : '(none)', y ? printExpr(y) : '(none)'));
  };
  const field = (label: string, x: unknown, y: unknown, show: (v: never) => string = (v) => String(v)) => {
    if (!same(x, y)) out.push(changed(label, show(x as never), show(y as never)));
  };
  if (a.kind === 'derived' && b.kind === 'derived') expr('is', a.expr, b.expr);
  else if (a.kind === 'outcome' && b.kind === 'outcome') expr('when', a.expr, b.expr);
  else if (a.kind === 'redline' && b.kind === 'redline') {
    const replayed = replayedRule(a, b, (v: { condition: unknown; message: string }) => [v.condition, v.message], 'every deal and rep judged', "each deal is judged by the version in force on its credit date, each rep by the one in force on the plan period's last day");
    if (replayed !== null) out.push(replayed);
    else {
      out.push(...versionChange(a.versions, b.versions));
      for (const [va, vb, prefix] of versionPairs<Pick<typeof a, 'condition' | 'message'>>(a, b, a.versions, b.versions)) {
        const before = out.length;
        expr('when', va.condition, vb.condition);
        field('message', va.message, vb.message, (v: string) => JSON.stringify(v));
        for (let k = before; k < out.length; k++) out[k] = prefix + out[k];
      }
    }
    field('effect', a.effect, b.effect);
    field('forfeits', a.forfeits, b.forfeits, (v: string[] | 'all') => (v === 'all' ? 'all' : v.map((c) => `"${c}"`).join(', ') || 'nothing'));
  } else if (a.kind === 'credit' && b.kind === 'credit') {
    expr('when', a.condition, b.condition);
    expr('amount', a.amount, b.amount);
    field('to', a.repField, b.repField);
    field('on', a.dateField, b.dateField);
  } else if (a.kind === 'quota' && b.kind === 'quota') {
    const replayed = replayedQuota(a, b);
    if (replayed !== null) out.push(replayed);
    else {
      out.push(...versionChange(a.versions, b.versions));
      // Versions on the same days are compared one by one (the top-level fields are only the first's).
      for (const [va, vb, prefix] of versionPairs<Pick<typeof a, 'amount' | 'split' | 'prorate'>>(a, b, a.versions, b.versions)) {
        const before = out.length;
        expr('amount', va.amount, vb.amount);
        field('split', va.split, vb.split, (v: { kind: string; weights?: string[] }) => (v.kind === 'weights' ? `by weights ${v.weights!.join(', ')}` : v.kind === 'even' ? 'evenly' : 'not split'));
        field('proration', va.prorate, vb.prorate, (v: { by: string; field: string } | null) => (v ? `by ${v.by} from ${v.field}` : 'none'));
        for (let k = before; k < out.length; k++) out[k] = prefix + out[k];
      }
    }
  } else if (a.kind === 'commission' && b.kind === 'commission') {
    if (a.method !== b.method) out.push(`${b.method} instead of ${a.method}${b.method === 'retroactive' ? ' (the whole amount is paid at the rate of the highest band reached)' : ' (each band pays only on the part of the amount inside it)'}`);
    field('per', a.period, b.period);
    field('on', a.team, b.team, (v: string | undefined) => (v === undefined ? 'credited' : `team credited by ${v}`));
    const replayed = replayedVersion(a, b);
    if (replayed !== null) out.push(replayed);
    else {
      out.push(...versionChange(a.versions, b.versions));
      for (const [va, vb, prefix] of versionPairs<Pick<typeof a, 'baseRate' | 'bands'>>(a, b, a.versions, b.versions)) {
        const before = out.length;
        field('base rate', va.baseRate, vb.baseRate, (v: string | null) => (v === null ? 'none' : pct(v)));
        out.push(...bandChanges({ ...a, baseRate: va.baseRate, bands: va.bands }, { ...b, baseRate: vb.baseRate, bands: vb.bands }));
        for (let k = before; k < out.length; k++) out[k] = prefix + out[k];
      }
    }
    field('excess over base reported as', a.excessName, b.excessName, (v: string | null) => (v === null ? 'not reported separately' : `"${v}"`));
  } else if (a.kind === 'bonus' && b.kind === 'bonus') {
    field('per', a.scope === 'deal' ? 'deal' : a.period, b.scope === 'deal' ? 'deal' : b.period);
    const replayed = replayedRule(a, b, (v: { condition: unknown; amount: unknown }) => [v.condition, v.amount], a.scope === 'deal' ? 'every deal judged' : 'every period judged', a.scope === 'deal' ? 'each deal is judged by the version in force on its credit date' : 'each period is judged by the version in force on its last day');
    if (replayed !== null) out.push(replayed);
    else {
      out.push(...versionChange(a.versions, b.versions));
      for (const [va, vb, prefix] of versionPairs<Pick<typeof a, 'condition' | 'amount'>>(a, b, a.versions, b.versions)) {
        const before = out.length;
        expr('when', va.condition, vb.condition);
        expr('pays', va.amount, vb.amount);
        for (let k = before; k < out.length; k++) out[k] = prefix + out[k];
      }
    }
  } else if (a.kind === 'ranking' && b.kind === 'ranking') {
    field('per', a.period, b.period);
    expr('by', a.metric, b.metric);
    field('ties by', a.tieBreak, b.tieBreak, (v: { field: string; descending: boolean } | null) => (v ? `${v.field} ${v.descending ? 'descending' : 'ascending'}` : 'none'));
    const replayed = replayedRule(a, b, (v: { top: unknown; bottom: unknown }) => [v.top, v.bottom], 'every period ranked', 'each period is ranked under the version in force on its last day');
    if (replayed !== null) out.push(replayed);
    else {
      out.push(...versionChange(a.versions, b.versions));
      for (const [va, vb, prefix] of versionPairs<Pick<typeof a, 'top' | 'bottom'>>(a, b, a.versions, b.versions)) {
        const before = out.length;
        field('top', va.top, vb.top, (v: { ratio: string; reward: string } | null) => (v ? `${pct(v.ratio)} reward ${amount(v.reward)}` : 'none'));
        field('bottom', va.bottom, vb.bottom, (v: { ratio: string; reward: string; review: boolean } | null) => (v ? `${pct(v.ratio)}${v.review ? ' review' : ''}${new Decimal(v.reward).isZero() ? '' : ` reward ${amount(v.reward)}`}` : 'none'));
        for (let k = before; k < out.length; k++) out[k] = prefix + out[k];
      }
    }
    field('only periods with credited deals', a.onlyCreditedPeriods, b.onlyCreditedPeriods, (v: boolean) => (v ? 'yes' : 'no'));
  } else if (a.kind === 'draw' && b.kind === 'draw') {
    field('kind', a.recoverable ? 'recoverable' : 'guaranteed', b.recoverable ? 'recoverable' : 'guaranteed');
    field('amount', `${amount(a.amount)} per ${a.period}`, `${amount(b.amount)} per ${b.period}`);
    field('recovery cap', a.cap, b.cap, (v: string | null) => (v === null ? 'none' : `${pct(v)} of earnings`));
    field('at year end', a.yearEnd, b.yearEnd, (v: string | null) => v ?? 'nothing owed');
  } else if (a.kind === 'stages' && b.kind === 'stages') {
    const none = { minimumPerDeal: null, capPerDeal: null, capPerPeriod: null, topUpClawedBack: false };
    const la = a.limits ?? none;
    const lb = b.limits ?? none;
    // `minimum 500 per deal (was 300 per deal)`, `no cap (was 5,000 per year)`, `cap 2,000 per deal (new)`.
    const limit = <T>(label: string, x: T | null, y: T | null, show: (v: T) => string) => {
      if (same(x, y)) return;
      out.push(y === null ? `no ${label} (was ${show(x!)})` : `${label} ${show(y)} (${x === null ? 'new' : `was ${show(x)}`})`);
    };
    limit('minimum', la.minimumPerDeal, lb.minimumPerDeal, (v) => `${amount(v)} per deal`);
    limit('cap per deal', la.capPerDeal, lb.capPerDeal, (v) => amount(v));
    limit('cap', la.capPerPeriod, lb.capPerPeriod, (v) => `${amount(v.amount)} per ${v.period}`);
    field('top-up clawed back with the deal', la.topUpClawedBack, lb.topUpClawedBack, (v: boolean) => (v ? 'yes' : 'no'));
    if (!same({ ...a, id: '', inputs: [], source: null, limits: null }, { ...b, id: '', inputs: [], source: null, limits: null })) out.push('the stages, the pay calendar or the clawbacks changed');
  } else if (a.kind === 'review' && b.kind === 'review') expr('when', a.condition, b.condition);
  else if (a.kind === 'tiers' && b.kind === 'tiers') {
    const names = new Set([...a.tiers, ...b.tiers].map((t) => t.name));
    for (const name of names) {
      const x = a.tiers.find((t) => t.name === name);
      const y = b.tiers.find((t) => t.name === name);
      if (!x) out.push(`new tier ${name}`);
      else if (!y) out.push(`tier ${name} removed`);
      else {
        if (x.probability !== y.probability) out.push(`tier ${name}: win probability ${pct(y.probability)} (was ${pct(x.probability)})`);
        if (!same(x.condition, y.condition)) out.push(`tier ${name}: when ${y.condition ? printExpr(y.condition) : 'otherwise'} (was ${x.condition ? printExpr(x.condition) : 'otherwise'})`);
      }
    }
    if (!same(a.tiers.map((t) => t.name), b.tiers.map((t) => t.name))) out.push(`order ${b.tiers.map((t) => t.name).join(', ')} (was ${a.tiers.map((t) => t.name).join(', ')})`);
  } else if (!same({ ...a, id: '', inputs: [], source: null }, { ...b, id: '', inputs: [], source: null })) out.push('changed');
  return out;
}

/**
 * Every difference between plan A's and plan B's rule graphs, in the order of
 * plan B's nodes (then nodes only A has), playbook settings first.
 */
export function diffGraphs(a: RuleGraph, b: RuleGraph): RuleChange[] {
  const out: RuleChange[] = [];
  const pa = a.playbook;
  const pb = b.playbook;
  if (pa.currency !== pb.currency) out.push({ rule: 'currency', what: changed('', pa.currency, pb.currency).trim(), components: 'credit' });
  if (pa.planYear !== pb.planYear) out.push({ rule: 'plan period', what: changed('', String(pa.planYear), String(pb.planYear)).trim(), components: 'credit' });
  if (!same(pa.rounding, pb.rounding)) out.push({ rule: 'rounding', what: changed('', `${pa.rounding.mode} to ${pa.rounding.step}`, `${pb.rounding.mode} to ${pb.rounding.step}`).trim(), components: [] });
  if (!same(a.tables, b.tables)) out.push({ rule: 'tables', what: 'the data tables or their columns differ', components: 'credit' });
  const keyed = (g: RuleGraph) => new Map(g.nodes.flatMap((n) => (nodeKey(n) === null ? [] : [[nodeKey(n)!, n] as const])));
  const ka = keyed(a);
  const kb = keyed(b);
  for (const [key, nb] of kb) {
    const na = ka.get(key);
    if (!na) out.push({ rule: ruleName(nb), what: 'new in B', components: componentsOf(nb, b) });
    else {
      for (const what of nodeChanges(na, nb)) {
        // A red line's message changes what reports say, not what anyone is paid.
        const components = na.kind === 'redline' && what.startsWith('message ') ? [] : merge(componentsOf(na, a), componentsOf(nb, b));
        out.push({ rule: ruleName(nb), what, components });
      }
    }
  }
  for (const [key, na] of ka) if (!kb.has(key)) out.push({ rule: ruleName(na), what: 'removed in B', components: componentsOf(na, a) });
  return out;
}

function merge(x: string[] | 'credit', y: string[] | 'credit'): string[] | 'credit' {
  if (x === 'credit' || y === 'credit') return 'credit';
  return [...new Set([...x, ...y])];
}
