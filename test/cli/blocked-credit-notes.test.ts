/**
 * A "block credit" red line measured on the amount (a discount, 1 − amount ÷ list) reads a credit
 * note's negative amount as a discount above 100% and blocks it: the credit note then takes nothing
 * off the rep's credited total and no commission is clawed back. simulate says so, by red line, with
 * the deals and their rows, in both back ends; the fix it proposes gives the clawback.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smallScheme } from '../helpers/small-scheme.js';
import { TIMEOUT, playbook, removeTempDirs, tempDir } from './helpers.js';

/** A 2017 plan paying 10% marginal from 0 (test/helpers/small-scheme.ts), with a list price and a deep-discount red line written as `condition`. */
const plan = (condition: string) =>
  smallScheme({
    name: 'Credit notes',
    rate: '10%',
    dealLines: '  field list       money column "list"\n  derive discount = 1 - amount / list\n',
    rules: `red line "deep-discount" on deals\n  when ${condition}\n  block credit\n\n`,
  });

/**
 * D1 is sold at list; D2 (−400 against a list of 500: "discount" 180%) and D4 (−100 against 200:
 * 150%) are credit notes; D3 is a real 30% discount. Rows 3 and 5 of the file hold D2 and D4.
 */
const DEALS = 'id,rep,stage,close_date,amount,list\nD1,Anna,Won,2017-03-10,1000,1000\nD2,Anna,Won,2017-04-01,-400,500\nD3,Ben,Won,2017-05-01,700,1000\nD4,Ben,Won,2017-06-01,-100,200\n';

function simulate(condition: string, ...args: string[]) {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.playbook'), plan(condition));
  writeFileSync(join(dir, 'reps.csv'), 'rep\nAnna\nBen\n');
  writeFileSync(join(dir, 'deals.csv'), DEALS);
  const run = playbook('simulate', join(dir, 'p.playbook'), '--data', dir, '--format', 'json', ...args);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as { warnings: string[]; totals: { credited: string; payout: string } };
}

const WARNING =
  'red line "deep-discount" blocked the credit of 2 deals with a negative amount (credit notes or refunds, -500.00 in all), ' +
  "so they take nothing off anyone's credited total and no commission is clawed back: D2 (deals.csv:3, -400.00), D4 (deals.csv:5, -100.00). " +
  'If these are credit notes, add "and amount > 0" to the red line\'s condition.';

describe('credit notes stopped by a "block credit" red line', () => {
  afterAll(removeTempDirs);

  for (const engine of ['javascript', 'duckdb']) {
    it(
      `are named in a warning, with their total and rows (${engine})`,
      () => {
        const doc = simulate('won and discount > 20%', '--engine', engine);
        expect(doc.warnings).toEqual([WARNING]);
        // Only D1 is credited: 1,000 × 10%.
        expect([doc.totals.credited, doc.totals.payout]).toEqual(['1000.00', '100.00']);
      },
      TIMEOUT,
    );
  }

  it(
    'the proposed condition lets them claw back, and the warning goes',
    () => {
      const doc = simulate('won and amount > 0 and discount > 20%');
      expect(doc.warnings).toEqual([]);
      // Credited: 1,000 − 400 − 100 = 500 (D3 still blocked); 10% of each rep's total: Anna 60, Ben −10.
      expect([doc.totals.credited, doc.totals.payout]).toEqual(['500.00', '50.00']);
    },
    TIMEOUT,
  );

  it(
    'a red line written to block credit notes (its condition asks for an amount below 0) does what it says: no warning',
    () => {
      for (const condition of ['won and amount < 0 and discount > 20%', 'won and (0 > amount or discount > 20%)', 'won and amount <= 0 and discount >= 0%']) {
        const doc = simulate(condition);
        expect(doc.warnings, condition).toEqual([]);
      }
    },
    TIMEOUT,
  );

  it(
    'a blocked deal with a positive amount is no credit note: no warning',
    () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'p.playbook'), plan('won and discount > 20%'));
      writeFileSync(join(dir, 'reps.csv'), 'rep\nAnna\nBen\n');
      writeFileSync(join(dir, 'deals.csv'), DEALS.split('\n').filter((l) => !l.includes(',-')).join('\n'));
      const doc = JSON.parse(playbook('simulate', join(dir, 'p.playbook'), '--data', dir, '--format', 'json').stdout) as { warnings: string[] };
      expect(doc.warnings).toEqual([]);
    },
    TIMEOUT,
  );
});
