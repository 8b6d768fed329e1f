/**
 * The order of a section's releases — by rep, component, deal (text order; a line no deal is
 * behind first), stage (as written, then a minimum's top-up, then what a cap took off), trigger
 * date (not triggered last), and otherwise as made — sorted on small integer keys instead of
 * string compares (issue 10: 2.2 million releases at 1,000,000 deals).
 *
 * Each string is replaced by its rank among the distinct strings of its field, sorted with the
 * same `<` / `>` compare (equal strings, equal ranks), so comparing ranks gives the sign comparing
 * the strings gave, and the final tiebreak on the position as made is what the stable sort kept.
 */
import type { Release } from '../nodes/stages.js';
import { ReleaseRecord } from './release-record.js';
import { ReleaseView } from './release-table.js';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each distinct string's rank in text order (equal strings share one). */
function ranks(values: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(values)].sort(compare);
  return new Map(sorted.map((v, k) => [v, k]));
}

/**
 * Sorts `releases` in place (see the file's comment).
 * @param stageOrder stage name → its place (stages as written, `minimum top-up`, `cap`).
 * @param dealIndex deal id → index in the deals table (every deal a release names is in it).
 */
export function sortReleases(releases: Release[], stageOrder: ReadonlyMap<string, number>, dealIndex: ReadonlyMap<string, number>): void {
  const n = releases.length;
  const repRank = ranks(releases.map((x) => x.rep));
  const componentRank = ranks(releases.map((x) => x.component));
  // Deals by their index in the deals table: each distinct deal's id, ranked in text order.
  const dealOf = new Int32Array(n);
  const idByIndex = new Map<number, string>();
  for (let k = 0; k < n; k++) {
    const x = releases[k];
    const i = x instanceof ReleaseView ? x.staged.dealIndex : x.deal === null ? -1 : (dealIndex.get(x.deal) ?? -2);
    if (i === -2) {
      // A deal the deals table does not name (not made by the engine): sort on the texts themselves.
      releases.sort((a, b) => compare(a.rep, b.rep) || compare(a.component, b.component) || compare(a.deal ?? '', b.deal ?? '') || stageOrder.get(a.stage)! - stageOrder.get(b.stage)! || (a.triggeredOn ?? Number.MAX_SAFE_INTEGER) - (b.triggeredOn ?? Number.MAX_SAFE_INTEGER));
      return;
    }
    dealOf[k] = i;
    if (i >= 0 && !idByIndex.has(i)) idByIndex.set(i, x.deal!);
  }
  // A line no deal is behind sorts as the empty text: before every id (and level with an empty one).
  const idRank = ranks(['', ...idByIndex.values()]);
  const dealRank = new Map<number, number>([[-1, idRank.get('')!]]);
  for (const [i, id] of idByIndex) dealRank.set(i, idRank.get(id)!);
  const rep = new Int32Array(n);
  const component = new Int32Array(n);
  const deal = new Int32Array(n);
  const stage = new Int32Array(n);
  const triggered = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = releases[k];
    rep[k] = repRank.get(x.rep)!;
    component[k] = componentRank.get(x.component)!;
    deal[k] = dealRank.get(dealOf[k])!;
    stage[k] = stageOrder.get(x.stage)!;
    triggered[k] = x.triggeredOn ?? Number.MAX_SAFE_INTEGER;
  }
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((a, b) => rep[a] - rep[b] || component[a] - component[b] || deal[a] - deal[b] || stage[a] - stage[b] || triggered[a] - triggered[b] || a - b);
  const made = releases.slice();
  for (let k = 0; k < n; k++) releases[k] = made[order[k]];
}

/**
 * Replaces, in place, the views of `releases` that `pick` selects by records of the same fields and
 * words (a clawback changes its deal's parts in place; views are read-only).
 */
export function materialized(releases: Release[], pick: (x: Release) => boolean): void {
  for (let k = 0; k < releases.length; k++) {
    const x = releases[k];
    if (!(x instanceof ReleaseView) || !pick(x)) continue;
    releases[k] = new ReleaseRecord(
      { rep: x.rep, repIndex: x.repIndex, component: x.component, kind: x.kind, period: x.period, deal: x.deal, stage: x.stage, trigger: x.trigger, amount: x.amount, earnedOn: x.earnedOn, triggeredOn: x.triggeredOn, payableOn: x.payableOn, held: x.held, line: undefined, cancelledOn: undefined, cappedTopUp: undefined },
      x,
    );
  }
}
