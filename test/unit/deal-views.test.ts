/**
 * Issue 10: each entry of `evaluation.deals` is a view over the run's columns (runtime/deal-view.ts).
 * Its fields, its order (by id) and its plain object are what the assembled objects were.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePlaybookFile } from '../../src/index.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';
import { edit } from '../diagnostics/helpers.js';
import { tempFolders } from '../data/temp.js';

const folder = tempFolders();

// Ids out of order in the file (D10 sorts before D2 as text), one deal lost, one open.
const deals = ['id,rep,stage,closed,amount', 'D2,ann,Won,2017-03-02,200.50', 'D10,bob,Won,2017-03-10,1000', 'D1,ann,Lost,2017-03-01,100', 'D3,bob,Engaging,2017-03-03,300'].join('\n');

function run() {
  const compiled = compilePlaybookSource('views.playbook', edit());
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return simulate(compiled.graph!, 'views.playbook', folder({ 'reps.csv': 'name\nann\nbob\n', 'deals.csv': deals }));
}

describe('deal views', () => {
  it('come sorted by id as text, each reading its own row', () => {
    const e = run().evaluation;
    expect(e.deals.map((d) => d.id)).toEqual(['D1', 'D10', 'D2', 'D3']);
    // Source lines: the header is line 1, D2 line 2, D10 line 3, D1 line 4, D3 line 5.
    expect(e.deals.map((d) => d.line)).toEqual([4, 3, 2, 5]);
    expect(e.deals.map((d) => d.stage)).toEqual(['lost', 'won', 'won', 'open']);
    expect(e.deals.map((d) => d.rep)).toEqual(['ann', 'bob', 'ann', 'bob']);
    expect(e.deals.map((d) => d.amount?.toFixed(2))).toEqual(['100.00', '1000.00', '200.50', '300.00']);
    expect(e.deals.map((d) => d.date)).toEqual(['2017-03-01', '2017-03-10', '2017-03-02', '2017-03-03']);
  });

  it('give the same value on every read, and their plain object to JSON', () => {
    const d10 = run().evaluation.deals[1];
    expect(d10.amount).not.toBe(d10.amount); // a new Decimal each read…
    expect(d10.amount!.eq(d10.amount!)).toBe(true); // …of the same value
    const plain = JSON.parse(JSON.stringify(d10));
    expect(Object.keys(plain)).toEqual(['id', 'rep', 'account', 'stage', 'amount', 'date', 'credited', 'blockedCredit', 'creditPeriod', 'redlines', 'line', 'relationship']);
    expect(plain).toMatchObject({ id: 'D10', rep: 'bob', stage: 'won', amount: '1000', date: '2017-03-10', line: 3, redlines: [], relationship: null });
  });

  it('name the red lines a deal tripped, and give each deal its own relationship when read in turn', () => {
    const file = 'playbooks/key-account.playbook';
    const sim = simulate(compilePlaybookFile(file).graph!, file, 'examples/key-account');
    const deals = sim.evaluation.deals;
    // The won deals under 20% gross margin, worked out from the CSV itself (amount and cost in columns 8 and 9).
    const [, ...lines] = readFileSync('examples/key-account/deals.csv', 'utf8').trim().split('\n');
    const underFloor = lines.map((l) => l.split(',')).filter((c) => c[4] === 'Won' && (Number(c[7]) - Number(c[8])) / Number(c[7]) < 0.2).map((c) => c[0]);
    expect(underFloor.length).toBeGreaterThan(0);
    expect(deals.filter((d) => d.redlines.includes('margin floor')).map((d) => d.id).sort()).toEqual(underFloor.sort());
    expect(deals.filter((d) => d.redlines.length === 0).length).toBeGreaterThan(deals.length / 2);
    // Two scored deals with different scores, read alternately: each read is of its own deal.
    const scored = deals.filter((d) => d.relationship?.score);
    const a = scored[0];
    const b = scored.find((d) => !d.relationship!.score!.eq(a.relationship!.score!))!;
    const [scoreA, tierA, scoreB, tierB] = [a.relationship!.score!.toString(), a.relationship!.tier, b.relationship!.score!.toString(), b.relationship!.tier];
    for (let i = 0; i < 3; i++) {
      expect([a.relationship!.score!.toString(), b.relationship!.score!.toString(), a.relationship!.tier, b.relationship!.tier]).toEqual([scoreA, scoreB, tierA, tierB]);
    }
    expect(JSON.parse(JSON.stringify(a)).relationship.score).toBe(scoreA);
  });
});
