/**
 * Credit is never rounded, so the JSON prints deal amounts and credited totals exactly:
 * the deals of a rep add up to the rep's credited amount, even with sub-cent amounts in the data.
 * Sums of deal amounts elsewhere (a red line's amount in simulate's and audit's JSON) are exact too.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playbook, removeTempDirs, tempDir } from './helpers.js';
import { smallScheme } from '../helpers/small-scheme.js';

afterAll(removeTempDirs);

const SCHEME = smallScheme({ name: 'Sub-cent amounts', rate: '10%', stage: false });

describe('per-deal amounts in the JSON', () => {
  it('add up exactly to the credited total', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'scheme.playbook'), SCHEME);
    writeFileSync(join(dir, 'reps.csv'), 'rep\nann\n');
    writeFileSync(join(dir, 'deals.csv'), 'id,rep,close_date,amount\nD1,ann,2017-01-05,100.005\nD2,ann,2017-02-05,200.005\nD3,ann,2017-03-05,0.5\n');
    const r = playbook('simulate', join(dir, 'scheme.playbook'), '--data', dir, '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    // 100.005 + 200.005 + 0.5 = 300.51 exactly; rounding each deal to cents would give 100.01 + 200.01 + 0.50 = 300.52.
    expect(doc.deals.map((d: { amount: string }) => d.amount)).toEqual(['100.005', '200.005', '0.50']);
    expect(doc.reps[0].credited).toBe('300.51');
    expect(doc.totals.credited).toBe('300.51');
    // The payout line is rounded by the playbook's rule: 10% × 300.51 = 30.051 → 30.05.
    expect(doc.reps[0].payout).toBe('30.05');
  });

  it('are summed exactly in a red line\'s amount, in simulate and in audit', () => {
    const dir = tempDir();
    const rules = 'red line "large" on deals\n  when amount > 150\n  review\n  message "Large deal"\n\n';
    writeFileSync(join(dir, 'scheme.playbook'), smallScheme({ name: 'Sub-cent amounts', rate: '10%', stage: false, rules }));
    writeFileSync(join(dir, 'reps.csv'), 'rep\nann\n');
    writeFileSync(join(dir, 'deals.csv'), 'id,rep,close_date,amount\nD1,ann,2017-01-05,100.005\nD2,ann,2017-02-05,200.004\nD3,ann,2017-03-05,300.003\n');
    const sim = playbook('simulate', join(dir, 'scheme.playbook'), '--data', dir, '--format', 'json');
    expect(sim.status, sim.stderr).toBe(0);
    // D2 and D3 are above 150: 200.004 + 300.003 = 500.007 exactly (rounded to cents, 500.01).
    expect(JSON.parse(sim.stdout).redlines).toEqual([{ id: 'large', effect: 'review', message: 'Large deal', deals: 2, amount: '500.007' }]);
    const audit = playbook('audit', join(dir, 'scheme.playbook'), '--data', dir, '--format', 'json');
    expect(audit.status, audit.stderr).toBe(0);
    const doc = JSON.parse(audit.stdout);
    expect(doc.redlines[0]).toMatchObject({ id: 'large', violations: 2, amount: '500.007' });
    expect(doc.records.map((r: { deal: string; amount: string }) => [r.deal, r.amount])).toEqual([['D2', '200.004'], ['D3', '300.003']]);
  });
});
