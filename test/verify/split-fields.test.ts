/**
 * "No gain from splitting" splits every additive field of the deal (every money
 * field of the deals table), so that a bonus on profit sees each half's share of
 * the profit and no false failure is reported; the parts add up to the whole exactly.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { verify } from '../../src/simulate/verify/index.js';
import { additiveFields, splitDeal } from '../../src/simulate/verify/split-deal.js';
import { verifyPlaybook } from './playbook.js';

const WITH_PROFIT = verifyPlaybook('', {
  dealFields: '  field profit money column "profit" optional\n  field cost money column "cost"\n  field units number column "units"\n',
});

function compiled(rules: string) {
  const c = compilePlaybookSource('p.playbook', WITH_PROFIT + rules);
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return c.graph!;
}

describe('verify: no gain from splitting, on every money field', () => {
  it('the fields split are the deals table\'s money fields (the credited amount among them), not numbers, dates or text', () => {
    expect(additiveFields(compiled(''))).toEqual(['amount', 'profit', 'cost']);
  });

  it('a bonus on profit: no false failure (before, each half kept the whole profit and was paid it twice)', () => {
    const graph = compiled('bonus "profit share" per deal pay profit × 10%\n');
    const split = verify(graph, { seed: 7, runs: 300, samples: null }).find((r) => r.property === 'split')!;
    expect(split.status).toBe('holds');
    expect(split.statement).toBe('a deal split in two (its amount, profit and cost shared between the parts) never pays its rep more than the whole deal');
  });

  it('a bonus on a margin derived from amount and cost: no false failure either', () => {
    const graph = compiled('bonus "margin share" per deal pay (amount - cost) × 10%\n');
    expect(verify(graph, { seed: 7, runs: 300, samples: null }).find((r) => r.property === 'split')!.status).toBe('holds');
  });

  it('the parts add up to the whole exactly, in the currency\'s minor unit; missing values stay missing; other fields are copied', () => {
    const deal = { id: 'D', rep: 'R1', amount: new Decimal('1000.05'), profit: null, cost: new Decimal('333.33'), units: new Decimal(7) };
    for (const tenths of [1, 3, 7, 9]) {
      const [a, b] = splitDeal(deal, ['amount', 'profit', 'cost'], tenths, 2);
      for (const f of ['amount', 'cost'] as const) {
        const [x, y] = [a[f] as Decimal, b[f] as Decimal];
        expect(x.plus(y).eq(deal[f]), `${f} at ${tenths}/10`).toBe(true);
        expect(x.decimalPlaces()).toBeLessThanOrEqual(2);
      }
      expect([a.profit, b.profit]).toEqual([null, null]);
      expect([a.units, b.units, a.rep, b.rep]).toEqual([deal.units, deal.units, 'R1', 'R1']);
    }
    // 3/10 of 1,000.05 is 300.015: the first part is 300.01 (toward zero), the second the exact rest.
    const [a, b] = splitDeal(deal, ['amount'], 3, 2);
    expect([String(a.amount), String(b.amount)]).toEqual(['300.01', '700.04']);
    // No minor unit (JPY): whole units.
    const [j1, j2] = splitDeal({ amount: new Decimal(1001) }, ['amount'], 5, 0);
    expect([String(j1.amount), String(j2.amount)]).toEqual(['500', '501']);
  });
});
