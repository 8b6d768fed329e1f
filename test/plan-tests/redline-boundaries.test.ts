/**
 * The Maven plan's deep-discount red line (`won and discount > 20%`, discount = 1 − amount ÷ list
 * price) at its boundaries, through `playbook test` (the fused exact kernel decides these deals):
 * a quotient exactly 0.8 with a list price of three decimals, one a millionth below and above, a
 * zero list price (discount missing: not blocked), negative amounts, an amount whose cents pass
 * 2^53 (the decimals decide it), and an amount of 10 decimals. Each credit is worked out by hand;
 * the build before issue 10's kernel (c1619da) gives the same.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playbook, removeTempDirs, tempDir } from '../cli/helpers.js';

afterAll(removeTempDirs);

const TESTS = `test "deep discount at its boundaries"
  table reps
    sales_agent | manager | regional_office
    Anna        | D       | C
  table products
    product   | sales_price
    GTX Basic | 550.005
    Zero      | 0
  table accounts
    account | revenue
    Acme    | 1,100
  table deals
    opportunity_id | sales_agent | product | account | deal_stage | engage_date | close_date | close_value
    O1             | Anna        | {p}     | Acme    | Won        | 2017-01-02  | 2017-03-01 | {booked}
  expect credited of "Anna" = {credit}
  cases
    p         | booked             | credit
    GTX Basic | 440.004            | 440.004
    GTX Basic | 440.003999         | 0
    GTX Basic | 440.00401          | 440.00401
    Zero      | 100                | 100
    Zero      | -100               | -100
    GTX Basic | -1                 | 0
    GTX Basic | 999999999999999.99 | 999999999999999.99
    GTX Basic | 0.0000000001       | 0
`;

describe('deep-discount red line at its boundaries', () => {
  it('blocks exactly the deals more than 20% below list price', () => {
    const dir = tempDir();
    copyFileSync('playbooks/maven-crm-2017.playbook', join(dir, 'plan.playbook'));
    writeFileSync(join(dir, 'plan.tests.playbook'), TESTS);
    const r = playbook('test', join(dir, 'plan.playbook'));
    expect(r.stdout).not.toMatch(/^FAIL/m);
    expect(r.stdout).toContain('PASS: 8/8');
    expect(r.status).toBe(0);
  });
});
