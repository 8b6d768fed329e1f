/**
 * Issue 10: each entry of `evaluation.deals` is a view over the run's columns (runtime/deal-view.ts).
 * Its fields, its order (by id) and its plain object are what the assembled objects were.
 */
import { describe, expect, it } from 'vitest';
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
});
