/**
 * The credit node's amounts kept as minor units (issue 10): every deal's amount read back
 * (`amountOf`, `amounts`, `amountFor`) is the credit rule's amount — including a negative zero,
 * a fraction of a cent and an amount past 2^53 cents, kept aside as Decimals — and each rep's
 * credited total is the Decimal sum of its deals' amounts, computed here separately from the data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { loadData } from '../../src/simulate/simulate.js';
import { runGraph } from '../../src/runtime/engine.js';
import type { CreditResult } from '../../src/runtime/nodes/credit.js';
import { smallScheme } from '../helpers/small-scheme.js';

const AMOUNTS = ['1234.50', '-0', '0.005', '999999999999999.99', '-250.10', '0', '9999999999999.99', '7'];

function creditOf(rule: (scheme: string) => string): CreditResult {
  const dir = mkdtempSync(join(tmpdir(), 'credit-units-'));
  writeFileSync(join(dir, 'reps.csv'), 'rep\nAda\nBo\n');
  writeFileSync(join(dir, 'deals.csv'), `id,rep,stage,close_date,amount\n${AMOUNTS.map((a, k) => `D${k},${k % 2 ? 'Bo' : 'Ada'},Won,2017-0${1 + (k % 9)}-15,${a}`).join('\n')}\n`);
  const { graph } = compilePlaybookSource('small.playbook', rule(smallScheme()));
  const { dataset } = loadData(graph!, dir);
  return runGraph(graph!, dataset.tables).results.get('credit') as CreditResult;
}

/** Each read of deal k's amount: as the credit node answers it for itself, the run's summary and a rep. */
const reads = (credit: CreditResult, k: number) => [credit.amountOf!(k), credit.amounts[k], credit.amountFor(k % 2, k)];
const units = (credit: CreditResult) => [...credit.amountUnits!].map((u) => (Number.isNaN(u) ? 'aside' : Object.is(u, -0) ? '-0' : u));

describe('credit amounts in minor units', () => {
  it('reads back each deal’s amount as the rule gave it (the data’s -0 is read as 0)', () => {
    const credit = creditOf((x) => x);
    AMOUNTS.forEach((a, k) => {
      const expected = new Decimal(a === '-0' ? '0' : a);
      for (const read of reads(credit, k)) expect([read!.toString(), read!.isNegative()]).toEqual([expected.toString(), expected.isNegative()]);
    });
    // Whole cents in the typed array; the half cent and the amount past 2^53 cents aside.
    expect(units(credit)).toEqual([123450, 0, 'aside', 'aside', -25010, 0, 999999999999999, 700]);
  });

  it('keeps a negative zero the rule makes (0 × −1) aside, with its sign', () => {
    const credit = creditOf((x) => x.replace('amount amount', 'amount amount * -1'));
    AMOUNTS.forEach((a, k) => {
      // The data's -0 is read as 0, and 0 × −1 is −0.
      const expected = new Decimal(a === '-0' ? '0' : a).neg();
      for (const read of reads(credit, k)) expect([read!.toString(), read!.isNegative()]).toEqual([expected.toString(), expected.isNegative()]);
    });
    expect([1, 5].map((k) => credit.amountOf!(k)!.isNegative())).toEqual([true, true]);
    expect(units(credit)).toEqual([-123450, 'aside', 'aside', 'aside', 25010, 'aside', -999999999999999, -700]);
  });

  it('totals each rep’s credited deals exactly, as a Decimal sum of the data’s amounts', () => {
    const credit = creditOf((x) => x);
    // Ada: D0, D2, D4, D6 = 1234.50 + 0.005 − 250.10 + 9,999,999,999,999.99 (hand-added)
    expect(credit.repCredited[0].toString()).toBe('10000000000984.395');
    // Bo: D1, D3, D5, D7 = 0 + 999,999,999,999,999.99 (past 2^53 cents) + 0 + 7
    expect(credit.repCredited[1].toString()).toBe('1000000000000006.99');
    expect(credit.repDealsCredited).toEqual([4, 4]);
  });
});
