/** The semantic diff of two rule graphs, on small playbooks written for it. */
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/graph/driver.js';
import { diffGraphs } from '../../src/simulate/compare/graph-diff.js';

const base = `playbook "T"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2025
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text column "name" key

table deals from "deals.csv"
  field id     text  column "id" key
  field rep    text  column "rep" lookup reps
  field stage  text  column "stage"
  field close  date "YYYY-MM-DD" column "close"
  field amount money column "amount"
  won when stage = "Won"

credit "bookings" deals when won to rep on close amount amount

red line "big" on deals
  when won and amount > 1,000,000
  block credit
  message "Too big"

commission "commission" on credited per year marginal
  base rate 2%
  from 0       pay base
  from 100,000 pay 2 × base
  report excess over base as "accelerator"

bonus "kicker" per deal
  when amount > 50,000
  pay 500

ranking "ranking" per month by credited
  population all reps
  ties by name ascending
  top 30% reward 200
`;

function graph(text: string) {
  const r = compilePlaybookSource('t.playbook', text);
  if (!r.graph) throw new Error(JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error')));
  return r.graph;
}

describe('diffGraphs', () => {
  it('finds nothing between a playbook and itself with comments and order changed', () => {
    const moved = base.replace('bonus "kicker" per deal\n  when amount > 50,000\n  pay 500\n', '') + '\n# the kicker, moved\nbonus "kicker" per deal\n  when amount > 50,000\n  pay 500\n';
    expect(diffGraphs(graph(base), graph(moved))).toEqual([]);
  });

  it('names each change in the playbook’s words, with the components it acts on', () => {
    const b = base
      .replace('amount > 1,000,000', 'amount > 500,000')
      .replace('from 100,000 pay 2 × base', 'from 100,000 pay 5%\n  from 200,000 pay 3 × base')
      .replace('pay 500', 'pay 750')
      .replace('top 30% reward 200', 'top 20% reward 200');
    const changes = diffGraphs(graph(base), graph(b)).map((c) => ({ text: `${c.rule}: ${c.what}`, components: c.components }));
    expect(changes).toEqual([
      { text: 'red line "big": when won and amount > 500000 (was won and amount > 1000000)', components: 'credit' },
      { text: 'commission "commission": from 100,000 pays 5% (was 2 × base)', components: ['commission', 'accelerator'] },
      { text: 'commission "commission": new band: from 200,000 pay 3 × base', components: ['commission', 'accelerator'] },
      { text: 'bonus "kicker": pays 750 (was 500)', components: ['kicker'] },
      { text: 'ranking "ranking": top 20% reward 200 (was 30% reward 200)', components: ['ranking'] },
    ]);
  });

  it('reports rules added and removed', () => {
    const b = base.replace('bonus "kicker" per deal\n  when amount > 50,000\n  pay 500\n', 'bonus "welcome" per rep\n  pay 100\n');
    expect(diffGraphs(graph(base), graph(b)).map((c) => `${c.rule}: ${c.what}`)).toEqual(['bonus "welcome": new in B', 'bonus "kicker": removed in B']);
  });
});
