/**
 * `report excess over base`: the base line and the excess line, band by band, for every band
 * shape (docs/language.md). Values and wording computed by hand.
 */
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../src/graph/nodes.js';
import { commissionAmounts, resolveBands } from '../../src/runtime/commission.js';
import { Decimal } from '../../src/runtime/decimal.js';

type CommissionNode = Extract<GraphNode, { kind: 'commission' }>;

const table = (method: 'marginal' | 'retroactive'): CommissionNode => ({
  id: 'commission:c',
  inputs: ['credit'],
  source: { file: 'x.playbook', line: 1, column: 1, name: 'c' },
  kind: 'commission',
  name: 'commission',
  period: 'year',
  method,
  baseRate: '0.02',
  // from 100,000 pay 1%; from 200,000 pay 3 × base
  bands: [
    { from: { kind: 'amount', amount: '100000' }, rate: { kind: 'ratio', ratio: '0.01' } },
    { from: { kind: 'amount', amount: '200000' }, rate: { kind: 'multiple', factor: '3' } },
  ],
  excessName: 'accelerator',
});

function lines(method: 'marginal' | 'retroactive', credited: string) {
  const node = table(method);
  const { bands } = resolveBands(node, new Map());
  return commissionAmounts(node, new Decimal(credited), bands, 2).lines.map((l) => [l.component, l.amount.toFixed(2), l.explain]);
}

describe('excess over base, band by band', () => {
  it('a band paying less than base counts at its own rate on the base line and nothing on the excess line', () => {
    expect(lines('marginal', '250000')).toEqual([
      ['commission', '2000.00', 'base rate 2% on the credited amount inside the bands: 1% × 100,000.00 + 2% × 50,000.00'],
      ['accelerator', '2000.00', 'marginal, above the base rate: (6% − 2%) × 50,000.00'],
    ]);
  });
  it('credit below a first band that starts above 0 earns nothing on either line, and the excess is never negative', () => {
    expect(lines('marginal', '50000')).toEqual([
      ['commission', '0.00', 'base rate 2% on the credited amount inside the bands: nothing: 50,000.00 credited is below the first band'],
      ['accelerator', '0.00', 'marginal, above the base rate: nothing above the base rate'],
    ]);
  });
  it('retroactive: the whole amount at the reached rate, split the same way', () => {
    // 250,000 reaches the 6% band: 15,000 in all = 250,000 × 2% + 250,000 × 4%.
    expect(lines('retroactive', '250000')).toEqual([
      ['commission', '5000.00', 'base rate 2% × 250,000.00 credited'],
      ['accelerator', '10000.00', 'retroactive, above the base rate: (6% − 2%) × 250,000.00'],
    ]);
    // 150,000 reaches the 1% band only: 1,500 on the base line, nothing above base.
    expect(lines('retroactive', '150000')).toEqual([
      ['commission', '1500.00', 'base rate 2% on the credited amount inside the bands: 1% × 150,000.00'],
      ['accelerator', '0.00', 'retroactive, above the base rate: nothing above the base rate'],
    ]);
  });
});
