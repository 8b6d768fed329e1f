/**
 * The order of a section's releases — by rep, component, deal (text order; a line no deal is
 * behind first), stage (as written, then a minimum's top-up, then what a cap took off, then what a
 * reversal released from a cap), trigger
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
 * Each deal's rank among the ids of `idByIndex` (deal index → id) and the empty text, in text
 * order, as a function of the deal index (-1: no deal, the empty text). When the ids ascend with
 * the deal index (a deals table sorted by id, as exports usually are) the ranks are read off in
 * one pass; otherwise the ids are sorted.
 */
function dealRanks(idByIndex: ReadonlyMap<number, string>): (i: number) => number {
  const indexes = Int32Array.from(idByIndex.keys()).sort();
  let ascending = true;
  for (let k = 0; k < indexes.length && ascending; k++) {
    const id = idByIndex.get(indexes[k])!;
    // The empty text ranks first (rank 0); an empty id shares it, so it takes the slow path.
    if (id === '' || (k > 0 && !(idByIndex.get(indexes[k - 1])! < id))) ascending = false;
  }
  if (ascending) {
    const rank = new Int32Array(indexes.length === 0 ? 0 : indexes[indexes.length - 1] + 1);
    for (let k = 0; k < indexes.length; k++) rank[indexes[k]] = k + 1;
    return (i) => (i === -1 ? 0 : rank[i]);
  }
  const idRank = ranks(['', ...idByIndex.values()]);
  const dealRank = new Map<number, number>([[-1, idRank.get('')!]]);
  for (const [i, id] of idByIndex) dealRank.set(i, idRank.get(id)!);
  return (i) => dealRank.get(i)!;
}

/**
 * Sorts `releases` in place (see the file's comment).
 * @param stageOrder stage name → its place (stages as written, `minimum top-up`, `cap`, `cap released`).
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
  const dealRank = dealRanks(idByIndex);
  const rep = new Int32Array(n);
  const component = new Int32Array(n);
  const deal = new Int32Array(n);
  const stage = new Int32Array(n);
  const triggered = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = releases[k];
    rep[k] = repRank.get(x.rep)!;
    component[k] = componentRank.get(x.component)!;
    deal[k] = dealRank(dealOf[k]);
    stage[k] = stageOrder.get(x.stage)!;
    triggered[k] = x.triggeredOn ?? Number.MAX_SAFE_INTEGER;
  }
  // By rep first (a stable counting sort), then each rep's releases by the rest: the same order as
  // one sort on every key (the position as made breaks every tie), but each comparison reads a
  // rep's few hundred rows, mostly made together, not rows all over 2 million (issue 10).
  const reps = repRank.size;
  const starts = new Int32Array(reps + 1);
  for (let k = 0; k < n; k++) starts[rep[k] + 1]++;
  for (let r = 0; r < reps; r++) starts[r + 1] += starts[r];
  const order = new Uint32Array(n);
  const fill = starts.slice(0, reps);
  for (let k = 0; k < n; k++) order[fill[rep[k]]++] = k;
  const byRest = (a: number, b: number) => component[a] - component[b] || deal[a] - deal[b] || stage[a] - stage[b] || triggered[a] - triggered[b] || a - b;
  for (let r = 0; r < reps; r++) if (starts[r + 1] - starts[r] > 1) order.subarray(starts[r], starts[r + 1]).sort(byRest);
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
