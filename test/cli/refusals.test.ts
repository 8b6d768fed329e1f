/** Requests that would give a misleading answer are refused with a plain message (exit 2), not answered. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, ROOT, playbook, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('refused rather than misleading', () => {
  it('a data file given where the playbook goes (the arguments swapped): one line, not a screenful of syntax errors', () => {
    for (const args of [['simulate', `${EXAMPLE_DATA}/deals.csv`, '--data', EXAMPLE_DATA], ['check', `${EXAMPLE_DATA}/deals.csv`]]) {
      const r = playbook(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: ${EXAMPLE_DATA}/deals.csv: this is a data file (CSV), not a playbook; give the .playbook file first and the folder of data files with --data (playbook simulate plan.playbook --data FOLDER)\n`);
    }
  });
  it('compare of plans in two currencies', () => {
    const dir = tempDir();
    const eur = join(dir, 'eur.playbook');
    writeFileSync(eur, readFileSync(join(ROOT, KEY_ACCOUNT), 'utf8').replace('currency CNY', 'currency EUR'));
    const r = playbook('compare', KEY_ACCOUNT, eur, '--data', EXAMPLE_DATA);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: plan A pays in CNY and plan B in EUR: the two cannot be compared amount for amount; write both plans in one currency');
  });
  it('backtest --format html with --by or --train-until (the page shows the in-sample tiers only)', () => {
    const r = playbook('backtest', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--format', 'html', '--by', 'sector');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: --format html shows the tiers over all deals; for --by use --format table or json');
  });
  it('compile --out with the name of a file the playbook reads', () => {
    const dir = tempDir();
    const out = join(dir, 'deals.csv');
    writeFileSync(out, 'the real export\n');
    const r = playbook('compile', KEY_ACCOUNT, '--target', 'json-schema', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('has the name of deals.csv, the file this playbook reads for table deals: writing there could replace that export; choose another name');
    expect(readFileSync(out, 'utf8')).toBe('the real export\n');
  });
});

describe('test and fmt over a folder', () => {
  it('test: a broken tests file is named and the others still run (exit 2)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.playbook'), readFileSync(join(ROOT, KEY_ACCOUNT), 'utf8'));
    writeFileSync(join(dir, 'plan.tests.playbook'), readFileSync(join(ROOT, 'playbooks/key-account.tests.playbook'), 'utf8').replace(/^plan .*$/m, 'plan "plan.playbook"'));
    writeFileSync(join(dir, 'z.tests.playbook'), 'plan "plan.playbook"\n\ntest "broken"\n  expect foo bar\n');
    const r = playbook('test', dir);
    expect(r.status).toBe(2);
    // Named with the expectation's line (4), read with the file.
    expect(r.stderr).toMatch(/error: .*z\.tests\.playbook:4: cannot read "expect foo bar"; write one of: /);
    expect(r.stdout).toMatch(/PASS: \d+\/\d+/);
  });
  it('fmt skips tests files instead of calling them broken', () => {
    const r = playbook('fmt', '--check', 'playbooks/key-account.tests.playbook', KEY_ACCOUNT);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('playbooks/key-account.tests.playbook: skipped: fmt lays out plans');
  });
});

describe('compare --min-group', () => {
  it('withholds the median and quartiles (each is one rep\'s pay) in the table and the JSON', () => {
    const table = playbook('compare', KEY_ACCOUNT, 'playbooks/key-account-proposal.playbook', '--data', EXAMPLE_DATA, '--min-group', '5');
    expect(table.status).toBe(0);
    expect(table.stdout).not.toContain('Median payout');
    expect(table.stdout).toContain("the median and quartiles, each one rep's pay, are withheld");
    const json = JSON.parse(playbook('compare', KEY_ACCOUNT, 'playbooks/key-account-proposal.playbook', '--data', EXAMPLE_DATA, '--min-group', '5', '--format', 'json').stdout);
    expect([json.totals.a.median, json.totals.b.q1]).toEqual([null, null]);
  });
});

describe('small things a user trial found', () => {
  it('score --drop without --history is refused rather than ignored', () => {
    const r = playbook('score', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--account', 'A012', '--drop', '3');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--drop goes with --history');
  });
  it("compare's HTML shows the change of cost of sales and of the top 10% share in points, as the text does", () => {
    const args = ['compare', KEY_ACCOUNT, 'playbooks/key-account-proposal.playbook', '--data', EXAMPLE_DATA];
    const text = playbook(...args).stdout;
    const html = playbook(...args, '--format', 'html').stdout;
    const cos = /Cost of sales\s+\S+\s+\S+\s+(\S+ pts)/.exec(text)![1];
    expect(html).toContain(`>${cos}<`);
  });
});
