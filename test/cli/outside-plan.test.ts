/**
 * Deals that meet the credit rule but are dated outside the plan period credit no one in the plan;
 * the table report says how many, before and after the period, and names the first few, so a deal
 * won a year off (or typed a year off) does not vanish from the report without a word.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smallScheme } from '../helpers/small-scheme.js';
import { TIMEOUT, playbook, removeTempDirs, simulateOutputValidator, tempDir } from './helpers.js';

/** A plan for 2017 paying 10% on the year's credit (test/helpers/small-scheme.ts). */
const PLAYBOOK = smallScheme({ rate: '10%' });

/**
 * D1 and D5 are won in 2017; D2 (2018-01-05) and D6 (2018-02-01) are won after the plan year and
 * D3 (2016-12-31) before it; D4 is lost in 2018, so it meets no credit rule and is not counted.
 */
const DEALS = ['id,rep,stage,close_date,amount', 'D1,Anna,Won,2017-03-10,1000', 'D2,Anna,Won,2018-01-05,2000', 'D3,Ben,Won,2016-12-31,500', 'D4,Ben,Lost,2018-05-01,700', 'D5,Ben,Won,2017-06-01,300', 'D6,Ben,Won,2018-02-01,50'];

/** `playbook simulate` of the plan over reps Anna and Ben and the deal lines `rows` (header first), with `args` after it. */
function simulateDeals(rows: readonly string[], ...args: string[]) {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.playbook'), PLAYBOOK);
  writeFileSync(join(dir, 'reps.csv'), 'rep\nAnna\nBen\n');
  writeFileSync(join(dir, 'deals.csv'), `${rows.join('\n')}\n`);
  return playbook('simulate', join(dir, 'p.playbook'), '--data', dir, ...args);
}

describe('deals dated outside the plan period', () => {
  afterAll(removeTempDirs);

  it(
    'the report counts them under its input, before and after the plan year, with their ids and dates',
    () => {
      const run = simulateDeals(DEALS);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = run.stdout.split('\n');
      const input = lines.indexOf('Input');
      expect(lines.slice(input, input + 6)).toEqual([
        'Input',
        '  deals (deals.csv): 6 rows read, 6 used, 0 rejected',
        '  reps (reps.csv): 2 rows read, 2 used, 0 rejected',
        '  3 deals meet the credit rule but are dated outside plan period 2017 (2017-01-01 … 2017-12-31), so',
        '      they credit no one in this plan: 1 before it starts (D3 on 2016-12-31); 2 after it ends (D2 on',
        '      2018-01-05, D6 on 2018-02-01)',
      ]);
      // Only D1 and D5 are credited: 1,300 × 10% = 130.00.
      expect(run.stdout).toContain('Cost of sales: 130.00 paid on 1,300.00 credited = 10.00%');
    },
    TIMEOUT,
  );

  it(
    'the JSON report has the same count in notes (valid against its schema); none when there is nothing to note',
    () => {
      const run = simulateDeals(DEALS, '--format', 'json');
      expect(run.status).toBe(0);
      const doc = JSON.parse(run.stdout) as { notes?: string[]; warnings: string[] };
      const validate = simulateOutputValidator();
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      expect(doc.notes).toEqual([
        '3 deals meet the credit rule but are dated outside plan period 2017 (2017-01-01 … 2017-12-31), so they credit no one in this plan: 1 before it starts (D3 on 2016-12-31); 2 after it ends (D2 on 2018-01-05, D6 on 2018-02-01)',
      ]);
      expect(doc.warnings).toEqual([]);
      const clean = JSON.parse(simulateDeals([DEALS[0], DEALS[1], DEALS[5]], '--format', 'json').stdout) as { notes?: string[] };
      expect(clean.notes).toBeUndefined();
    },
    TIMEOUT,
  );

  it(
    'no line when every deal that meets the credit rule is in the plan period',
    () => {
      const run = simulateDeals([DEALS[0], DEALS[1], DEALS[4], DEALS[5]]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('  deals (deals.csv): 3 rows read, 3 used, 0 rejected');
      expect(run.stdout).not.toContain('outside plan period');
    },
    TIMEOUT,
  );

  it(
    'more than three on one side: the first three named, then …',
    () => {
      const early = ['E1', 'E2', 'E3', 'E4', 'E5'].map((id, k) => `${id},Anna,Won,2016-0${k + 1}-15,10`);
      const run = simulateDeals([DEALS[0], DEALS[1], ...early]);
      expect(run.status).toBe(0);
      expect(run.stdout.replace(/\n {6}/g, ' ')).toContain(
        '5 deals meet the credit rule but are dated outside plan period 2017 (2017-01-01 … 2017-12-31), so they credit no one in this plan: 5 before it starts (E1 on 2016-01-15, E2 on 2016-02-15, E3 on 2016-03-15, …)',
      );
    },
    TIMEOUT,
  );
});
