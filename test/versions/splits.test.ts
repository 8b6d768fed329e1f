/**
 * Splits (`credit … split by TABLE`): the parts of a split deal add up exactly to its credit
 * (a fast-check property, both of the splitting rule and of whole runs), the remainder rule
 * (the largest share takes what is left), and the run stopping on shares that do not add up
 * to 100%, naming the deal, the split file and its lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDatasetTexts } from '../../src/data/index.js';
import { Decimal } from '../../src/runtime/decimal.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import { splitAmount } from '../../src/runtime/split-amount.js';
import { SplitSharesError } from '../../src/runtime/splits.js';
import type { TableLike } from '../../src/runtime/values.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';

const FIXTURE = fileURLToPath(new URL('../conformance/splits-three-way-uneven/', import.meta.url));
const SCHEME = readFileSync(join(FIXTURE, 'scheme.playbook'), 'utf8');
const graph = compilePlaybookSource('scheme.playbook', SCHEME).graph!;

/** Runs the three-way-split scheme over CSV texts given per file name. */
function run(files: Record<string, string>) {
  const data = loadDatasetTexts(graph.tables, (schema) => files[schema.file], { timeZone: 'UTC' });
  expect(data.rejected).toEqual([]);
  return evaluate(graph, data.tables as unknown as Map<string, TableLike>);
}

/** Shares in hundredths of a percent (basis points) that add up to 100%: n − 1 cut points in 1 … 9,999. */
const sharesArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: 0, maxLength: 5 })
  .map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
    return points.slice(1).map((p, k) => p - points[k]);
  });
const centsArb = fc.integer({ min: -10_000_000, max: 10_000_000 });
const ratio = (bp: number) => new Decimal(bp).div(10_000);

describe('splitAmount: the largest share takes the remainder', () => {
  it('1,000.01 split 30% / 30% / 40% is 300.00, 300.00, 400.01 (hand-computed)', () => {
    expect(splitAmount(new Decimal('1000.01'), [ratio(3000), ratio(3000), ratio(4000)], '0.01').map((d) => d.toFixed(2))).toEqual(['300.00', '300.00', '400.01']);
  });
  it('100.00 split in thirds 33.33% / 33.34% / 33.33%: the middle (largest) share takes 33.34', () => {
    expect(splitAmount(new Decimal('100'), [ratio(3333), ratio(3334), ratio(3333)], '0.01').map((d) => d.toFixed(2))).toEqual(['33.33', '33.34', '33.33']);
  });
  it('equal largest shares: the first listed takes the remainder (0.05 split 50/50: the second is 0.025 → 0.03 half-up, the first takes 0.02)', () => {
    expect(splitAmount(new Decimal('0.05'), [ratio(5000), ratio(5000)], '0.01').map((d) => d.toFixed(2))).toEqual(['0.02', '0.03']);
  });
  it('property: the parts add up exactly to the amount, and every part but the largest is amount × share to the nearest cent', () => {
    fc.assert(
      fc.property(centsArb, sharesArb, (cents, bps) => {
        const amount = new Decimal(cents).div(100);
        const shares = bps.map(ratio);
        const parts = splitAmount(amount, shares, '0.01');
        expect(parts.reduce((s, p) => s.plus(p), new Decimal(0)).eq(amount)).toBe(true);
        const largest = shares.findIndex((s) => s.eq(Decimal.max(...shares)));
        parts.forEach((p, k) => {
          expect(p.decimalPlaces()).toBeLessThanOrEqual(2);
          const off = p.minus(amount.mul(shares[k])).abs();
          // The largest share carries the others' rounding: at most half a cent each.
          expect(off.lte(k === largest ? new Decimal('0.005').mul(shares.length - 1).plus('0.000001') : '0.005')).toBe(true);
        });
      }),
      { seed: 20261201, numRuns: 500 },
    );
  });
});

describe('a whole run with a split table', () => {
  it('property: the reps’ credited amounts add up to the deals’ amounts to the cent, whatever the shares', () => {
    const reps = ['r1', 'r2', 'r3'];
    const dealArb = fc.record({ cents: centsArb, owner: fc.constantFrom(...reps), split: fc.option(fc.tuple(sharesArb.filter((s) => s.length <= 3), fc.shuffledSubarray(reps, { minLength: 3, maxLength: 3 })), { nil: null }) });
    fc.assert(
      fc.property(fc.array(dealArb, { minLength: 1, maxLength: 12 }), (deals) => {
        const dealRows = deals.map((d, k) => `D${k},${d.owner},Won,2026-0${1 + (k % 9)}-15,${new Decimal(d.cents).div(100).toFixed(2)}`);
        const splitRows = deals.flatMap((d, k) => (d.split ? d.split[0].map((bp, j) => `D${k},${d.split![1][j]},${new Decimal(bp).div(100).toFixed(2)}%`) : []));
        const evaluation = run({
          'reps.csv': `rep_id\n${reps.join('\n')}\n`,
          'deals.csv': `deal_id,rep_id,stage,close_date,amount\n${dealRows.join('\n')}\n`,
          'splits.csv': `deal_id,rep_id,share\n${splitRows.join('\n')}\n`,
        });
        const total = deals.reduce((s, d) => s.plus(new Decimal(d.cents).div(100)), new Decimal(0));
        const credited = evaluation.reps.reduce((s, r) => s.plus(r.credited), new Decimal(0));
        expect(credited.toFixed(2)).toBe(total.toFixed(2));
        for (const r of evaluation.reps) expect(r.credited.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('a deal whose shares add up to 99.96% stops the run, naming the deal, the split file and its lines', () => {
    const files = {
      'reps.csv': readFileSync(join(FIXTURE, 'reps.csv'), 'utf8'),
      'deals.csv': readFileSync(join(FIXTURE, 'deals.csv'), 'utf8'),
      'splits.csv': readFileSync(join(FIXTURE, 'splits.csv'), 'utf8').replace('D2,r3,33.34%', 'D2,r3,33.3%'),
    };
    expect(() => run(files)).toThrow(SplitSharesError);
    expect(() => run(files)).toThrow('splits.csv:5: the shares of deal D2 add up to 99.96%, not 100% (lines 5, 6, 7)');
  });

  it('shares over 100% are refused too (D1 at 30% + 30% + 50% = 110%)', () => {
    const files = {
      'reps.csv': readFileSync(join(FIXTURE, 'reps.csv'), 'utf8'),
      'deals.csv': readFileSync(join(FIXTURE, 'deals.csv'), 'utf8'),
      'splits.csv': readFileSync(join(FIXTURE, 'splits.csv'), 'utf8').replace('D1,r3,40%', 'D1,r3,50%'),
    };
    expect(() => run(files)).toThrow('splits.csv:2: the shares of deal D1 add up to 110%, not 100% (lines 2, 3, 4)');
  });

  it('a share below 0% or above 100% is refused, even when the shares add up to 100% (D1 at 30% + 80% + −10%)', () => {
    const files = {
      'reps.csv': readFileSync(join(FIXTURE, 'reps.csv'), 'utf8'),
      'deals.csv': readFileSync(join(FIXTURE, 'deals.csv'), 'utf8'),
      // 30% + 80% − 10% = 100%: the total alone would let r3 be charged 10% of the deal.
      'splits.csv': readFileSync(join(FIXTURE, 'splits.csv'), 'utf8').replace('D1,r2,30%', 'D1,r2,80%').replace('D1,r3,40%', 'D1,r3,-10%'),
    };
    expect(() => run(files)).toThrow(SplitSharesError);
    expect(() => run(files)).toThrow('splits.csv:4: deal D1 gives r3 a share of -10%: a share is from 0% to 100%');
    const over = { ...files, 'splits.csv': readFileSync(join(FIXTURE, 'splits.csv'), 'utf8').replace('D1,r1,30%', 'D1,r1,110%').replace('D1,r2,30%', 'D1,r2,-50%').replace('D1,r3,40%', 'D1,r3,40%') };
    expect(() => run(over)).toThrow('splits.csv:2: deal D1 gives r1 a share of 110%: a share is from 0% to 100%');
  });

  it('shares written as fractions (0.3, 0.3, 0.4 read as 0.3% + 0.3% + 0.4% = 1%) are named as such', () => {
    const files = {
      'reps.csv': readFileSync(join(FIXTURE, 'reps.csv'), 'utf8'),
      'deals.csv': readFileSync(join(FIXTURE, 'deals.csv'), 'utf8'),
      'splits.csv': readFileSync(join(FIXTURE, 'splits.csv'), 'utf8').replace('D1,r1,30%', 'D1,r1,0.3').replace('D1,r2,30%', 'D1,r2,0.3').replace('D1,r3,40%', 'D1,r3,0.4'),
    };
    expect(() => run(files)).toThrow('splits.csv:2: the shares of deal D1 add up to 1%, not 100% (lines 2, 3, 4): the shares look written as fractions');
  });

  it('a person listed twice for one deal is refused, even when the shares add up to 100% (a duplicated export row)', () => {
    const files = {
      'reps.csv': readFileSync(join(FIXTURE, 'reps.csv'), 'utf8'),
      'deals.csv': readFileSync(join(FIXTURE, 'deals.csv'), 'utf8'),
      // D1: r1 30%, r1 30%, r3 40% = 100%, but r1 twice and r2 gone.
      'splits.csv': readFileSync(join(FIXTURE, 'splits.csv'), 'utf8').replace('D1,r2,30%', 'D1,r1,30%'),
    };
    expect(() => run(files)).toThrow(SplitSharesError);
    expect(() => run(files)).toThrow('splits.csv:3: deal D1 lists r1 twice (lines 2, 3): the split table has one row per deal and person');
  });
});

describe('a split row left out as a bad row', () => {
  it('is named when its deal\'s shares then fall short, so "50%" is not read against a file that has 50% + 50%', () => {
    const files: Record<string, string> = {
      'reps.csv': readFileSync(join(FIXTURE, 'reps.csv'), 'utf8'),
      'deals.csv': readFileSync(join(FIXTURE, 'deals.csv'), 'utf8'),
      // Line 4 names a person the reps table does not have: rejected, so D1 has 30% + 30% = 60%.
      'splits.csv': readFileSync(join(FIXTURE, 'splits.csv'), 'utf8').replace('D1,r3,40%', 'D1,zz,40%'),
    };
    const data = loadDatasetTexts(graph.tables, (schema) => files[schema.file], { timeZone: 'UTC' });
    expect(data.rejected.map((r) => r.line)).toEqual([4]);
    expect(() => evaluate(graph, data.tables as unknown as Map<string, TableLike>)).toThrow(
      'splits.csv:2: the shares of deal D1 add up to 60%, not 100% (lines 2, 3)\n  1 bad row was left out of splits.csv (line 4): the shares on it are not counted',
    );
  });
});

describe('simulate --format json with a split table', () => {
  it('lists each split deal’s shares and parts (adding up to the deal), and validates against the output schema', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { simulate } = await import('../../src/simulate/simulate.js');
    const { simulationJson } = await import('../../src/simulate/report-json.js');
    const json = simulationJson(simulate(graph, 'scheme.playbook', FIXTURE)) as { deals: { id: string; splits?: unknown }[] };
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/simulate-output.schema.json', import.meta.url)), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // 1,000.01 split 30% / 30% / 40%: 300.00 + 300.00 + 400.01 (the largest share takes the cent).
    expect(json.deals.find((d) => d.id === 'D1')!.splits).toEqual([
      { rep: 'r1', share: '0.3', amount: '300.00' },
      { rep: 'r2', share: '0.3', amount: '300.00' },
      { rep: 'r3', share: '0.4', amount: '400.01' },
    ]);
    expect(json.deals.find((d) => d.id === 'D3')!).not.toHaveProperty('splits');
  });
});

describe('simulate table with a split table', () => {
  it('counts each credited deal once in the Total row (D1 and D2 split three ways, D3 not: 3 deals, not 2 + 2 + 3 = 7)', async () => {
    const { simulate } = await import('../../src/simulate/simulate.js');
    const { formatTable } = await import('../../src/simulate/report-table.js');
    const table = formatTable(simulate(graph, 'scheme.playbook', FIXTURE), { wide: false });
    expect(table).toMatch(/^r3 +3 +2,433\.35 /m); // r3 has a part of D1, D2 and D3
    expect(table).toMatch(/^Total +3 +3,100\.01 /m); // 1,000.01 + 100.00 + 2,000.00
  });
});
