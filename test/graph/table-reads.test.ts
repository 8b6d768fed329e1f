/**
 * Which nodes need a table (src/graph/table-reads.ts), from the graph alone: on a hand-written
 * graph (each answer worked out from the node kinds and inputs written here), on the key-account
 * playbook (the nodes that run while activities.csv is still read, issue 10), and over the whole
 * corpus: each playbook evaluated with one table held back until the nodes that do not need it
 * have run, through a tables map that throws if that table is asked for early, gives the same
 * report as the plain run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import type { LoadedTable } from '../../src/data/types.js';
import type { TExpr } from '../../src/graph/ir.js';
import type { GraphNode, RuleGraph } from '../../src/graph/nodes.js';
import { contextTables, nodesNeedingTables, tablesRead } from '../../src/graph/table-reads.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { formatJson } from '../../src/simulate/report-json.js';
import type { Simulation } from '../../src/simulate/simulate.js';
import { type CorpusCase, corpusCases } from './corpus-cases.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const lit: TExpr = { k: 'lit', t: 'boolean', v: true };
const field = (...steps: [string, string][]): TExpr => ({ k: 'field', t: 'boolean', path: steps.map(([table, f]) => ({ table, field: f })) });
const src = { file: 'hand.playbook', line: 1, column: 1, name: 'x' };

/** A hand-written graph: deals, reps, accounts, an activities log named `touches`, and a cash table read by a stages section. */
function handGraph(): RuleGraph {
  const nodes = [
    { id: 'derived:deals.m', kind: 'derived', inputs: [], table: 'deals', name: 'm', type: 'boolean', expr: field(['deals', 'amount']) },
    { id: 'derived:touches.big', kind: 'derived', inputs: [], table: 'touches', name: 'big', type: 'boolean', expr: field(['touches', 'value']) },
    // A red line over deals that reads an account's flag through a lookup: needs accounts.
    { id: 'redline:acct', kind: 'redline', inputs: [], redline: 'acct', origin: 'redline', subject: 'deals', condition: field(['deals', 'account'], ['accounts', 'flag']), effect: 'block', forfeits: [], message: 'm' },
    { id: 'redline:touch', kind: 'redline', inputs: [], redline: 'touch', origin: 'redline', subject: 'activities', condition: lit, effect: 'review', forfeits: [], message: 'm' },
    { id: 'credit', kind: 'credit', inputs: ['redline:acct'], label: 'c', condition: lit, repField: 'rep', dateField: 'd', amount: field(['deals', 'amount']) },
    // A quota over a sum of the rep's deals: deals only.
    { id: 'quota:q', kind: 'quota', inputs: [], name: 'q', amount: { k: 'sum', t: 'money', table: 'deals', value: field(['deals', 'amount']), filter: null }, split: { kind: 'none' }, prorate: null },
    { id: 'commission:c', kind: 'commission', inputs: ['credit', 'quota:q'], name: 'c', period: 'year', method: 'marginal', baseRate: null, bands: [], excessName: null },
    // A bonus reading an activities derived field: needs touches through its input.
    { id: 'bonus:b', kind: 'bonus', inputs: ['credit', 'derived:touches.big'], name: 'b', scope: 'deal', period: 'year', condition: field(['touches', 'big']), amount: lit },
    // A bonus whose amount counts activities: needs touches itself (the count goes to the activity histories).
    { id: 'bonus:n', kind: 'bonus', inputs: ['credit'], name: 'n', scope: 'rep', period: 'year', condition: null, amount: { k: 'count', t: 'number', table: 'activities', filter: null } },
    { id: 'scoring', kind: 'scoring', inputs: [], name: 's', lookBackDays: 365, halfLifeDays: null, cap: null, openAsOf: '2026-12-31', actions: [], weights: [] },
    { id: 'tiers', kind: 'tiers', inputs: ['scoring'], tiers: [] },
    { id: 'payout', kind: 'payout', inputs: ['credit', 'commission:c', 'redline:touch'], components: [] },
    {
      id: 'stages:c',
      kind: 'stages',
      inputs: ['credit', 'payout', 'commission:c'],
      components: [{ name: 'c', node: 'commission:c' }],
      stages: [{ name: 'all', trigger: 'cash', share: '1' }],
      calendar: { kind: 'same day' },
      tables: { collections: { table: 'cash', deal: 'deal', date: 'date', measure: 'amount' }, invoices: null, progress: null },
    },
  ].map((n) => ({ ...n, source: src })) as unknown as GraphNode[];
  return {
    roles: {
      deals: { table: 'deals', key: 'id', rep: 'rep', date: 'd', account: 'account' },
      reps: { table: 'reps', key: 'id' },
      activities: { table: 'touches', key: null, date: 'date', account: 'account', action: 'action', rep: null, value: null },
    },
    nodes,
  } as unknown as RuleGraph;
}

describe('the tables a node needs (hand-written graph)', () => {
  const g = handGraph();
  const node = (id: string) => g.nodes.find((n) => n.id === id)!;

  it('reads the tables of its kind and of its expressions, not of its inputs', () => {
    expect([...tablesRead(node('redline:acct'), g)].sort()).toEqual(['accounts', 'deals']);
    expect([...tablesRead(node('redline:touch'), g)]).toEqual(['touches']);
    expect([...tablesRead(node('derived:touches.big'), g)]).toEqual(['touches']);
    expect([...tablesRead(node('bonus:n'), g)].sort()).toEqual(['activities', 'touches']);
    expect([...tablesRead(node('bonus:b'), g)]).toEqual(['touches']);
    expect([...tablesRead(node('quota:q'), g)]).toEqual(['deals']);
    expect([...tablesRead(node('stages:c'), g)]).toEqual(['cash']);
    expect([...tablesRead(node('commission:c'), g)]).toEqual([]);
    expect([...tablesRead(node('tiers'), g)]).toEqual(['touches']);
    expect(contextTables(g)).toEqual(['deals', 'reps']);
  });

  it('needs a table through any number of inputs', () => {
    // touches: read by the activities derived field, the activities red line, scoring and tiers, bonus:n;
    // bonus:b through its derived input; payout through redline:touch; stages through payout.
    expect([...nodesNeedingTables(g, new Set(['touches']))].sort()).toEqual(['bonus:b', 'bonus:n', 'derived:touches.big', 'payout', 'redline:touch', 'scoring', 'stages:c', 'tiers']);
    // accounts: the red line reading it, credit (it blocks credit), and everything downstream of credit.
    expect([...nodesNeedingTables(g, new Set(['accounts']))].sort()).toEqual(['bonus:b', 'bonus:n', 'commission:c', 'credit', 'payout', 'redline:acct', 'stages:c']);
    // cash: only the stages section.
    expect([...nodesNeedingTables(g, new Set(['cash']))]).toEqual(['stages:c']);
    expect([...nodesNeedingTables(g, new Set(['products']))]).toEqual([]);
  });
});

type Case = CorpusCase;

const cases = (): Case[] => corpusCases(['key-account-proposal', 'key-account-tiers-b', 'key-account-score-bands']);

/** A tables map that throws when `held` is asked for: a node that reads it while it is held back fails loudly. */
class HeldBack extends Map<string, LoadedTable> {
  held: string | null = null;
  override get(name: string): LoadedTable | undefined {
    if (name === this.held) throw new Error(`table ${name} was read before it was loaded`);
    return super.get(name);
  }
  override has(name: string): boolean {
    if (name === this.held) throw new Error(`table ${name} was read before it was loaded`);
    return super.has(name);
  }
}

/** The JSON report of `graph` over data in `dir`, with table `held` (if any) given only once the nodes that do not need it have run. */
function report(graph: RuleGraph, c: Case, held: string | null): { json: string; early: number } | null {
  const dataset = loadDataset(graph.tables, c.data, { timeZone: graph.playbook.timeZone, currency: graph.playbook.currency });
  if (dataset.rejected.length > 0) return null;
  const tables = new HeldBack();
  for (const [name, t] of dataset.tables) if (name !== held) tables.set(name, t);
  tables.held = held;
  let steps = 0;
  let early = -1;
  const pending = {
    tables: new Set(held === null ? [] : [held]),
    wait: () => {
      early = steps;
      tables.held = null;
      tables.clear();
      for (const [name, t] of dataset.tables) tables.set(name, t);
    },
  };
  const evaluation = evaluate(graph, tables, { onStep: () => steps++, ...(held === null ? {} : { pending }) });
  const input = [...dataset.tables.values()].map((t) => ({ table: t.schema.name, file: t.schema.file, read: t.read, used: t.used, rejected: t.rejected.length })).sort((a, b) => (a.table < b.table ? -1 : 1));
  const sim: Simulation = { graph, playbookFile: c.playbook, input, rejectedRows: [], evaluation, tables: dataset.tables };
  return { json: formatJson(sim), early };
}

/** The corpus cases that have a table outside the run context (deals, reps, splits) to hold back; the others have nothing to overlap. */
function casesWithATableToHold(): { c: Case; name: string; graph: RuleGraph; held: string[] }[] {
  return cases().flatMap((c) => {
    const graph = compilePlaybookSource(c.playbook, readFileSync(c.playbook, 'utf8')).graph;
    if (graph === null) return [];
    const context = new Set(contextTables(graph));
    const held = graph.tables.map((t) => t.name).filter((t) => !context.has(t));
    return held.length > 0 ? [{ c, name: c.name, graph, held }] : [];
  });
}

describe.each(casesWithATableToHold())('$name: evaluated while one table is still loading', ({ c, graph, held }) => {
  it('gives the report of the plain run for each table held back', () => {
    const plain = report(graph, c, null);
    if (plain === null) return;
    for (const table of held) {
      const late = nodesNeedingTables(graph, new Set([table]));
      const run = report(graph, c, table)!;
      expect(run.json, `${table} held back`).toBe(plain.json);
      // The nodes that ran before the table came are exactly those that do not need it.
      expect(run.early, `${table} held back`).toBe(graph.nodes.length - late.size);
    }
  });
});

describe('key-account: what runs while activities.csv is read', () => {
  it('is the deals side of the scheme; every node reading activities, or a result made from them, waits', () => {
    const file = join(ROOT, 'playbooks/key-account.playbook');
    const graph = compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!;
    const late = nodesNeedingTables(graph, new Set(['activities']));
    // Worked out from the playbook: the anti-bribery red line is on activities and flags for
    // review, so the payout reads it, and the stages and statements read the payout.
    expect([...late].sort()).toEqual([
      'indicator:met_leadership',
      'indicator:requirements_signed',
      'indicator:tech_exchange_held',
      'payout',
      'redline:anti-bribery',
      'review',
      'scoring',
      'stages:orders commission',
      'statements',
      'tiers',
    ]);
    expect(graph.nodes.filter((n) => !late.has(n.id)).map((n) => n.id).sort()).toEqual([
      'bonus:margin share',
      'bonus:strategic breakthrough',
      'commission:orders commission',
      'credit',
      'derived:deals.margin',
      'outcome:lost',
      'outcome:won',
      'quota:challenge',
      'quota:floor',
      'ranking:monthly ranking',
      'redline:margin floor',
      'redline:must-win accounts',
    ]);
  });
});
