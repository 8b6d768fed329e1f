/**
 * Replaying history under another plan version ("pay Q3 under the Q1 plan"): a rule graph in which
 * every effective-dated rule (commission table, quota, bonus, red line, ranking) keeps only the version in force on one day,
 * for the whole plan period. Every deal is then paid under that version, whatever its credit date.
 * Rules without versions are unchanged. The result is an ordinary graph: simulate, explain and
 * compare run it as they run any other.
 */
import type { GraphNode, RuleGraph } from './nodes.js';

/** The day cannot be used to replay this graph (a usage error: the message says why). */
export class ReplayError extends Error {}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True when `day` (`YYYY-MM-DD`) is within a version's days (both included). Texts compare as dates. */
function covers(v: { from: string; until: string | null }, day: string): boolean {
  return v.from <= day && (v.until === null || day <= v.until);
}

function realDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

type VersionedNode = Extract<GraphNode, { kind: 'commission' | 'quota' | 'bonus' | 'ranking' | 'redline' }>;

function isVersioned(n: GraphNode): n is VersionedNode & { versions: NonNullable<VersionedNode['versions']> } {
  return (n.kind === 'commission' || n.kind === 'quota' || n.kind === 'bonus' || n.kind === 'ranking' || n.kind === 'redline') && n.versions !== undefined;
}

/** How reports name a versioned rule: `commission "orders"`, `quota "floor"`, `bonus "on target"`, `red line "margin floor"`, `ranking "monthly"`. */
export function ruleName(n: VersionedNode): string {
  return n.kind === 'redline' ? `red line "${n.redline}"` : `${n.kind} "${n.name}"`;
}

/** The effective-dated rules of a graph, as `commission "orders"` / `quota "floor"` / `bonus "…"` / `red line "…"` / `ranking "…"`, with their versions. */
export function versionedRules(graph: RuleGraph): { rule: string; versions: { from: string; until: string | null }[] }[] {
  return graph.nodes.flatMap((n) => (isVersioned(n) ? [{ rule: ruleName(n), versions: n.versions }] : []));
}

/** `n` without its versions, with the fields of version `v` on top. */
function fixedAt(n: VersionedNode, v: NonNullable<VersionedNode['versions']>[number]): GraphNode {
  const { versions: _versions, ...rest } = n;
  const { from: _from, until: _until, ...fields } = v;
  return { ...rest, ...fields } as GraphNode;
}

/**
 * `graph` with every versioned rule fixed at the version in force on `day`.
 * @param day `YYYY-MM-DD`, a day on the playbook's clock.
 * @throws ReplayError when `day` is not a date, the playbook has no versioned rule, or a versioned
 *   rule has no version in force on `day` (the message names the rule and its versions).
 */
export function underVersion(graph: RuleGraph, day: string): RuleGraph {
  if (!realDay(day)) throw new ReplayError(`--under-version ${day}: not a date; write the day as YYYY-MM-DD, e.g. --under-version 2026-01-01`);
  if (versionedRules(graph).length === 0) throw new ReplayError(`--under-version ${day}: the playbook has no plan versions (no commission, quota, bonus, red line or ranking says "effective from"), so there is nothing to replay`);
  const nodes = graph.nodes.map((n): GraphNode => {
    if (!isVersioned(n)) return n;
    const versions: { from: string; until: string | null }[] = n.versions;
    const v = versions.find((x) => covers(x, day));
    if (!v) {
      const list = versions.map((x) => (x.until === null ? `from ${x.from}` : `${x.from} to ${x.until}`)).join(', ');
      throw new ReplayError(`--under-version ${day}: no version of ${ruleName(n)} is in force on that day (its versions: ${list})`);
    }
    return fixedAt(n, v as NonNullable<VersionedNode['versions']>[number]);
  });
  return { ...graph, playbook: { ...graph.playbook, name: `${graph.playbook.name} (replayed under the version in force on ${day})` }, nodes };
}
