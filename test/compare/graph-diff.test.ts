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

describe('plan versions', () => {
  const versioned = (secondRate: string, secondQuota: string) => `playbook "V"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name   text  column "name" key
  field target money column "target"

table deals from "deals.csv"
  field id     text  column "id" key
  field rep    text  column "rep" lookup reps
  field stage  text  column "stage"
  field close  date "YYYY-MM-DD" column "close"
  field amount money column "amount"
  won when stage = "Won"

credit deals when won to rep on close amount amount

quota floor = target per year effective from "2026-01-01" until "2026-06-30" split evenly by month
quota floor = ${secondQuota} per year effective from "2026-07-01" split evenly by month

commission "commission" on credited per year marginal
  effective from "2026-01-01" until "2026-06-30"
  base rate 2%
  from 0             pay base
  from 100% of floor pay 2 × base

commission "commission" on credited per year marginal
  effective from "2026-07-01"
  base rate ${secondRate}
  from 0             pay base
  from 100% of floor pay 2 × base
`;
  const graphOf = (src: string) => compilePlaybookSource('v.playbook', src).graph!;

  it('a change in a later version (the base rate from 1 July) is reported with its version, not "the same rules"', () => {
    const changes = diffGraphs(graphOf(versioned('2.5%', 'target × 1.2')), graphOf(versioned('3%', 'target × 1.2')));
    expect(changes.map((c) => `${c.rule}: ${c.what}`)).toEqual(['commission "commission": version from 2026-07-01: base rate 3% (was 2.5%)']);
  });

  it('a change in a later version of a quota is reported with its version', () => {
    const changes = diffGraphs(graphOf(versioned('2.5%', 'target × 1.2')), graphOf(versioned('2.5%', 'target × 1.5')));
    expect(changes.map((c) => `${c.rule}: ${c.what}`)).toEqual(['quota "floor": version from 2026-07-01: amount target × 1.5 (was target × 1.2)']);
  });

  it("a quota replayed under one version says where every month's part comes from (not 'versions one for the whole plan period')", async () => {
    const { underVersion } = await import('../../src/graph/replay.js');
    const a = graphOf(versioned('2.5%', 'target × 1.2'));
    const changes = diffGraphs(a, underVersion(a, '2026-01-01'));
    expect(changes.map((c) => `${c.rule}: ${c.what}`)).toEqual([
      'quota "floor": every month\'s part taken from the version from 2026-01-01 until 2026-06-30 (as written, each month\'s part comes from the version in force on its first day: from 2026-01-01 until 2026-06-30; from 2026-07-01)',
      'commission "commission": every deal paid under the version from 2026-01-01 until 2026-06-30 (as written, each deal is paid under the version in force on its credit date: from 2026-01-01 until 2026-06-30; from 2026-07-01)',
    ]);
  });
});
