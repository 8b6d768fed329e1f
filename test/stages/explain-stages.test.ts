/**
 * `explain` over commission paid in stages: under a staged line, each deal's part of each stage
 * with its fate (paid when, or held why), adding up to the line; for a month, the rep's statement
 * with the parts behind each figure. Values from test/conformance/stages-held-and-completion,
 * computed by hand in its expected.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import { type ExplainNode, explain } from '../../src/simulate/explain/index.js';
import { inconsistencies } from '../../src/simulate/explain/tree.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';

const DIR = fileURLToPath(new URL('../conformance/stages-held-and-completion/', import.meta.url));
const file = join(DIR, 'scheme.playbook');
const graph = compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!;

function tree(period?: string): ExplainNode {
  const tables = loadDataset(graph.tables, DIR, { timeZone: 'UTC' }).tables;
  const e = explain(graph, tables, { rep: 'cy', ...(period ? { period } : {}) });
  if (e.kind !== 'rep') throw new Error('expected a rep explanation');
  return e.tree;
}

const find = (n: ExplainNode, pick: (x: ExplainNode) => boolean): ExplainNode | undefined => (pick(n) ? n : n.children.map((c) => find(c, pick)).find((x) => x !== undefined));

describe('explain: commission paid in stages', () => {
  it('shows every part of the staged line, paid or held, adding up to the line', () => {
    const root = tree();
    expect(inconsistencies(root)).toEqual([]);
    const staged = find(root, (x) => x.label.startsWith('paid in stages'))!;
    expect(staged.label).toBe('paid in stages, to the end of the data (2026-10-15): 1,900.00 paid, 1,100.00 held');
    expect(staged.amount).toBe('3000');
    expect(staged.children).toHaveLength(10);
    expect(staged.children.map((c) => c.label)).toContain('deal C2 · cash collected: held: cash not yet collected: 0.00 of 10,000.00 collected');
    expect(staged.children.map((c) => c.label)).toContain('deal C1 · booking: paid 2026-02-11, 10 days after its trigger (2026-02-01)');
  });
  it('for a month, shows the statement with the parts behind payable and paid', () => {
    const root = tree('2026-10');
    const line = find(root, (x) => x.label.startsWith('orders: earned'))!;
    expect(line.label).toBe("orders: earned 0.00, payable 1,040.00, paid 640.00, held at the month's end 1,100.00");
    const paid = line.children.find((c) => c.label === 'paid')!;
    expect(paid.amount).toBe('640');
    expect(paid.children.map((c) => c.amount)).toEqual(['240', '400']);
  });
  it('says "1 day" for a part paid the day after its trigger, not "1 days"', () => {
    // stages-pay-calendars: A3 is booked on Thursday 2026-12-31; the next business day is Friday 2027-01-01.
    const dir = fileURLToPath(new URL('../conformance/stages-pay-calendars/', import.meta.url));
    const f = join(dir, 'scheme.playbook');
    const g = compilePlaybookSource(f, readFileSync(f, 'utf8')).graph!;
    const e = explain(g, loadDataset(g.tables, dir, { timeZone: 'UTC' }).tables, { rep: 'ann' });
    if (e.kind !== 'rep') throw new Error('expected a rep explanation');
    const labels = (n: ExplainNode): string[] => [n.label, ...n.children.flatMap(labels)];
    const next = find(e.tree, (x) => x.label.startsWith('next day'))!;
    expect(labels(next)).toContain('deal A3 · booking: paid 2027-01-01, 1 day after its trigger (2026-12-31)');
    expect(labels(next)).toContain('deal A1 · booking: paid 2026-02-02, 2 days after its trigger (2026-01-31)');
  });
});

describe('explain --period: a statement month after the plan period', () => {
  const dir = fileURLToPath(new URL('../conformance/stages-pay-calendars/', import.meta.url));
  const f = join(dir, 'scheme.playbook');
  const g = compilePlaybookSource(f, readFileSync(f, 'utf8')).graph!;
  const tables = () => loadDataset(g.tables, dir, { timeZone: 'UTC' }).tables;
  it('explains January 2027 of a 2026 plan, when staged commission is paid', () => {
    // stages-pay-calendars, "monthly" (50% at booking, 50% with cash, paid on the 5th): A2 booked
    // 2026-12-05 and A3 booked 2026-12-31, each booking half 50.00, both paid 2027-01-05; their
    // cash halves (A2 collected 2027-01-20, payable 2027-02-05; A3 never collected) are held: 100.00.
    const e = explain(g, tables(), { rep: 'ann', period: '2027-01' });
    if (e.kind !== 'rep') throw new Error('expected a rep explanation');
    const line = find(e.tree, (x) => x.label.startsWith('monthly: earned'))!;
    expect(line.label).toBe("monthly: earned 0.00, payable 100.00, paid 100.00, held at the month's end 100.00");
    expect(line.children.find((c) => c.label === 'paid')!.children.map((c) => c.amount)).toEqual(['50', '50']);
  });
  it('refuses a month with no statement, listing the months there are', () => {
    expect(() => explain(g, tables(), { rep: 'ann', period: '2027-03' })).toThrow('"2027-03" is not a period of the plan: use the plan period 2026, a quarter 2026-Q1 … 2026-Q4 or a month 2026-01 … 2026-12, or a month with statements (2026-01 … 2027-01)');
  });
});
