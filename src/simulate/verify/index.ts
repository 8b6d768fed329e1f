/**
 * `verify`: property checks of a scheme over generated histories (fast-check:
 * seeded, reproducible, shrinking to a minimal counterexample).
 *
 * - monotone: crediting one more deal never lowers its rep's payout (unless the deal trips a red line);
 * - no gain from splitting: a deal split in two (every money field shared between the parts) never pays its rep more than the whole;
 * - no gain from timing: moving a deal across a month boundary (last day → first day) does not change its rep's payout;
 * - bounded cost: total payout stays within the declared budget (`budget payout at most 8% of credited`);
 * - red lines hold: a blocked deal earns no credit; a forfeit removes exactly the components it names;
 * - the playbook's own `assert … for each rep …`;
 * - with `pay … in stages`: `budget days to pay at most N`, and the assertions on `held` and
 *   `days_to_pay_…`, on each history and on its perturbed variants (`perturbed.ts`).
 * Differences up to the rounding of the lines involved are tolerated.
 */
import fc from 'fast-check';
import type { RuleGraph } from '../../graph/nodes.js';
import { Decimal } from '../../runtime/decimal.js';
import { evaluate } from '../../runtime/evaluate.js';
import { groupedText } from '../../runtime/money.js';
import { DAY_MS, dateText } from '../../runtime/periods.js';
import type { Evaluation } from '../../runtime/result.js';
import { type HistoryShape, type Samples, historyShape } from './arbitraries.js';
import { type History, type HistoryRow, cloneHistory, toTables } from './history.js';
import { additiveFields, fieldList, splitDeal } from './split-deal.js';
import { PERTURBED_WORDS, longestWait, payTimeBudget, perturbedVariants, readsPayTiming } from './perturbed.js';

export interface PropertyResult {
  property: string;
  /** What the property says, in words. */
  statement: string;
  status: 'holds' | 'fails' | 'skipped';
  runs: number;
  /** Why it was skipped, or what the counterexample shows. */
  detail: string;
  /** Histories to re-run with `simulate` (one, or a pair to compare), after shrinking. */
  counterexample: { label: string; history: History }[] | null;
  /** For timing: the largest gain found over all runs, with the deal that produced it. */
  largestGain?: { amount: string; detail: string };
}

/** The most histories per property `verify` accepts: 10,000 already takes minutes on a real scheme. */
export const MAX_RUNS = 10_000;

/** Where a verify run is: which property (of how many), which generated history. */
export interface VerifyProgress {
  property: string;
  /** 0-based position of the property among those checked. */
  index: number;
  properties: number;
  /** Histories tried so far for this property (1…runs). */
  run: number;
  runs: number;
  /** True while fast-check shrinks a counterexample (after the runs). */
  shrinking: boolean;
}

export interface VerifyOptions {
  seed: number;
  /** Histories per property, 1 to {@link MAX_RUNS}. */
  runs: number;
  samples: Samples | null;
  /** Called before each generated history is checked (often: keep it cheap). */
  onProgress?: (progress: VerifyProgress) => void;
}

function run(graph: RuleGraph, h: History): Evaluation {
  return evaluate(graph, toTables(graph, h));
}

function payoutOf(e: Evaluation, rep: string): Decimal {
  return e.reps.find((r) => r.rep === rep)?.payout ?? new Decimal(0);
}

/** Rounding slack: one minor unit per payout line a rep can have, plus one per deal-level bonus. */
function tolerance(graph: RuleGraph, deals: number): Decimal {
  const minor = new Decimal(graph.playbook.rounding.step);
  const components = graph.nodes.filter((n) => n.kind === 'commission' || n.kind === 'bonus' || n.kind === 'ranking').length * 2;
  return minor.mul(components + deals + 1);
}

/** `h` with one more deal, whose key field `key` is `id`. */
function addDeal(h: History, deal: HistoryRow, key: string, id: string): History {
  const out = cloneHistory(h);
  out.deals = [...(out.deals ?? []), { ...deal, [key]: id }];
  return out;
}

/** The deal's key field and the credit rule's date and rep field names. */
function dealFields(graph: RuleGraph): { key: string; date: string; rep: string } {
  const deals = graph.tables.find((t) => t.name === 'deals')!;
  const credit = graph.nodes.find((n) => n.kind === 'credit') as Extract<RuleGraph['nodes'][number], { kind: 'credit' }>;
  return { key: deals.fields.find((f) => f.key)!.name, date: credit.dateField, rep: credit.repField };
}

type Check = (h: History, extra: HistoryRow, aux: number) => { ok: boolean; detail: string; pair?: { label: string; history: History }[]; gain?: Decimal } | null;

/** A property to check: its name, its statement in words and the check of one generated case. */
interface PlannedCheck {
  property: string;
  statement: string;
  check: Check;
  /** Adds to the result what the check gathered over all runs (the timing property's largest gain). */
  finish?: (result: PropertyResult) => void;
}

function planned(property: string, statement: string, check: Check, finish?: PlannedCheck['finish']): PlannedCheck {
  return { property, statement, check, finish };
}

/** Runs one planned check with fast-check, reporting each run to `options.onProgress`. */
function checkProperty(shape: HistoryShape, options: VerifyOptions, p: PlannedCheck, index: number, properties: number): PropertyResult {
  const { property: name, statement, check } = p;
  const arb = fc.tuple(shape.arbitrary, shape.deal, fc.nat({ max: 1000 }));
  let last: ReturnType<Check> = null;
  let tried = 0;
  let calls = 0;
  const prop = fc.property(arb, ([h, extra, aux]) => {
    // Calls past `runs` are fast-check shrinking a counterexample.
    calls++;
    options.onProgress?.({ property: name, index, properties, run: Math.min(calls, options.runs), runs: options.runs, shrinking: calls > options.runs });
    const r = check(h, extra, aux);
    if (r === null) return true; // not applicable to this history
    tried++;
    last = r;
    return r.ok;
  });
  const out = fc.check(prop, { seed: options.seed, numRuns: options.runs });
  const result = ((): PropertyResult => {
    if (!out.failed) {
      if (tried === 0) {
        return { property: name, statement, status: 'skipped', runs: out.numRuns, detail: `not tested: none of the ${out.numRuns} generated histories applied; run with more --runs`, counterexample: null };
      }
      return { property: name, statement, status: 'holds', runs: out.numRuns, detail: `held on the ${tried} of ${out.numRuns} generated histories it applied to`, counterexample: null };
    }
    const [[h, extra, aux]] = out.counterexample!;
    const final = check(h, extra, aux) ?? last;
    return {
      property: name,
      statement,
      status: 'fails',
      runs: out.numRuns,
      detail: `${final?.detail ?? 'failed'} (found after ${out.numRuns} histories, shrunk ${out.numShrinks} times; seed ${options.seed})`,
      counterexample: final?.pair ?? [{ label: 'history', history: h }],
    };
  })();
  p.finish?.(result);
  return result;
}

/**
 * Runs every property on `graph`. Deterministic for a given seed.
 * @throws RangeError when `options.runs` is not a whole number from 1 to {@link MAX_RUNS}.
 */
export function verify(graph: RuleGraph, options: VerifyOptions): PropertyResult[] {
  if (!Number.isInteger(options.runs) || options.runs < 1 || options.runs > MAX_RUNS) throw new RangeError(`runs must be a whole number from 1 to ${MAX_RUNS}, not ${options.runs}`);
  const shape = historyShape(graph, options.samples);
  const f = dealFields(graph);
  const withDeal = (h: History, deal: HistoryRow, id: string) => addDeal(h, deal, f.key, id);
  /** An amount for messages: grouped, with the currency's digits. */
  const show = (d: Decimal) => groupedText(d, graph.playbook.minorDigits);
  // Checks are planned first and run at the end, so progress can say "property 2 of 6".
  const results: (PropertyResult | PlannedCheck)[] = [];
  const creditedAlone = (e: Evaluation, id: string) => {
    const d = e.deals.find((x) => x.id === id);
    return d !== undefined && d.credited && d.redlines.length === 0 ? d : null;
  };

  results.push(
    planned('monotone', 'crediting one more deal never lowers its rep\'s payout (unless the deal crosses a red line)', (h, extra) => {
      const plus = withDeal(h, extra, 'EXTRA');
      const after = run(graph, plus);
      const d = creditedAlone(after, 'EXTRA');
      if (!d || d.rep === null) return null;
      const before = run(graph, h);
      const a = payoutOf(before, d.rep);
      const b = payoutOf(after, d.rep);
      const ok = b.gte(a.minus(tolerance(graph, 1)));
      return { ok, detail: `rep ${d.rep} is paid ${show(a)} without deal EXTRA and ${show(b)} with it`, pair: [{ label: 'without', history: h }, { label: 'with', history: plus }] };
    }),
  );

  // Every additive field is split (see split-deal.ts), so the halves add up to the whole deal.
  const splitFields = additiveFields(graph);
  const splitStatement = `a deal split in two (its ${fieldList(splitFields)} shared between the parts) never pays its rep more than the whole deal`;
  if (splitFields.length === 0) {
    results.push({ property: 'split', statement: 'a deal split in two never pays more than the whole', status: 'skipped', runs: 0, detail: 'the deals table has no money field to split (and the credited amount is not a plain field)', counterexample: null });
  } else {
    results.push(
      planned('split', splitStatement, (h, extra, aux) => {
        const whole = withDeal(h, extra, 'WHOLE');
        const e1 = run(graph, whole);
        const d = creditedAlone(e1, 'WHOLE');
        if (!d || d.rep === null || d.amount === null || d.amount.lte(0)) return null;
        const [part1, part2] = splitDeal(extra, splitFields, (aux % 9) + 1, graph.playbook.minorDigits);
        const split = withDeal(withDeal(h, part1, 'PART1'), part2, 'PART2');
        const e2 = run(graph, split);
        const creditOf = (id: string) => e2.deals.find((x) => x.id === id)?.amount ?? new Decimal(0);
        const a = payoutOf(e1, d.rep);
        const b = payoutOf(e2, d.rep);
        const ok = b.lte(a.plus(tolerance(graph, 2)));
        return {
          ok,
          detail: `rep ${d.rep} is paid ${show(a)} for one deal of ${show(d.amount)} but ${show(b)} for two deals of ${show(creditOf('PART1'))} and ${show(creditOf('PART2'))}: splitting gains ${show(b.minus(a))}`,
          pair: [{ label: 'whole', history: whole }, { label: 'split', history: split }],
        };
      }),
    );
  }

  // Timing: the same deal on the last day of a month and on the first day of the next.
  let largest: { gain: Decimal; detail: string } | null = null;
  const timing = planned('timing', "moving a deal across a month boundary does not change its rep's payout", (h, extra, aux) => {
    if (shape.boundaries.length === 0) return null;
    const boundary = shape.boundaries[aux % shape.boundaries.length];
    const early = withDeal(h, { ...extra, [f.date]: boundary - DAY_MS }, 'MOVED');
    const late = withDeal(h, { ...extra, [f.date]: boundary }, 'MOVED');
    const e1 = run(graph, early);
    const e2 = run(graph, late);
    const d1 = creditedAlone(e1, 'MOVED');
    const d2 = creditedAlone(e2, 'MOVED');
    if (!d1 || !d2 || d1.rep === null) return null;
    const a = payoutOf(e1, d1.rep);
    const b = payoutOf(e2, d1.rep);
    const gain = b.minus(a).abs();
    const direction = b.gt(a) ? `pushing it to ${dateText(boundary)} gains` : `pulling it in to ${dateText(boundary - DAY_MS)} gains`;
    const detail = `rep ${d1.rep} is paid ${show(a)} when deal MOVED closes on ${dateText(boundary - DAY_MS)} and ${show(b)} when it closes on ${dateText(boundary)}: ${direction} ${show(gain)}`;
    if (!largest || gain.gt(largest.gain)) largest = { gain, detail };
    return { ok: gain.lte(tolerance(graph, 1)), detail, pair: [{ label: 'before', history: early }, { label: 'after', history: late }] };
  }, (result) => {
    // After the check has shrunk, `largest` holds the biggest difference seen in any run.
    const worst = largest as { gain: Decimal; detail: string } | null;
    if (worst) result.largestGain = { amount: worst.gain.toFixed(), detail: worst.detail };
  });
  results.push(timing);

  const validation = graph.nodes.find((n) => n.kind === 'validation') as Extract<RuleGraph['nodes'][number], { kind: 'validation' }> | undefined;
  if (!validation?.budget) {
    results.push({ property: 'bounded cost', statement: 'total payout stays within the budget', status: 'skipped', runs: 0, detail: 'no budget declared (add: budget payout at most 8% of credited)', counterexample: null });
  } else {
    const budget = new Decimal(validation.budget);
    results.push(
      planned('bounded cost', `total payout stays within ${budget.mul(100).toFixed()}% of the credited amount`, (h) => {
        const e = run(graph, h);
        if (e.totals.credited.lte(0) && e.totals.payout.lte(0)) return null;
        const limit = e.totals.credited.mul(budget);
        return { ok: e.totals.payout.lte(limit.plus(tolerance(graph, 0))), detail: `the scheme pays ${show(e.totals.payout)} on ${show(e.totals.credited)} credited; the budget allows ${show(limit)}` };
      }),
    );
  }

  // With stages: the pay-time budget and the assertions on held / days to pay, on each history and its perturbed variants.
  const variantPlan = { keyField: f.key, dateField: f.date, splitFields, minorDigits: graph.playbook.minorDigits, boundaries: shape.boundaries };
  const payDays = payTimeBudget(graph);
  if (payDays !== null) {
    results.push(
      planned('days to pay', `no staged payment waits more than ${payDays} days from its trigger to its payment, ${PERTURBED_WORDS}`, (h, extra, aux) => {
        let applied = false;
        for (const v of perturbedVariants(variantPlan, h, extra, aux)) {
          const w = longestWait(run(graph, v.history));
          if (w === null) continue;
          applied = true;
          if (w.days > payDays) return { ok: false, detail: `in ${v.words}, a staged payment waits ${w.days} days, more than the budget of ${payDays}: ${w.text}`, pair: [{ label: v.label, history: v.history }] };
        }
        return applied ? { ok: true, detail: '' } : null;
      }),
    );
  }

  const blocking = new Set(graph.nodes.filter((n) => n.kind === 'redline' && n.effect === 'block').map((n) => (n as { redline: string }).redline));
  const forfeitRules = new Map(graph.nodes.filter((n) => n.kind === 'redline' && n.effect === 'forfeit').map((n) => [(n as { redline: string }).redline, (n as { forfeits: string[] | 'all' }).forfeits]));
  results.push(
    planned('red lines hold', 'a blocked deal earns no credit; a forfeit removes exactly the components it names', (h) => {
      const e = run(graph, h);
      for (const d of e.deals) {
        if (d.credited && d.redlines.some((r) => blocking.has(r))) return { ok: false, detail: `deal ${d.id} crossed a blocking red line but was credited` };
      }
      for (const r of e.reps) {
        const gross = r.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
        if (!r.payout.eq(gross.minus(r.forfeited))) return { ok: false, detail: `rep ${r.rep}: payout ${show(r.payout)} is not the lines (${show(gross)}) less the forfeits (${show(r.forfeited)})` };
        for (const fo of r.forfeits) {
          const named = forfeitRules.get(fo.rule);
          if (named !== 'all' && !named?.includes(fo.component)) return { ok: false, detail: `rep ${r.rep}: rule ${fo.rule} forfeited ${fo.component}, which it does not name` };
          const earned = Decimal.max(r.lines.filter((l) => l.component === fo.component).reduce((s, l) => s.plus(l.amount), new Decimal(0)), 0);
          if (!fo.amount.eq(earned)) return { ok: false, detail: `rep ${r.rep}: ${fo.component} forfeited ${show(fo.amount)}, but the component earned ${show(earned)}` };
        }
      }
      return { ok: true, detail: '' };
    }),
  );

  const staged = graph.nodes.some((n) => n.kind === 'statements');
  for (const a of validation?.assertions ?? []) {
    if (staged && readsPayTiming(a.condition)) {
      results.push(
        planned(`assert: ${a.name}`, `the playbook's own assertion holds for every rep, ${PERTURBED_WORDS}`, (h, extra, aux) => {
          for (const v of perturbedVariants(variantPlan, h, extra, aux)) {
            const e = run(graph, v.history);
            const broken = e.assertions.find((x) => x.name === a.name && x.holds === false);
            if (!broken) continue;
            const r = e.reps.find((x) => x.rep === broken.rep)!;
            return { ok: false, detail: `in ${v.words}, it does not hold for rep ${broken.rep}, paid ${show(r.payout)} on ${show(r.credited)} credited`, pair: [{ label: v.label, history: v.history }] };
          }
          return { ok: true, detail: '' };
        }),
      );
      continue;
    }
    results.push(
      planned(`assert: ${a.name}`, 'the playbook\'s own assertion holds for every rep', (h) => {
        const e = run(graph, h);
        const broken = e.assertions.find((x) => x.name === a.name && x.holds === false);
        if (!broken) return { ok: true, detail: '' };
        const r = e.reps.find((x) => x.rep === broken.rep)!;
        return { ok: false, detail: `it does not hold for rep ${broken.rep}, paid ${show(r.payout)} on ${show(r.credited)} credited`, pair: [{ label: 'history', history: h }] };
      }),
    );
  }
  const checks = results.filter((r): r is PlannedCheck => 'check' in r);
  return results.map((r) => ('check' in r ? checkProperty(shape, options, r, checks.indexOf(r), checks.length) : r));
}
