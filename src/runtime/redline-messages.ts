/**
 * The sentence a red line shows when it trips. With plan versions the message may change with the
 * version (`Deals under 20% margin` until June, `under 25%` from July): a rep's reason quotes the
 * message of the version(s) that judged the rep's deals, and the red line's summary quotes each
 * version's message with its days when they differ.
 */
import type { NodeOf } from './context.js';
import { lastDayOf, versionJudging, versionName } from './versions.js';

type RedLineNode = NodeOf<'redline'>;

/**
 * The message for things dated `dates` (ms local-as-UTC; null for a deal without a credit date):
 * the node's one message, or the distinct messages of the versions that judged them, in version order.
 */
export function messageFor(node: RedLineNode, dates: readonly (number | null)[], plan: { end: number }): string {
  const versions = node.versions;
  if (!versions) return node.message;
  const used = new Set(dates.map((d) => versionJudging(versions, d, lastDayOf(plan))));
  return [...new Set([...used].sort((a, b) => a - b).map((k) => versions[k].message))].join('; ');
}

/** The message of the whole red line, for its summary: one message, or `from 2026-01-01 until 2026-06-30: …; from 2026-07-01: …` when versions say different things. */
export function summaryMessage(node: RedLineNode): string {
  const versions = node.versions;
  if (!versions || versions.every((v) => v.message === versions[0].message)) return node.message;
  return versions.map((v) => `${versionName(v)}: ${v.message}`).join('; ');
}
