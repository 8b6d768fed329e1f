// Work done ahead while the activities are read (engine.ts `PREPARERS`): the stages section reads its
// collections and progress tables once the credit result is computed. What it reads ahead must be
// what the section would read itself, and the section must use it; nothing is read ahead of a result
// not yet computed or of a table not yet loaded.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { NodeOf } from '../../src/runtime/context.js';
import { nodeInputs, runGraph } from '../../src/runtime/engine.js';
import { evaluateStages, prepareStages } from '../../src/runtime/nodes/stages.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { loadData } from '../../src/simulate/simulate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAYBOOK = join(ROOT, 'playbooks/key-account.playbook');
const DATA = join(ROOT, 'examples/key-account');

function finishedRun() {
  const { graph } = compilePlaybookFile(PLAYBOOK);
  const { dataset } = loadData(graph!, DATA);
  const g = runGraph(graph!, dataset.tables as never);
  const node = graph!.nodes.find((n) => n.kind === 'stages') as NodeOf<'stages'>;
  return { g, node, tables: dataset.tables };
}

describe('the stages section read ahead', () => {
  it('reads the collections and progress tables as the section reads them, and the section uses what was read', () => {
    const { g, node } = finishedRun();
    const ahead = prepareStages(node, g.run, (id) => g.results.get(id));
    expect(ahead).toBeDefined();
    const { tables } = ahead!;
    expect(Object.keys(tables).sort()).toEqual(['cash', 'completion', 'revenue']);
    expect(tables.completion).toBe(tables.revenue);
    const plain = evaluateStages(node, g.run, nodeInputs(g, node));
    const withAhead = evaluateStages(node, g.run, { ...nodeInputs(g, node), prepared: ahead });
    expect(JSON.stringify(withAhead)).toBe(JSON.stringify(plain));
    expect(withAhead.releases.length).toBe(plain.releases.length);
    // The section takes its warnings from what was read ahead: a warning put there shows.
    const marked = { ...ahead!, tables: { ...tables, cash: { ...tables.cash!, warnings: ['marked ahead'] } } };
    expect(evaluateStages(node, g.run, { ...nodeInputs(g, node), prepared: marked }).warnings).toContain('marked ahead');
  });

  it('reads nothing before the credit result, nor while a table it names is not loaded', () => {
    const { g, node } = finishedRun();
    expect(prepareStages(node, g.run, () => undefined)).toBeUndefined();
    const collections = node.tables.collections!.table;
    const kept = g.run.tables.get(collections)!;
    g.run.tables.delete(collections);
    expect(prepareStages(node, g.run, (id) => g.results.get(id))).toBeUndefined();
    g.run.tables.set(collections, kept);
  });
});
