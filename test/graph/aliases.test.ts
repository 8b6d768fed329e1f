/** Aliases survive compiling into the rule graph, whatever their text (even `__proto__`), and apply to the data. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleGraphSchema } from '../../src/graph/nodes.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';
import { smallScheme } from '../helpers/small-scheme.js';

const SCHEME = smallScheme({ name: 'Aliases', rate: '10%', stage: false, repExtra: 'alias "__proto__" = "bob" alias "constructor" = "ann"' });

describe('aliases in the rule graph', () => {
  it('keeps __proto__ and constructor as aliases through JSON and the zod schema, and credits the right reps', () => {
    const graph = compilePlaybookSource('scheme.playbook', SCHEME).graph!;
    const rep = RuleGraphSchema.parse(JSON.parse(JSON.stringify(graph))).tables.find((t) => t.name === 'deals')!.fields.find((f) => f.name === 'rep')!;
    expect(rep.aliases).toEqual([{ from: '__proto__', to: 'bob' }, { from: 'constructor', to: 'ann' }]);
    const dir = mkdtempSync(join(tmpdir(), 'aliases-'));
    writeFileSync(join(dir, 'reps.csv'), 'rep\nann\nbob\n');
    writeFileSync(join(dir, 'deals.csv'), 'id,rep,close_date,amount\nD1,__proto__,2017-01-05,100\nD2,constructor,2017-02-05,50\n');
    const reps = simulate(graph, 'scheme.playbook', dir).evaluation.reps;
    // __proto__ → bob: 100 credited, 10.00; constructor → ann: 50 credited, 5.00.
    expect(reps.map((r) => [r.rep, r.credited.toFixed(2), r.payout.toFixed(2)])).toEqual([
      ['ann', '50.00', '5.00'],
      ['bob', '100.00', '10.00'],
    ]);
  });
});
