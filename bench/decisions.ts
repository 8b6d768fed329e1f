/**
 * Per-record decisions, side by side in one process (issue 10, benchmark 2): the Maven
 * `deep-discount` red line (`won and discount > 20%`, discount = 1 − amount ÷ list price)
 * decided for every deal by
 *   - the engine's red-line evaluator as simulate runs it: the condition compiled over columns in
 *     exact integers (src/runtime/compiled/), the derived discount inlined; this shape is decided
 *     by the fused kernel (kernel.ts: `won` and sign((4·list − 5·amount) · list) > 0, in one loop),
 *     rows it cannot prove exact decided by the decimals;
 *   - hand-written TypeScript with plain numbers,
 *   - hand-written TypeScript with decimal.js,
 *   - json-rules-engine with a hand-written rule over precomputed facts.
 * All four must flag exactly the same deals; the times are reported as ratios.
 *
 * The rules of the comparison (also in bench/RESULTS.md):
 *   - the hand-written code is given its inputs extracted once: plain numbers, the list price
 *     already joined to each deal, won as a boolean;
 *   - the engine likewise keeps what is data held as columns across passes: each column it reads
 *     (amount; the list price gathered through the products key index) as typed arrays with their
 *     states, and facts about them (largest value, the rows that cannot be held exactly), and its
 *     compiled program (the loop's coefficients). It keeps no answer: the CONDITION is decided
 *     afresh for every deal on every pass (no caching keyed on unchanged inputs);
 *   - the engine's time is `evaluateRedLine`'s whole call — what simulate uses: the flagged deal
 *     indexes, in deals order, every deal the compiled loop could not prove exact asked to the
 *     decimal evaluator;
 *   - no eval or new Function anywhere: the kernel is a fixed, hand-written loop taking parameters;
 *   - every method's time is its fastest of repeated passes (bench/timing.ts `best`); the engine
 *     and plain numbers first run the same number of untimed warm-up passes.
 * The first pass (`engineFirst`) is the one simulate pays: columns extracted from the rows, the
 * program compiled, then decided.
 */
import { Engine } from 'json-rules-engine';
import type { RuleGraph } from '../src/graph/nodes.js';
import { Decimal } from '../src/runtime/decimal.js';
import { nodeInputs, runGraph } from '../src/runtime/engine.js';
import { compileCondition } from '../src/runtime/compiled/condition.js';
import { evaluateDerived } from '../src/runtime/nodes/derived.js';
import { evaluateRedLine } from '../src/runtime/nodes/redline.js';
import type { TableLike } from '../src/runtime/values.js';
import { best } from './timing.js';

export interface DecisionTimes {
  deals: number;
  flagged: number;
  /** ms per whole pass over the deals: the red-line evaluator (compiled decision, the discount inlined). */
  engine: number;
  /** The first pass of the red-line evaluator over fresh rows: columns extracted and the decision compiled too. */
  engineFirst: number;
  /** Deals the compiled decision left to the decimal evaluator (an equality after a division, values past 2^53). */
  fallbacks: number;
  /** The derived-field evaluator (discount = 1 − amount ÷ list price as an exact Decimal per deal, for outputs) and then the red-line evaluator. */
  engineWithDerived: number;
  plain: number;
  decimal: number;
  jsonRulesEngine: number;
}

/** The deals table repeated `n` times (keys made unique), for steadier per-deal times. */
export function repeatDeals(tables: Map<string, TableLike>, n: number): Map<string, TableLike> {
  const deals = tables.get('deals')!;
  const key = deals.schema.fields.findIndex((f) => f.key);
  const rows = [];
  for (let k = 0; k < n; k++) {
    for (const r of deals.rows) {
      const values = [...r.values];
      if (key >= 0 && k > 0) values[key] = `${String(values[key])}#${k}`;
      rows.push({ line: r.line, values });
    }
  }
  return new Map([...tables, ['deals', { ...deals, rows, byKey: null }]]);
}

/** Times the four ways over the Maven deals (tables as loaded for `graph`). */
export async function decisions(graph: RuleGraph, tables: Map<string, TableLike>, repeat: number): Promise<DecisionTimes> {
  const g = runGraph(graph, tables);
  const node = graph.nodes.find((n) => n.kind === 'redline' && n.redline === 'deep-discount')!;
  if (node.kind !== 'redline') throw new Error('no deep-discount red line');
  const inputs = nodeInputs(g, node);
  const deals = tables.get('deals')!;
  const products = tables.get('products')!;
  const f = (t: string, name: string) => g.run.layout.get(t)!.get(name)!;
  const [stage, amount, product, list] = [f('deals', 'stage'), f('deals', 'amount'), f('deals', 'product'), f('products', 'list_price')];
  // Plain inputs, extracted once (what hand-written code would be given).
  const rows = deals.rows.map((r) => {
    const p = products.byKey!.get(String(r.values[product]));
    return { won: r.values[stage] === 'Won', amount: r.values[amount] as Decimal | null, list: p ? (p.values[list] as Decimal) : null };
  });
  const plainRows = rows.map((r) => ({ won: r.won, amount: r.amount?.toNumber() ?? null, list: r.list?.toNumber() ?? null }));

  // The first pass over rows it has not seen: the columns are extracted and the program compiled.
  const freshRows = g.run.deals.rows.map((r) => ({ line: r.line, values: r.values }));
  const freshRun = { ...g.run, deals: { ...g.run.deals, rows: freshRows } };
  const engineFirst = best(1, () => evaluateRedLine(node, freshRun, inputs));
  const fallbacks = compileCondition(node.condition, g.run, inputs, 'deals', g.run.deals.rows).fallbacks;
  let engineFlags: number[] = [];
  // Untimed warm-up passes, the same number for the engine and plain numbers below: both loops
  // reach the JIT's steady state before the fastest pass is taken (the engine's calls around its
  // loop take a few dozen passes to be optimised).
  for (let k = 0; k < repeat; k++) evaluateRedLine(node, g.run, inputs);
  const engine = best(repeat, () => (engineFlags = evaluateRedLine(node, g.run, inputs).deals));
  const derivedNode = graph.nodes.find((n) => n.kind === 'derived' && n.name === 'discount')!;
  if (derivedNode.kind !== 'derived') throw new Error('no derived discount');
  const derivedInputs = nodeInputs(g, derivedNode);
  let engineDerivedFlags: number[] = [];
  const engineWithDerived = best(repeat, () => {
    evaluateDerived(derivedNode, g.run, derivedInputs);
    engineDerivedFlags = evaluateRedLine(node, g.run, inputs).deals;
  });
  let plainFlags: number[] = [];
  const plainPass = () => {
    plainFlags = [];
    for (let i = 0; i < plainRows.length; i++) {
      const r = plainRows[i];
      if (r.won && r.amount !== null && r.list !== null && r.list !== 0 && 1 - r.amount / r.list > 0.2) plainFlags.push(i);
    }
  };
  for (let k = 0; k < repeat; k++) plainPass();
  const plain = best(repeat, plainPass);
  const limit = new Decimal('0.2');
  let decimalFlags: number[] = [];
  const decimal = best(repeat, () => {
    decimalFlags = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r.won && r.amount !== null && r.list !== null && !r.list.isZero() && new Decimal(1).minus(r.amount.div(r.list)).gt(limit)) decimalFlags.push(i);
    }
  });
  const jre = new Engine([], { allowUndefinedFacts: true });
  jre.addRule({ conditions: { all: [{ fact: 'won', operator: 'equal', value: true }, { fact: 'discount', operator: 'greaterThan', value: 0.2 }] }, event: { type: 'deep-discount' } });
  const facts = plainRows.map((r) => ({ won: r.won, discount: r.amount !== null && r.list ? 1 - r.amount / r.list : undefined }));
  let jreFlags: number[] = [];
  const jreTimes: number[] = [];
  for (let k = 0; k < Math.max(1, Math.floor(repeat / 3)); k++) {
    const t = process.hrtime.bigint();
    jreFlags = [];
    for (let i = 0; i < facts.length; i++) if ((await jre.run(facts[i])).events.length > 0) jreFlags.push(i);
    jreTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(engineFlags, engineDerivedFlags) || !same(engineFlags, plainFlags) || !same(engineFlags, decimalFlags) || !same(engineFlags, jreFlags)) {
    throw new Error(`the four ways disagree: engine ${engineFlags.length}, plain ${plainFlags.length}, decimal ${decimalFlags.length}, json-rules-engine ${jreFlags.length}`);
  }
  return { deals: rows.length, flagged: engineFlags.length, engine, engineFirst, fallbacks, engineWithDerived, plain, decimal, jsonRulesEngine: Math.min(...jreTimes) };
}
