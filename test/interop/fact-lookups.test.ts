/**
 * The fact module refuses a record whose lookup key is not in the rows given for that table, even
 * when no fact reads the table (the Maven rules read products, not reps): simulate refuses a deal
 * whose rep is not in reps, so the export must not credit it silently (found by a trial user).
 */
import { describe, expect, it } from 'vitest';
import { exportJsonRulesEngine, factModule } from '../../src/interop/jre/index.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';

const doc = exportJsonRulesEngine(compilePlaybookFile('playbooks/maven-crm-2017.playbook').graph!);
const lookups = { products: [{ name: 'GTX Pro', list_price: '4821' }], reps: [{ name: 'Ann', manager: 'Kim', office: 'Central' }], accounts: [] };
const deal = { id: 'Q1', rep: 'Ann', product: 'GTX Pro', stage: 'Won', amount: '4800', close_date: '2017-05-01' };

describe('fact module: lookup keys', () => {
  const facts = factModule(doc, 'deals', lookups);
  it('reads a deal whose rep and product are in the rows given', () => {
    expect(facts(deal)).toBeTypeOf('object');
  });
  it('refuses a rep that is not in the reps rows given, though no fact reads reps', () => {
    expect(() => facts({ ...deal, rep: 'Bob' })).toThrow('the deals record: field "rep": "Bob" is not in the reps table');
  });
  it('refuses a product that is not in the products rows (a table the facts read)', () => {
    expect(() => facts({ ...deal, product: 'Ultra' })).toThrow('the deals record: field "product": "Ultra" is not in the products table');
  });
  it('does not check reps when no reps rows are given (nothing to check against)', () => {
    const noReps = factModule(doc, 'deals', { products: lookups.products, accounts: [] });
    expect(() => noReps({ ...deal, rep: 'Bob' })).not.toThrow();
  });
});
