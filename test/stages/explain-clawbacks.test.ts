/**
 * Clawbacks where a rep and a finance partner read them: `explain --rep` (the parts of the staged
 * line and the month's statement), `explain --deal` (each part's fate), the CSV statement lines
 * and the simulate table. Values from test/conformance/clawback-staged-unpaid, computed by hand
 * in its expected.json: D1 (10,000 at 10% = 1,000; 40% at booking, 60% with cash collected, paid
 * monthly on the 5th) is cancelled on 2026-05-01 after its booking stage (400) was paid on
 * 5 April; half the cash stage (300) was released on 15 April, payable 5 May; 300 waits for cash.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import { type ExplainNode, explain } from '../../src/simulate/explain/index.js';
import { inconsistencies } from '../../src/simulate/explain/tree.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = join(ROOT, 'test/conformance/clawback-staged-unpaid');
const file = join(DIR, 'scheme.playbook');
const graph = compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!;
const tables = () => loadDataset(graph.tables, DIR, { timeZone: 'UTC' }).tables;
const find = (n: ExplainNode, pick: (x: ExplainNode) => boolean): ExplainNode | undefined => (pick(n) ? n : n.children.map((c) => find(c, pick)).find((x) => x !== undefined));
const cli = (...args: string[]) => execFileSync('node', [join(ROOT, 'bin/playbook.js'), ...args], { encoding: 'utf8' });

function tree(period?: string): ExplainNode {
  const e = explain(graph, tables(), { rep: 'ann', ...(period ? { period } : {}) });
  if (e.kind !== 'rep') throw new Error('expected a rep explanation');
  return e.tree;
}

describe('explain: clawbacks', () => {
  it('under the staged line: the parts add up to the line, the clawback is shown with the deal and its period', () => {
    const root = tree();
    expect(inconsistencies(root)).toEqual([]);
    const staged = find(root, (x) => x.label.startsWith('paid in stages'))!;
    expect(staged.label).toBe('paid in stages, to the end of the data (2026-05-01): 400.00 paid, 0.00 held, 600.00 cancelled and 400.00 clawed back on reversals');
    expect(staged.amount).toBe('1000');
    const claw = staged.children.find((c) => c.label.startsWith('deal D1 · booking: clawed back'))!;
    expect(claw.label).toBe('deal D1 · booking: clawed back 2026-05-01 (the 2026 line)');
    expect(claw.amount).toBe('-400');
    expect(claw.adds).toBe(false);
    expect(claw.formula).toContain('deal D1 reversed 10,000.00 of 10,000.00 on 2026-05-01 (reversals.csv line 2)');
    expect(staged.children.filter((c) => c.label.includes('cancelled: deal D1 reversed')).map((c) => c.amount)).toEqual(['300', '300']);
  });
  it("May's statement: earned −1,000 (600 cancelled, 400 taken back) and clawed back −400", () => {
    const root = tree('2026-05');
    expect(inconsistencies(root)).toEqual([]);
    const line = find(root, (x) => x.label.startsWith('orders: earned'))!;
    expect(line.label).toBe("orders: earned -1,000.00, payable 0.00, paid 0.00, clawed back -400.00, held at the month's end 0.00");
    const earned = line.children.find((c) => c.label === 'earned')!;
    expect(earned.children.map((c) => c.amount).sort()).toEqual(['-300', '-300', '-400']);
    expect(line.children.find((c) => c.label === 'clawed back')!.amount).toBe('-400');
  });
  it('explain --deal lists every part of the deal with its fate', () => {
    const e = explain(graph, tables(), { deal: 'D1' });
    if (e.kind !== 'deal') throw new Error('expected a deal explanation');
    expect(e.deal.releases?.map((p) => [p.stage, p.line, p.amount])).toEqual([
      ['booking', 'part', '400'],
      ['booking', 'clawback', '-400'],
      ['cash collected', 'cancelled', '300'],
      ['cash collected', 'cancelled', '300'],
    ]);
    expect(e.deal.releases?.[1].fate).toBe('clawed back 2026-05-01 (the 2026 line)');
  });
  it('the CLI: CSV statement lines carry "clawed back"; the table has the column and the reversals summary', () => {
    const csv = cli('simulate', file, '--data', DIR, '--format', 'csv', '--statements');
    expect(csv).toContain('ann,2026-05,orders,clawed back,-400.00\n');
    expect(csv).toContain('ann,2026-05,orders,earned,-1000.00\n');
    const table = cli('simulate', file, '--data', DIR);
    expect(table).toMatch(/Rep +Earned +Paid +Clawed back +Held/);
    expect(table).toContain('Reversals: clawed back 400.00 on 1 deal');
    expect(table).toContain('cancelled before payment 600.00 on 1 deal');
    const deal = cli('explain', file, '--data', DIR, '--deal', 'D1');
    expect(deal).toContain('ann · "orders" 2026 · booking: −400.00 clawed back 2026-05-01 (the 2026 line)');
  });
});
