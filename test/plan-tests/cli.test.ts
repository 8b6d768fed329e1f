/**
 * `playbook test`: the reference playbooks' own tests pass, and a deliberately broken
 * expectation fails with expected and actual values, the expectation's line and the trace.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playbook, removeTempDirs, tempDir } from '../cli/helpers.js';

afterAll(removeTempDirs);

describe('playbook test', () => {
  it('passes the tests written beside both reference playbooks', () => {
    const r = playbook('test', 'playbooks');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^PASS: domain\.md §3: target 10,000,000, booked 15,000,000/m);
    expect(r.stdout).not.toMatch(/^FAIL/m);
    // table-driven cases are reported one by one
    expect(r.stdout).toContain('[case 2: booked=25,000,000, cost=19,500,000, base=500,000, excess=400,000]');
  });

  it('fails a broken expectation with expected, actual, its line and how the value was computed', () => {
    const dir = tempDir();
    copyFileSync('playbooks/key-account.playbook', join(dir, 'plan.playbook'));
    // domain.md §3 says 400,000 in all; claim the base line alone is 400,000.
    const tests = readFileSync('playbooks/key-account.tests.playbook', 'utf8').replace('expect line "orders commission" of R1 = 300,000', 'expect line "orders commission" of R1 = 400,000');
    writeFileSync(join(dir, 'plan.tests.playbook'), tests);
    const line = tests.split('\n').findIndex((l) => l.includes('of R1 = 400,000')) + 1;
    const r = playbook('test', join(dir, 'plan.playbook'), '--run', '§3');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL: domain\.md §3/m);
    expect(r.stdout).toContain(`plan.tests.playbook:${line}: expect line "orders commission" of R1 = 400,000`);
    expect(r.stdout).toContain('expected: 400,000.00');
    expect(r.stdout).toContain('actual:   300,000.00');
    expect(r.stdout).toContain('how the actual value was computed:');
    // the trace names the rule in the plan and the deal row behind the number
    expect(r.stdout).toMatch(/orders commission[\s\S]*15,000,000\.00/);
    expect(r.stdout).toMatch(/deals\.csv:2/);
    expect(r.stdout).toMatch(/PASS: 0\/1 {3}FAIL: 1\/1/);
  });

  it('a misspelt component in an expectation: no such line, and the one meant', () => {
    const dir = tempDir();
    copyFileSync('playbooks/key-account.playbook', join(dir, 'plan.playbook'));
    const tests = readFileSync('playbooks/key-account.tests.playbook', 'utf8').replace('expect line "orders commission" of R1 = 300,000', 'expect line "orders comission" of R1 = 300,000');
    writeFileSync(join(dir, 'plan.tests.playbook'), tests);
    const r = playbook('test', join(dir, 'plan.playbook'), '--run', '§3');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('actual:   no "orders comission" line (did you mean "orders commission"?)');
  });

  it('--coverage lists the parts of the scheme the tests never reached', () => {
    // The margin-share test books 1,000,000 against a floor of 10,000,000: only the first band is
    // reached, and the margin-share bonus is paid; the strategic bonus never is (account not strategic).
    const r = playbook('test', 'playbooks/key-account.playbook', '--run', 'margin share', '--coverage');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('never reached: commission "orders commission" band from 100% of floor');
    expect(r.stderr).toContain('never reached: bonus "strategic breakthrough" paid');
    expect(r.stderr).not.toContain('never reached: commission "orders commission" band from 0');
    expect(r.stderr).not.toContain('never reached: bonus "margin share" paid');
    // all the key-account tests together reach every band, bonus, red line, ranking band and tier
    expect(playbook('test', 'playbooks/key-account.playbook', '--coverage').stderr).toMatch(/coverage of playbooks\/key-account\.playbook by its tests: (\d+) of \1 parts/);
  });

  it('writes JSON and JUnit, and fails when no test matches', () => {
    const json = JSON.parse(playbook('test', 'playbooks/maven-crm-2017.playbook', '--format', 'json').stdout) as { passed: number; failed: number };
    expect(json.failed).toBe(0);
    expect(json.passed).toBe(3 + 4);
    const junit = playbook('test', 'playbooks', '--run', 'deep discount', '--format', 'junit');
    expect(junit.stdout).toContain('<testsuite name="playbooks/maven-crm-2017.tests.playbook" tests="1" failures="0">');
    const over = playbook('test', 'playbooks', '--out', 'playbooks/key-account.tests.playbook');
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('writing there would replace it');
    const none = playbook('test', 'playbooks', '--run', 'no such test');
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no tests found');
  });
});
