/**
 * The rule graph is the program: evaluation follows the nodes' declared inputs,
 * not the order of the node list. Shuffling a compiled graph's nodes into any
 * other order, or round-tripping it through JSON, gives byte-identical reports;
 * removing an input edge a node needs breaks an invariant, and the runtime
 * refuses to run such a graph.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import { checkInvariants } from '../../src/graph/invariants.js';
import { type RuleGraph, RuleGraphSchema } from '../../src/graph/nodes.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { formatJson } from '../../src/simulate/report-json.js';
import type { Simulation } from '../../src/simulate/simulate.js';
import { type CorpusCase, corpusCases } from './corpus-cases.js';

type Case = CorpusCase;

const cases = (): Case[] => corpusCases();

function compile(c: Case): RuleGraph | null {
  return compilePlaybookSource(c.playbook, readFileSync(c.playbook, 'utf8')).graph;
}

/** The JSON report of `graph` over freshly loaded data (derived fields are written into rows, so load anew each time). */
function report(graph: RuleGraph, c: Case): string | null {
  const dataset = loadDataset(graph.tables, c.data, { timeZone: graph.playbook.timeZone });
  if (dataset.rejected.length > 0) return null;
  const evaluation = evaluate(graph, dataset.tables);
  const input = [...dataset.tables.values()].map((t) => ({ table: t.schema.name, file: t.schema.file, read: t.read, used: t.used, rejected: t.rejected.length })).sort((a, b) => (a.table < b.table ? -1 : 1));
  const sim: Simulation = { graph, playbookFile: c.playbook, input, rejectedRows: [], evaluation, tables: dataset.tables };
  return formatJson(sim);
}

const RUNS = Number(process.env.PLAYBOOK_SHUFFLE_RUNS ?? 2);

describe.each(cases())('$name', (c) => {
  const graph = compile(c);
  const base = graph ? report(graph, c) : null;
  it.runIf(base !== null)('gives byte-identical reports for any order of the nodes (seeded shuffles)', () => {
    fc.assert(
      fc.property(fc.infiniteStream(fc.integer()), (seeds) => {
        // Fisher–Yates driven by the generated numbers.
        const nodes = [...graph!.nodes];
        for (let i = nodes.length - 1; i > 0; i--) {
          const j = Math.abs(seeds.next().value as number) % (i + 1);
          [nodes[i], nodes[j]] = [nodes[j], nodes[i]];
        }
        expect(report({ ...graph!, nodes }, c)).toBe(base);
      }),
      { numRuns: RUNS, seed: 20261201 },
    );
    // And the reverse order, which puts every reader before what it reads.
    expect(report({ ...graph!, nodes: [...graph!.nodes].reverse() }, c)).toBe(base);
  });
  it.runIf(base !== null)('round-trips through JSON and the zod schema unchanged', () => {
    const again = RuleGraphSchema.parse(JSON.parse(JSON.stringify(graph)));
    expect(again).toEqual(graph);
    expect(report(again, c)).toBe(base);
  });
});

describe('graph invariants', () => {
  const c = cases()[0];
  const graph = compile(c)!;
  it('holds on the compiled key-account graph', () => {
    expect(checkInvariants(graph)).toEqual([]);
  });
  it('removing any input edge a node needs is caught, and the runtime refuses the graph', () => {
    let edges = 0;
    for (const node of graph.nodes) {
      for (const input of node.inputs) {
        edges++;
        const broken: RuleGraph = { ...graph, nodes: graph.nodes.map((n) => (n.id === node.id ? { ...n, inputs: n.inputs.filter((i) => i !== input) } : n)) };
        expect(checkInvariants(broken)).toContain(`node ${node.id} needs the result of ${input} but does not declare it as an input`);
        expect(() => evaluate(broken, new Map())).toThrow(/internal error: the rule graph is inconsistent: .*does not declare it as an input/);
      }
    }
    expect(edges).toBeGreaterThan(0);
    // Edges the playbook's text implies: credit waits for the blocking red line, tiers for scoring,
    // the must-win rule for lost deals, the payout for every component.
    const inputs = (id: string) => graph.nodes.find((n) => n.id === id)!.inputs;
    expect(inputs('credit')).toContain('redline:margin floor');
    expect(inputs('tiers')).toContain('scoring');
    expect(inputs('redline:must-win accounts')).toContain('outcome:lost');
    expect(inputs('scoring')).toEqual(expect.arrayContaining(['outcome:won', 'outcome:lost']));
    expect(inputs('payout')).toEqual(expect.arrayContaining(['commission:orders commission', 'bonus:strategic breakthrough', 'ranking:monthly ranking', 'credit']));
  });
  it('reports a cycle, an unknown input and an undeclared field in words', () => {
    const credit = graph.nodes.find((n) => n.id === 'credit')!;
    const cyclic: RuleGraph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'outcome:won' ? { ...n, inputs: [...n.inputs, 'credit'] } : n)) };
    expect(checkInvariants(cyclic)).toContain('the nodes depend on each other in a circle');
    const unknown: RuleGraph = { ...graph, nodes: graph.nodes.map((n) => (n === credit ? { ...n, inputs: [...n.inputs, 'bonus:nothing'] } : n)) };
    expect(checkInvariants(unknown)).toContain('node credit reads bonus:nothing, which is not in the graph');
    const noField: RuleGraph = { ...graph, tables: graph.tables.map((t) => (t.name === 'deals' ? { ...t, fields: t.fields.filter((f) => f.name !== 'stage') } : t)) };
    expect(checkInvariants(noField)).toContain('node outcome:won reads deals.stage, which no table declares');
  });
});
