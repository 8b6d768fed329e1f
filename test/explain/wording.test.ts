/**
 * Wording found by a user trial: the explain heading agrees with its subject ("all components …
 * were computed", one component "was computed"), and the cost-of-sales sentence says "nothing
 * credited" instead of a ratio over zero.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { formatExplanationText } from '../../src/simulate/explain/format.js';
import { node } from '../../src/simulate/explain/tree.js';
import { costOfSalesLine } from '../../src/simulate/report-table.js';

const heading = (label: string) =>
  formatExplanationText({ kind: 'rep', playbook: 'Plan', currency: 'CNY', rep: 'R13', tree: node(label, new Decimal(0), true) }, 2).split('\n')[0];

describe('explain heading', () => {
  it('all components of a rep in a period "were computed"', () => {
    expect(heading('all components of R13 in 2026-01')).toBe('Plan — how all components of R13 in 2026-01 were computed (amounts in CNY)');
  });
  it('one component, or the payout, "was computed"', () => {
    expect(heading('orders commission of R13 in 2026-01')).toBe('Plan — how orders commission of R13 in 2026-01 was computed (amounts in CNY)');
    expect(heading('payout of R13 for 2026')).toBe('Plan — how payout of R13 for 2026 was computed (amounts in CNY)');
  });
});

describe('cost of sales sentence', () => {
  it('gives payout over credited as a percent (1,200 / 60,000 = 2.00%)', () => {
    expect(costOfSalesLine(new Decimal('1200'), new Decimal('60000'), 2)).toBe('Cost of sales: 1,200.00 paid on 60,000.00 credited = 2.00%');
  });
  it('says "nothing credited" when nothing was credited, whatever was paid', () => {
    expect(costOfSalesLine(new Decimal(0), new Decimal(0), 2)).toBe('Cost of sales: 0.00 paid, nothing credited');
    expect(costOfSalesLine(new Decimal('500'), new Decimal(0), 2)).toBe('Cost of sales: 500.00 paid, nothing credited');
  });
});
