/**
 * The example mappings for common CRM exports (examples/mappings/): each playbook checks clean and,
 * on its sample files (made up, in the export's shape), pays what its README computes by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';

const ROOT = fileURLToPath(new URL('../../examples/mappings/', import.meta.url));

function run(folder: string, playbook: string) {
  const file = join(ROOT, folder, playbook);
  const compiled = compilePlaybookSource(file, readFileSync(file, 'utf8'));
  expect(compiled.diagnostics).toEqual([]);
  const e = simulate(compiled.graph!, file, join(ROOT, folder)).evaluation;
  return Object.fromEntries(e.reps.map((r) => [r.rep, { credited: r.credited.toFixed(2), payout: r.payout.toFixed(2), lines: r.lines.map((l) => [l.component, l.period, l.amount.toFixed(2)]) }]));
}

describe('example mappings', () => {
  it('Salesforce opportunity report: Closed Won credited on M/D/YYYY close dates; 3% base, doubled above 500,000', () => {
    const reps = run('salesforce', 'opportunities.playbook');
    // Dana: 420,000 + 180,000 = 600,000 → 3% × 600,000 = 18,000 base + (6% − 3%) × 100,000 = 3,000.
    expect(reps['Dana Whitfield']).toEqual({ credited: '600000.00', payout: '21000.00', lines: [['commission', '2024', '18000.00'], ['accelerator', '2024', '3000.00']] });
    // Luis: 95,500 × 3% = 2,865; the Closed Lost deal is not credited.
    expect(reps['Luis Ortega'].payout).toBe('2865.00');
  });
  it('HubSpot deals export: timestamps read in the playbook time zone; a per-quarter marginal table', () => {
    const reps = run('hubspot', 'deals.playbook');
    // Greta: Q1 80,000 → 4% × 50,000 + 6% × 30,000 = 3,800 (the 23:30 deal on 31 March stays in Q1).
    expect(reps['Greta Hansen'].credited).toBe('80000.00');
    expect(reps['Greta Hansen'].lines.filter((l) => l[2] !== '0.00')).toEqual([['commission', '2024-Q1', '3800.00']]);
    // Jonas: Q2 30,000 × 4% = 1,200.
    expect(reps['Jonas Weber'].payout).toBe('1200.00');
  });
});
