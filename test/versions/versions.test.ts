/**
 * Plan versions end to end: `explain` names the version each line used; `simulate`,
 * `explain` and `compare` replay under one version with `--under-version`; a day no
 * version covers is a usage error (exit 2). Expected amounts are worked by hand in the
 * conformance folders' expected.json (versions-mid-year-rate-change: 2% until 30 June,
 * 3% from 1 July; r1 books 15,000 before and 20,000 after the change).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReplayError, underVersion } from '../../src/graph/replay.js';
import { explain } from '../../src/simulate/explain/index.js';
import { formatExplanationText } from '../../src/simulate/explain/format.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { loadData } from '../../src/simulate/simulate.js';
import { ROOT, TIMEOUT, playbook } from '../cli/helpers.js';

const DIR = 'test/conformance/versions-mid-year-rate-change';
const FILE = `${DIR}/scheme.playbook`;
const graph = compilePlaybookSource(FILE, readFileSync(join(ROOT, FILE), 'utf8')).graph!;

describe('explain names the version behind each line', () => {
  it('r1’s commission: 2% × 15,000 under the first version, 3% × 20,000 under the second', () => {
    const { dataset } = loadData(graph, join(ROOT, DIR));
    const text = formatExplanationText(explain(graph, dataset.tables, { rep: 'r1' }), 2);
    expect(text).toContain('version from 2026-01-01 until 2026-06-30 (2 deals, 15,000.00 credited, 0.00 to 15,000.00 of the year\'s credit): marginal: 2% × 15,000.00');
    expect(text).toContain('version from 2026-07-01 (1 deal, 20,000.00 credited, 15,000.00 to 35,000.00 of the year\'s credit): marginal: 3% × 20,000.00');
    expect(text).toMatch(/version from 2026-01-01 until 2026-06-30: band 0\.00 and above at 2% +300\.00/);
    expect(text).toMatch(/version from 2026-07-01: band 0\.00 and above at 3% +600\.00/);
  });
});

describe('replaying under one version', () => {
  it('underVersion keeps the version in force on the day and says so in the plan name', () => {
    const g = underVersion(graph, '2026-07-01');
    const node = g.nodes.find((n) => n.kind === 'commission')!;
    expect(node.kind === 'commission' && node.versions).toBeUndefined();
    expect(node.kind === 'commission' && node.bands).toEqual([{ from: { kind: 'amount', amount: '0' }, rate: { kind: 'ratio', ratio: '0.03' } }]);
    expect(g.playbook.name).toBe('Conformance: mid-year rate change (replayed under the version in force on 2026-07-01)');
  });
  it('refuses a day no version covers, a day that is not a date, and a playbook without versions', () => {
    expect(() => underVersion(graph, '2025-12-31')).toThrow('no version of commission "commission" is in force on that day (its versions: 2026-01-01 to 2026-06-30, from 2026-07-01)');
    expect(() => underVersion(graph, '2026-02-30')).toThrow(ReplayError);
    const plain = compilePlaybookSource('docs/examples/overview.playbook', readFileSync(join(ROOT, 'docs/examples/overview.playbook'), 'utf8')).graph!;
    expect(() => underVersion(plain, '2026-01-01')).toThrow('the playbook has no plan versions');
  });

  it('simulate --under-version 2026-01-01 pays every deal at 2%: r1 35,000 × 2% = 700.00', { timeout: TIMEOUT }, () => {
    const r = playbook('simulate', FILE, '--data', DIR, '--under-version', '2026-01-01', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.reps.find((x: { rep: string }) => x.rep === 'r1').payout).toBe('700.00');
    // r2: −1,000 × 2% + 333.33 × 2% = −13.3334 → −13.33
    expect(json.reps.find((x: { rep: string }) => x.rep === 'r2').payout).toBe('-13.33');
  });

  it('compare A --under-version: A as written against A replayed; the rule change says which version', { timeout: TIMEOUT }, () => {
    const r = playbook('compare', FILE, '--data', DIR, '--under-version', '2026-01-01', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    const r1 = json.reps.find((x: { rep: string }) => x.rep === 'r1');
    // As written 15,000 × 2% + 20,000 × 3% = 900.00; replayed 35,000 × 2% = 700.00.
    expect([r1.a.payout, r1.b.payout, r1.difference]).toEqual(['900.00', '700.00', '-200.00']);
    expect(JSON.stringify(json)).toContain('every deal paid under the version from 2026-01-01 until 2026-06-30');
  });

  it('a day no version covers is a usage error with exit status 2', { timeout: TIMEOUT }, () => {
    const r = playbook('simulate', FILE, '--data', DIR, '--under-version', '2025-06-30');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: --under-version 2025-06-30: no version of commission "commission" is in force on that day');
    const c = playbook('compare', FILE, '--data', DIR);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('name plan B to compare with, or replay plan A under one of its versions');
  });
});
