/**
 * Letting node results go after their last reader (issue 10, memory at scale; `runtime/liveness.ts`).
 * The plan is checked on small hand-written graphs (the last reader worked out by hand), a
 * released result keeps its warnings and throws on any other read, and over the reference
 * playbooks and every conformance folder the evaluation with results let go is the very report
 * of the run that keeps them all — so nothing read a released result (it would have thrown).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import type { GraphNode, RuleGraph } from '../../src/graph/nodes.js';
import { assemble, readAfterRun } from '../../src/runtime/assemble.js';
import { runGraph, runOrder } from '../../src/runtime/engine.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import { isReleased, releasedResult, releasePlan } from '../../src/runtime/liveness.js';
import { schedule } from '../../src/runtime/schedule.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { formatJson } from '../../src/simulate/report-json.js';
import type { Simulation } from '../../src/simulate/simulate.js';
import { type CorpusCase, corpusCases } from './corpus-cases.js';

/** A node of a hand-written graph: only its id and inputs matter to the plan. */
const node = (id: string, ...inputs: string[]) => ({ id, inputs }) as unknown as GraphNode;

describe('releasePlan', () => {
  // a → b → d, a → c → d, e (read by no one), d read by no one.
  const order = [node('a'), node('b', 'a'), node('c', 'a'), node('e'), node('d', 'b', 'c')];

  it('lets each result go after its last reader in the order, and a result no one reads right after it is made', () => {
    const plan = releasePlan(order, new Set());
    // a: read by b and c, c runs later → after c. b and c: read by d. e and d: no reader → themselves.
    expect(Object.fromEntries(plan)).toEqual({ c: ['a'], e: ['e'], d: ['b', 'c', 'd'] });
  });

  it('never lets go a result read after the run', () => {
    const plan = releasePlan(order, new Set(['a', 'd']));
    expect(Object.fromEntries(plan)).toEqual({ e: ['e'], d: ['b', 'c'] });
  });

  it('follows the order it is given: the last reader is the last to run, not the last listed input', () => {
    // The same graph with b after c: a's last reader is now b.
    const swapped = [node('a'), node('c', 'a'), node('b', 'a'), node('d', 'b', 'c')];
    expect(releasePlan(swapped, new Set(['d'])).get('b')).toEqual(['a']);
  });

  it('with a table pending, follows the order the nodes run in: a late node listed before an early reader still reads the result', () => {
    // l needs the pending table (late) and comes before e in the schedule; both read a.
    const scheduled = [node('a'), node('l', 'a'), node('e', 'a')];
    const ran = runOrder(scheduled, new Set(['l']));
    expect(ran.map((n) => n.id)).toEqual(['a', 'e', 'l']);
    expect(releasePlan(ran, new Set(['e', 'l'])).get('l')).toEqual(['a']);
    // Planned over the schedule instead, a would go after e, before l read it.
    expect(releasePlan(scheduled, new Set(['e', 'l'])).get('e')).toEqual(['a']);
  });

  it('lets nothing go when everything is kept', () => {
    expect(releasePlan(order, new Set(['a', 'b', 'c', 'd', 'e'])).size).toBe(0);
  });
});

describe('a released result', () => {
  it('keeps the warnings and throws an internal error naming the node on any other read', () => {
    const r = releasedResult('bonus:margin share', { lines: [1, 2], warnings: ['w1'] }) as { warnings?: string[]; lines?: unknown };
    expect(r.warnings).toEqual(['w1']);
    expect(isReleased(r)).toBe(true);
    expect(() => r.lines).toThrow('internal error: the result of rule graph node bonus:margin share was read (lines) after it was let go as no longer needed');
    expect(isReleased({ warnings: [] })).toBe(false);
  });
});

type Case = CorpusCase;

const cases = (): Case[] => corpusCases();

const compile = (c: Case): RuleGraph | null => compilePlaybookSource(c.playbook, readFileSync(c.playbook, 'utf8')).graph;

/** The JSON report of `graph` over freshly loaded data, evaluated by `run` (derived fields are written into the tables: load anew). */
function report(graph: RuleGraph, c: Case, run: (tables: Simulation['tables']) => Simulation['evaluation']): string | null {
  const dataset = loadDataset(graph.tables, c.data, { timeZone: graph.playbook.timeZone });
  if (dataset.rejected.length > 0) return null;
  const evaluation = run(dataset.tables);
  const input = [...dataset.tables.values()].map((t) => ({ table: t.schema.name, file: t.schema.file, read: t.read, used: t.used, rejected: t.rejected.length })).sort((a, b) => (a.table < b.table ? -1 : 1));
  return formatJson({ graph, playbookFile: c.playbook, input, rejectedRows: [], evaluation, tables: dataset.tables });
}

describe('the key-account reference', () => {
  it('lets go the margin after the margin share bonus, the commission lines once paid in stages, the bonuses after the payout and the stages after the statements', () => {
    // From the playbook: `derive margin` is read by the red line through the deals table (a column), by
    // the node only of `bonus "margin share"`; the commission feeds `pay … in stages`; the bonuses feed the payout.
    const c = cases()[0];
    const graph = compile(c)!;
    const plan = releasePlan(schedule(graph), readAfterRun(graph));
    expect(Object.fromEntries(plan)).toEqual({
      'bonus:margin share': ['derived:deals.margin'],
      'stages:orders commission': ['commission:orders commission'],
      payout: ['bonus:strategic breakthrough', 'bonus:margin share'],
      statements: ['stages:orders commission'],
    });
  });
});

describe.each(cases())('$name: results let go after their last reader', (c) => {
  const graph = compile(c);
  it.runIf(graph !== null)('give the same report as a run that keeps every result (no released result is read)', () => {
    const kept = report(graph!, c, (tables) => assemble(runGraph(graph!, tables)));
    if (kept === null) return;
    let released = 0;
    const lean = report(graph!, c, (tables) => {
      const g = runGraph(graph!, tables, false, undefined, undefined, readAfterRun(graph!));
      released = [...g.results.values()].filter(isReleased).length;
      return assemble(g);
    });
    expect(lean).toBe(kept);
    // evaluate() is the run that lets results go.
    expect(report(graph!, c, (tables) => evaluate(graph!, tables))).toBe(kept);
    // Every result is either read after the run or let go.
    expect(released).toBe(graph!.nodes.length - graph!.nodes.filter((n) => readAfterRun(graph!).has(n.id)).length);
  });
});

describe('the deals found by id', () => {
  it('are found again, the same, after the map was let go', () => {
    const c = cases()[0];
    const graph = compile(c)!;
    const dataset = loadDataset(graph.tables, c.data, { timeZone: graph.playbook.timeZone });
    const { run } = runGraph(graph, dataset.tables);
    const first = run.deals.indexOf();
    // The deals file's own ids, read apart from the engine: row k (after the header) is deal k.
    const ids = readFileSync(join(c.data, 'deals.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]);
    expect(first.size).toBe(ids.length);
    ids.forEach((id, k) => expect(first.get(id)).toBe(k));
    run.deals.forgetIndex();
    const again = run.deals.indexOf();
    expect(again).not.toBe(first);
    expect([...again]).toEqual([...first]);
  });
});
